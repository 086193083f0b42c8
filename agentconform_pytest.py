"""The pytest11 entry point of agentconform, under a name no project shadows.

pytest loads every installed plugin in every run. The suite itself lives in the
`validator` package, a name many projects use for a module of their own; a plugin
loaded as `validator.pytest_plugin` made pytest die at start (exit 3) in such projects,
unrelated tests included. This module imports nothing from `validator`: it adds the
`--mcp-*` options, and only when one of them is given does it check that `validator`
is agentconform's package (reading its file, never importing a stranger's module) and
register the suite (`validator.pytest_plugin`). A project whose own `validator` shadows
ours gets a usage error that says so, and only when it asked for a conformance run.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest

_MARKER = "__agentconform__ = True"


def pytest_addoption(parser) -> None:
    group = parser.getgroup("mcp-conformance", "MCP server conformance (agentconform)")
    group.addoption("--mcp", action="store_true",
                    help="run the conformance checks on the server [tool.agentconform.conformance] names (command or url)")
    group.addoption("--mcp-command", help="launch this MCP server (stdio) and run the conformance checks")
    group.addoption("--mcp-url", help="run the conformance checks against this HTTP MCP server")
    group.addoption("--mcp-transport", default=None, choices=("auto", "stdio", "streamable-http", "sse"))
    group.addoption("--mcp-spec-version", default=None, help="revision to test (default: every one the server supports)")
    group.addoption("--mcp-expected-failures", help="YAML baseline: scenario or scenario:check-id entries")
    group.addoption("--mcp-timeout", type=float, default=None, help="seconds per request (default 10)")
    group.addoption("--mcp-budget", type=float, default=None, help="seconds for the whole run (default 300)")
    group.addoption("--mcp-header", action="append", default=[], help="K:V header on every HTTP request")
    group.addoption("--mcp-secret-header", action="append", default=[],
                    help="K:V header whose value is a credential: redacted, left out of unauthenticated probes")
    group.addoption("--mcp-oauth-flow", default=None, choices=("client-credentials", "authorization-code"),
                    help="how a protected server's token is obtained (the client secret and a low-scope token come "
                         "from $AGENTCONFORM_OAUTH_CLIENT_SECRET, $AGENTCONFORM_LOW_SCOPE_TOKEN)")
    group.addoption("--mcp-oauth-client-id", default=None, help="the OAuth client id")
    group.addoption("--mcp-oauth-scope", default=None, help="the scope to ask for")
    group.addoption("--mcp-oauth-client-metadata-url", default=None, help="authorization-code: a client ID metadata document URL")
    group.addoption("--mcp-oauth-redirect-uri", default=None, help="authorization-code: the loopback redirect URI")
    group.addoption("--mcp-scenario", action="append", default=[], help="only these scenarios (glob)")
    group.addoption("--mcp-call-tools", default=None, choices=("none", "readonly", "all"))
    group.addoption("--mcp-client-command",
                    help="run client conformance on this client harness (its server URL is appended; see client-conformance)")
    group.addoption("--mcp-client-scenario", action="append", default=[], help="only these client scenarios (glob)")
    group.addoption("--mcp-client-spec-version", default="auto", help="revision of the scripted servers (default: every one)")
    group.addoption("--mcp-client-transport", default="auto", choices=("auto", "streamable-http", "stdio"))
    group.addoption("--mcp-client-expected-failures", help="YAML baseline: its 'client:' list")


def shadowing_module() -> str | None:
    """Where a `validator` that is not agentconform's lives, or None when ours is the one found."""
    try:
        spec = importlib.util.find_spec("validator")
    except (ImportError, ValueError):
        return "an unimportable module"
    if spec is None or spec.origin is None:
        return "a namespace package" if spec is not None else "nowhere (agentconform is not installed whole)"
    try:
        with open(spec.origin, encoding="utf-8", errors="replace") as handle:
            ours = _MARKER in handle.read(65536)
    except OSError:
        ours = False
    return None if ours else spec.origin


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "mcp_conformance: an MCP conformance check result (agentconform)")
    if not _enabled(config):
        return
    elsewhere = shadowing_module()
    if elsewhere is not None:
        raise pytest.UsageError(
            f"agentconform's conformance checks cannot run here: the module 'validator' this project imports is "
            f"{elsewhere}, not agentconform's; run them with 'agentconform conformance' instead")
    config.pluginmanager.register(importlib.import_module("validator.pytest_plugin"), "agentconform-suite")


def _enabled(config) -> bool:
    return bool(config.getoption("--mcp-command", None) or config.getoption("--mcp-url", None)
                or config.getoption("--mcp", False) or config.getoption("--mcp-client-command", None))


def _suite(request):
    if not _enabled(request.config):
        pytest.skip("no --mcp-command or --mcp-url given")
    return importlib.import_module("validator.pytest_plugin")


@pytest.fixture(scope="session")
def mcp_options(request):
    """The conformance `Options` built from the `--mcp-*` command-line options."""
    return _suite(request)._options(request.config)


@pytest.fixture(scope="session")
def mcp_report(request):
    """The finished conformance `Report` (the run is shared with the generated items)."""
    return _suite(request)._report(request.config)


@pytest.fixture(scope="session")
def mcp_client_report(request):
    """The finished client conformance `Report` of `--mcp-client-command`."""
    return _suite(request)._client_report(request.config)


@pytest.fixture
def mcp_client(mcp_options):
    """A fresh, initialized connection to the server under test, driven synchronously."""
    from validator.conformance.protocol.syncclient import SyncClient

    client = SyncClient(mcp_options)
    try:
        yield client
    finally:
        client.close()
