"""The per-run indexes that keep a monorepo run linear answer exactly what the scans they replace answered."""

from __future__ import annotations

import json
import posixpath

from validator.engine.files import FileIndex
from validator.repo import javascript as JS
from validator.repo.files import Repo
from validator.standards.agents_md import names as N
from validator.standards.agents_md.locations import suggest
from validator.standards.agents_md.plan import below


def _tree(tmp_path):
    (tmp_path / ".git").mkdir()
    files = {
        "AGENTS.md": "# root\n", "CLAUDE.md": "x\n", "package.json": json.dumps({"workspaces": ["packages/*"]}),
        "packages/a/AGENTS.md": "a\n", "packages/a/CLAUDE.md": "a\n", "packages/a/deep/AGENTS.md": "d\n",
        "packages/ab/AGENTS.md": "ab\n", "packages/b/sub/CLAUDE.md": "b\n", ".claude/CLAUDE.md": "c\n",
        "packages/a/package.json": json.dumps({"name": "@x/a", "scripts": {"build": "tsc"},
                                               "devDependencies": {"@scope/tool-bin": "1"}}),
        "packages/ab/package.json": json.dumps({"scripts": {"build": "tsc", "dev": "vite"}, "bin": {"abtool": "x.js"}}),
        "packages/c/package.json": json.dumps({"name": "c-pkg"}),
        "docs/guide/intro.md": "i\n", "src/Utils/helpers.ts": "h\n",
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return Repo.of(FileIndex(tmp_path))


def _scan_below(repo, cwd, predicate):
    here = cwd.strip("/")
    found = [rel for rel in repo.listed_files() if (not here or rel.startswith(here + "/"))
             and posixpath.dirname(rel) != here and predicate(rel)]
    return sorted(found, key=lambda r: (r.count("/"), r))


def test_below_slices_the_run_listing_like_a_scan(tmp_path):
    repo = _tree(tmp_path)
    agents = lambda r: r.rsplit("/", 1)[-1] == "AGENTS.md"  # noqa: E731
    claude = lambda r: N.classify(r) == N.CLAUDE and not r.startswith(".claude/")  # noqa: E731
    for cwd in ("", "packages", "packages/a", "packages/a/deep", "packages/b", "docs", "nowhere"):
        assert below(repo, cwd, agents, "agents") == _scan_below(repo, cwd, agents)
        assert below(repo, cwd, claude, "claude") == _scan_below(repo, cwd, claude)
    assert below(repo, "packages", agents, "agents") == ["packages/a/AGENTS.md", "packages/ab/AGENTS.md",
                                                          "packages/a/deep/AGENTS.md"]


def test_manifest_indexes_match_a_walk_over_every_manifest(tmp_path):
    repo = _tree(tmp_path)
    assert JS.defining_packages(repo, "build") == ["packages/a/package.json", "packages/ab/package.json"]
    assert JS.defining_packages(repo, "dev") == ["packages/ab/package.json"]
    assert JS.defining_packages(repo, "lint") == []
    for name, expected in (("tool-bin", True), ("@scope/tool-bin", True), ("abtool", True), ("scope", False)):
        assert JS.js_bin(repo, name) is expected
    members = JS.workspace_members(repo, "package.json")
    assert JS.match_members(repo, members, "@x/a", "") == ["packages/a/package.json"]
    assert JS.match_members(repo, members, "ab", "") == ["packages/ab/package.json"]  # nameless: its folder name
    assert JS.match_members(repo, members, "c", "") is None  # named c-pkg, so not selected by its folder name
    assert JS.match_members(repo, members, "c-*", "") == ["packages/c/package.json"]


def test_suggestions_from_the_indexes(tmp_path):
    repo = _tree(tmp_path)
    assert suggest(repo, "guide/", resolved="guide/") == "; did you mean docs/guide?"
    assert suggest(repo, "src/utils/helpers.ts", resolved="src/utils/helpers.ts") == "; did you mean src/Utils/helpers.ts?"
    assert suggest(repo, "src/Utilz/nothere.ts", resolved="src/Utilz/nothere.ts") == ""
    # asked twice: the memo of closest names gives the same answer
    assert suggest(repo, "src/utils/helpers.ts", resolved="src/utils/helpers.ts") == "; did you mean src/Utils/helpers.ts?"


def test_folders_by_name_match_a_scan_of_every_folder(tmp_path):
    repo = _tree(tmp_path)
    index = repo.index
    for name in ("a", "ab", "sub", "guide", "Utils", "packages", ".claude", "missing"):
        scanned = sorted(rel for rel in index.dirs if rel and rel.rsplit("/", 1)[-1] == name)
        assert index.dirs_by_name(name) == scanned, name
    assert index.dirs_by_name("a") == ["packages/a"]
