"""`check` over paths in several git repositories lints each with its own root, and never hangs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.cli import main
from validator.engine.config import ConfigError
from validator.lint.runner import LintOptions, run_lint

SKILL = """---
name: {name}
description: Formats release notes. Use when asked to draft the notes of a release.
---

# {name}

Follow [the template](references/template.md) and run `scripts/check.sh`.
"""


def _repository(base: Path, name: str, *, broken: bool = False) -> Path:
    root = base / name
    (root / ".git").mkdir(parents=True)
    skill = root / ".claude" / "skills" / "release-notes"
    (skill / "references").mkdir(parents=True)
    (skill / "scripts").mkdir()
    (skill / "SKILL.md").write_text(SKILL.format(name="release-notes"))
    (skill / "scripts" / "check.sh").write_text("#!/bin/sh\n")
    if not broken:
        (skill / "references" / "template.md").write_text("# Template\n")
    return root


def test_each_repository_is_judged_from_its_own_root(tmp_path: Path) -> None:
    first = _repository(tmp_path, "first")
    second = _repository(tmp_path, "second", broken=True)
    result = run_lint(LintOptions(paths=(str(first), str(second)), cwd=tmp_path, no_config=True))
    missing = [(f.rule.code, f.path) for f in result.findings if f.rule.code == "SKL014"]
    # the second repository's own references resolve in it: only its one broken link is reported
    assert missing == [("SKL014", "second/.claude/skills/release-notes/SKILL.md")]
    assert result.repositories == 2 and result.root == tmp_path.resolve()
    assert set(result.files) == {"first/.claude/skills/release-notes/SKILL.md", "second/.claude/skills/release-notes/SKILL.md"}


def test_same_result_as_one_repository_at_a_time(tmp_path: Path) -> None:
    first = _repository(tmp_path, "first", broken=True)
    second = _repository(tmp_path, "second", broken=True)
    both = run_lint(LintOptions(paths=(str(first), str(second)), cwd=tmp_path, no_config=True))
    alone = [run_lint(LintOptions(paths=(str(root),), cwd=tmp_path, no_config=True)) for root in (first, second)]
    assert [(f.rule.code, f.path, f.line, f.column) for f in both.findings] == \
        [(f.rule.code, f"{name}/{f.path}", f.line, f.column) for name, result in zip(("first", "second"), alone)
         for f in result.findings]


def test_a_skill_outside_the_first_root_does_not_hang(tmp_path: Path) -> None:
    """A file outside the run's root once made the upward reference search loop on '/' forever."""
    from validator.standards.skills.checks.body import _found_upwards

    class Index:
        def exists(self, rel: str) -> bool:
            return False

    class Context:
        index = Index()

    assert _found_upwards(Context(), "/tmp/elsewhere/skills/x", "references/a.md") is False


@pytest.mark.parametrize("flag", [["--baseline", "baseline.json"], ["--changed-since", "HEAD"]])
def test_one_repository_options_are_refused(tmp_path: Path, flag: list[str]) -> None:
    first, second = _repository(tmp_path, "first"), _repository(tmp_path, "second")
    (tmp_path / "baseline.json").write_text(json.dumps({"findings": []}))
    with pytest.raises(ConfigError, match="one repository at a time"):
        run_lint(LintOptions(paths=(str(first), str(second)), cwd=tmp_path, no_config=True,
                             baseline=tmp_path / flag[1] if flag[0] == "--baseline" else None,
                             changed_since=flag[1] if flag[0] == "--changed-since" else None))


def test_write_baseline_of_several_repositories_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    first, second = _repository(tmp_path, "first"), _repository(tmp_path, "second")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(first), str(second), "--no-config", "--write-baseline", "b.json"]) == 2
    assert "one repository at a time" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()


def test_a_repository_nested_in_another_keeps_one_root(tmp_path: Path) -> None:
    outer = _repository(tmp_path, "outer")
    inner = _repository(outer, "vendor-inner")
    result = run_lint(LintOptions(paths=(str(outer), str(inner)), cwd=tmp_path, no_config=True))
    assert result.repositories == 1 and result.root == outer.resolve()
