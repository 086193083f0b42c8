"""Folding repeats (`validator.lint.fold`): one author decision in many files is one finding.

A generated catalogue of 8 skills whose names all carry a product prefix (`acme-<folder>`)
draws SKL004 once, naming the other 7 skills, with their positions in JSON `also` and
SARIF `relatedLocations`; `--no-fold` lists all 8, `--write-baseline` records all 8 so
the baseline keeps matching, and a folded error still fails the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.cli import main
from validator.lint.fold import FOLD_AFTER, fold, kind_of
from validator.lint.runner import LintOptions, run_lint
from validator.model import Finding
from validator.registry import all_rules

FOLDERS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def _skill(root: Path, folder: str, name: str, extra: str = "") -> Path:
    path = root / "skills" / folder / "SKILL.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nname: {name}\ndescription: Does {folder} things for the Acme product.\n{extra}---\n\n# {folder}\n")
    return path


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    for folder in FOLDERS:
        _skill(tmp_path, folder, f"acme-{folder}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-config", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _position(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of NEEDLE in PATH, by text search."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_a_naming_convention_in_8_skills_is_one_finding_naming_the_others(catalogue: Path, capsys) -> None:
    code, out, _ = _check(capsys, "--format", "json", "--select", "SKL004")
    findings = json.loads(out)["findings"]
    assert code == 1  # SKL004 is an error: folded, it still fails the run
    assert len(findings) == 1
    first = findings[0]
    line, column = _position(catalogue / "skills/alpha/SKILL.md", "acme-alpha")
    assert (first["path"], first["line"], first["column"]) == ("skills/alpha/SKILL.md", line, column)
    assert first["message"] == ("name 'acme-alpha' does not match the skill's folder 'alpha'; the same in 7 other "
                                "files: skills/bravo/SKILL.md, skills/charlie/SKILL.md, skills/delta/SKILL.md and 4 more")
    assert first["also"] == [{"path": f"skills/{folder}/SKILL.md", "line": line, "column": column}
                             for folder in FOLDERS[1:]]
    assert json.loads(out)["folded"] == 7


def test_no_fold_reports_every_finding(catalogue: Path, capsys) -> None:
    code, out, _ = _check(capsys, "--format", "json", "--select", "SKL004", "--no-fold")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert sorted(f["path"] for f in findings) == [f"skills/{folder}/SKILL.md" for folder in FOLDERS]
    assert all("the same in" not in f["message"] and "also" not in f for f in findings)


def test_fold_false_in_the_configuration_reports_every_finding(catalogue: Path, capsys) -> None:
    (catalogue / "agentconform.toml").write_text("fold = false\n")
    code = main(["check", "--format", "json", "--select", "SKL004"])
    assert len(json.loads(capsys.readouterr().out)["findings"]) == len(FOLDERS)
    assert code == 1


def test_the_baseline_is_written_unfolded_and_keeps_matching(catalogue: Path, capsys) -> None:
    baseline = catalogue / "baseline.json"
    code, _, err = _check(capsys, "--select", "SKL004", "--write-baseline", str(baseline))
    assert code == 0 and "wrote 8 finding(s)" in err
    table = json.loads(baseline.read_text())["findings"]
    assert table == {f"skills/{folder}/SKILL.md": {"SKL004": 1} for folder in FOLDERS}
    code, out, _ = _check(capsys, "--format", "json", "--select", "SKL004", "--baseline", str(baseline))
    assert code == 0 and json.loads(out)["findings"] == []
    # a new skill with the same convention: the only finding not in the baseline, so nothing folds
    _skill(catalogue, "india", "acme-india")
    code, out, _ = _check(capsys, "--format", "json", "--select", "SKL004", "--baseline", str(baseline))
    assert code == 1
    assert [(f["path"], "also" in f) for f in json.loads(out)["findings"]] == [("skills/india/SKILL.md", False)]


def test_sarif_carries_the_folded_places_as_related_locations(catalogue: Path, capsys) -> None:
    _, out, _ = _check(capsys, "--format", "sarif", "--select", "SKL004")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == 1
    related = results[0]["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        f"skills/{folder}/SKILL.md" for folder in FOLDERS[1:]]
    assert [r["id"] for r in related] == list(range(1, len(FOLDERS)))


def test_text_output_says_how_many_were_folded(catalogue: Path, capsys) -> None:
    _, out, _ = _check(capsys, "--select", "SKL004")
    assert "Found 1 problem" in out
    assert "7 repeated finding(s) folded into the first of their kind; --no-fold lists each." in out


def test_up_to_the_threshold_each_finding_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for folder in FOLDERS[:FOLD_AFTER]:
        _skill(tmp_path, folder, f"acme-{folder}")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("SKL004",)))
    assert len(result.findings) == FOLD_AFTER and result.folded == 0


def test_different_decisions_of_a_message_rule_do_not_fold(tmp_path: Path) -> None:
    """A2A020 folds identical messages only: 'x' and 'y' unknown in six cards are different fields."""
    rule = all_rules()["A2A020"]
    findings = [Finding(rule, f"agents/{i}/agent-card.json", 2, 3, 2, 9, f"'field{i}' is not a field of the card in A2A 0.3.0; "
                        "clients ignore it", "warning") for i in range(8)]
    assert len({kind_of(f) for f in findings}) == 8
    assert fold(findings) == (findings, 0)


def test_findings_of_different_severities_never_fold_together() -> None:
    """A nested configuration that makes SKL004 a warning in some skills: the errors still fail the run."""
    rule = all_rules()["SKL004"]
    findings = [Finding(rule, f"skills/{folder}/SKILL.md", 2, 7, 2, 20, f"name 'acme-{folder}' does not match the "
                        f"skill's folder '{folder}'", "warning" if i == 0 else "error") for i, folder in enumerate(FOLDERS)]
    folded, count = fold(findings)
    assert [f.severity for f in folded] == ["warning", "error"] and count == len(FOLDERS) - 2
    assert folded[1].path == "skills/bravo/SKILL.md" and len(folded[1].also) == len(FOLDERS) - 2


def test_identical_copies_fold_below_the_threshold(tmp_path: Path) -> None:
    """Two copies of one agent card with the same unknown fields: each field once, naming the copy."""
    (tmp_path / ".git").mkdir()
    card = {"name": "Agent", "description": "An agent.", "url": "https://agent.example.com/a2a", "version": "1.0.0",
            "protocolVersion": "0.3.0", "capabilities": {}, "defaultInputModes": ["text/plain"],
            "defaultOutputModes": ["text/plain"], "skills": [], "schemaVersion": "1", "homepage": "https://x.example"}
    for folder in (".well-known", "public/.well-known"):
        path = tmp_path / folder / "agent-card.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(card, indent=2) + "\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("A2A020",)))
    assert sorted(f.message.split(" ")[0] for f in result.findings) == ["'homepage'", "'schemaVersion'"]
    assert all(f.path == ".well-known/agent-card.json" for f in result.findings)
    assert all(f.message.endswith("; the same in 1 other file: public/.well-known/agent-card.json")
               for f in result.findings)
    assert result.folded == 2
    unfolded = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("A2A020",), fold=False))
    assert len(unfolded.findings) == 4


def test_rules_that_fold_judge_a_convention_never_a_fault_to_find() -> None:
    folding = {code for code, rule in all_rules().items() if rule.fold}
    assert {"SKL001", "SKL004", "SKL009", "A2A020"} <= folding
    # secrets, broken links and missing files are each a fault a user must find where it is
    assert not {code for code in folding if "secret" in all_rules()[code].alias}
    assert all(all_rules()[code].fold in ("message", "template") for code in folding)


def test_a_skill_checked_alone_reports_its_own_field(tmp_path: Path) -> None:
    """SKL011 used to group at emit time, reporting a field only at the first skill of the repository that has
    it, so a pre-commit run on the second skill alone said nothing; folding happens among the findings reported."""
    (tmp_path / ".git").mkdir()
    first = _skill(tmp_path, "alpha", "alpha", "version: 1.0.0\n")
    second = _skill(tmp_path, "bravo", "bravo", "version: 1.0.0\n")
    alone = run_lint(LintOptions(paths=(str(second),), root=tmp_path, cwd=tmp_path, no_config=True, select=("SKL011",)))
    assert [(f.path, f.line) for f in alone.findings] == [("skills/bravo/SKILL.md", _position(second, "version")[0])]
    whole = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("SKL011",)))
    assert [(f.path, f.also) for f in whole.findings] == [
        ("skills/alpha/SKILL.md", (("skills/bravo/SKILL.md", *_position(second, "version")),))]
    assert _position(first, "version") == _position(second, "version")


def test_the_default_threshold_is_the_rules_default() -> None:
    """`Rule.fold_after` defaults to the documented threshold; only rules whose quoted value is the decision lower it."""
    rules = all_rules()
    assert rules["SKL004"].fold_after == FOLD_AFTER
    assert {code for code, rule in rules.items() if rule.fold_after != FOLD_AFTER} == {"SKL008", "SKL010", "SKL011"}
    assert all(rules[code].fold == "message" and rules[code].fold_after == 1 for code in ("SKL008", "SKL010", "SKL011"))


def test_many_repeats_in_one_file_fold(tmp_path: Path, monkeypatch):
    """120 dotted tool names in one MCPB manifest are one naming decision: one MCPB060 naming how many more places
    (FOLD_MANY), where per-file folding alone would list them all (audit 16: an SAP server's manifest)."""
    from validator.lint.fold import FOLD_MANY

    (tmp_path / ".git").mkdir()
    tools = [{"name": f"sap.artifact.t{i}.create", "description": f"Create artifact {i}"} for i in range(FOLD_MANY + 5)]
    manifest = {"manifest_version": "0.3", "name": "sap", "version": "1.0.0", "description": "SAP tools",
                "author": {"name": "Acme"}, "server": {"type": "node", "entry_point": "server/index.js",
                                                       "mcp_config": {"command": "node", "args": ["${__dirname}/server/index.js"]}},
                "tools": tools}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, indent=2))
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "index.js").write_text("// server\n")
    result = run_lint(LintOptions(paths=(), cwd=tmp_path, no_config=True))
    names = [f for f in result.findings if f.rule.code == "MCPB060"]
    assert len(names) == 1, [f.message for f in names]
    assert f"({FOLD_MANY + 4} more places)" in names[0].message and len(names[0].also) == FOLD_MANY + 4


