"""Every rule's fixtures: fail cases produce exactly the expected findings, pass cases none.

`fixtures/<standard>/<CODE>/{pass,fail}/<case>/` is a tiny repository; a fail case's
`expected.json` lists the findings of CODE (path, line, column) it must produce. The
meta-tests prove every registered rule has at least one case of each kind and that
every fixture directory names a registered rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.lint.runner import LintOptions, run_lint
from validator.model import CODE_RE
from validator.registry import all_rules

from .conftest import FIXTURES


def _cases() -> list[tuple[str, str, Path]]:
    out = []
    for standard in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for code_dir in sorted(p for p in standard.iterdir() if p.is_dir() and CODE_RE.match(p.name)):
            for kind in ("pass", "fail"):
                for case in sorted((code_dir / kind).glob("*/")):
                    out.append((code_dir.name, kind, case))
    return out


CASES = _cases()


def lint_case(code: str, case: Path):
    """Lint CASE reporting CODE alone, plus the rules the case's own config opts into (a
    suppression fixture needs the rule its directive names); the command line's select
    replaces the configuration's, as in ruff."""
    import tomllib

    config = case / "agentconform.toml"
    opted_in = tuple(tomllib.loads(config.read_text()).get("extend-select", ())) if config.exists() else ()
    return run_lint(LintOptions(root=case, cwd=case, select=(code, *opted_in),
                                config_path=config if config.exists() else None, no_config=not config.exists()))


@pytest.mark.parametrize(("code", "kind", "case"), CASES, ids=[f"{c}-{k}-{p.name}" for c, k, p in CASES])
def test_fixture(code: str, kind: str, case: Path) -> None:
    result = lint_case(code, case)
    assert not result.errors, result.errors
    got = sorted((f.path, f.line, f.column) for f in result.findings if f.rule.code == code)
    if kind == "pass":
        assert got == [], f"{code} fired on a pass case: {[f.message for f in result.findings]}"
        return
    expected = json.loads((case / "expected.json").read_text())
    assert all(item["rule"] == code for item in expected), "expected.json lists another rule"
    want = sorted((item.get("path", ""), item["line"], item["column"]) for item in expected)
    assert got == want, [f"{f.line}:{f.column} {f.message}" for f in result.findings if f.rule.code == code]
    # optional pins: the end of the region and a substring of the message
    by_place: dict[tuple, list] = {}
    for finding in result.findings:
        if finding.rule.code == code:
            by_place.setdefault((finding.path, finding.line, finding.column), []).append(finding)
    for item in expected:
        found = by_place[(item.get("path", ""), item["line"], item["column"])]
        if "message" in item:
            assert any(item["message"] in f.message for f in found), (item["message"], [f.message for f in found])
        if "end_line" in item or "end_column" in item:
            ends = [(f.end_line, f.end_column) for f in found]
            assert (item.get("end_line", found[0].end_line), item.get("end_column", found[0].end_column)) in ends, ends
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


def test_every_rule_has_pass_and_fail_fixtures() -> None:
    have: dict[str, set[str]] = {}
    for code, kind, _ in CASES:
        have.setdefault(code, set()).add(kind)
    missing = {code: sorted({"pass", "fail"} - have.get(code, set())) for code in all_rules()
               if have.get(code, set()) != {"pass", "fail"}}
    assert not missing, f"rules without fixtures: {missing}"


def test_every_fixture_names_a_registered_rule_of_its_standard() -> None:
    rules = all_rules()
    for code, _, case in CASES:
        assert code in rules, f"{case} names an unknown rule"
        standard = case.parent.parent.parent.name
        assert rules[code].standard == standard, f"{case} is filed under {standard}, the rule belongs to {rules[code].standard}"


def test_fail_cases_have_expectations() -> None:
    for _code, kind, case in CASES:
        if kind == "fail":
            assert (case / "expected.json").is_file(), f"{case} lacks expected.json"
