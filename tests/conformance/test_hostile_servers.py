"""`agentconform conformance` against servers that attack the harness (issues 17 and 18).

Every case runs the real CLI in a child process and holds it to the same bar: it ends
within its budget plus 10 s, under 1 GB of peak RSS (the child's own rusage, from
os.wait4), with exit 0, 1 or 2 (128+n for a signal), at most one line on stderr and no
traceback, and no process of the server left behind: every process that inherited the
run's marker environment variable is gone, including descendants that left the group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import refserver

HOSTILE = refserver.ROOT / "fixtures" / "servers" / "hostile"
GB = 1024 * 1024 * 1024


@dataclass
class Outcome:
    code: int
    took: float
    peak_rss: int
    stdout: str
    stderr: str
    marker: str

    @property
    def report(self) -> dict:
        return json.loads(self.stdout)

    def checks(self, check_id: str) -> list[dict]:
        return [c for c in self.report["checks"] if c["id"] == check_id]


def _marked(marker: str) -> list[int]:
    needle = f"AGENTCONFORM_TEST_MARK={marker}".encode()
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            environ = Path(f"/proc/{name}/environ").read_bytes()
            state = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0") and state[state.rfind(b")") + 2:][:1] != b"Z":
            pids.append(int(name))
    return pids


def run_cli(args: list[str], *, budget: float, signal_after: tuple[float, int] | None = None) -> Outcome:
    """Run `agentconform conformance --format json --budget BUDGET ARGS` and measure it."""
    marker = uuid.uuid4().hex
    env = dict(os.environ, AGENTCONFORM_TEST_MARK=marker, PYTHONUNBUFFERED="1")
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"agentconform-{marker}.out"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "validator", "conformance", "--format", "json",
                                 "--budget", str(budget), *args], stdout=out, stderr=err, env=env,
                                cwd=refserver.ROOT)
        if signal_after is not None:
            time.sleep(signal_after[0])
            proc.send_signal(signal_after[1])
        limit = budget + 10 if signal_after is None else signal_after[0] + 10
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > limit + 30:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        took = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    outcome = Outcome(proc.returncode, took, usage.ru_maxrss * 1024, out_path.read_text("utf-8", "replace"),
                      err_path.read_text("utf-8", "replace"), marker)
    out_path.unlink()
    err_path.unlink()
    survivors = _marked(marker)
    deadline = time.monotonic() + 3
    while survivors and time.monotonic() < deadline:  # SIGKILLed processes vanish asynchronously
        time.sleep(0.1)
        survivors = _marked(marker)
    for pid in survivors:  # never leak into the test machine, even when failing
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"processes of the server survived the run: {survivors}"
    assert took < limit, f"took {took:.1f}s (limit {limit:.0f}s)"
    assert outcome.peak_rss < GB, f"peak RSS {outcome.peak_rss / 1e6:.0f} MB"
    assert "Traceback" not in outcome.stderr and len(outcome.stderr.strip().splitlines()) <= 1, outcome.stderr
    if signal_after is None:
        assert outcome.code in (0, 1, 2), outcome.code
    return outcome


def _server(name: str, *args: str) -> list[str]:
    return ["--", sys.executable, str(HOSTILE / name), *args]


# ---- 2. descendants that leave the process group ---------------------------------------------
def test_setsid_grandchild_ignoring_term_is_killed(tmp_path):
    pidfile = tmp_path / "escaped.pid"
    outcome = run_cli(["--scenario", "ping", "--spec-version", "2025-11-25", *_server("setsid_escape.py", str(pidfile))],
                      budget=30)
    assert outcome.code == 0, outcome.stderr
    escaped = int(pidfile.read_text())
    assert not Path(f"/proc/{escaped}").exists() or b"Z" in Path(f"/proc/{escaped}/stat").read_bytes()[-60:]


# ---- 5. signals -------------------------------------------------------------------------------
def _signalled(sig: int, tmp_path) -> Outcome:
    pidfile = tmp_path / "escaped.pid"
    # ignore_term-like hang after the escape: the run would otherwise go on until its budget
    return run_cli(["--timeout", "30", *_server("setsid_escape.py", str(pidfile), "--hang")], budget=120,
                   signal_after=(3.0, sig))


def test_sigterm_ends_the_run_and_kills_every_group(tmp_path):
    outcome = _signalled(signal.SIGTERM, tmp_path)
    assert outcome.code == 128 + signal.SIGTERM
    assert outcome.took < 8
    assert "SIGTERM" in outcome.stderr


def test_sighup_ends_the_run(tmp_path):
    outcome = _signalled(signal.SIGHUP, tmp_path)
    assert outcome.code == 128 + signal.SIGHUP
    assert outcome.took < 8


def test_sigint_is_not_absorbed(tmp_path):
    outcome = _signalled(signal.SIGINT, tmp_path)
    assert outcome.code == 128 + signal.SIGINT
    assert outcome.took < 8


# ---- 7. read-only tools that also carry destructiveHint's default --------------------------------
def test_read_only_tool_with_destructive_hint_default_is_called_and_not_warned(tmp_path):
    """readOnlyHint true beside destructiveHint true (the default, which mcp-go writes out) is a read-only
    tool: destructiveHint is meaningful only when readOnlyHint is false (holdout 11, mcp-go's Slack server)."""
    calls = tmp_path / "calls.txt"
    outcome = run_cli(["--spec-version", "2025-11-25", "--scenario", "tools-list", "--scenario", "tools-call",
                       *_server("odd_tools.py", "contradictory", str(calls))], budget=30)
    called = calls.read_text().split() if calls.exists() else []
    assert "wipe" in called
    (annotations,) = outcome.checks("tools-annotations-valid")
    assert annotations["status"] == "pass", annotations


# ---- 1. server-to-client request floods -------------------------------------------------------
def _flood_verdict(outcome: Outcome) -> dict:
    (bounded,) = [c for c in outcome.checks("server-requests-bounded")]
    return bounded


def test_stream_of_server_requests_is_bounded_with_a_verdict():
    outcome = run_cli(["--spec-version", "2025-11-25", "--timeout", "3", "--scenario", "ping", "--scenario", "tools-list",
                       "--scenario", "server-operation", *_server("request_flood.py", "stream")], budget=30)
    bounded = _flood_verdict(outcome)
    assert bounded["status"] == "warn" and "request flood" in bounded["message"], bounded
    assert outcome.code == 1  # sampling/roots/elicitation to a client that declared none


def test_batch_of_300k_pings_is_bounded_with_a_verdict():
    outcome = run_cli(["--spec-version", "2025-11-25", "--scenario", "ping", "--scenario", "server-operation",
                       *_server("request_flood.py", "batch", "300000")], budget=30)
    bounded = _flood_verdict(outcome)
    assert bounded["status"] == "warn" and "300000 request(s)" in bounded["message"], bounded


def test_batch_of_500k_pings_stays_in_budget():
    # about 22 MB on one line: over the per-message cap, so dropped unread and reported
    outcome = run_cli(["--spec-version", "2025-11-25", "--scenario", "ping", "--scenario", "server-operation",
                       "--scenario", "stdio-transport", *_server("request_flood.py", "batch", "500000")], budget=30)
    assert outcome.code in (0, 1)


# ---- 3. bounded memory per message and per run ------------------------------------------------
def _quiet_run(*server: str, budget: float = 90) -> Outcome:
    # the server writes everything before it answers ping: the run reads it all (or its budget ends)
    return run_cli(["--spec-version", "2025-11-25", "--timeout", "80", "--scenario", "ping", "--scenario", "server-operation",
                    "--scenario", "stdio-transport", *_server("huge_stream.py", *server)], budget=budget)


def test_300_held_lines_of_20mb_are_dropped_not_held():
    outcome = _quiet_run("held", "300", "20")
    assert outcome.code in (0, 1)


def test_250_notifications_of_30mb_are_dropped_not_held():
    outcome = _quiet_run("notify", "250", "30")
    assert outcome.code in (0, 1)


def test_many_notifications_under_the_cap_are_not_all_kept():
    outcome = _quiet_run("notify", "40", "12")
    assert outcome.code in (0, 1)
    assert any("not kept" in note for note in outcome.report.get("notes", [])) or \
        any(c.get("frames_not_kept") for c in outcome.report["connections"]), outcome.report.get("notes")


def test_held_lines_under_the_cap_are_bounded():
    outcome = _quiet_run("held", "100", "6")
    assert outcome.code in (0, 1)


def test_sse_parser_discards_an_over_long_line_to_its_end():
    from validator.conformance.transport.sse import SSEParser

    parser = SSEParser(1024 * 1024)
    events = []
    for _ in range(20):
        events += parser.feed(b"data: " + b"y" * (1024 * 1024))
    events += parser.feed(b"\n\nevent: message\ndata: {}\n\n")
    assert parser.oversized == 1
    assert [e.data for e in events if e.data] == ["{}"]  # no event made of the long line's tail
    assert len(parser._buffer) < 1024 * 1024


def test_100k_tools_are_capped_with_a_finding():
    outcome = run_cli(["--spec-version", "2025-11-25", "--scenario", "tools-*", *_server("odd_tools.py", "many")], budget=60)
    (listed,) = outcome.checks("tools-list")
    assert "only the first 5000 of 100000 were kept" in listed["message"], listed


def test_400_deep_schema_is_no_harness_error():
    outcome = run_cli(["--spec-version", "2025-11-25", "--scenario", "tools-*", *_server("odd_tools.py", "deep")], budget=60)
    assert "harness error" not in outcome.stderr
    assert not outcome.report.get("harness_errors")
    (result,) = outcome.checks("tools-call-result")
    assert "too deeply nested" in json.dumps(result), result


# ---- 4. catastrophic regular expressions in schemas -------------------------------------------
def test_catastrophic_patterns_do_not_hang_synthesis_or_validation():
    outcome = run_cli(["--spec-version", "2025-11-25", "--timeout", "3", "--scenario", "tools-*",
                       *_server("odd_tools.py", "regex")], budget=30)
    assert outcome.took < 15
    (result,) = outcome.checks("tools-call-result")
    details = result["details"]
    assert "evilcandidate" in details["skip_details"] and "(a+)+$(?<=b)" in details["skip_details"]["evilcandidate"]
    assert details["called_with_valid_arguments"] >= 5  # the other patterns still get matching arguments


def test_risky_pattern_search_is_bounded():
    from validator.conformance.observe import regexgen

    assert regexgen.risky(r"^(a+)+$") and regexgen.risky(r"^(a|aa)+$") and not regexgen.risky(r"^[a-z]+-\d{3}$")
    start = time.monotonic()
    assert regexgen.safe_search(r"^(a|aa)+$", "a" * 60 + "!") in (None, False)
    assert regexgen.safe_search(r"^(a+)+$", "a" * 40) is True
    assert time.monotonic() - start < 3


# ---- 6. credentials never cross origins ------------------------------------------------------
class _CrossOrigin:
    def __init__(self, mode: str, tmp_path: Path):
        self.log = tmp_path / "requests.jsonl"
        self.proc = subprocess.Popen([sys.executable, str(HOSTILE / "cross_origin.py"), mode, str(self.log)],
                                     stdout=subprocess.PIPE, text=True, start_new_session=True)
        self.url = self.proc.stdout.readline().split(" ", 1)[1].strip()

    def requests(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines()] if self.log.exists() else []

    def close(self):
        self.proc.kill()
        self.proc.wait(5)


SECRETS = ["--header", "X-Api-Key: sekrit-key", "--header", "Authorization: Bearer sekrit-token",
           "--header", "Cookie: session=sekrit-cookie"]


def test_redirect_to_another_origin_drops_every_user_header(tmp_path):
    server = _CrossOrigin("redirect", tmp_path)
    try:
        run_cli(["--url", server.url + "/mcp", "--transport", "streamable-http", "--timeout", "3", *SECRETS], budget=20)
        requests = server.requests()
    finally:
        server.close()
    first = [r for r in requests if r["host"].startswith("127.0.0.1")]
    moved = [r for r in requests if r["host"].startswith("localhost")]
    assert first and first[0]["headers"].get("x-api-key") == "sekrit-key"  # the origin the user named gets them
    assert moved, requests
    for request in moved:
        assert "sekrit" not in json.dumps(request), request


def test_cross_origin_redirect_is_reported():
    with refserver.http_server("redirect-cross-origin") as base:
        outcome = run_cli(["--url", base + "/mcp", "--transport", "streamable-http", "--spec-version", "2025-11-25",
                           "--scenario", "http-post-responses", "--header", "X-Api-Key: sekrit"], budget=30)
    (check,) = outcome.checks("http-no-cross-origin-redirect")
    assert check["status"] == "warn" and "localhost" in check["message"]


def test_sse_endpoint_on_another_origin_is_refused(tmp_path):
    server = _CrossOrigin("sse", tmp_path)
    try:
        outcome = run_cli(["--url", server.url + "/sse", "--transport", "sse", "--timeout", "3", *SECRETS], budget=20)
        requests = server.requests()
    finally:
        server.close()
    assert outcome.code == 2
    assert "sse-endpoint-event" in outcome.stderr and "another origin" in outcome.stderr
    assert not [r for r in requests if r["method"] == "POST"], requests


def test_a_cancelled_termination_keeps_its_group_live():
    import asyncio

    from validator.conformance.transport import process as harness

    async def scenario() -> tuple[bool, bool, bool]:
        server = await harness.launch([sys.executable, str(HOSTILE / "ignore_term.py")])
        task = asyncio.ensure_future(harness.terminate(server, stdin_grace=0.1, term_grace=5.0))
        await asyncio.sleep(0.5)  # inside the SIGTERM grace: the server ignores it
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        kept = server.pid in harness._LIVE
        harness.kill_all_now()  # the last resort still reaches it
        ended = await harness.wait_exit(server, 3.0)
        await harness.terminate(server, stdin_grace=0, term_grace=0.1)  # releases the pipes
        return kept, ended, harness.group_alive(server.pid)

    kept, ended, alive = asyncio.run(scenario())
    assert kept, "a cancelled terminate() dropped its group from the live set"
    assert ended and not alive
