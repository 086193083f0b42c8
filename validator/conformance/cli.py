"""`agentconform conformance`: test a live MCP server (argparse only; the suite loads on run).

Exit codes: 0 no failures; 1 failures or stale expected failures; 2 usage error, or no
MCP conversation could be established (with the reason on stderr); 128+n when signal n
(SIGINT, SIGTERM, SIGHUP) ended the run: every server process group and every escaped
descendant is killed first, and no report is written (the shell's convention, so CI
sees 143 for the SIGTERM of a cancelled job).
"""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes
from validator.conformance.protocol.revisions import SPEC_VERSIONS
from validator.conformance.render import FORMATS
from validator.outputs import color_wanted, report_target, write_report

HELP = "test a live MCP server for protocol conformance"

EPILOG = """examples:
  agentconform conformance -- python server.py
  agentconform conformance -- npx -y @modelcontextprotocol/server-everything
  agentconform conformance --url http://127.0.0.1:3001/mcp --header "Authorization: Bearer $TOKEN"
  agentconform conformance --format sarif -o mcp.sarif --expected-failures baseline.yml -- uv run server.py
  agentconform conformance --manifest manifest.json --manifest server.json -- node server/index.js
"""



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--url", help="test the server at this HTTP URL instead of launching a command")
    parser.add_argument("--transport", default=None, choices=("auto", "stdio", "streamable-http", "sse"),
                        help="auto: stdio for a command; for a URL Streamable HTTP, then HTTP+SSE")
    parser.add_argument("--spec-version", default=None, choices=SPEC_VERSIONS,
                        help="revision to test; auto = every revision the server supports")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="wait per request (default 10)")
    parser.add_argument("--budget", type=float, default=None, metavar="SECONDS", help="whole run (default 300)")
    parser.add_argument("--max-message-size", type=float, default=16.0, metavar="MB",
                        help="a message larger than this is reported and dropped unread (default 16)")
    parser.add_argument("--header", action="append", default=[], metavar="K:V", help="HTTP header on every request (repeatable)")
    parser.add_argument("--secret-header", action="append", default=[], metavar="K:V",
                        help="like --header, but the value is a credential: redacted from every report and left out "
                             "of the unauthenticated probes (Authorization, Proxy-Authorization and Cookie always are)")
    parser.add_argument("--oauth-flow", default=None, choices=("client-credentials", "authorization-code"),
                        help="how a protected server's token is obtained: client-credentials (default with a client id "
                             "and secret), or authorization-code (PKCE S256, a loopback redirect listener, no browser: "
                             "for an authorization server that approves without a person)")
    parser.add_argument("--oauth-client-id", metavar="ID",
                        help="the OAuth client (authorization-code: optional, else a client ID metadata document or "
                             "dynamic client registration)")
    parser.add_argument("--oauth-client-secret", metavar="SECRET",
                        help="its secret (default: $AGENTCONFORM_OAUTH_CLIENT_SECRET, which keeps it out of the process list)")
    parser.add_argument("--oauth-scope", metavar="SCOPE", help="scope to ask for (default: the challenge's, else scopes_supported)")
    parser.add_argument("--oauth-client-metadata-url", metavar="URL",
                        help="authorization-code: an https client ID metadata document URL, used as client_id where "
                             "the authorization server supports them")
    parser.add_argument("--oauth-redirect-uri", metavar="URI",
                        help="authorization-code: the loopback redirect URI to listen on (default "
                             "http://127.0.0.1:<free port>/callback)")
    parser.add_argument("--low-scope-token", metavar="TOKEN",
                        help="a valid token lacking a scope the server requires: checks the 403 insufficient_scope answer "
                             "(default: $AGENTCONFORM_LOW_SCOPE_TOKEN)")
    parser.add_argument("--call-tools", default=None, choices=("none", "readonly", "all"),
                        help="which tools may be called: readonly = only those annotated readOnlyHint (default)")
    parser.add_argument("--scenario", action="append", default=[], metavar="NAME", help="run only these scenarios (glob; repeatable)")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="skip these scenarios (glob; repeatable)")
    parser.add_argument("--manifest", action="append", default=[], metavar="FILE",
                        help="also compare what this MCPB manifest.json, registry server.json or server card declares "
                             "(tools, prompts, name, version, transport) with the running server (repeatable)")
    parser.add_argument("--expected-failures", metavar="FILE", help="YAML baseline: scenario or scenario:check-id entries")
    parser.add_argument("--format", default=None, choices=FORMATS, help="report format (default text)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="text and markdown: list passes and skips too (problems and the summary always)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--report", action="append", default=[], metavar="FORMAT:PATH",
                        help="also write a report in FORMAT to PATH (repeatable; the console keeps --format)")
    parser.add_argument("--fail-on", default=None, choices=("fail", "warn"),
                        help="exit 1 on failures (default) or on warnings too")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with failures (2 still means no conversation)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour in text output (auto: a terminal, FORCE_COLOR and NO_COLOR respected)")
    parser.add_argument("--no-config", action="store_true", help="ignore [tool.agentconform.conformance]")
    parser.add_argument("--list", action="store_true", help="list the scenarios and checks, then exit")
    parser.add_argument("server_command", nargs=argparse.REMAINDER, help="-- COMMAND ARGS... to launch (stdio)")


def _headers(items: list[str], *, secret: bool = False) -> dict[str, str]:
    headers = {}
    for item in items:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            raise ValueError("a --secret-header is not K:V (value not shown)" if secret else f"--header {item!r} is not K:V")
        headers[name.strip()] = value.strip()
    return headers


