"""The scenario registry: one line per area module.

Each module listed here exposes `SCENARIOS: list[Scenario]` (and, for traceability,
its `Check` objects through them). Modules are imported only when a conformance run
or the docs generator asks for them. To add an area (tools, resources, prompts,
utilities, ...), write `validator/conformance/areas/<area>.py` and add one line
below — see docs/conformance/adding-checks.md.
"""

from __future__ import annotations

import importlib

MODULES: tuple[str, ...] = (
    "lifecycle",
    "base",
    "transport_stdio",
    "transport_http",
    "http_streams",
    "transport_sse",
    "interop",
    "tools",
    "resources",
    "prompts",
    "completion",
    "logs",
    "utilities",
    "tasks",
    "wire",
    "auth",
    "auth_tokens",
    "auth_code",
    "modern_core",
    "modern_http",
    "modern_mrtr",
    "modern_primitives",
    "modern_tasks",
    "modern_wire",
)


def load_scenarios(modules: tuple[str, ...] = MODULES) -> list:
    """Every registered scenario, in registry order; duplicate names are an error."""
    scenarios = []
    seen: dict[str, str] = {}
    for name in modules:
        module = importlib.import_module(f"{__name__}.{name}")
        for scenario in module.SCENARIOS:
            if scenario.name in seen:
                raise ValueError(f"scenario {scenario.name!r} is defined in both {seen[scenario.name]} and {name}")
            seen[scenario.name] = name
            scenarios.append(scenario)
    return scenarios


def all_checks(modules: tuple[str, ...] = MODULES) -> list:
    """Every registered check (distinct by scenario and id)."""
    out, seen = [], set()
    for scenario in load_scenarios(modules):
        for check in scenario.checks:
            key = (check.scenario, check.id)
            if key not in seen:
                seen.add(key)
                out.append(check)
    return out
