"""`agentconform client-conformance`: test an MCP client against scripted servers (argparse only).

The client command runs once per scenario, revision and transport with the server URL
appended and `MCP_CONFORMANCE_SCENARIO` set (the official suite's contract); see
docs/conformance/index.md#client-conformance. Exit codes as for `conformance`: 0 no
failures, 1 failures or stale expected failures, 2 usage error or no conversation at all,
128+n when signal n ended the run (every client's process group is killed first).
"""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes
from validator.conformance.render import FORMATS
from validator.outputs import report_target

HELP = "test an MCP client against scripted MCP servers"
EPILOG = """examples:
  agentconform client-conformance -- python my_client.py
  agentconform client-conformance --scenario initialize --spec-version 2025-06-18 -- node client.js
  agentconform client-conformance --suite official --transport streamable-http -- npx tsx everything-client.ts
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--scenario", action="append", default=[], metavar="NAME", help="run only these scenarios (glob; repeatable)")
    parser.add_argument("--suite", default=None, choices=("all", "official", "core"), help="a named set of scenarios (default all)")
    parser.add_argument("--spec-version", default="auto", help="revision the scripted servers speak (default: every one)")
    parser.add_argument("--transport", default="auto", choices=("auto", "streamable-http", "stdio"),
                        help="auto: both (stdio is skipped for a client that never launches MCP_CONFORMANCE_SERVER_COMMAND)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="one client run (default 30)")
    parser.add_argument("--request-timeout", type=float, default=10.0, metavar="SECONDS",
                        help="the server's wait for an answer to its own request (default 10)")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="client runs at once (default 2)")
    parser.add_argument("--expected-failures", metavar="FILE", help="YAML baseline: its 'client:' list of scenario or scenario:check-id")
    parser.add_argument("--keep-traffic", metavar="DIR", help="write every run's recorded traffic to DIR (JSON lines)")
    parser.add_argument("--format", default="text", choices=FORMATS, help="report format (default text)")
    parser.add_argument("-v", "--verbose", action="store_true", help="text and markdown: list passes and skips too")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--report", action="append", default=[], metavar="FORMAT:PATH", help="also write a report in FORMAT to PATH")
    parser.add_argument("--fail-on", default="fail", choices=("fail", "warn"), help="exit 1 on failures (default) or on warnings too")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with failures (2 still means no conversation)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--list", action="store_true", help="list the client scenarios and checks, then exit")
    parser.add_argument("client_command", nargs=argparse.REMAINDER, help="-- COMMAND ARGS... of the client (harness)")


def _list(scenarios) -> int:
    for scenario in scenarios:
        tag = " [official]" if scenario.official else ""
        print(f"{scenario.name}{tag}  {scenario.description}")
        print(f"  harness: {scenario.harness}")
        for check in scenario.checks:
            print(f"  {check.id:58} {check.requirement:9} {check.level:7} {check.title}")
    return exitcodes.OK


def _install_signal_handlers() -> None:
    from validator.conformance.clientside.runner import kill_all_now
    from validator.conformance.transport.process import exit_on_signals

    exit_on_signals("client-conformance", kill_all_now)


def run(args: argparse.Namespace) -> int:
    from validator.conformance.clientside.scenarios import load_scenarios, select

    try:
        scenarios = select(load_scenarios(), args.scenario, args.suite)
    except ValueError as err:
        print(f"agentconform client-conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    if args.list:
        return _list(scenarios)
    from validator.conformance.clientside.api import run as run_clients
    from validator.conformance.clientside.runner import Options
    from validator.conformance.suite.baseline import BaselineError

    command = list(args.client_command)
    if command and command[0] == "--":
        command = command[1:]
    options = Options(command=command, scenarios=scenarios, spec_version=args.spec_version, transport=args.transport,
                      timeout=args.timeout, request_timeout=args.request_timeout, jobs=args.jobs,
                      expected_failures=args.expected_failures, traffic_dir=args.keep_traffic)
    try:
        options.validate()
        reports = [report_target(item, FORMATS) for item in args.report]
        _install_signal_handlers()
        report = run_clients(options)
    except (ValueError, BaselineError) as err:
        print(f"agentconform client-conformance: error: {err}", file=sys.stderr)
        return exitcodes.ERROR
    from validator.conformance.cli import finish

    return finish(report, args, args.format, reports, args.fail_on, "client-conformance")
