"""`agentconform rules`: list every rule (text table or JSON)."""

from __future__ import annotations

import argparse
import json
import sys

from validator import exitcodes

HELP = "list every rule"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--standard", help="only the rules of this standard")


def rule_dict(rule) -> dict:
    return {
        "code": rule.code, "alias": rule.alias, "standard": rule.standard, "severity": rule.severity,
        "level": rule.level, "summary": rule.summary, "rationale": rule.rationale, "fix": rule.fix,
        "default_enabled": rule.default_enabled, "bad": rule.bad, "good": rule.good,
        "fold": rule.fold, "fold_after": rule.fold_after, "spec": [{"url": ref.url, "title": ref.title} for ref in rule.spec],
    }


def run(args: argparse.Namespace) -> int:
    from validator.registry import all_rules

    rules = sorted(all_rules().values(), key=lambda r: (r.standard != "general", r.standard, r.code))
    if args.standard:
        rules = [rule for rule in rules if rule.standard == args.standard]
    if args.format == "json":
        sys.stdout.write(json.dumps([rule_dict(rule) for rule in rules], indent=2) + "\n")
        return exitcodes.OK
    for rule in rules:
        flag = "" if rule.default_enabled else " (opt-in)"
        sys.stdout.write(f"{rule.code:<8} {rule.severity:<8} {rule.alias:<40} {rule.summary}{flag}\n")
    return exitcodes.OK
