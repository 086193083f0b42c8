"""`agentconform explain CODE|alias`: print one rule's documentation."""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes

HELP = "show the documentation of one rule"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", metavar="CODE", help="a rule code (SRV012) or alias (version-looks-like-range)")


def run(args: argparse.Namespace) -> int:
    from validator.engine.config import ConfigError
    from validator.registry import lookup
    from validator.ruledocs import rule_markdown

    rule = lookup(args.rule)
    if rule is None:
        raise ConfigError(f"unknown rule {args.rule!r}; see 'agentconform rules'")
    sys.stdout.write(rule_markdown(rule, source_link=None))
    return exitcodes.OK
