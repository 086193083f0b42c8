"""The pytest plugin's suite: MCP conformance checks as pytest items.

Registered by the `pytest11` entry point `agentconform_pytest` (a top-level module, so a
project's own `validator` module cannot break pytest) when an `--mcp-*` option is given.

    pytest --mcp-command "python server.py" [--mcp-spec-version 2025-11-25] [--junitxml out.xml]
    pytest --mcp-url http://127.0.0.1:3001/mcp --mcp-expected-failures baseline.yml
    pytest --mcp-client-command "python my_client_harness.py" [--mcp-client-scenario initialize]

With `--mcp-command` or `--mcp-url`, the suite runs once at collection time and every
check result becomes one test item (`<scenario>::<check-id>[<revision>]`), even in a
folder with no test files, so `--junitxml` and `-k` work as usual: a failure fails,
a warning passes with a pytest warning, a skip skips, a baselined failure xfails and
a stale baseline entry fails. Fixtures for authors who add checks of their own:
`mcp_options` (the run's `Options`), `mcp_report` (the finished `Report`) and
`mcp_client` (a fresh, initialized synchronous client: `request`, `notify`).
Client authors give `--mcp-client-command` instead (client conformance: items named
`client:<scenario>::<check-id>[<revision>]`, fixture `mcp_client_report`).

Without an `--mcp-*` option it is never imported.
"""

from __future__ import annotations

import pytest

_KEY = "_agentconform_mcp"


def _options(config):
    """The run's Options: the --mcp-* options over `[tool.agentconform.conformance]` (found from
    pytest's rootdir) over the built-in defaults."""
    import shlex
    from pathlib import Path

    from validator.conformance import defaults
    from validator.conformance.api import Options

    try:
        table = defaults.load(Path(str(config.rootpath)))
    except ValueError as err:
        raise pytest.UsageError(f"agentconform: {err}") from None

    def pick(option: str, key: str, fallback):
        given = config.getoption(option)
        return given if given is not None else table.get(key, fallback)

    headers = dict(table.get("headers", {}))
    for item in config.getoption("--mcp-header"):
        name, _, value = item.partition(":")
        headers[name.strip()] = value.strip()
    secret_headers = dict(table.get("secret-headers", {}))
    for item in config.getoption("--mcp-secret-header"):
        name, _, value = item.partition(":")
        secret_headers[name.strip()] = value.strip()
    headers.update(secret_headers)
    try:  # secrets only from the environment (the variables the table's -env keys name)
        auth = defaults.auth_options(table, {field: config.getoption("--mcp-" + field.replace("_", "-"))
                                             for field in ("oauth_flow", "oauth_client_id", "oauth_scope",
                                                           "oauth_client_metadata_url", "oauth_redirect_uri")})
    except ValueError as err:
        raise pytest.UsageError(f"agentconform: {err}") from None
    command = config.getoption("--mcp-command")
    url = config.getoption("--mcp-url")
    if not command and not url:  # --mcp: the server the table names
        command_list, url = table.get("command"), table.get("url")
    else:
        command_list = shlex.split(command) if command else None
    return Options(command=command_list or None, url=url, transport=pick("--mcp-transport", "transport", "auto"),
                   spec_version=pick("--mcp-spec-version", "spec-version", "auto"),
                   timeout=pick("--mcp-timeout", "timeout", 10.0), budget=pick("--mcp-budget", "budget", 300.0),
                   headers=headers, secret_headers=list(secret_headers), **auth, scenarios=config.getoption("--mcp-scenario") or table.get("scenario", []),
                   call_tools=pick("--mcp-call-tools", "call-tools", "readonly"),
                   expected_failures=config.getoption("--mcp-expected-failures") or table.get("expected-failures"))


def _report(config):
    state = getattr(config, _KEY, None)
    if state is None:
        from validator.conformance.api import run

        state = run(_options(config))
        setattr(config, _KEY, state)
    return state


