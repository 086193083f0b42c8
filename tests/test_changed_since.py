"""`check --changed-since REV` never reports anything a full run would not, and never misses what a change caused.

A git repository is built from fixture cases of every standard (plus the cross-file and
command cases whose findings depend on other files); after each set of edits (modified,
added, deleted, renamed files, a package.json an AGENTS.md command names, a server.json
the cross-file stage compares; committed since REV, staged, unstaged, untracked) the
`--changed-since` run must report exactly the full run's findings restricted to what it
linted, and every finding of the full run that is new or gone since REV, or that lies in a
changed file, must be among them. The git invocation must run nothing the repository configures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from validator.engine.config import ConfigError
from validator.engine.files import FileIndex
from validator.lint import since
from validator.lint.runner import LintOptions, run_lint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = (
    "agents-md/AGM060/fail/undefined-script", "agents-md/AGM060/pass/resolved",
    "agents-md/AGM060/fail/defined-in-another-package",
    "crossfile/XF001/fail/mcpname-missing", "crossfile/XF001/pass/mcpname-matches",
    "crossfile/XF001/fail/mcpname-other-server",
    "server-json/SRV001/fail/no-schema", "server-json/SRV001/pass/fixed",
)
GIT = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false",
       "-c", "core.hooksPath=/dev/null"]


def _git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def _cases() -> list[Path]:
    """The named cases plus the first case of each standard's first few rules (every standard takes part)."""
    chosen = [FIXTURES / case for case in CASES]
    for standard in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for case in sorted(standard.glob("*/*/*"))[:6]:
            if case.is_dir() and case.parent.name in ("pass", "fail") and case not in chosen:
                chosen.append(case)
    return chosen


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for number, case in enumerate(_cases()):
        shutil.copytree(case, root / f"c{number:03d}", symlinks=True)
    (root / "AGENTS.md").write_text("# Repo\n\nRun `npm test` before committing.\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    return root


def _run(root: Path, **options):
    return run_lint(LintOptions(root=root, cwd=root, **options))


def _keys(findings) -> list:
    return [str(sorted(finding.to_dict().items())) for finding in findings]


def _check(root: Path, rev: str, before: list[str]) -> tuple:
    """Assert the promise of `--changed-since REV` on ROOT's current state (BEFORE: the full run's findings at REV)."""
    full = _run(root)
    partial = _run(root, changed_since=rev)
    hosts = set(partial.files) | {f.path for f in partial.findings if f.rule.code.startswith("XF")}
    changed = since.changed_since(root.resolve(), rev, FileIndex(root.resolve()).files).status
    expected = [f for f in full.findings if f.path in hosts or (changed and f.rule.code.startswith("XF"))]
    assert _keys(partial.findings) == _keys(expected)
    assert set(partial.files) <= set(full.files)
    assert not partial.errors and not full.errors
    caused = [key for key in _keys(full.findings) if key not in before]
    reported = set(_keys(partial.findings))
    assert all(key in reported for key in caused), "a finding the changes caused is missing"
    in_changed = [f for f in full.findings if f.path in changed]
    assert all(key in reported for key in _keys(in_changed)), "a finding in a changed file is missing"
    return full, partial, changed


def test_no_change_lints_nothing(repo: Path) -> None:
    result = _run(repo, changed_since="HEAD")
    assert result.findings == [] and result.files == {}


def test_edits_of_every_kind(repo: Path) -> None:
    before = _keys(_run(repo).findings)
    base = _git(repo, "rev-parse", "HEAD").strip()
    cases = {case: repo / f"c{n:03d}" for n, case in enumerate(CASES)}
    # committed since REV: an AGENTS.md names a script its package.json lacks, then the script is added
    undefined = cases["agents-md/AGM060/fail/undefined-script"]
    (undefined / "package.json").write_text(
        '{"name": "acme", "scripts": {"build": "tsc", "test": "vitest", "lint": "eslint .", "typecheck": "tsc"}}\n')
    _git(repo, "commit", "-qam", "define the script")
    # staged: a server.json the cross-file stage compares with its package.json now names another package
    crossed = cases["crossfile/XF001/pass/mcpname-matches"]
    server = crossed / "server.json"
    server.write_text(server.read_text().replace("io.github.acme/weather", "io.github.acme/other"))
    _git(repo, "add", str(server))
    # unstaged: a script removed from the package.json another AGENTS.md relies on
    resolved = cases["agents-md/AGM060/pass/resolved"]
    for manifest in resolved.rglob("package.json"):
        manifest.write_text('{"name": "x", "scripts": {}}\n')
    # deleted, renamed, added (untracked), and one untracked file that is ignored
    shutil.rmtree(cases["agents-md/AGM060/fail/defined-in-another-package"])
    os.rename(cases["server-json/SRV001/fail/no-schema"], repo / "moved")
    (repo / "newpkg").mkdir()
    (repo / "newpkg" / "AGENTS.md").write_text("# New\n\nRun `make nothing-here` to build.\n")
    (repo / ".gitignore").write_text("ignored/\n")
    (repo / "ignored").mkdir()
    (repo / "ignored" / "AGENTS.md").write_text("# Ignored\n")
    full, partial, changed = _check(repo, base, before)
    assert {"newpkg/AGENTS.md", "moved/server.json", ".gitignore"} <= set(changed)
    assert not any(path.startswith("ignored/") for path in changed)
    assert changed[f"{undefined.name}/package.json"] == "M"
    assert any(path.endswith("AGENTS.md") and path.startswith(undefined.name) for path in partial.files)
    assert any(f.rule.code == "XF001" for f in partial.findings), "the staged server.json edit's finding is missing"
    # an unchanged server.json is not linted again (its checks read nothing else)
    unchanged = cases["server-json/SRV001/pass/fixed"].name + "/server.json"
    assert unchanged in full.files and unchanged not in partial.files


def test_only_a_server_json_changed(repo: Path) -> None:
    before = _keys(_run(repo).findings)
    target = next(repo.glob("c*/server.json"))
    target.write_text(target.read_text() + "\n// trailing text\n")
    _full, partial, changed = _check(repo, "HEAD", before)
    assert changed == {target.relative_to(repo).as_posix(): "M"}
    assert target.relative_to(repo).as_posix() in partial.files


def test_a_configuration_change_lints_everything(repo: Path) -> None:
    before = _keys(_run(repo).findings)
    (repo / "agentconform.toml").write_text('ignore = ["AGM030"]\n')
    full, partial, _changed = _check(repo, "HEAD", before)
    assert partial.files == full.files and _keys(partial.findings) == _keys(full.findings)


CONTROL = "agents-md"
"""A standard whose checks do read other files: the watch must see them."""


def test_self_contained_standards_read_nothing_else(repo: Path, monkeypatch) -> None:
    """The standards `select` skips when unchanged: their checks never ask the file index anything."""
    from validator.lint import target as target_mod

    asked: list[tuple[str, str]] = []
    current: list[str] = []

    def watch(name):
        real = getattr(FileIndex, name)
        if isinstance(real, property):
            return property(lambda self: (current and asked.append((current[0], name))) or real.fget(self))
        return lambda self, *a, **k: (current and asked.append((current[0], name))) or real(self, *a, **k)

    for name in ("entries", "files", "dirs", "by_name", "listed", "is_ignored", "exists", "resolve", "read_text", "glob"):
        monkeypatch.setattr(FileIndex, name, watch(name))
    def watched(real, label):
        def call(first, ctx, *rest):
            current.append(f"{label}:{first.relpath}")
            try:
                result = real(first, ctx, *rest)
                return list(result) if isinstance(result, Iterator) else result  # a generator runs now, watched
            finally:
                current.clear()
        return call

    from validator.registry import standards

    for module in standards():
        if module.NAME in (*since.SELF_CONTAINED, CONTROL):
            monkeypatch.setattr(module, "parse", watched(module.parse, module.NAME))
    real_checks = target_mod.run_checks
    monkeypatch.setattr(target_mod, "run_checks", lambda document, ctx, checks: list(
        watched(real_checks, document.standard)(document, ctx, checks)
        if document.standard in (*since.SELF_CONTAINED, CONTROL) else real_checks(document, ctx, checks)))
    from validator.lint import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    result = _run(repo)
    assert any(standard in since.SELF_CONTAINED for standards in result.files.values() for standard in standards)
    assert any(who.startswith(CONTROL) for who, _ in asked), "the watch saw nothing: it watches nothing"
    assert [(who, what) for who, what in asked if not who.startswith(CONTROL)] == []


def test_git_runs_nothing_the_repository_configures(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\necho ran >> {marker}\ncat\n")
    script.chmod(0o755)
    for key in ("core.fsmonitor", "diff.external", "diff.evil.textconv", "diff.evil.command", "filter.evil.clean",
                "filter.evil.process", "core.pager"):
        _git(repo, "config", key, str(script))
    _git(repo, "config", "filter.evil.required", "true")
    (repo / ".gitattributes").write_text("* filter=evil diff=evil\n")
    (repo / "AGENTS.md").write_text("# Repo, changed\n")
    os.utime(repo / "AGENTS.md", (1, 1))
    changes = since.changed_since(repo.resolve(), "HEAD")
    assert {"AGENTS.md", ".gitattributes"} <= set(changes.status)
    assert not marker.exists(), "git ran a program the repository configured"


@pytest.mark.parametrize("rev", ["no-such-rev", "--output=/tmp/x", "HEAD~5"])
def test_a_revision_that_does_not_resolve_is_a_usage_error(repo: Path, rev: str) -> None:
    with pytest.raises(ConfigError):
        _run(repo, changed_since=rev)


def test_outside_a_repository_or_without_git(tmp_path: Path, monkeypatch, repo: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(ConfigError, match="git"):
        _run(plain, changed_since="HEAD")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ConfigError, match="needs git"):
        _run(repo, changed_since="HEAD")


def test_cli_exit_code_and_one_line(repo: Path) -> None:
    import sys

    done = subprocess.run([sys.executable, "-m", "validator", "check", "--changed-since", "nope"], cwd=repo,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "nope" in done.stderr


def test_jobs_give_the_same_partial_run(repo: Path, monkeypatch) -> None:
    from validator.lint import parallel

    (repo / "AGENTS.md").write_text("# Repo\n\nRun `npm run missing`.\n")
    serial = _run(repo, changed_since="HEAD", jobs=1)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 5)
    forked = _run(repo, changed_since="HEAD", jobs=2)
    assert _keys(forked.findings) == _keys(serial.findings) and forked.files == serial.files


def test_git_says_why_in_one_line(repo: Path, tmp_path: Path) -> None:
    """A refusal of git (here: not a repository) comes back as its `fatal:` line, not a hint after it."""
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(ConfigError) as caught:
        since.changed_since(plain, "HEAD")
    assert "fatal:" in str(caught.value) and "\n" not in str(caught.value)


def test_a_new_file_only_global_excludes_hide_is_still_new(repo: Path, tmp_path: Path, monkeypatch) -> None:
    """git's untracked list honours the user's core.excludesFile; the lint's listing does not."""
    excludes = tmp_path / "global-excludes"
    excludes.write_text("fresh/\n")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(f"[core]\n\texcludesFile = {excludes}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    (repo / "fresh").mkdir()
    (repo / "fresh" / "AGENTS.md").write_text("# Fresh\n\nRun `npm run nowhere`.\n")
    before = _keys(_run(repo).findings)
    _full, partial, changed = _check(repo, "HEAD", before)
    assert changed.get("fresh/AGENTS.md") == "A"
    assert "fresh/AGENTS.md" in partial.files


def test_a_symlinked_server_json_follows_its_target(repo: Path) -> None:
    """server.json -> real.json: an edit of real.json changes what server.json says."""
    folder = next(repo.glob("c*/server.json")).parent
    (folder / "server.json").rename(folder / "real.json")
    (folder / "server.json").symlink_to("real.json")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "symlink")
    before = _keys(_run(repo).findings)
    real = folder / "real.json"
    real.write_text(real.read_text().replace('"name"', '"nmae"', 1))
    _full, partial, _changed = _check(repo, "HEAD", before)
    assert f"{folder.name}/server.json" in partial.files
