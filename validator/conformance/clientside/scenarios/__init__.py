"""The client scenarios, one module per area, each exposing `SCENARIOS` (a list of `ClientScenario`).

Adding an area is one module and one line in `MODULES`. Names are the official suite's
where the contract is the same (`initialize`, `tools_call`, `elicitation-sep1034-client-defaults`,
`sse-retry`, `json-schema-2020-12-preservation`, `request-metadata`), so expected-failures files carry over.
"""

from __future__ import annotations

import fnmatch
import importlib

MODULES = ("lifecycle", "server_requests", "notifications", "http", "schemas", "modern", "listen", "auth")

SUITES = {
    "all": None,
    "official": "the scenarios the official suite also has, with its contract",
    "core": "initialize, tools_call, capabilities and server-initiated requests",
}
CORE = ("initialize", "tools_call", "tools-list-pagination", "tools-call-error", "ping", "roots", "sampling", "elicitation")


def load_scenarios() -> list:
    scenarios = []
    for name in MODULES:
        scenarios.extend(importlib.import_module(f"{__name__}.{name}").SCENARIOS)
    return scenarios


def all_checks() -> list:
    return [check for scenario in load_scenarios() for check in scenario.checks]


def select(scenarios: list, patterns: list[str], suite: str | None) -> list:
    """Scenarios matching any glob of PATTERNS (all when none), within SUITE."""
    if suite == "official":
        scenarios = [s for s in scenarios if s.official]
    elif suite == "core":
        scenarios = [s for s in scenarios if s.name in CORE]
    elif suite not in (None, "all"):
        raise ValueError(f"unknown suite {suite!r}; choose from {', '.join(SUITES)}")
    if not patterns:
        return scenarios
    chosen = [s for s in scenarios if any(fnmatch.fnmatchcase(s.name, p) for p in patterns)]
    if not chosen:
        raise ValueError(f"no client scenario matches {', '.join(patterns)}")
    return chosen
