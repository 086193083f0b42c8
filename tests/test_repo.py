"""validator.repo: one cached reader per run, shared by the AGENTS.md checks and the cross-file stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine.files import FileIndex
from validator.repo import paths as RP
from validator.repo.files import Repo
from validator.repo.manifests import pep503, project_name


def _repo(tmp_path: Path) -> FileIndex:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "My_Server.Pkg"\nversion = "1.2.0"\n', encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}', encoding="utf-8")
    return FileIndex(tmp_path)


def test_one_reader_per_index_and_each_file_read_once(tmp_path: Path, monkeypatch) -> None:
    index = _repo(tmp_path)
    reads: list[str] = []
    real = index.read_text
    monkeypatch.setattr(index, "read_text", lambda rel, **kw: reads.append(rel) or real(rel, **kw))
    repo = Repo.of(index)
    assert Repo.of(index) is repo
    assert Repo.of(FileIndex(tmp_path)) is not repo
    assert repo.toml("pyproject.toml") == {"project": {"name": "My_Server.Pkg", "version": "1.2.0"}}
    manifest = repo.structured("pyproject.toml", "toml")
    assert manifest is not None and manifest.region(("project", "version")).line == 3
    assert repo.structured("package.json", "json").value["version"] == "1.0.0"
    assert repo.read_text("package.json").startswith("{")
    assert sorted(reads) == ["package.json", "pyproject.toml"]


def test_absent_and_broken_files_are_none(tmp_path: Path) -> None:
    index = _repo(tmp_path)
    (tmp_path / "broken.toml").write_text("[project\n", encoding="utf-8")
    repo = Repo.of(index)
    assert repo.read_text("missing.txt") is None and repo.structured("missing.json", "json") is None
    assert repo.toml("broken.toml") is None
    assert repo.read_text("../outside") is None


def test_pep503_and_project_name() -> None:
    assert pep503("My_Server.Pkg") == pep503("my-server-pkg") == "my-server-pkg"
    assert project_name({"tool": {"poetry": {"name": "p"}}}) == "p"
    assert project_name({"project": {}}) is None


def test_paths() -> None:
    assert RP.directory("a/b/c.md") == "a/b" and RP.directory("c.md") == ""
    assert RP.join("", "x") == "x" and RP.join("a", "x") == "a/x"
    assert RP.join_inside("a", "../x") == "x" and RP.join_inside("", "../x") == ""
    assert RP.near("pkg/server.json", "package.json") == ["pkg/package.json", "package.json"]
    assert RP.ancestors("a/b") == ["", "a", "a/b"]
    assert RP.normalize_folder("a", "../..") is None and RP.normalize_folder("a", "b") == "a/b"


def test_a_path_its_clause_makes_conditional() -> None:
    """"when present", "if it exists", "(optional)" after the path, "If `x` exists" around it: the file may be absent;
    not when the condition belongs to another path or another sentence."""
    from validator.repo.prose import conditional

    cases = [
        ("Tally with\n`python3 scripts/count-reflection-debt.py` when present. Otherwise count", "scripts/count-reflection-debt.py", True),
        ("Read `docs/adr.md` if it exists.", "docs/adr.md", True),
        ("Read `docs/adr.md` (optional).", "docs/adr.md", True),
        ("Run `scripts/lint.sh`, if present, before pushing.", "scripts/lint.sh", True),
        ("Use `python scripts/x.py --config a.toml` when available.", "scripts/x.py", True),
        ("If `docs/adr.md` exists, read it.", "docs/adr.md", True),
        ("If there is a `scripts/setup.sh`, run it.", "scripts/setup.sh", True),
        ("Run `scripts/a.sh` and `scripts/b.sh` if present.", "scripts/a.sh", False),
        ("Run `scripts/a.sh`. If present, also run b.", "scripts/a.sh", False),
        ("Run `scripts/a.sh` when there is time.", "scripts/a.sh", False),
        ("If `docs/adr.md` is outdated, fix it.", "docs/adr.md", False),
        ("Run `scripts/a.sh` to check the ledger; if present, update it.", "scripts/a.sh", False),
    ]
    for text, path, want in cases:
        start = text.index(path)
        assert conditional(text, start, start + len(path)) is want, text


@pytest.mark.parametrize("path, made_up", [
    # ALL-CAPS slot words stand for a name (audit 23: `tests/skills/NAME/test_SCRIPT.py`, `specs/SPEC-XXX/spec.md`)
    ("tests/skills/NAME/test_SCRIPT.py", True), (".modu/specs/SPEC-XXX/spec.md", True), ("src/MODULE/index.ts", True),
    # a file named in capitals is a real name
    ("docs/FILE_FORMAT.md", False), ("docs/PROJECT_STATUS.md", False), ("skills/x/SKILL.md", False),
    ("src/NAMESPACE/x.py", False), ("docs/README.md", False),
])
def test_placeholder_name_slot_words(path, made_up):
    from validator.repo.prose import placeholder_name

    assert placeholder_name(path) is made_up
