"""Discovery: our .gitignore matcher agrees with `git check-ignore`; roots and skips are right."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from validator.engine.files import FileIndex, find_root, glob_match
from validator.engine.gitignore import IgnoreStack, parse_gitignore

GITIGNORE = """\
# comment
*.log
!keep.log
build/
/rooted.txt
docs/**/draft-*.md
**/cache
a/**/b
\\#literal
trailing\\ 
[Tt]emp*
?x.txt
sub/
node/
"""
NESTED = "*.tmp\n!important.tmp\n/local-only\n"
PATHS = [
    "app.log", "keep.log", "src/app.log", "src/keep.log", "build/out.js", "src/build/out.js", "rooted.txt",
    "src/rooted.txt", "docs/a/b/draft-1.md", "docs/draft-2.md", "docs/final.md", "x/cache/y", "cache/z",
    "a/b", "a/x/y/b", "a/x/c", "#literal", "trailing ", "Temp1", "temp2", "ax.txt", "abx.txt",
    "sub/file", "deep/sub/file", "node/x", "pkg/f.tmp", "pkg/important.tmp", "pkg/local-only", "local-only",
    "README.md",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed as the oracle for .gitignore semantics")
    (tmp_path / ".gitignore").write_text(GITIGNORE)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / ".gitignore").write_text(NESTED)
    for rel in PATHS:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def _git_ignored(root: Path) -> set[str]:
    out = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--ignored", "--untracked-files=all"],
                         capture_output=True, text=True, check=True, env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"})
    ignored = set()
    for line in out.stdout.splitlines():
        if line.startswith("!! "):
            ignored.add(line[3:].strip('"').rstrip("/"))
    return ignored


def test_listing_matches_git(tree: Path) -> None:
    index = FileIndex(tree)
    listed = set(index.files)
    ignored_by_git = _git_ignored(tree)
    for rel in PATHS:
        git_ignores = any(rel == p or rel.startswith(p + "/") for p in ignored_by_git)
        assert (rel not in listed) == git_ignores, (rel, git_ignores)


def test_skips_vcs_node_modules_and_virtualenvs(tmp_path: Path) -> None:
    for rel in ("node_modules/pkg/AGENTS.md", ".git/AGENTS.md", "env/pyvenv.cfg", "env/lib/AGENTS.md", "src/AGENTS.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    index = FileIndex(tmp_path)
    assert index.files == ["src/AGENTS.md"]
    assert index.is_ignored("node_modules/pkg/AGENTS.md")
    assert not index.is_ignored("src/AGENTS.md")


def test_symlinks_are_listed_not_followed(tmp_path: Path) -> None:
    (tmp_path / "AGENTS.md").write_text("# a")
    os.symlink("AGENTS.md", tmp_path / "CLAUDE.md")
    os.symlink("/", tmp_path / "rootlink")
    index = FileIndex(tmp_path)
    assert index.entries["CLAUDE.md"].is_symlink
    assert index.entries["CLAUDE.md"].link_target == "AGENTS.md"
    assert not any(rel.startswith("rootlink/") for rel in index.files)
    assert index.read_text("rootlink/etc/passwd") is None  # nothing outside the root is read
    assert index.resolve("../outside") is None


def test_find_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_root(tmp_path / "a" / "b") == tmp_path.resolve()
    outside = tmp_path / "a"
    shutil.rmtree(tmp_path / ".git")
    assert find_root(outside) == outside.resolve()


@pytest.mark.parametrize(("rel", "pattern", "expected"), [
    ("fixtures/a/server.json", "fixtures/**", True),
    ("x/fixtures/a.json", "fixtures/**", False),
    ("a/b/server.json", "server.json", True),
    ("a/b/server.json", "*.json", True),
    ("servers/x/server.json", "servers/*/server.json", True),
    ("servers/x/y/server.json", "servers/*/server.json", False),
])
def test_glob_match(rel: str, pattern: str, expected: bool) -> None:
    assert glob_match(rel, pattern) is expected


def test_negation_after_directory_rule() -> None:
    stack = IgnoreStack().push("", parse_gitignore("*.md\n!AGENTS.md\n"))
    assert stack.ignored("x/README.md", False)
    assert not stack.ignored("x/AGENTS.md", False)


def test_git_index_matches_ls_files(tree: Path) -> None:
    """Our index reader lists exactly what `git ls-files` lists, in every index version."""
    from validator.engine.gitindex import tracked_paths

    (tree / "force.log").write_text("x")
    (tree / "dir with space").mkdir()
    (tree / "dir with space" / "caf\u00e9.md").write_text("x")
    os.symlink("README.md", tree / "link.md")
    def run(*args):
        return subprocess.run(["git", "-C", str(tree), *args], check=True, capture_output=True, text=True)

    run("add", "-A")
    run("add", "-f", "force.log", "build/out.js")
    for version in ("2", "3", "4"):
        run("update-index", "--index-version", version)
        expected = run("-c", "core.quotepath=off", "ls-files").stdout.splitlines()
        assert tracked_paths(tree) == expected, version


def test_tracked_files_are_listed_even_when_ignored(tree: Path) -> None:
    subprocess.run(["git", "-C", str(tree), "add", "-f", "app.log", "build/out.js"], check=True, capture_output=True)
    index = FileIndex(tree)
    assert "app.log" in index.files and "build/out.js" in index.files
    assert not index.is_ignored("build/out.js")
    assert "src/app.log" not in index.files  # ignored and untracked stays out
