"""SKL016/SKL017 read a skill's bundled files within bounds: never through a symbolic link, never a
file over the size bound or a binary one, and a nested skill's files only once, for that skill."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.lint.runner import LintOptions, run_lint
from validator.standards.skills.checks.resources import MAX_FILE_BYTES

TOKEN = "ghp_R8mZq2LkT7vW4nB9xC1yD6fH3jK5sP0aE2gU"
SKILL = "---\nname: {name}\ndescription: Do {name} things. Use when asked for {name}.\n---\n\n# {name}\n"


def _skill(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "SKILL.md").write_text(SKILL.format(name=name), encoding="utf-8")
    return folder


def _lint(root: Path) -> list[tuple[str, str]]:
    result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("SKL016", "SKL017")))
    assert not result.errors
    return sorted((f.rule.code, f.path) for f in result.findings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_symlinks_out_of_the_skill_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(f'TOKEN = "{TOKEN}"\n', encoding="utf-8")
    root = tmp_path / "repo"
    skill = _skill(root / ".agents" / "skills" / "upload", "upload")
    (skill / "scripts").mkdir()
    try:
        os.symlink(outside / "secret.py", skill / "scripts" / "linked.py")
        os.symlink(outside, skill / "vendored")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    assert _lint(root) == []


def test_large_and_binary_files_are_not_read(tmp_path: Path) -> None:
    skill = _skill(tmp_path / ".agents" / "skills" / "upload", "upload")
    (skill / "references").mkdir()
    (skill / "references" / "dump.txt").write_text("x" * MAX_FILE_BYTES + f"\n{TOKEN}\n", encoding="utf-8")
    (skill / "assets").mkdir()
    (skill / "assets" / "data.bin").write_bytes(b"\x00\x01" + TOKEN.encode())
    assert _lint(tmp_path) == []


def test_a_nested_skill_owns_its_files(tmp_path: Path) -> None:
    outer = _skill(tmp_path / "skills" / "suite", "suite")
    inner = _skill(outer / "skills" / "upload", "upload")
    (inner / "upload.py").write_text(f'TOKEN = "{TOKEN}"\nHOME = "/Users/marta/work"\n', encoding="utf-8")
    path = "skills/suite/skills/upload/upload.py"
    assert _lint(tmp_path) == [("SKL016", path), ("SKL017", path)]
