"""Real servers from the registries: no harness error, and every failure reported on
them is one explained in docs/conformance/real-servers.md as a real violation."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from . import peers, refserver

pytestmark = pytest.mark.peer
DOC = refserver.ROOT / "docs" / "conformance" / "real-servers.md"

# check id (or scenario:check id, for a check reported under several scenarios) → status,
# as explained in docs/conformance/real-servers.md
EVERYTHING_TOOLS = {"tools-call-content-types": "fail", "tools-call:wire-schema-valid": "fail",
                    "tools-call-unknown-tool": "warn", "tools-call-task-forbidden": "warn", "interop-input-schema-gemini-subset": "warn"}
EVERYTHING_FEATURES = {"logging-invalid-level": "warn", "pagination-invalid-cursor": "warn", "resources-mime-type-valid": "warn"}
SDK_COMMON = {"pagination-invalid-cursor": "warn", "prompts-get-missing-argument": "warn", "prompts-get-unknown": "warn",
              "tools-call-structured-content-text": "warn", "tools-call-unknown-tool": "warn"}
EXPLAINED = {
    "everything-stdio": {"jsonrpc-batch-supported": "fail", "jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn",
                         "jsonrpc-parse-error": "warn", "jsonrpc-invalid-params": "warn", **EVERYTHING_TOOLS, **EVERYTHING_FEATURES},
    "everything-http": {"jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn", "jsonrpc-invalid-params": "warn",
                        "http-origin-rejected": "fail", "localhost-host-rebinding-rejected": "fail",
                        "server-session-terminated-returns-404": "fail", "http-unknown-session-404": "warn",
                        **EVERYTHING_TOOLS, **EVERYTHING_FEATURES},
    "sdk-stdio": {"jsonrpc-batch-supported": "fail", "jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn",
                  "jsonrpc-parse-error": "warn", **SDK_COMMON},
    "sdk-streamable-http": {"jsonrpc-batch-supported": "fail", "jsonrpc-invalid-request": "warn",
                            "http-sse-priming-event": "warn", **SDK_COMMON},
    "sdk-sse": {"jsonrpc-batch-supported": "fail", "jsonrpc-invalid-request": "warn", "jsonrpc-parse-error": "warn",
                **SDK_COMMON},
    "everything-tasks": {"tools-call-task-required": "fail", "tools-call-task-forbidden": "warn", "tools-call-unknown-tool": "warn"},
    "time-stdio": {"jsonrpc-batch-supported": "fail", "jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn",
                   "jsonrpc-parse-error": "warn", "pagination-invalid-cursor": "warn",
                   "prompts-get-unknown": "warn"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it has not left within 5 s:
    uvicorn waits for open SSE streams to end, and the SDK's notice a closed client
    only at their next keep-alive."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def _assert_explained(report, key: str) -> None:
    assert report.fatal is None, report.fatal
    assert not report.harness_errors, report.harness_errors
    explained = EXPLAINED[key]
    problems = {(r.check.scenario, r.check.id, r.status, r.message) for r in report.checks if r.status in ("fail", "warn")}
    unexplained = sorted((f"{sc}:{cid}", st, message) for sc, cid, st, message in problems
                         if explained.get(f"{sc}:{cid}", explained.get(cid)) != st)
    assert not unexplained, f"{key}: unexplained results {unexplained}"
    # a skip is fine when it says why the check cannot apply (an undeclared capability, nothing
    # of the kind listed); never "not evaluated" or a harness error
    unreasoned = sorted({(r.check.id, r.message) for r in report.checks if r.status == "skip"
                         and r.message.startswith(("not evaluated", "harness error"))})
    assert not unreasoned, unreasoned


# server-everything declares every feature: these checks must really run on it (pass), not skip
EVERYTHING_EXERCISED = {
    "resources-list", "resources-read-contents", "resources-read-text", "resources-read-binary", "resources-templates-list",
    "resources-template-syntax", "resources-templates-read", "sep-2164-error-code", "resources-subscribe", "resources-unsubscribe",
    "prompts-list", "prompts-get-simple", "prompts-get-with-args", "prompts-messages-valid", "prompts-get-embedded-resource",
    "prompts-get-missing-argument", "prompts-get-unknown", "completion-complete", "completion-resource-ref",
    "completion-context-arguments", "completion-unknown-ref", "logging-set-level", "logging-message-valid",
    "logging-level-filter", "pagination-cursor-valid", "pagination-terminates", "cancel-in-flight-tolerated",
    "tasks-unknown-id", "tasks-list", "tasks-list-invalid-cursor",  # the tasks checks that create no task
}
# with --call-tools all its task-capable tool (simulate-research-query, not read-only) is called as a task
EVERYTHING_TASKS = {"tasks-create-result", "tasks-get", "tasks-status-lifecycle", "tasks-result", "tasks-result-related-task",
                    "tasks-unknown-id", "tasks-list", "tasks-list-invalid-cursor", "tasks-cancel", "tasks-cancel-terminal",
                    "tasks-related-task-meta-omitted", "tools-call-task-required"}


def test_everything_stdio():
    report = refserver.run(command=[str(peers.everything())], spec_version="auto", timeout=10, budget=120)
    assert report.server.get("name") == "mcp-servers/everything"
    assert report.protocol_versions == ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    _assert_explained(report, "everything-stdio")
    passed = {r.check.id for r in report.checks if r.status == "pass"}
    assert EVERYTHING_EXERCISED <= passed, sorted(EVERYTHING_EXERCISED - passed)


def test_everything_tasks_with_every_tool_called():
    """Every task check runs on a real task store (the TypeScript SDK's) once its task tool may be called."""
    report = refserver.run(command=[str(peers.everything())], spec_version="2025-11-25", call_tools="all",
                           scenarios=["tasks", "tools-call"], timeout=10, budget=120)
    _assert_explained(report, "everything-tasks")
    reported = {r.check.id for r in report.checks if r.status in ("pass", "fail")}
    assert EVERYTHING_TASKS <= reported, sorted(EVERYTHING_TASKS - reported)


@contextmanager
def _listening(command: list[str], port: int, env: dict | None = None):
    """Run an HTTP server COMMAND in a process group of its own until it accepts on PORT
    (at most 30 s, or until it exits), yield, then stop it. Its output goes nowhere: a pipe
    nobody reads fills up with the server's request log, and the server then blocks."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield
    finally:
        _stop(proc)


def test_everything_streamable_http():
    port = _free_port()
    with _listening([str(peers.everything()), "streamableHttp"], port, env=dict(os.environ, PORT=str(port))):
        report = refserver.run(url=f"http://127.0.0.1:{port}/mcp", spec_version="auto", timeout=10, budget=120)
    assert report.target["transport"] == "streamable-http"
    _assert_explained(report, "everything-http")


SDK_SERVER = refserver.ROOT / "fixtures" / "servers" / "sdk_server.py"
# the SDK fixture declares tools, resources and prompts: these must really run on it
SDK_EXERCISED = {"tools-call-result", "tools-call-structured-content-valid", "resources-read-contents",
                 "resources-templates-list", "prompts-get-with-args", "sdk-client-interop"}
SDK_MODERN_EXERCISED = {"sep-2575-server-implements-discover", "sep-2575-server-unsupported-version-error",
                        "modern-lists-stateless", "modern-tools-call-result", "modern-resources-read", "prompts-get-with-args",
                        "sep-2164-error-code", "modern-result-type", "sep-2549-ttl-non-negative"}


def _sdk_report(transport: str):
    import sys

    if transport == "stdio":
        return refserver.run(command=[sys.executable, str(SDK_SERVER)], spec_version="auto", timeout=10, budget=120)
    port = _free_port()
    path = "/mcp" if transport == "streamable-http" else "/sse"
    with _listening([sys.executable, str(SDK_SERVER), transport, str(port)], port):
        return refserver.run(url=f"http://127.0.0.1:{port}{path}", spec_version="auto", timeout=10, budget=120)


@pytest.mark.parametrize("transport", ["stdio", "streamable-http", "sse"])
def test_python_sdk_server(transport):
    """A server built with the `mcp` SDK this project depends on (nothing to install)."""
    report = _sdk_report(transport)
    assert report.target["transport"] == transport
    assert report.server.get("name") == "agentconform-sdk-fixture"
    assert report.era == "dual"
    _assert_explained(report, f"sdk-{transport}")
    passed = {r.check.id for r in report.checks if r.status == "pass"}
    assert SDK_EXERCISED <= passed, sorted(SDK_EXERCISED - passed)
    if transport == "sse":
        # 2026-07-28 defines stdio and Streamable HTTP only: the dual server is tested on its legacy side here
        assert "2026-07-28" not in report.protocol_versions
        return
    # dual: both eras, each on its own connection, each result labelled with its revision
    assert report.protocol_versions[0] == "2026-07-28" and "2025-11-25" in report.protocol_versions
    modern = {r.check.id for r in report.checks if r.status == "pass" and r.protocol_version == "2026-07-28"}
    assert SDK_MODERN_EXERCISED <= modern, sorted(SDK_MODERN_EXERCISED - modern)


def test_python_sdk_modern_only_server():
    """The same app served by the SDK's own 2026-07-28 loop only: modern, every modern check clean."""
    import sys

    report = refserver.run(command=[sys.executable, str(SDK_SERVER.parent / "sdk_modern_server.py")],
                           spec_version="auto", timeout=10, budget=120)
    assert report.fatal is None, report.fatal
    assert report.era == "modern" and report.protocol_versions == ["2026-07-28"]
    assert report.server.get("name") == "agentconform-sdk-fixture"
    # the SDK's 2025-era warnings (SDK_COMMON) hold under 2026-07-28 too: the same code, the same SHOULDs
    assert not [(r.check.id, r.message) for r in report.checks if r.status in ("fail", "warn")
                and r.status not in SDK_COMMON.get(r.check.id, "").split("/")]
    passed = {r.check.id for r in report.checks if r.status == "pass"}
    assert SDK_MODERN_EXERCISED | {"modern-initialize-names-versions"} <= passed
    assert not report.harness_errors


def test_time_stdio():
    report = refserver.run(command=[str(peers.time_server())], spec_version="auto", timeout=10, budget=120)
    assert report.server.get("name") == "mcp-time"
    assert report.era == "dual"
    _assert_explained(report, "time-stdio")


def test_every_explained_result_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for key, checks in EXPLAINED.items():
        for check_id in checks:
            assert f"`{check_id}`" in text, f"{check_id} ({key}) is not explained in {DOC.name}"
