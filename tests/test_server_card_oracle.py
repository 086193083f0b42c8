"""Differential test of our MCP Server Card schema against the official one (the oracle).

The extension's own examples (valid and invalid) and systematic mutations of the valid
ones must get the official schema's verdict (`$defs.ServerCard`, as the extension's
`validate-examples.ts` uses it). Both sides use the same `format: uri` checker, so what
is compared is the shape.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from validator.engine.schemacheck import Validator
from validator.lint.runner import LintOptions, run_lint
from validator.standards.server_card.models import json_schema
from validator.standards.server_card.schema import is_uri

from .conftest import shared_path
from .mutations import mutations

CHECKER = FormatChecker(formats=())
CHECKER.checks("uri")(is_uri)


@lru_cache(maxsize=1)
def official() -> Draft202012Validator:
    schema = json.loads(shared_path("spec", "server-card", "server-card.schema.json").read_text())
    return Draft202012Validator({"$ref": "#/$defs/ServerCard", "$defs": schema["$defs"]}, format_checker=CHECKER)


@lru_cache(maxsize=1)
def ours() -> Validator:
    return Validator(json_schema(), formats={"uri": is_uri})


def verdicts(card) -> tuple[bool, bool]:
    mine = ours().is_valid(card)
    assert Draft202012Validator(json_schema(), format_checker=CHECKER).is_valid(card) == mine
    return official().is_valid(card), mine


def examples() -> list[tuple[str, dict]]:
    return [(path.name, json.loads(path.read_text())) for path in sorted(shared_path("spec", "server-card", "examples").glob("*.json"))]


def test_examples_get_the_official_verdicts() -> None:
    cases = examples()
    assert len(cases) >= 7
    for name, card in cases:
        expected, mine = verdicts(card)
        assert expected == mine, name
        assert expected == name.startswith("valid__"), name
    print(f"server-card examples: {len(cases)}/{len(cases)} verdicts agree")


def test_mutation_verdicts_agree() -> None:
    compared = agreed = 0
    mismatches = []
    extra = (17, None, "x", [], {}, True, "", "not a uri", "sse", "{host}/mcp", "a" * 101, "dark")
    for name, card in examples():
        if not name.startswith("valid__"):
            continue
        for label, mutated in mutations(card, extra):
            compared += 1
            expected, mine = verdicts(mutated)
            if expected == mine:
                agreed += 1
            else:
                mismatches.append((name, label, expected, mine))
    print(f"server-card mutations: {agreed}/{compared} verdicts agree")
    assert compared > 400
    assert mismatches == [], mismatches[:10]


@pytest.mark.parametrize("name", ["invalid__bad-name-pattern", "invalid__date-versioned-schema", "invalid__missing-name",
                                  "invalid__missing-schema", "invalid__wrong-schema-name"])
def test_each_invalid_example_is_an_error_finding(tmp_path, name: str) -> None:
    (tmp_path / "server-card.json").write_bytes(shared_path("spec", "server-card", "examples", f"{name}.json").read_bytes())
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("ALL",)))
    assert result.errors == []
    assert [f.severity for f in result.findings if f.rule.code in ("CARD001", "CARD002")] == ["error"]
