"""Emitters: the functions that implement rules, each registered with the rules it emits.

An emitter is a function `fn(doc, ctx) -> Iterable[Problem]` decorated with the rules
it reports, `@emits(R.SRV011, R.SRV012)`, in a standard's `checks/<topic>.py`. The
decoration is the rule's address: `agentconform explain` and `docs/rules/` name the
file and function, a test asserts that every registered rule has exactly one emitter,
and the lint driver refuses a problem whose rule its emitter did not declare. The
driver also skips an emitter whose rules this run does not report, so a disabled rule
costs nothing.

Only the standard library is imported here: the decorator runs when a check module is
imported, which `agentconform check` does lazily.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable

from validator.model import Rule
from validator.records import record

_BY_MODULE: dict[str, list[Emitter]] = {}


@record(frozen=True)
class Emitter:
    """A function and the rules it may report."""

    function: Callable
    rules: tuple[Rule, ...]
    codes: frozenset[str]

    @property
    def module(self) -> str:
        return self.function.__module__

    @property
    def name(self) -> str:
        return self.function.__qualname__

    @property
    def address(self) -> str:
        """`package.module:function`, as `explain` prints it."""
        return f"{self.module}:{self.name}"

    @property
    def source_path(self) -> str:
        """The file that defines it, relative to the repository (`validator/...py`)."""
        return self.module.replace(".", "/") + ".py"

    def wanted(self, enabled: frozenset[str] | None) -> bool:
        return enabled is None or not self.codes.isdisjoint(enabled)


def emits(*rules: Rule) -> Callable[[Callable], Callable]:
    """Register the decorated function as the emitter of RULES."""
    if not rules:
        raise ValueError("an emitter emits at least one rule")

    def register(function: Callable) -> Callable:
        emitter = Emitter(function, tuple(rules), frozenset(rule.code for rule in rules))
        _BY_MODULE.setdefault(function.__module__, []).append(emitter)
        function.emitter = emitter  # type: ignore[attr-defined]
        return function

    return register


def emitters_in(module: str) -> list[Emitter]:
    """The emitters MODULE defines, in definition order (importing it on first call)."""
    if module not in _BY_MODULE:
        importlib.import_module(module)
    return _BY_MODULE.get(module, [])


def emitters_of(modules: Iterable[str]) -> list[Emitter]:
    return [emitter for module in modules for emitter in emitters_in(module)]


LINT_PACKAGES = ("validator.engine", "validator.standards", "validator.crossfile", "validator.lint")
"""Where emitters live: never the conformance suite, the CLI or the pytest plugin (which needs pytest,
a test extra: `explain` in a default install must not import it)."""


@functools.cache
def all_emitters(package: str = "validator", within: tuple[str, ...] = LINT_PACKAGES) -> tuple[Emitter, ...]:
    """Every emitter under WITHIN, importing each of its modules (for docs, `explain` and tests, never for a run)."""
    import pkgutil

    for top in within:
        root = importlib.import_module(top)
        for info in pkgutil.walk_packages(getattr(root, "__path__", []), prefix=f"{top}."):
            if info.name.rsplit(".", 1)[-1] != "__main__":
                importlib.import_module(info.name)
    return tuple(emitter for module, emitters in _BY_MODULE.items() if module.startswith(f"{package}.") for emitter in emitters)


def emitter_of(code: str) -> Emitter | None:
    """The emitter of rule CODE (None when no function declares it)."""
    return next((e for e in all_emitters() if code in e.codes), None)