_CLIENT_KEY = "_agentconform_mcp_client"


def _client_report(config):
    """The client conformance run of `--mcp-client-command` (client authors: one item per client check)."""
    state = getattr(config, _CLIENT_KEY, None)
    if state is None:
        import shlex

        from validator.conformance.clientside.api import run
        from validator.conformance.clientside.runner import Options
        from validator.conformance.clientside.scenarios import load_scenarios, select

        try:
            options = Options(command=shlex.split(config.getoption("--mcp-client-command") or ""),
                              scenarios=select(load_scenarios(), config.getoption("--mcp-client-scenario"), None),
                              spec_version=config.getoption("--mcp-client-spec-version"),
                              transport=config.getoption("--mcp-client-transport"),
                              expected_failures=config.getoption("--mcp-client-expected-failures"))
            options.validate()
        except ValueError as err:
            raise pytest.UsageError(f"agentconform: {err}") from None
        state = run(options)
        setattr(config, _CLIENT_KEY, state)
    return state


def _reports(config) -> list[tuple[str, object]]:
    """(item name prefix, report) for each run asked for: the server's, the client's, or both."""
    out: list[tuple[str, object]] = []
    if config.getoption("--mcp-command") or config.getoption("--mcp-url") or config.getoption("--mcp"):
        out.append(("", _report(config)))
    if config.getoption("--mcp-client-command"):
        out.append(("client:", _client_report(config)))
    return out


class McpSuite(pytest.Collector):
    """The conformance run(s): one child item per check result."""

    def collect(self):
        for prefix, report in _reports(self.config):
            yield from self._items(prefix, report)

    def _items(self, prefix: str, report):
        secrets = tuple(getattr(report, "secrets", ()))
        if report.fatal:
            yield McpCheckItem.from_parent(self, name=f"{prefix}connection", result=None, fatal=report.fatal, secrets=secrets)
            return
        for result in report.checks:
            name = f"{prefix}{result.check.scenario}::{result.check.id}"
            if result.protocol_version:
                name += f"[{result.protocol_version}]"
            yield McpCheckItem.from_parent(self, name=name, result=result, fatal=None, secrets=secrets)


class McpCheckError(Exception):
    """A conformance check failed."""


class McpCheckItem(pytest.Item):
    def __init__(self, *, result, fatal, secrets=(), **kwargs):
        super().__init__(**kwargs)
        self.result = result
        self.secrets = secrets
        """Credentials and tokens of the run: no failure, skip or warning text shows them."""
        self.fatal = fatal
        if result is not None:
            self.add_marker(pytest.mark.mcp_conformance)

    def _safe(self, text: str) -> str:
        from validator.conformance.render import redact

        return redact(text, self.secrets)

    def runtest(self) -> None:
        if self.fatal:
            raise McpCheckError(self._safe(self.fatal))
        r = self.result
        if r.baseline == "stale":
            raise McpCheckError(f"stale expected failure: {r.check.scenario}:{r.check.id} now passes; remove it")
        if r.status == "fail":
            if r.baseline == "expected":
                pytest.xfail(self._safe(r.message))
            raise McpCheckError(self._safe(r.message))
        if r.status == "skip":
            pytest.skip(self._safe(r.message))
        if r.status == "warn":
            import warnings

            warnings.warn(pytest.PytestWarning(f"{r.check.id} ({r.check.requirement} {r.check.level}): "
                                               f"{self._safe(r.message)}"), stacklevel=2)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, McpCheckError):
            r = self.result
            if r is None:
                return f"no MCP conversation could be established: {excinfo.value}"
            return f"{r.check.requirement} ({r.check.level}) {r.check.title}\n{excinfo.value}\nspec: {r.check.spec}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"mcp conformance: {self.name}"


def pytest_collection_modifyitems(session, config, items) -> None:
    suite = McpSuite.from_parent(session, name="mcp-conformance", nodeid="mcp-conformance")
    items.extend(suite.collect())
