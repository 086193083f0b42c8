"""2026-07-28: the modern reference server passes every modern check over stdio and Streamable
HTTP, each of its faults is flagged, and era detection classifies modern, dual and legacy servers."""

from __future__ import annotations

import contextlib
import json
import sys

import pytest

from validator.conformance.areas import all_checks
from validator.conformance.protocol.revisions import MODERN_REVISIONS

from . import refserver
from .modern_cases import CASES, STDIO

MODERN_SERVER = refserver.ROOT / "fixtures" / "servers" / "modern_server.py"
_CLEAN: dict = {}


def command(*faults: str) -> list[str]:
    return [sys.executable, str(MODERN_SERVER), *[arg for f in faults for arg in ("--fault", f)]]


@contextlib.contextmanager
def http_server(*faults: str):
    with refserver.listening(command(*faults) + ["--http", "--port", "0"], "modern server") as url:
        yield url


def run(faults=(), transport=STDIO, scenarios=(), spec_version="auto"):
    if transport == STDIO:
        return refserver.run(command=command(*faults), spec_version=spec_version, scenarios=scenarios, timeout=3.0)
    with http_server(*faults) as url:
        return refserver.run(url=url, spec_version=spec_version, scenarios=scenarios, timeout=3.0)


def clean(transport: str):
    if transport not in _CLEAN:
        _CLEAN[transport] = run(transport=transport)
    return _CLEAN[transport]


def modern_check_ids() -> set[str]:
    return {c.id for c in all_checks() if set(c.revisions) <= set(MODERN_REVISIONS)}


@pytest.mark.parametrize("transport", ["stdio", "streamable-http"])
def test_modern_reference_is_clean(transport):
    report = clean(transport)
    assert report.fatal is None, report.fatal
    assert report.era == "modern" and report.protocol_versions == ["2026-07-28"]
    assert report.target["transport"] == transport  # over HTTP, found by `auto` although initialize gets a 400
    bad = [(r.check.id, r.status, r.message) for r in report.checks if r.status != "pass"]
    assert not bad
    assert {r.protocol_version for r in report.checks} == {"2026-07-28"}
    assert report.server.get("name") == "agentconform-modern-reference"
    assert report.exit_code() == 0 and not report.harness_errors


def test_every_modern_check_passes_on_the_clean_server():
    passed = {r.check.id for t in ("stdio", "streamable-http") for r in clean(t).checks if r.status == "pass"}
    assert modern_check_ids() - passed == set()


@pytest.mark.parametrize("fault,check,expected,transport,scenarios", CASES, ids=[f"{c[1]}-{c[3]}" for c in CASES])
def test_modern_fault_is_flagged(fault, check, expected, transport, scenarios):
    report = run((fault,), transport, scenarios)
    assert report.fatal is None, report.fatal
    got = refserver.statuses(report, check)
    assert expected in got, f"{check} with fault {fault}: {got} — " + "; ".join(
        r.message for r in report.checks if r.check.id == check)
    assert not report.harness_errors


RUN_LEVEL = {"exit-on-missing-meta",  # proven by test_crash_on_a_probe_is_one_failure
             "initialize-header-400",  # by test_auto_finds_a_modern_server_whose_initialize_gets_400
             "body-version-32020"}  # by test_missing_meta_refused_as_a_header_mismatch_passes


def test_auto_finds_a_modern_server_whose_initialize_gets_400():
    """The issue's case: a legacy initialize POST gets HTTP 400 with a JSON-RPC error carrying its id;
    `--transport auto` then tries a modern server/discover instead of "no MCP transport answered"."""
    report = run(("initialize-header-400",), "streamable-http", ["server-stateless"])
    assert report.fatal is None, report.fatal
    assert report.target["transport"] == "streamable-http" and report.era == "modern"
    assert any("server/discover answered 200" in note for note in report.notes), report.notes
    assert refserver.statuses(report, "modern-initialize-names-versions") == {"pass"}


def test_crash_on_a_probe_is_one_failure():
    """The raw _meta probes have a process of their own on stdio: a server that exits on one fails that
    probe's check alone, and the checks after it (on a new probe process) are still evaluated."""
    report = run(("exit-on-missing-meta",))
    assert report.fatal is None, report.fatal
    problems = {(r.check.id, r.status) for r in report.checks if r.status in ("fail", "warn")}
    assert problems == {("sep-2575-request-meta-invalid-missing-meta", "fail")}, problems
    assert refserver.statuses(report, "sep-2575-request-meta-invalid-missing-protocol-version") == {"pass"}
    assert not report.harness_errors


def test_every_modern_fault_is_used_and_every_check_proven():
    sys.path.insert(0, str(MODERN_SERVER.parent))
    import modern_server

    assert {c[0] for c in CASES} | RUN_LEVEL == set(modern_server.FAULTS)
    assert modern_check_ids() - {c[1] for c in CASES} == set()


def test_modern_requested_on_a_modern_server():
    report = run(spec_version="2026-07-28", scenarios=["server-stateless"])
    assert report.fatal is None and report.protocol_versions == ["2026-07-28"]


def test_legacy_requested_on_a_modern_server_is_exit_2():
    report = run(spec_version="2025-11-25")
    assert report.exit_code() == 2 and report.era == "modern" and "2026-07-28" in report.fatal