def test_no_rule_keeps_more_than_the_cap_of_warnings_in_a_repository() -> None:
    """79 dead links in one repository's Cursor rules (audit 17: CopilotKit) are twenty findings, the twentieth listing
    the rest with their positions; errors are each reported where they are."""
    from validator.lint.fold import CAP

    links, schema = all_rules()["AGM054"], all_rules()["SRV004"]
    warnings = [Finding(links, f".cursor/rules/r{i // 10}.mdc", 1 + i % 10, 3, 1 + i % 10, 9,
                        f"mdc:examples/demo-{i}/ does not exist", "warning") for i in range(CAP + 9)]
    errors = [Finding(schema, "server.json", 1 + i, 5, 1 + i, 9, f"field {i} is invalid", "error") for i in range(CAP + 3)]
    folded, count = fold(sorted(warnings + errors, key=Finding.sort_key))
    kept = [f for f in folded if f.rule is links]
    assert len(kept) == CAP and count == 9
    assert kept[-1].message.startswith(warnings[CAP - 1].message)
    assert "9 more AGM054 (broken-relative-link) findings past the first 20 in this repository" in kept[-1].message
    assert set(kept[-1].also) == {(w.path, w.line, w.column) for w in warnings[CAP:]}
    assert [f for f in folded if f.rule is schema] == sorted(errors, key=Finding.sort_key)
    assert fold(sorted(warnings[:CAP], key=Finding.sort_key)) == (sorted(warnings[:CAP], key=Finding.sort_key), 0)
