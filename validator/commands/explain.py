"""`agentconform explain CODE|alias`: print one rule's documentation."""

from __future__ import annotations

import argparse
import sys

from validator import exitcodes

HELP = "show the documentation of one lint rule or conformance check"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", metavar="CODE",
                        help="a rule code (SRV012) or alias (version-looks-like-range), or a conformance check id "
                             "(tools-list, or scenario:check-id)")


def run(args: argparse.Namespace) -> int:
    from validator.engine.config import ConfigError
    from validator.registry import lookup
    from validator.ruledocs import rule_markdown

    rule = lookup(args.rule)
    if rule is not None:
        sys.stdout.write(rule_markdown(rule, source_link=None))
        return exitcodes.OK
    checks = _checks(args.rule)
    if not checks:
        raise ConfigError(f"unknown rule or check {args.rule!r}; see 'agentconform rules' or 'agentconform conformance --list'")
    sys.stdout.write("\n".join(_check_markdown(check) for check in checks))
    return exitcodes.OK


def _checks(name: str) -> list:
    """Conformance checks by id, or `scenario:id` (an id may serve several scenarios)."""
    from validator.conformance.areas import all_checks
    from validator.conformance.clientside.scenarios import all_checks as client_checks

    scenario, _, check_id = name.rpartition(":")
    return [c for c in [*all_checks(), *client_checks()] if c.id == check_id and (not scenario or c.scenario == scenario)]


def _check_markdown(check) -> str:
    from validator.conformance.suite.catalogue import CATALOGUE

    summary = next((text for req, _, _, text in CATALOGUE if req == check.requirement), "")
    from validator.conformance.clientside.scenarios import all_checks as client_checks

    side = "client" if any(c is check for c in client_checks()) else "server"
    policy = "a failure when broken" if check.level == "MUST" else f"a warning when broken (a correct {side} never fails)"
    face = "client conformance" if side == "client" else "conformance"
    lines = [f"# {check.id} ({face} check, scenario `{check.scenario}`)", "",
             f"**Requirement:** {check.requirement} ({check.level}: {policy}) · **Revisions:** {', '.join(check.revisions)}"
             + (f" · **Transports:** {', '.join(check.transports)}" if check.transports else ""), "",
             f"## What a passing {side} does", "", check.title, ""]
    if summary:
        lines += ["## The requirement", "", summary, ""]
    lines += ["## References", "", f"- {check.spec}", ""]
    return "\n".join(lines)