def test_modern_wire_schema_check():
    """wire-schema-valid holds 2026-07-28 traffic against that revision's models: a result
    without resultType is flagged under the scenario whose traffic carried it."""
    from validator.conformance.protocol import wire_adapter

    report = run(("no-result-type",), scenarios=["modern-tools", "wire"])
    flagged = [r for r in report.checks if r.check.id == "wire-schema-valid" and r.check.scenario == "modern-tools"]
    validate, _why = wire_adapter.load()
    if validate is None:
        assert {r.status for r in flagged} <= {"skip"}
    else:
        assert flagged and flagged[0].status == "fail" and flagged[0].protocol_version == "2026-07-28", flagged


DUAL_STDIO = refserver.ROOT / "fixtures" / "servers" / "dual_stdio_server.py"


def test_dual_stdio_process_pinned_by_its_opening_is_not_failed():
    """A dual-era stdio process that a claim-less request pins to the legacy era (the TypeScript SDK's
    serveStdio): the claim-less probes get a process of their own, so the modern probes after them are
    still answered as modern; a claim-less request refused as legacy traffic is a warning only."""
    report = refserver.run(command=[sys.executable, str(DUAL_STDIO)], spec_version="2026-07-28",
                           scenarios=("server-stateless",), timeout=3.0)
    assert report.fatal is None, report.fatal
    assert report.era == "dual"
    for check in ("sep-2575-request-meta-invalid-missing-client-capabilities", "sep-2575-server-unsupported-version-error",
                  "sep-2575-request-meta-client-info-optional", "modern-log-level-invalid", "modern-retired-methods",
                  "sep-2575-server-implements-discover"):
        assert refserver.statuses(report, check) == {"pass"}, (check, refserver.statuses(report, check))
    for check in ("sep-2575-request-meta-invalid-missing-meta", "sep-2575-request-meta-invalid-missing-protocol-version"):
        assert refserver.statuses(report, check) == {"warn"}, (check, refserver.statuses(report, check))


def test_refused_post_leaves_the_kept_alive_connection_usable():
    """The official suite's DNS-rebinding pair: a POST refused for its Origin (403), then a valid one on the
    same connection. The refused body must be consumed, or it is parsed as the next request (HTTP 501)."""
    import http.client
    from urllib.parse import urlsplit

    discover = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}})
    with http_server() as url:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                   "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "server/discover"}
        statuses = []
        for origin in ("http://evil.example.com", f"http://127.0.0.1:{parts.port}"):
            conn.request("POST", parts.path, body=discover, headers={**headers, "Origin": origin})
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        conn.close()
    assert statuses == [403, 200], statuses


PINNED_STDIO = refserver.ROOT / "fixtures" / "servers" / "pinned_stdio_server.py"


def test_stdio_process_pinned_to_its_first_version_is_not_failed():
    """A stdio server that keeps the first claimed protocolVersion for its process (the C# SDK): the
    probes that read what a request alone gets (no _meta, no protocolVersion, an unknown version) each
    open a process of their own and send it first, so they see the server's per-request answer."""
    report = refserver.run(command=[sys.executable, str(PINNED_STDIO)], spec_version="2026-07-28",
                           scenarios=("server-stateless",), timeout=3.0)
    assert report.fatal is None, report.fatal
    for check in ("sep-2575-request-meta-invalid-missing-meta", "sep-2575-request-meta-invalid-missing-protocol-version",
                  "sep-2575-request-meta-invalid-missing-client-capabilities", "sep-2575-server-unsupported-version-error",
                  "sep-2575-request-meta-client-info-optional", "modern-log-level-invalid", "sep-2575-server-implements-discover"):
        assert refserver.statuses(report, check) == {"pass"}, (check, refserver.statuses(report, check))


def test_missing_meta_refused_as_a_header_mismatch_passes():
    """On HTTP a body without _meta under `MCP-Protocol-Version: 2026-07-28` breaks two MUSTs at once: the
    missing required field (basic#meta: 400 + -32602) and the header the body does not match
    (streamable-http#server-validation: 400 + -32020, the C# SDK's answer). Either refusal passes."""
    report = run(("body-version-32020",), "streamable-http", ["server-stateless"])
    assert report.fatal is None, report.fatal
    for check in ("sep-2575-request-meta-invalid-missing-meta", "sep-2575-request-meta-invalid-missing-protocol-version",
                  "sep-2575-http-server-meta-invalid-400"):
        assert refserver.statuses(report, check) == {"pass"}, (check, refserver.statuses(report, check))


LEGACY_DISCOVER = refserver.ROOT / "fixtures" / "servers" / "legacy_discover_server.py"


def test_a_discover_result_without_the_modern_revision_is_a_legacy_server():
    """Holdout 12 (kubernetes-mcp-server over HTTP): a server/discover result whose supportedVersions names only
    handshake revisions says the server does not speak 2026-07-28; its -32022 for every 2026-07-28 request is then
    right, and the 2026-07-28 suite is not run (it failed ten checks on those refusals)."""
    report = refserver.run(command=[sys.executable, str(LEGACY_DISCOVER)], spec_version="auto", timeout=3.0,
                           scenarios=("server-initialize", "server-stateless"))
    assert report.fatal is None, report.fatal
    assert report.era == "legacy" and "2026-07-28" not in report.protocol_versions, (report.era, report.protocol_versions)
    assert not [r for r in report.results if r.protocol_version == "2026-07-28"]
    modern = refserver.run(command=[sys.executable, str(LEGACY_DISCOVER)], spec_version="2026-07-28", timeout=3.0,
                           scenarios=("server-stateless",))
    assert modern.exit_code() == 2 and "does not speak 2026-07-28" in modern.fatal, modern.fatal
