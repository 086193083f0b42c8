"""Rules are data: every registered rule satisfies the pydantic contract and the registry is sound."""

from __future__ import annotations

import pytest

from validator import ruledocs, schemas_export
from validator.registry import all_rules, lookup, standards
from validator.ruledata import validate_rule

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_satisfies_the_contract(rule) -> None:
    validate_rule(rule)


def test_codes_and_aliases_are_unique() -> None:
    aliases = [rule.alias for rule in RULES]
    assert len(aliases) == len(set(aliases)), sorted(a for a in aliases if aliases.count(a) > 1)


def test_each_standard_uses_its_own_prefix() -> None:
    for module in standards():
        for rule in module.RULES:
            assert rule.code.startswith(module.PREFIX), rule.code
            assert rule.standard == module.NAME, rule.code


def test_lookup_by_code_and_alias() -> None:
    for rule in RULES:
        assert lookup(rule.code) is rule
        assert lookup(rule.code.lower()) is rule
        assert lookup(rule.alias) is rule
    assert lookup("NOPE999") is None


def test_errors_rest_on_a_must() -> None:
    """An error is a broken MUST or a certain breakage; advice never fails a build."""
    for rule in RULES:
        if rule.severity == "error":
            assert rule.level == "MUST", f"{rule.code} is an error but only {rule.level}"
        if rule.level == "BEST_PRACTICE":
            assert rule.severity != "error" or rule.standard == "general", rule.code


def test_rule_docs_are_current() -> None:
    assert ruledocs.main(["--check"]) == 0, "run python -m validator.ruledocs"


def test_exported_schemas_are_current() -> None:
    assert schemas_export.main(["--check"]) == 0, "run python -m validator.schemas_export"


def test_pre_commit_hooks_are_current() -> None:
    from validator import precommit

    assert precommit.main(["--check"]) == 0, "run python -m validator.precommit"


def test_every_standard_shows_the_same_face() -> None:
    """validator.standards.base.StandardModule: the attributes the lint run relies on."""
    import importlib

    for module in standards():
        for name in ("NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse"):
            assert hasattr(module, name), f"{module.__name__} lacks {name}"
        assert not hasattr(module, "check"), f"{module.__name__}: findings come from its CHECKS emitters"
        for check_module in module.CHECKS:
            importlib.import_module(check_module)


def test_a_must_below_error_says_why() -> None:
    """A broken MUST is an error, unless the rule's notes state why it is reported lower."""
    silent = [rule.code for rule in all_rules().values()
              if rule.level == "MUST" and rule.severity != "error" and "warning" not in rule.notes.lower()]
    assert not silent, f"MUST rules below error without a reason in their notes: {silent}"


def test_supersedes_names_rules_of_the_same_standard() -> None:
    rules = all_rules()
    for rule in rules.values():
        for code in rule.supersedes:
            assert code in rules and rules[code].standard == rule.standard and code != rule.code, (rule.code, code)


def test_one_fault_one_finding(tmp_path) -> None:
    """An invalid name or transport type is reported by the registry's own rule, not also as a schema violation."""
    from validator.lint.runner import LintOptions, run_lint

    (tmp_path / ".git").mkdir()
    (tmp_path / "server.json").write_text(
        '{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",\n'
        ' "name": "io.github.acme/weather server", "description": "Weather", "version": "1.0.0",\n'
        ' "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.0.0",\n'
        '               "transport": {"type": "websocket"}}]}\n')
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True))
    assert sorted(f.rule.code for f in result.findings) == ["SRV010", "SRV025"]
    alone = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, ignore=("SRV010", "SRV025")))
    assert sorted(f.rule.code for f in alone.findings) == ["SRV004", "SRV004"]
