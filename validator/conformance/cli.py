"""`agentconform conformance`: test a live MCP server (argparse only; the suite loads on run).

Exit codes: 0 no failures; 1 failures or stale expected failures; 2 usage error, or no
MCP conversation could be established (with the reason on stderr); 128+n when signal n
(SIGINT, SIGTERM, SIGHUP) ended the run: every server process group and every escaped
descendant is killed first, and no report is written (the shell's convention, so CI
sees 143 for the SIGTERM of a cancelled job).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from validator import exitcodes
from validator.conformance.protocol.revisions import SPEC_VERSIONS
from validator.conformance.render import FORMATS

HELP = "test a live MCP server for protocol conformance"

EPILOG = """examples:
  agentconform conformance -- python server.py
  agentconform conformance -- npx -y @modelcontextprotocol/server-everything
  agentconform conformance --url http://127.0.0.1:3001/mcp --header "Authorization: Bearer $TOKEN"
  agentconform conformance --format sarif -o mcp.sarif --expected-failures baseline.yml -- uv run server.py
"""



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--url", help="test the server at this HTTP URL instead of launching a command")
    parser.add_argument("--transport", default="auto", choices=("auto", "stdio", "streamable-http", "sse"),
                        help="auto: stdio for a command; for a URL Streamable HTTP, then HTTP+SSE")
    parser.add_argument("--spec-version", default="auto", choices=SPEC_VERSIONS,
                        help="revision to test; auto = every revision the server supports")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="wait per request (default 10)")
    parser.add_argument("--budget", type=float, default=300.0, metavar="SECONDS", help="whole run (default 300)")
    parser.add_argument("--max-message-size", type=float, default=16.0, metavar="MB",
                        help="a message larger than this is reported and dropped unread (default 16)")
    parser.add_argument("--header", action="append", default=[], metavar="K:V", help="HTTP header on every request (repeatable)")
    parser.add_argument("--call-tools", default="readonly", choices=("none", "readonly", "all"),
                        help="which tools may be called: readonly = only those annotated readOnlyHint (default)")
    parser.add_argument("--scenario", action="append", default=[], metavar="NAME", help="run only these scenarios (glob; repeatable)")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="skip these scenarios (glob; repeatable)")
    parser.add_argument("--expected-failures", metavar="FILE", help="YAML baseline: scenario or scenario:check-id entries")
    parser.add_argument("--format", default="text", choices=FORMATS, help="report format (default text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--list", action="store_true", help="list the scenarios and checks, then exit")
    parser.add_argument("server_command", nargs=argparse.REMAINDER, help="-- COMMAND ARGS... to launch (stdio)")


def _headers(items: list[str]) -> dict[str, str]:
    headers = {}
    for item in items:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            raise ValueError(f"--header {item!r} is not K:V")
        headers[name.strip()] = value.strip()
    return headers


def _list() -> int:
    from validator.conformance.areas import load_scenarios

    for scenario in load_scenarios():
        print(f"{scenario.name}  ({scenario.phase}) {scenario.description}")
        for check in scenario.checks:
            print(f"  {check.id:42} {check.requirement:10} {check.level:7} {check.title}")
    return exitcodes.OK


def _on_signal(signum, _frame) -> None:
    """End the run now: asyncio's own clean-up would await graceful shutdowns (and SIGTERM
    and SIGHUP would skip clean-up altogether), so kill synchronously and leave."""
    from validator.conformance.transport import process as harness

    harness.kill_all_now()
    try:
        os.write(2, f"agentconform conformance: interrupted by {signal.Signals(signum).name}\n".encode())
    finally:
        os._exit(128 + signum)


def _install_signal_handlers() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, _on_signal)


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list()
    from validator.conformance.api import Options
    from validator.conformance.api import run as run_suite
    from validator.conformance.render import render
    from validator.conformance.suite.baseline import BaselineError

    command = list(args.server_command)
    if command and command[0] == "--":
        command = command[1:]
    try:
        options = Options(command=command or None, url=args.url, transport=args.transport, spec_version=args.spec_version,
                          timeout=args.timeout, budget=args.budget, headers=_headers(args.header), call_tools=args.call_tools,
                          scenarios=args.scenario, skip=args.skip, expected_failures=args.expected_failures,
                          max_message_bytes=int(args.max_message_size * 1024 * 1024))
        options.validate()
    except ValueError as err:
        print(f"agentconform conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    _install_signal_handlers()
    try:
        report = run_suite(options)
    except BaselineError as err:
        print(f"agentconform conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    text = render(report, args.format)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as err:
            print(f"agentconform conformance: error: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
            return exitcodes.ERROR
    else:
        sys.stdout.write(text)
    if report.fatal:
        print(f"agentconform conformance: error: {report.fatal}", file=sys.stderr)
    for error in report.harness_errors:
        print(f"agentconform conformance: harness error (please report): {error.splitlines()[0]}", file=sys.stderr)
    return report.exit_code()