def _list() -> int:
    from validator.conformance.areas import load_scenarios

    for scenario in load_scenarios():
        print(f"{scenario.name}  ({scenario.phase}) {scenario.description}")
        for check in scenario.checks:
            print(f"  {check.id:42} {check.requirement:10} {check.level:7} {check.title}")
    return exitcodes.OK


def _install_signal_handlers() -> None:
    from validator.conformance.transport import process as harness

    harness.exit_on_signals("conformance", harness.kill_all_now)


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list()
    from validator.conformance import defaults
    from validator.conformance.api import Options
    from validator.conformance.api import run as run_suite
    from validator.conformance.suite.baseline import BaselineError
    from validator.engine.config import ConfigError

    command = list(args.server_command)
    if command and command[0] == "--":
        command = command[1:]
    try:
        table = {} if args.no_config else defaults.load()
        reports = [report_target(item, FORMATS) for item in args.report]
    except (ConfigError, ValueError) as err:
        print(f"agentconform conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR

    def pick(name: str, key: str, fallback):
        given = getattr(args, name)
        return given if given is not None else table.get(key, fallback)

    if not command and not args.url:
        command, url = table.get("command") or [], table.get("url")
    else:
        url = args.url
    fmt = pick("format", "format", "text")
    fail_on = pick("fail_on", "fail-on", "fail")
    try:
        if fmt not in FORMATS:
            raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
        secret_headers = {**table.get("secret-headers", {}), **_headers(args.secret_header, secret=True)}
        auth = defaults.auth_options(table, {
            "oauth_flow": args.oauth_flow, "oauth_client_id": args.oauth_client_id, "oauth_scope": args.oauth_scope,
            "oauth_client_metadata_url": args.oauth_client_metadata_url, "oauth_redirect_uri": args.oauth_redirect_uri,
            "oauth_client_secret": args.oauth_client_secret, "low_scope_token": args.low_scope_token})
        options = Options(command=command or None, url=url, transport=pick("transport", "transport", "auto"),
                          spec_version=pick("spec_version", "spec-version", "auto"), timeout=pick("timeout", "timeout", 10.0),
                          budget=pick("budget", "budget", 300.0),
                          headers={**table.get("headers", {}), **_headers(args.header), **secret_headers},
                          secret_headers=list(secret_headers), **auth,
                          call_tools=pick("call_tools", "call-tools", "readonly"),
                          scenarios=args.scenario or table.get("scenario", []), skip=args.skip or table.get("skip", []),
                          expected_failures=args.expected_failures or table.get("expected-failures"),
                          max_message_bytes=int(args.max_message_size * 1024 * 1024), manifests=list(args.manifest or table.get("manifest", [])))
        options.validate()
    except ValueError as err:
        print(f"agentconform conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    _install_signal_handlers()
    try:
        with _progress(args, options):
            report = run_suite(options)
    except BaselineError as err:
        print(f"agentconform conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    return finish(report, args, fmt, reports, fail_on, "conformance")


def finish(report, args: argparse.Namespace, fmt: str, reports: list, fail_on: str, command: str) -> int:
    """Render REPORT to the console and every `--report`, say what stopped the run, and give the
    exit code (shared by `conformance` and `client-conformance`; secrets redacted everywhere)."""
    from validator.conformance.render import redact, render

    secrets = getattr(report, "secrets", ())
    report.fail_on = fail_on  # JUnit fails what the exit code fails
    text = render(report, fmt, verbose=args.verbose)
    if fmt == "text" and color_wanted(args.color, sys.stdout, to_file=args.output is not None):
        text = _paint(text)
    for target, data in [(args.output, text), *((path, render(report, kind, verbose=args.verbose)) for kind, path in reports)]:
        if target is None:
            continue
        try:
            write_report(target, data)
        except OSError as err:
            print(f"agentconform {command}: error: cannot write {target}: {err.strerror or err}", file=sys.stderr)
            return exitcodes.ERROR
    if not args.output:
        sys.stdout.write(text)
    if report.fatal:
        print(f"agentconform {command}: error: {redact(report.fatal, secrets)}", file=sys.stderr)
    for error in report.harness_errors:
        print(f"agentconform {command}: harness error (please report): {redact(error.splitlines()[0], secrets)}",
              file=sys.stderr)
    code = report.exit_code()
    if code == exitcodes.OK and fail_on == "warn" and any(r.status == "warn" and r.baseline != "expected" for r in report.checks):
        code = exitcodes.FINDINGS
    if args.exit_zero and code == exitcodes.FINDINGS:
        return exitcodes.OK
    return code


_PAINT = {"FAIL": "31", "fail": "31", "WARN": "33", "warn": "33", "PASS": "32", "pass": "32"}


def _paint(text: str) -> str:
    """Status words in colour (the text format is for people; the others never carry escapes)."""
    import re

    return re.sub(r"\b(FAIL|WARN|PASS|fail|warn|pass)\b", lambda m: f"\033[{_PAINT[m.group(1)]}m{m.group(1)}\033[0m", text)


class _progress:
    """On a terminal, a line on stderr every few seconds while a slow server is tested
    (a minute of silence looks like a hang); nothing when stderr is not a terminal."""

    INTERVAL = 5.0

    def __init__(self, args, options) -> None:
        self.enabled = sys.stderr.isatty()
        self.what = options.url or " ".join(options.command or [])

    def __enter__(self):
        if self.enabled:
            import threading
            import time

            self.started, self.stop = time.monotonic(), threading.Event()

            def tick() -> None:
                while not self.stop.wait(self.INTERVAL):
                    sys.stderr.write(f"\ragentconform: testing {self.what[:60]} ... {time.monotonic() - self.started:.0f} s")
                    sys.stderr.flush()

            self.thread = threading.Thread(target=tick, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.stop.set()
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
