"""Servers built with MCP frameworks beyond the SDKs (fastmcp 3 and 4, fastapi-mcp and Gradio on PyPI;
punkpeye's fastmcp, mcp-framework, mcp-use, xmcp and Mastra on npm), each run over every transport its framework serves: no
harness error, every failure or warning one docs/conformance/real-servers.md explains as a real
violation ("Servers on other frameworks"), under 60 s, and no process of it left.

Where no real server built on a framework is published, the server is a fixture of a few lines in
fixtures/servers/frameworks/ written with the framework's documented API: the framework's own serving
code does the work. The frameworks are pinned in tests/conformance/peers.py and installed into .peers/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import peers, refserver
from .test_conformance_real_sdks import _left, assert_documented, assert_explained
from .test_conformance_real_servers import _free_port, _listening

pytestmark = pytest.mark.peer

FIXTURES = refserver.ROOT / "fixtures" / "servers" / "frameworks"
STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"

# what a family answers the same way whatever the server (the SDK under the framework)
BATCH_2025_03_26 = {"jsonrpc-batch-supported": "fail"}
STDIO_SILENT = {"jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn", "jsonrpc-parse-error": "warn"}
ORIGIN = {"http-origin-rejected": "fail", "localhost-host-rebinding-rejected": "fail"}
SSE_ORIGIN = {"sse-origin-rejected": "fail"}
HTTP_ERRORS = {"jsonrpc-invalid-request": "warn", "jsonrpc-parse-error": "warn"}
# TypeScript SDK 1.x under fastmcp (npm) and mcp-framework
TS1 = {"tools-call-task-ignored": "fail", "completion-unknown-ref": "warn", "jsonrpc-invalid-params": "warn",
       "pagination-invalid-cursor": "warn", "prompts-get-missing-argument": "warn", "prompts-get-unknown": "warn",
       "sep-2164-error-code": "warn"}
FASTMCP_TS = {**TS1, "logging-invalid-level": "warn", "interop-input-schema-gemini-subset": "warn"}
# PyPI fastmcp: its FunctionTool wraps a scalar result as {"result": ...} with the bare value as text
FASTMCP_PY = {**BATCH_2025_03_26, "pagination-invalid-cursor": "warn", "tools-call-structured-content-text": "warn",
              "tools-call-unknown-tool": "warn", "interop-input-schema-gemini-subset": "warn"}
# Python mcp 1.x (under fastmcp 3 and fastapi-mcp)
PY_MCP1 = {"jsonrpc-unknown-method": "warn",
           # its session dies now and then on a cancelled request ("Request already responded to"): a race of the server
           "cancel-in-flight-tolerated": "warn"}
FASTMCP3 = {**FASTMCP_PY, **PY_MCP1, "prompts-get-missing-argument": "warn", "prompts-get-unknown": "warn"}
# fastmcp 2 (its stdio side is in test_conformance_real_sdks.py): it declares tasks, and mcp 1.x
FASTMCP2 = {**FASTMCP3, "logging-undeclared-silent": "fail", "meta-key-grammar": "fail", "sep-2164-error-code": "warn",
            "tasks-list-invalid-cursor": "fail", "tools-call-task-forbidden": "warn"}
FASTAPI_MCP = {**BATCH_2025_03_26, **PY_MCP1, **HTTP_ERRORS, "pagination-invalid-cursor": "warn",
               "tools-call-unknown-tool": "warn"}
GRADIO_MCP = {**FASTAPI_MCP, "prompts-get-unknown": "warn", "sep-2164-error-code": "warn"}

# TypeScript SDK 2.x under mcp-use and xmcp
XMCP = {"jsonrpc-invalid-params": "warn", "pagination-invalid-cursor": "warn", "interop-input-schema-gemini-subset": "warn"}


@dataclass(frozen=True)
class Case:
    framework: str
    transport: str
    launch: Callable[[Path, int], tuple[list[str], str]]
    """(a scratch folder, a free port) -> (the command line, a path its processes' command lines hold)"""
    explained: dict[str, str]
    """check id -> the status it gets ("fail/warn": either, when the server's behaviour is a race)"""
    path: str = "/mcp"
    """the endpoint's path over HTTP (Streamable HTTP or the SSE stream)"""
    env: Callable[[Path], dict] = field(default=lambda tmp: {})


def _python(which, venv: str, *args: str) -> Callable[[Path, int], tuple[list[str], str]]:
    """A fixture written with a PyPI framework, run by the python of the framework's venv."""
    def launch(tmp: Path, port: int) -> tuple[list[str], str]:
        script = FIXTURES / args[0]
        return [str(peers.python_with(which, venv)), str(script), *(a.format(port=port) for a in args[1:])], str(script)
    return launch


def _node(which, fixture: str, *args: str) -> Callable[[Path, int], tuple[list[str], str]]:
    """A fixture written with an npm framework, copied into the framework's prefix (ES modules resolve
    their imports from where the file is) and run by node; a folder runs its index.js."""
    def launch(tmp: Path, port: int) -> tuple[list[str], str]:
        prefix = peers.npm_framework(which)
        source, target = FIXTURES / fixture, prefix / "agentconform-fixture" / fixture
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(exist_ok=True)
            shutil.copy(source, target)
        script = target / "index.js" if source.is_dir() else target
        return ["node", str(script), *(a.format(port=port) for a in args)], str(script)
    return launch


def _xmcp(entry: str) -> Callable[[Path, int], tuple[list[str], str]]:
    """The xmcp project fixture, built by `xmcp build` (which bakes the HTTP port into dist/http.js)."""
    def launch(tmp: Path, port: int) -> tuple[list[str], str]:
        prefix = peers.npm_framework(peers.XMCP)
        project = prefix / "agentconform-fixture" / "xmcp_project"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(FIXTURES / "xmcp_project", project)
        built = subprocess.run([str(prefix / "node_modules" / ".bin" / "xmcp"), "build"], cwd=project, capture_output=True,
                               text=True, timeout=300, env=dict(os.environ, AGENTCONFORM_XMCP_PORT=str(port)))
        assert built.returncode == 0 and (project / "dist" / entry).exists(), (built.stdout + built.stderr)[-2000:]
        script = project / "dist" / entry
        return ["node", str(script)], str(script)
    return launch


def _ai_device_fs(*args: str) -> Callable[[Path, int], tuple[list[str], str]]:
    def launch(tmp: Path, port: int) -> tuple[list[str], str]:
        exe = peers.python_with(peers.AI_DEVICE_FS, "ai-device-fs-venv").parent / "mcp-server-fs"
        return [str(exe), *(a.format(port=port) for a in args)], str(exe)
    return launch


def _mastra_docs(tmp: Path, port: int) -> tuple[list[str], str]:
    exe = peers.mastra_docs()
    return [str(exe)], os.path.realpath(exe)


FASTMCP2_PY = (peers.FASTMCP2, "fastmcp2-venv", "fastmcp_server.py")
FASTMCP3_PY = (peers.FASTMCP3, "fastmcp3-venv", "fastmcp_server.py")
FASTMCP4_PY = (peers.FASTMCP4, "fastmcp4-venv", "fastmcp_server.py")
FASTAPI = (peers.FASTAPI_MCP, "fastapi-mcp-venv", "fastapi_mcp_server.py", "{port}")
GRADIO = (peers.GRADIO, "gradio-venv", "gradio_server.py", "{port}")
NO_ANALYTICS = {"GRADIO_ANALYTICS_ENABLED": "False"}  # Gradio reports usage online otherwise
# mcp-use sends usage events online and keeps an id in .mcp-use/ of the working folder otherwise
NO_TELEMETRY = {"MCP_USE_ANONYMIZED_TELEMETRY": "false"}
MASTRA_NO_TELEMETRY = {"MASTRA_TELEMETRY_DISABLED": "1"}  # @mastra/core reports usage online otherwise
FASTMCP_TS_FIXTURE = (peers.FASTMCP_TS, "fastmcp_ts_server.mjs")
MCP_FRAMEWORK_FIXTURE = (peers.MCP_FRAMEWORK, "mcp_framework")

CASES = {
    # PyPI fastmcp 2.x over the HTTP transports its entry point offers (on mcp 1.x)
    "fastmcp2-http": Case("fastmcp 2.14.7", HTTP, _python(*FASTMCP2_PY, "http", "{port}"),
                          {**FASTMCP2, **ORIGIN, **HTTP_ERRORS, "http-sse-priming-event": "warn"}),
    "fastmcp2-sse": Case("fastmcp 2.14.7", SSE, _python(*FASTMCP2_PY, "sse", "{port}"), {**FASTMCP2, **SSE_ORIGIN, **HTTP_ERRORS},
                         path="/sse"),
    # PyPI fastmcp 3.x (on mcp 1.x)
    "fastmcp3-stdio": Case("fastmcp 3.4.11", STDIO, _python(*FASTMCP3_PY), {**FASTMCP3, **STDIO_SILENT}),
    "fastmcp3-http": Case("fastmcp 3.4.11", HTTP, _python(*FASTMCP3_PY, "http", "{port}"),
                          {**FASTMCP3, **ORIGIN, **HTTP_ERRORS, "http-sse-priming-event": "warn"}),
    "fastmcp3-sse": Case("fastmcp 3.4.11", SSE, _python(*FASTMCP3_PY, "sse", "{port}"), {**FASTMCP3, **SSE_ORIGIN, **HTTP_ERRORS},
                         path="/sse"),
    # a real server on fastmcp 3 (held-out: first run once the tests above were final; none of its tools is read-only)
    "ai-device-fs-stdio": Case("fastmcp 3.4.11 (held-out)", STDIO, _ai_device_fs(), {**FASTMCP3, **STDIO_SILENT}),
    "ai-device-fs-sse": Case("fastmcp 3.4.11 (held-out)", SSE, _ai_device_fs("--transport", "sse", "--port", "{port}"),
                             {**FASTMCP3, **SSE_ORIGIN, **HTTP_ERRORS}, path="/sse"),
    # PyPI fastmcp 4.x (on mcp 2.x, dual-era: 2026-07-28 too)
    "fastmcp4-stdio": Case("fastmcp 4.2.3", STDIO, _python(*FASTMCP4_PY), {**FASTMCP_PY, **STDIO_SILENT}),
    "fastmcp4-http": Case("fastmcp 4.2.3", HTTP, _python(*FASTMCP4_PY, "http", "{port}"),
                          {**FASTMCP_PY, **ORIGIN, "jsonrpc-invalid-request": "warn", "http-sse-priming-event": "warn"}),
    "fastmcp4-sse": Case("fastmcp 4.2.3", SSE, _python(*FASTMCP4_PY, "sse", "{port}"), {**FASTMCP_PY, **SSE_ORIGIN, **HTTP_ERRORS},
                         path="/sse"),
    # fastapi-mcp 0.4.0 (FastAPI operations as tools, on mcp 1.x, transports of its own)
    "fastapi-mcp-http": Case("fastapi-mcp 0.4.0", HTTP, _python(*FASTAPI),
                             {**FASTAPI_MCP, **ORIGIN, "http-get-stream-or-405": "fail"}),
    "fastapi-mcp-sse": Case("fastapi-mcp 0.4.0", SSE, _python(*FASTAPI),
                            {**FASTAPI_MCP, **SSE_ORIGIN, "logging-undeclared-silent": "fail"}, path="/sse"),
    # Gradio 6.31 (`launch(mcp_server=True)`: every function of the app a tool, on mcp 1.x)
    "gradio-http": Case("gradio 6.31.0", HTTP, _python(*GRADIO), {**GRADIO_MCP, **ORIGIN, "http-sse-priming-event": "warn"},
                        path="/gradio_api/mcp/", env=lambda tmp: NO_ANALYTICS),
    "gradio-sse": Case("gradio 6.31.0", SSE, _python(*GRADIO), {**GRADIO_MCP, **SSE_ORIGIN, "logging-undeclared-silent": "fail"},
                       path="/gradio_api/mcp/sse", env=lambda tmp: NO_ANALYTICS),
    # punkpeye's fastmcp for TypeScript (npm, on the TypeScript SDK 1.x; HTTP through mcp-proxy)
    "fastmcp-ts-stdio": Case("fastmcp (npm) 4.20.16", STDIO, _node(*FASTMCP_TS_FIXTURE),
                             {**FASTMCP_TS, **BATCH_2025_03_26, **STDIO_SILENT}),
    "fastmcp-ts-http": Case("fastmcp (npm) 4.20.16", HTTP, _node(*FASTMCP_TS_FIXTURE, "http", "{port}"),
                            {**FASTMCP_TS, **ORIGIN, "jsonrpc-batch-rejected": "warn", "jsonrpc-invalid-request": "warn"}),
    "fastmcp-ts-sse": Case("fastmcp (npm) 4.20.16", SSE, _node(*FASTMCP_TS_FIXTURE, "http", "{port}"),
                           {**FASTMCP_TS, **BATCH_2025_03_26, **SSE_ORIGIN, **HTTP_ERRORS}, path="/sse"),
    # mcp-framework (npm, on the TypeScript SDK 1.x, transports of its own)
    "mcp-framework-stdio": Case("mcp-framework 0.2.22", STDIO, _node(*MCP_FRAMEWORK_FIXTURE),
                                {**TS1, **BATCH_2025_03_26, **STDIO_SILENT}),
    "mcp-framework-http": Case("mcp-framework 0.2.22", HTTP, _node(*MCP_FRAMEWORK_FIXTURE, "http-stream", "{port}"),
                               {**TS1, **ORIGIN, **HTTP_ERRORS, "jsonrpc-batch-rejected": "warn", "http-sse-priming-event": "warn"}),
    "mcp-framework-sse": Case("mcp-framework 0.2.22", SSE, _node(*MCP_FRAMEWORK_FIXTURE, "sse", "{port}"),
                              {**TS1, **BATCH_2025_03_26, **SSE_ORIGIN, **HTTP_ERRORS}, path="/sse"),
    # mcp-use (npm, on the TypeScript SDK 2.x; HTTP only, stateless, dual-era)
    "mcp-use-http": Case("mcp-use 2.5.2", HTTP, _node(peers.MCP_USE, "mcp_use_server.mjs", "{port}"),
                         {"http-origin-rejected": "fail", "http-get-stream-or-405": "fail", "http-sse-priming-event": "warn",
                          "jsonrpc-batch-rejected": "warn", "jsonrpc-parse-error": "warn", "jsonrpc-invalid-params": "warn",
                          "logging-invalid-level": "warn", "pagination-invalid-cursor": "warn", "resources-subscribe": "warn",
                          "interop-input-schema-gemini-subset": "warn"}, env=lambda tmp: NO_TELEMETRY),
    # xmcp (npm, a project built by its compiler, on the TypeScript SDK 2.x; dual-era on both transports)
    "xmcp-stdio": Case("xmcp 1.1.3", STDIO, _xmcp("stdio.js"),
                       {**BATCH_2025_03_26, **STDIO_SILENT, **XMCP,
                        # serveStdio of the TypeScript SDK 2.x takes a request without the version claim for legacy traffic
                        "sep-2575-request-meta-invalid-missing-meta": "warn",
                        "sep-2575-request-meta-invalid-missing-protocol-version": "warn"}),
    "xmcp-http": Case("xmcp 1.1.3", HTTP, _xmcp("http.js"),
                      {**XMCP, **ORIGIN, "http-sse-priming-event": "warn", "jsonrpc-batch-rejected": "warn",
                       "jsonrpc-parse-error": "warn"}),
    # @mastra/mcp 2.0.0 MCPServer (npm, on the TypeScript SDK 2.x): modern-only, 2026-07-28
    "mastra2-stdio": Case("@mastra/mcp 2.0.0", STDIO, _node(peers.MASTRA_MCP2, "mastra_server.mjs"),
                          {"sep-2575-request-meta-invalid-missing-meta": "fail",
                           "sep-2575-request-meta-invalid-missing-protocol-version": "fail", "wire-schema-valid": "fail",
                           "jsonrpc-invalid-params": "warn", "pagination-invalid-cursor": "warn"},
                          env=lambda tmp: MASTRA_NO_TELEMETRY),
    "mastra2-http": Case("@mastra/mcp 2.0.0", HTTP, _node(peers.MASTRA_MCP2, "mastra_server.mjs", "http", "{port}"),
                         {**ORIGIN, "modern-http-version-header-required": "fail", "pagination-invalid-cursor": "warn"},
                         env=lambda tmp: MASTRA_NO_TELEMETRY),
    # a real server on @mastra/mcp (MCPServer 1.18, on the TypeScript SDK 1.x)
    "mastra-docs-stdio": Case("@mastra/mcp 1.18.0", STDIO, _mastra_docs,
                              {**BATCH_2025_03_26, **STDIO_SILENT, "jsonrpc-invalid-params": "warn", "logging-invalid-level": "warn",
                               "pagination-invalid-cursor": "warn", "prompts-get-unknown": "warn", "tools-call-unknown-tool": "warn",
                               "interop-input-schema-gemini-subset": "warn"},
                              env=lambda tmp: {"HOME": str(tmp), **MASTRA_NO_TELEMETRY}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_framework_server(name, tmp_path):
    case = CASES[name]
    port = _free_port()
    argv, mark = case.launch(tmp_path, port)
    env = case.env(tmp_path)
    started = time.monotonic()
    if case.transport == STDIO:
        report = refserver.run(command=argv, env=env, spec_version="auto", timeout=10, budget=120)
    else:
        with _listening(argv, port, env=dict(os.environ, **env)):
            report = refserver.run(url=f"http://127.0.0.1:{port}{case.path}", transport=case.transport,
                                   spec_version="auto", timeout=10, budget=120)
    elapsed = time.monotonic() - started
    assert report.target["transport"] == case.transport
    assert_explained(report, case.explained, f"{name} ({case.framework})")
    # bounded by the budget, not by a wall-clock assertion (CI load varies): nothing was cut short
    assert not any("budget" in note for note in report.notes), (name, f"{elapsed:.1f} s", report.notes)
    assert not _left(Path(mark)), _left(Path(mark))


def test_every_framework_result_is_documented():
    assert_documented(CASES)
