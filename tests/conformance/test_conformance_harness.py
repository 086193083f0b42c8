"""The harness survives hostile servers: bounded waits, clear reasons, no leaked processes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from validator.conformance.transport import process as harness

from . import refserver

HOSTILE = refserver.ROOT / "fixtures" / "servers" / "hostile"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state


def _run_hostile(name: str, **kw):
    start = time.monotonic()
    report = refserver.run(command=[sys.executable, str(HOSTILE / name)], spec_version="2025-11-25",
                           timeout=kw.pop("timeout", 1.5), budget=kw.pop("budget", 20.0), **kw)
    return report, time.monotonic() - start


@pytest.mark.parametrize("name,reason", [
    ("hang.py", "no response"),
    ("flood.py", "no response"),
    ("crash_mid_message.py", "server closed stdout"),
    ("huge.py", "no response"),
    ("ignore_term.py", "no response"),
])
def test_no_conversation_is_exit_2_with_reason(name, reason):
    report, took = _run_hostile(name)
    assert report.fatal and reason in report.fatal, report.fatal
    assert report.exit_code() == 2
    assert took < 15, f"{name} took {took:.1f}s"
    assert not harness._LIVE
    for conn in report.connections:
        assert conn.get("exit") != "still running"


def test_flood_is_bounded():
    report, _ = _run_hostile("flood.py")
    assert all(c["frames_received"] >= 0 for c in report.connections)
    from validator.conformance.transport.base import KEEP_FRAMES

    assert KEEP_FRAMES <= 5000


def test_crash_mid_message_reports_truncation_and_stderr():
    report, _ = _run_hostile("crash_mid_message.py")
    assert "exited with code 1" in report.fatal


def test_ignoring_sigterm_is_killed():
    report, took = _run_hostile("ignore_term.py")
    killed = {c.get("killed_with") for c in report.connections}
    assert "SIGKILL" in killed
    assert took < 15


def test_invalid_utf8_keeps_the_conversation():
    report, _ = _run_hostile("garbage_utf8.py", scenarios=["server-initialize", "stdio-transport"])
    assert report.fatal is None
    assert "fail" in refserver.statuses(report, "stdio-utf8")


def test_budget_bounds_the_whole_run():
    start = time.monotonic()
    report = refserver.run(command=[sys.executable, str(HOSTILE / "hang.py")], spec_version="auto", timeout=30, budget=2.0)
    assert time.monotonic() - start < 10
    assert report.exit_code() == 2


def test_children_of_the_server_are_killed(tmp_path):
    pidfile = tmp_path / "child.pid"
    report = refserver.run(command=[sys.executable, str(HOSTILE / "spawn_child.py"), str(pidfile)],
                           scenarios=["ping"], spec_version="2025-11-25")
    assert report.fatal is None
    pids = [int(p) for p in pidfile.read_text().split()] if pidfile.exists() else []
    assert pids
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids), "a child of the server outlived the run"


def test_server_dying_after_handshake_fails_unanswered_checks():
    report = refserver.run(command=refserver.command("die-after-initialized"), scenarios=["ping", "jsonrpc-requests"])
    assert report.fatal is None
    assert "fail" in refserver.statuses(report, "ping")
    assert report.exit_code() == 1


def test_missing_command_is_a_clear_error():
    report = refserver.run(command=["/nonexistent/agentconform-server"], spec_version="2025-11-25")
    assert report.exit_code() == 2
    assert "cannot start" in report.fatal


def test_unreachable_url_is_a_clear_error():
    report = refserver.run(url="http://127.0.0.1:9/mcp", timeout=2)
    assert report.exit_code() == 2
    assert "127.0.0.1:9" in report.fatal


def test_host_allow_list_refusal_suggests_the_other_loopback_name():
    """Playwright MCP serves only `Host: localhost` and answers 127.0.0.1 with 403 on both transports."""
    import http.server
    import threading

    class Refuse(http.server.BaseHTTPRequestHandler):
        def _refuse(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _refuse

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        report = refserver.run(url=f"http://127.0.0.1:{httpd.server_address[1]}/mcp", timeout=2)
    finally:
        httpd.shutdown()
    assert report.exit_code() == 2
    assert "try the URL with localhost instead of 127.0.0.1" in report.fatal


def test_modern_only_server_runs_the_modern_suite():
    """A server that answers only server/discover is modern: the 2026-07-28 suite runs (and the
    reference server's bare discover handler fails it), no handshake revision is claimed."""
    report = refserver.run(command=refserver.command("modern-only"), spec_version="auto", timeout=3,
                           scenarios=["server-stateless"])
    assert report.fatal is None, report.fatal
    assert report.era == "modern" and report.protocol_versions == ["2026-07-28"]
    assert {r.protocol_version for r in report.checks} == {"2026-07-28"}
    assert report.exit_code() == 1


def test_legacy_requested_on_a_modern_only_server_is_exit_2():
    report = refserver.run(command=refserver.command("modern-only"), spec_version="2025-11-25", timeout=3)
    assert report.exit_code() == 2
    assert report.era == "modern" and "modern-only" in report.fatal


def test_modern_requested_on_a_legacy_server_is_exit_2():
    report = refserver.run(command=refserver.command(), spec_version="2026-07-28")
    assert report.exit_code() == 2 and "does not speak 2026-07-28" in report.fatal and report.era == "legacy"


def test_no_process_left_behind():
    assert not harness._LIVE
    assert os.getpid()
