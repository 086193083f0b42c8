"""`agentconform fixture-server --scenario NAME`: a client scenario's scripted server on stdio.

What `MCP_CONFORMANCE_SERVER_COMMAND` runs for clients that launch their servers: it speaks
the scenario's script under one revision on stdin/stdout and, with `--record`, appends every
message to a JSON-lines file the client-conformance runner judges. Also usable by hand to
try a client against one scripted behaviour.
"""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes

HELP = "serve one client scenario's scripted MCP server on stdio (for client conformance)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", required=True, metavar="NAME", help="a client scenario (client-conformance --list)")
    parser.add_argument("--spec-version", default="2025-11-25", help="the one revision the server speaks")
    parser.add_argument("--record", metavar="PATH", help="append every message, as JSON lines, to this file")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="wait for the client's answer to a server request (default 10)")


def run(args: argparse.Namespace) -> int:
    from validator.conformance.clientside.scenarios import load_scenarios
    from validator.conformance.clientside.script import ScriptedServer
    from validator.conformance.clientside.stdio_server import serve
    from validator.conformance.clientside.traffic import Recorder
    from validator.conformance.protocol.revisions import KNOWN_REVISIONS

    scenario = next((s for s in load_scenarios() if s.name == args.scenario), None)
    if scenario is None or args.spec_version not in KNOWN_REVISIONS:
        what = f"unknown scenario {args.scenario!r}" if scenario is None else f"unknown revision {args.spec_version!r}"
        print(f"agentconform fixture-server: error: {what}", file=sys.stderr)
        return exitcodes.ERROR
    if scenario.script.auth is not None:  # OAuth is HTTP-only: over stdio the scenario would be served open
        print(f"agentconform fixture-server: error: scenario {args.scenario!r} is behind OAuth, played over "
              "Streamable HTTP only", file=sys.stderr)
        return exitcodes.ERROR
    scripted = ScriptedServer(scenario.script, args.spec_version, Recorder(), timeout=args.timeout)
    return serve(scripted, args.record)
