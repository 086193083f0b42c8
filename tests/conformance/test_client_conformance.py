"""Client conformance is proven: the reference client (mcp SDK) and the clean raw client pass every
scenario; each raw-client defect breaks exactly its check; the CLI keeps the server face's exit
codes, baselines and formats; clients that skip stdio or decline a revision are skipped, not failed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from validator.conformance.clientside.api import run as run_clients
from validator.conformance.clientside.runner import Options
from validator.conformance.clientside.scenarios import all_checks, load_scenarios, select

from .client_cases import CASES

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = [sys.executable, str(ROOT / "fixtures/clients/reference_client.py")]
RAW = [sys.executable, str(ROOT / "fixtures/clients/raw_client.py")]


def run(command, scenarios=(), **options):
    chosen = select(load_scenarios(), list(scenarios), None)
    return run_clients(Options(command=list(command), scenarios=chosen, **options))


def problems(report) -> list[tuple[str, str]]:
    return sorted({(r.check.id, r.status) for r in report.checks if r.status in ("fail", "warn")})


def test_every_client_check_has_a_defect_case():
    proven = {case[1] for case in CASES}
    assert {check.id for check in all_checks()} - proven == set()


def test_client_check_ids_are_unique():
    ids = [check.id for check in all_checks()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("defect,check,status,transport,scenario", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_defect_breaks_exactly_its_check(defect, check, status, transport, scenario):
    revision = "2026-07-28" if scenario in ("request-metadata", "input-required", "subscriptions-listen") \
        or check.startswith("sep-837") else "2025-03-26" if scenario.startswith("auth-2025-03-26") else "2025-11-25"
    report = run([*RAW, "--defect", defect], [scenario], spec_version=revision, transport=transport, timeout=20)
    assert report.fatal is None
    assert problems(report) == [(check, status)], [r.message for r in report.checks if r.status != "pass"]
    assert report.exit_code() == (1 if status == "fail" else 0)


def test_raw_client_clean_passes_every_scenario_on_every_revision():
    report = run(RAW, timeout=20, jobs=2)
    assert report.fatal is None and not report.harness_errors
    assert problems(report) == []
    judged = {(r.check.id, r.protocol_version) for r in report.checks if r.status == "pass"}
    assert {v for _, v in judged} == {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"}
    # skipped only where nothing is to judge: no cancellation sent; no version header before 2025-06-18
    skipped = {(r.check.id, r.protocol_version) for r in report.checks if r.status == "skip"}
    assert {c for c, _ in skipped} <= {"client-cancellation-valid", "client-protocol-version-header"}


def test_reference_client_on_the_mcp_sdk_passes_every_scenario():
    # every scenario, both transports, the newest and the oldest revision (the middle ones run in the raw client's test)
    for revision in ("2026-07-28", "2025-11-25", "2024-11-05"):
        report = run(REFERENCE, spec_version=revision, timeout=30, jobs=2)
        assert report.fatal is None and not report.harness_errors
        assert problems(report) == [], [(r.check.id, r.message) for r in report.checks if r.status in ("fail", "warn")]
        stdio_runs = [c for c in report.connections if c["transport"] == "stdio"]
        assert stdio_runs and all(c["messages_from_client"] > 0 for c in stdio_runs)


def test_a_client_that_declines_a_revision_is_skipped_not_failed():
    report = run([*RAW, "--only-version", "2025-11-25"], ["initialize"], spec_version="2024-11-05", transport="streamable-http")
    assert {r.status for r in report.checks} == {"skip"}
    assert "does not support 2024-11-05" in report.checks[0].message


def test_a_client_that_never_launches_the_stdio_server_is_skipped_there():
    report = run([*RAW, "--http-only"], ["tools_call"], spec_version="2025-11-25")
    by_transport = {r.message.split("]")[0] for r in report.checks}
    assert report.checks[0].status == "pass" and by_transport == {"[streamable-http"}
    stdio_only = run([*RAW, "--http-only"], ["tools_call"], spec_version="2025-11-25", transport="stdio")
    assert stdio_only.checks[0].status == "skip" and "did not launch the stdio server" in stdio_only.checks[0].message


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "validator", "client-conformance", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_cli_exit_codes_baseline_and_json(tmp_path):
    broken = ["--", *RAW, "--defect", "ping-error"]
    base = ["--scenario", "ping", "--spec-version", "2025-11-25", "--transport", "stdio"]
    failing = cli(*base, "--format", "json", *broken)
    assert failing.returncode == 1
    document = json.loads(failing.stdout)
    assert [p["id"] for p in document["problems"]] == ["client-ping-answered"]
    assert document["target"]["face"] == "client" and document["server"]["name"] == "raw-client"
    expected = tmp_path / "baseline.yml"
    expected.write_text("server:\n  - ping\nclient:\n  - ping:client-ping-answered\n")
    assert cli(*base, "--expected-failures", str(expected), *broken).returncode == 0
    stale = cli(*base, "--expected-failures", str(expected), "--", *RAW)
    assert stale.returncode == 1 and "stale" in stale.stdout.lower()


def test_cli_usage_errors_are_one_line_exit_2():
    missing = cli("--scenario", "initialize", "--", "/nonexistent/client")
    assert missing.returncode == 2 and "cannot run" in missing.stderr and "Traceback" not in missing.stderr
    assert cli("--scenario", "no-such-scenario", "--", *RAW).returncode == 2
    assert cli("--scenario", "initialize").returncode == 2
    silent = cli("--scenario", "initialize", "--spec-version", "2025-11-25", "--", sys.executable, "-c", "pass")
    assert silent.returncode == 2 and "sent nothing" in silent.stderr


def test_cli_list_and_fixture_server_help():
    listed = cli("--list")
    assert listed.returncode == 0 and "sse-retry [official]" in listed.stdout
    unknown = subprocess.run([sys.executable, "-m", "validator", "fixture-server", "--scenario", "nope"], capture_output=True,
                             text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert unknown.returncode == 2 and "unknown scenario" in unknown.stderr


def test_a_hanging_client_is_killed_with_its_process_group():
    hang = [sys.executable, "-c", "import subprocess,sys,time; subprocess.Popen([sys.executable,'-c','import time; time.sleep(60)']);"
            " time.sleep(60)"]
    report = run(hang, ["tools_call"], spec_version="2025-11-25", transport="streamable-http", timeout=1.5)
    assert report.connections[0]["timed_out"] is True
    assert report.duration < 10


def test_pytest_entry_for_client_authors(tmp_path):
    harness = " ".join([*RAW, "--defect", "ping-error"])
    (tmp_path / "baseline.yml").write_text("client:\n  - ping:client-ping-answered\n")
    common = ["-m", "pytest", "-p", "no:cacheprovider", "-q", "--mcp-client-command", harness, "--mcp-client-scenario", "ping",
              "--mcp-client-scenario", "tools_call", "--mcp-client-spec-version", "2025-11-25",
              "--mcp-client-transport", "streamable-http"]
    failing = subprocess.run([sys.executable, *common], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert failing.returncode == 1, failing.stdout
    assert "client:ping::client-ping-answered[2025-11-25]" in failing.stdout and "1 failed, 1 passed" in failing.stdout
    baselined = subprocess.run([sys.executable, *common, "--mcp-client-expected-failures", "baseline.yml"], cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
    assert baselined.returncode == 0 and "1 xfailed" in baselined.stdout


def test_docs_name_every_client_check_with_its_requirement_and_level():
    text = (ROOT / "docs/conformance/clients.md").read_text(encoding="utf-8")
    for check in all_checks():
        assert f"`{check.id}`" in text, check.id
        assert check.requirement in text, check.requirement


def test_sigterm_kills_every_client_group_and_exits_143(tmp_path):
    import signal
    import time

    pidfile = tmp_path / "pid"
    hang = [sys.executable, "-c", f"import os,time; open({str(pidfile)!r},'w').write(str(os.getpid())); time.sleep(60)"]
    tool = subprocess.Popen([sys.executable, "-m", "validator", "client-conformance", "--scenario", "tools_call",
                             "--spec-version", "2025-11-25", "--transport", "streamable-http", "--", *hang],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    tool.send_signal(signal.SIGTERM)
    _, stderr = tool.communicate(timeout=30)
    assert tool.returncode == 143 and "interrupted by SIGTERM" in stderr
    time.sleep(0.2)
    stat = Path(f"/proc/{int(pidfile.read_text())}/stat")
    # gone, or a zombie waiting for its new parent to reap it: either way no longer running
    assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_stdio_only_client_is_skipped_over_http():
    stdio_only = [sys.executable, "-c", "import os,sys; os.environ.get('MCP_CONFORMANCE_TRANSPORT') == 'stdio' or sys.exit(3);"
                  f" os.execv(sys.executable, [sys.executable, {str(ROOT / 'fixtures/clients/raw_client.py')!r}])"]
    report = run(stdio_only, ["tools_call"], spec_version="2025-11-25")
    # report.results keeps both transports' results (report.checks collapses them to the worst)
    by_transport = {r.message.split("]")[0]: r.status for r in report.results}
    assert by_transport == {"[stdio": "pass", "[streamable-http": "skip"}


def test_every_report_format_renders_a_client_report():
    from validator.conformance.render import FORMATS, render

    report = run([*RAW, "--defect", "ping-error"], ["ping"], spec_version="2025-11-25", transport="stdio")
    for fmt in FORMATS:
        text = render(report, fmt)
        assert "client-ping-answered" in text, fmt


HOSTILE = """
import os, shlex, subprocess, sys, urllib.request
if os.environ.get("MCP_CONFORMANCE_TRANSPORT") == "stdio":
    server = subprocess.Popen(shlex.split(os.environ["MCP_CONFORMANCE_SERVER_COMMAND"]), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    server.communicate(b"not json\\n\\xff\\xfe{]\\n[1, 2]\\n" + b"x" * 100000 + b"\\n", timeout=20)
else:
    for body, headers in ((b"not json", {}), (b"[]", {}), (b"{}", {"Content-Length": "abc"})):
        try:
            urllib.request.urlopen(urllib.request.Request(sys.argv[-1], body, headers, method="POST"), timeout=5).read()
        except Exception:
            pass
"""


def test_a_hostile_client_gets_verdicts_never_a_traceback():
    done = cli("--scenario", "initialize", "--spec-version", "2025-11-25", "--", sys.executable, "-c", HOSTILE)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "mcp-client-initialization" in done.stdout
