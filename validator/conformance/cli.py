"""`agentconform conformance`: test a live MCP server (placeholder until the suite lands)."""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes

HELP = "test a live MCP server for protocol conformance"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url")
    parser.add_argument("server_command", nargs=argparse.REMAINDER)


def run(args: argparse.Namespace) -> int:
    print("agentconform: error: the conformance suite is not available in this build", file=sys.stderr)
    return exitcodes.ERROR
