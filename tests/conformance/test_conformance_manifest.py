"""`conformance --manifest FILE`: static descriptions held against the running reference server.

The files under fixtures/servers/declared/ describe the reference server: `matching/` exactly
(no finding), `mismatched/` with one planted mismatch per check, each named below.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from validator.conformance.areas.manifest_files import ManifestError, read
from validator.conformance.render import FORMATS, render

from . import refserver

DECLARED = refserver.ROOT / "fixtures" / "servers" / "declared"
MATCHING, MISMATCHED = DECLARED / "matching", DECLARED / "mismatched"
SCENARIOS = ["manifest-*"]


def _run(*manifests, url=None, **kw):
    paths = [str(m) for m in manifests]
    if url:
        return refserver.run(url=url, spec_version="auto", scenarios=SCENARIOS, manifests=paths, timeout=3.0, **kw)
    return refserver.run(command=refserver.command(), spec_version="auto", scenarios=SCENARIOS, manifests=paths,
                         timeout=3.0, **kw)


def _by_id(report) -> dict:
    out: dict = {}
    for result in report.checks:
        assert result.check.id not in out, f"{result.check.id} reported twice"
        out[result.check.id] = result
    return out


def test_matching_files_have_no_finding():
    report = _run(MATCHING / "manifest.json", MATCHING / "server.json")
    assert report.fatal is None and not report.harness_errors
    results = _by_id(report)
    expected = {f"manifest-mcpb-{t}" for t in ("tools-served", "tools-declared", "prompts-served", "prompts-declared",
                                                "name", "version", "transport")}
    expected |= {f"manifest-server-json-{t}" for t in ("name", "version", "transport")}
    assert set(results) == expected
    assert {r.status for r in results.values()} == {"pass"}, [(r.check.id, r.message) for r in results.values()]
    assert {r.protocol_version for r in results.values()} == {"2025-11-25"}  # compared on the newest revision
    assert report.exit_code() == 0


def test_matching_card_over_streamable_http():
    with refserver.http_server() as base:
        report = _run(MATCHING / "server-card.json", url=base + "/mcp")
    results = _by_id(report)
    assert set(results) == {"manifest-server-card-name", "manifest-server-card-version", "manifest-server-card-transport"}
    assert {r.status for r in results.values()} == {"pass"}, [(r.check.id, r.message) for r in results.values()]


# check id → a text the finding must contain (the planted mismatch)
PLANTED = {
    "manifest-mcpb-tools-served": "'get_weather'",
    "manifest-mcpb-tools-declared": "'echo'",
    "manifest-mcpb-prompts-served": "'daily_digest'",
    "manifest-mcpb-prompts-declared": "'with-note'",
    "manifest-mcpb-name": "'weather-tools'",
    "manifest-mcpb-version": "2.0.0",
    "manifest-server-json-name": "'io.github.acme/weather'",
    "manifest-server-json-version": "0.9.0",
    "manifest-server-json-transport": "declares streamable-http, and this run used stdio",
}


def test_each_planted_mismatch_is_flagged():
    report = _run(MISMATCHED / "manifest.json", MISMATCHED / "server.json")
    assert report.fatal is None and not report.harness_errors
    results = _by_id(report)
    for check_id, planted in PLANTED.items():
        assert results[check_id].status == "warn", (check_id, results[check_id].message)
        assert planted in results[check_id].message, (check_id, results[check_id].message)
        assert results[check_id].level == "derived"
    # only the planted ones: the bundle's transport (stdio) is right
    assert results["manifest-mcpb-transport"].status == "pass"
    served = results["manifest-mcpb-tools-served"].details["declared_not_served"]
    assert served == {str(MISMATCHED / "manifest.json"): ["get_weather"]}


def test_a_declared_remote_of_another_type_is_flagged(tmp_path):
    with refserver.http_server() as base:
        card = json.loads((MATCHING / "server-card.json").read_text())
        card["remotes"] = [{"type": "sse", "url": base + "/mcp"}]
        (tmp_path / "server-card.json").write_text(json.dumps(card))
        report = _run(tmp_path / "server-card.json", url=base + "/mcp")
    result = _by_id(report)["manifest-server-card-transport"]
    assert result.status == "warn" and "as sse, but it answered this run over streamable-http" in result.message


def test_generated_flags_allow_more_than_listed(tmp_path):
    bundle = json.loads((MATCHING / "manifest.json").read_text())
    bundle["tools"], bundle["tools_generated"] = bundle["tools"][:2], True
    bundle.pop("prompts")
    (tmp_path / "manifest.json").write_text(json.dumps(bundle))
    results = _by_id(_run(tmp_path / "manifest.json"))
    assert results["manifest-mcpb-tools-declared"].status == "pass"
    assert "tools_generated" in results["manifest-mcpb-tools-declared"].message
    assert results["manifest-mcpb-tools-served"].status == "pass"
    assert {results[f"manifest-mcpb-prompts-{d}"].status for d in ("served", "declared")} == {"skip"}


def test_findings_appear_in_every_output_format():
    report = _run(MISMATCHED / "manifest.json")
    for fmt in FORMATS:
        text = render(report, fmt, verbose=True)
        assert "manifest-mcpb-tools-served" in text, fmt
        assert "get_weather" in text, fmt


def test_names_compare_loosely():
    from validator.conformance.areas.manifest import _same_server

    assert _same_server("io.github.acme/weather", "weather-mcp-server")
    assert _same_server("@acme/mcp-server-weather", "Weather")
    assert _same_server("agentconform-reference", "agentconform-reference")
    assert not _same_server("io.github.acme/weather", "agentconform-reference")
    assert not _same_server("mcp-server", "weather")


@pytest.mark.parametrize("content,why", [
    ('{"a": 1}', "not an MCPB manifest.json, a registry server.json or a server card"),
    ('{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", "name": ',
     "cannot read this registry server.json"),
])
def test_an_unusable_file_is_a_usage_error(tmp_path, content, why):
    path = tmp_path / "server.json"
    path.write_text(content)
    with pytest.raises(ManifestError, match=why):
        read(str(path))
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--manifest", str(path), "--",
                           *refserver.command()], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and why in done.stderr and "Traceback" not in done.stderr
    missing = subprocess.run([sys.executable, "-m", "validator", "conformance", "--manifest", str(tmp_path / "none.json"),
                              "--", *refserver.command()], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_readers_are_the_standards_own():
    """A file is recognised as `agentconform check` recognises it: a card is not a server.json."""
    assert read(str(MATCHING / "server-card.json")).kind == "mcp-server-card"
    assert read(str(MATCHING / "server.json")).kind == "server-json"
    bundle = read(str(MATCHING / "manifest.json"))
    assert bundle.kind == "mcpb-manifest" and bundle.transports == ("stdio",) and len(bundle.tools or ()) == 9


def test_the_config_table_names_manifests(tmp_path):
    """`manifest = [...]` in [tool.agentconform.conformance] works like --manifest, with --fail-on warn's exit."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "agentconform.toml").write_text(
        "[conformance]\n" f"command = {json.dumps(refserver.command())}\n" 'scenario = ["manifest-*"]\n'
        f'manifest = [{json.dumps(str(MISMATCHED / "manifest.json"))}]\n' 'format = "json"\n' 'fail-on = "warn"\n')
    done = subprocess.run([sys.executable, "-m", "validator", "conformance"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    flagged = {c["id"] for c in json.loads(done.stdout)["checks"] if c["status"] == "warn"}
    assert flagged == {f"manifest-mcpb-{t}" for t in ("tools-served", "tools-declared", "prompts-served",
                                                      "prompts-declared", "name", "version")}
