"""`--expected-failures FILE`: the official suite's YAML baselines, applied to our results.

Owns parsing (`server:` list, or `client:` for client conformance, of `scenario` or `scenario:check-id`; a bare top-level
list is accepted too) and evaluation with the official semantics: a listed failure
is expected (exit 0), an unlisted failure is a regression (exit 1), a listed entry
that now passes is stale (exit 1, "remove the entry"); skipped or absent checks
give no signal. Unlike the official suite, a warning is not a failure here, so a
listed check that only warns is neither expected nor stale: it is still not clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class BaselineError(ValueError):
    """The file is not a valid expected-failures file (one line, exit 2)."""


@dataclass
class Entry:
    scenario: str
    check: str | None = None

    def __str__(self) -> str:
        return f"{self.scenario}:{self.check}" if self.check else self.scenario


@dataclass
class Outcome:
    expected: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"expected": self.expected, "unexpected": self.unexpected, "stale": self.stale}


def load(path: str, side: str = "server") -> list[Entry]:
    """The entries of SIDE (`server`, or `client` for client conformance) in the file at PATH."""
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as err:
        raise BaselineError(f"cannot read {path}: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        raise BaselineError(f"{path}: not YAML: {str(err).splitlines()[0]}") from None
    if data is None:
        return []
    if isinstance(data, dict):
        unknown = set(data) - {"server", "client"}
        if unknown:
            raise BaselineError(f"{path}: unknown key(s) {sorted(unknown)}; expected 'server' (and 'client')")
        items = data.get(side) or []
    else:
        items = data
    if not isinstance(items, list):
        raise BaselineError(f"{path}: '{side}' must be a list of 'scenario' or 'scenario:check-id'")
    entries = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1:
            key, value = next(iter(item.items()))
            raise BaselineError(f"{path}: entry {item!r}: did you write '- {key}: {value}'? Remove the space after the colon")
        if not isinstance(item, str) or not item.strip():
            raise BaselineError(f"{path}: entry {item!r} is not 'scenario' or 'scenario:check-id'")
        scenario, sep, check = item.strip().partition(":")
        if sep and (not scenario or not check):
            raise BaselineError(f"{path}: entry {item!r}: both sides of the colon are required")
        entries.append(Entry(scenario, check or None))
    whole = {e.scenario for e in entries if e.check is None}
    for entry in entries:
        if entry.check and entry.scenario in whole:
            raise BaselineError(f"{path}: '{entry}' is redundant: the whole scenario '{entry.scenario}' is listed")
    return entries


def apply(results: list, entries: list[Entry]) -> Outcome:
    """Mark RESULTS (collapsed) with `baseline` = expected|stale and return the outcome."""
    outcome = Outcome()
    whole = {e.scenario for e in entries if e.check is None}
    per_check = {(e.scenario, e.check) for e in entries if e.check}
    by_scenario: dict[str, list] = {}
    for result in results:
        by_scenario.setdefault(result.check.scenario, []).append(result)
    for scenario, items in by_scenario.items():
        if scenario in whole:
            failing = [r for r in items if r.status == "fail"]
            for r in failing:
                r.baseline = "expected"
            if failing:
                outcome.expected.append(scenario)
            elif any(r.status == "pass" for r in items) and not any(r.status == "warn" for r in items):
                outcome.stale.append(scenario)
            continue
        for result in items:
            if result.status != "fail":
                continue
            key = (scenario, result.check.id)
            if key in per_check:
                result.baseline = "expected"
                _add(outcome.expected, f"{scenario}:{result.check.id}")
            else:
                _add(outcome.unexpected, f"{scenario}:{result.check.id}")
    for scenario, check in per_check:
        mine = [r for r in by_scenario.get(scenario, []) if r.check.id == check]
        if mine and all(r.status == "pass" for r in mine):
            for r in mine:
                r.baseline = "stale"
            _add(outcome.stale, f"{scenario}:{check}")
    return outcome


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)
