"""The registry of standards and of every rule, in one explicit list.

Each entry names a light standard package (see `validator.standards.base` for the
face it shows). Rules are collected from the standards, the file-integrity rules
(`GEN`) and the cross-file stage (`XF`); codes and aliases must be unique, which a
test asserts.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from validator.model import Rule

STANDARD_MODULES: tuple[str, ...] = (
    "validator.standards.server_json",
    "validator.standards.client_config",
    "validator.standards.a2a",
    "validator.standards.skills",
    "validator.standards.goose_recipe",
    "validator.standards.server_card",
    "validator.standards.mcpb",
    "validator.standards.agents_md",
)


@lru_cache(maxsize=1)
def standards() -> tuple:
    """The standard packages, in registry order."""
    return tuple(importlib.import_module(name) for name in STANDARD_MODULES)


def standard_names() -> list[str]:
    return [module.NAME for module in standards()]


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule by code: integrity rules first, then each standard's, then cross-file."""
    from validator.crossfile import RULES as CROSSFILE_RULES
    from validator.engine.integrity import INLINE_RULES
    from validator.engine.integrity import RULES as INTEGRITY_RULES

    table: dict[str, Rule] = {}
    groups = [INTEGRITY_RULES, *(module.RULES for module in standards()), CROSSFILE_RULES]
    if any(getattr(module, "INLINE_DIRECTIVES", False) for module in standards()):
        groups.insert(1, INLINE_RULES)
    for group in groups:
        for rule in group:
            if rule.code in table:
                raise RuntimeError(f"rule code {rule.code} is registered twice")
            table[rule.code] = rule
    return table


@lru_cache(maxsize=1)
def rules_by_alias() -> dict[str, Rule]:
    return {rule.alias: rule for rule in all_rules().values()}


def lookup(name: str) -> Rule | None:
    """A rule by code (case-insensitive) or alias."""
    rules = all_rules()
    return rules.get(name.upper()) or rules_by_alias().get(name.lower())
