"""The result cache never changes what `check` reports.

A randomized differential test edits a repository built from fixture cases of every
standard (contents, dependencies only such as a package.json or a .gitignore, adds,
deletes, renames, symlinks, touches) and compares a cached run with a cold one after every
step; unit tests cover the racy-clean rule, a corrupt or foreign cache, where the cache
lives, and that a warm run really reuses results.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from validator.engine import probes
from validator.lint import cache as cache_mod
from validator.lint import target as target_mod
from validator.lint.runner import LintOptions, run_lint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = int(os.environ.get("AGENTCONFORM_CACHE_SEED", "20261207"))


def _cases(per_standard: int) -> list[Path]:
    chosen = [FIXTURES / "agents-md/AGM060/fail/undefined-script", FIXTURES / "agents-md/AGM060/pass/resolved",
              FIXTURES / "crossfile/XF001/pass/mcpname-matches"]
    for standard in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        cases = [c for c in sorted(standard.glob("*/*/*")) if c.is_dir() and c.parent.name in ("pass", "fail")]
        chosen += random.Random(standard.name).sample(cases, min(per_standard, len(cases)))
    return chosen


def _build(root: Path, per_standard: int = 5) -> Path:
    root.mkdir()
    for number, case in enumerate(_cases(per_standard)):
        shutil.copytree(case, root / f"c{number:03d}", symlinks=True)
    (root / "AGENTS.md").write_text("# Repo\n\nRun `npm test` and `make build`; see [the guide](docs/guide.md#setup).\n")
    (root / "package.json").write_text('{"name": "root", "scripts": {"test": "vitest"}}\n')
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _summary(result) -> tuple:
    return ([f.to_dict() for f in result.findings], result.files, result.files_checked,
            [(e.path, e.standard, e.message) for e in result.errors], result.suppressed)


def _run(root: Path, cache_dir: Path | None, **options):
    options.setdefault("cache", cache_dir is not None)
    return run_lint(LintOptions(root=root, cwd=root, cache_dir=cache_dir, **options))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if ".git" not in p.parts and (p.is_file() or p.is_symlink()))


def _edit(root: Path, rng: random.Random) -> str:
    """One random edit of ROOT; what it did."""
    files = _files(root)
    victim = rng.choice(files)
    action = rng.choice(["append", "same-size", "truncate", "delete", "add", "rename", "touch", "dependency",
                         "gitignore", "symlink", "guide"])
    rel = victim.relative_to(root).as_posix()
    if victim.is_symlink() and action in ("append", "same-size", "truncate", "touch"):
        action = "delete"
    if action == "append":
        with open(victim, "a", encoding="utf-8") as handle:
            handle.write(rng.choice(["\nRun `npm run lint`.\n", "\n<!-- note -->\n", ' ', "\n- see ./missing.md\n"]))
    elif action == "same-size":
        data = bytearray(victim.read_bytes() or b"x")
        spot = rng.randrange(len(data))
        data[spot] = ord(rng.choice("abcXYZ{}\"#-"))
        victim.write_bytes(bytes(data))
    elif action == "truncate":
        data = victim.read_bytes()
        victim.write_bytes(data[: len(data) // 2])
    elif action == "delete":
        victim.unlink()
    elif action == "add":
        folder = rng.choice([p for p in root.rglob("*") if p.is_dir() and ".git" not in p.parts] + [root])
        shutil.copyfile(rng.choice([f for f in files if f.is_file() and not f.is_symlink()]),
                        folder / rng.choice(["AGENTS.md", "CLAUDE.md", "server.json", ".mcp.json", "package.json",
                                             "Makefile", "SKILL.md", "notes.md"]))
    elif action == "rename":
        victim.rename(victim.with_name(victim.name + ".old" if rng.random() < 0.5 else "AGENTS.md"))
    elif action == "touch":
        os.utime(victim)
    elif action == "dependency":
        manifests = sorted(root.rglob("package.json")) or [root / "package.json"]
        manifest = rng.choice(manifests)
        scripts = {name: "x" for name in rng.sample(["build", "test", "lint", "typecheck", "dev", "start"], rng.randrange(4))}
        manifest.write_text(json.dumps({"name": "p", "scripts": scripts}))
    elif action == "gitignore":
        (victim.parent / ".gitignore").write_text(rng.choice(["*.json\n", "docs/\n", "", "!server.json\n", "c0*/\n"]))
    elif action == "symlink":
        link = victim.parent / rng.choice(["CLAUDE.md", "AGENTS.md", "linked.md"])
        if not link.exists() and not link.is_symlink():
            link.symlink_to(victim.name)
    elif action == "guide":
        guide = root / "docs" / "guide.md"
        guide.parent.mkdir(exist_ok=True)
        guide.write_text(rng.choice(["# Guide\n\n## Setup\n", "# Guide\n\n## Install\n", ""]))
    return f"{action} {rel}"


def _outcome(root: Path, cache_dir: Path | None) -> tuple:
    """The run's summary, or the usage error it stopped with (an edit may break a configuration file)."""
    from validator.engine.config import ConfigError

    try:
        return _summary(_run(root, cache_dir))
    except ConfigError as err:
        return ("usage error", str(err))


def test_cached_runs_equal_cold_runs_through_random_edits(tmp_path: Path) -> None:
    root = _build(tmp_path / "repo")
    cache_dir = tmp_path / "cache"
    rng = random.Random(SEED)
    assert _summary(_run(root, cache_dir)) == _summary(_run(root, None))
    done = []
    for _ in range(int(os.environ.get("AGENTCONFORM_CACHE_STEPS", "30"))):
        done.append(_edit(root, rng))
        cold = _outcome(root, None)
        warm = _outcome(root, cache_dir)
        assert warm == cold, f"after {done}"
        assert _outcome(root, cache_dir) == cold, f"second cached run after {done}"


def test_a_warm_run_checks_nothing_again(tmp_path: Path, monkeypatch) -> None:
    root = _build(tmp_path / "repo", per_standard=2)
    cache_dir = tmp_path / "cache"
    cold = _summary(_run(root, cache_dir))
    calls = []
    real = target_mod.check_target
    monkeypatch.setattr(target_mod, "check_target", lambda *a: calls.append(a[3]) or real(*a))
    from validator.lint import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    assert _summary(_run(root, cache_dir)) == cold
    never = [rel for rel in calls if not rel.endswith("manifest.json")]
    assert len(never) < len(cold[1]) // 4, f"re-checked: {never}"
    # one edit of a file only self-contained checks read: the rest of the repository's results still hold
    server = next(root.glob("c*/server.json"))
    server.write_text(server.read_text() + " ")
    calls.clear()
    assert _summary(_run(root, cache_dir)) == _summary(_run(root, None))


def test_the_cache_lives_outside_the_repository(tmp_path: Path, monkeypatch) -> None:
    root = _build(tmp_path / "repo", per_standard=1)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    _run(root, None, cache=True)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    written = list((tmp_path / "xdg" / "agentconform").iterdir())
    assert len(written) == 1 and written[0].suffix == ".json" and not written[0].name.startswith(".")
    assert oct((tmp_path / "xdg" / "agentconform").stat().st_mode & 0o777) == oct(0o700)


@pytest.mark.parametrize("garbage", [b"", b"{", b"[1, 2]", b'{"format": 1}', b"\x80\x81", None])
def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path: Path, garbage: bytes | None) -> None:
    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cache"
    cold = _summary(_run(root, None))
    _run(root, cache_dir)
    (path,) = list(cache_dir.iterdir())
    if garbage is None:  # another version's file, entries poisoned: never read
        data = json.loads(path.read_text())
        data["version"] = "0.0.0+other"
        for entry in data["entries"].values():
            entry["findings"] = []
        path.write_text(json.dumps(data))
    else:
        path.write_bytes(garbage)
    assert _summary(_run(root, cache_dir)) == cold
    assert json.loads(path.read_text())["version"] != "0.0.0+other"


def test_a_poisoned_entry_with_a_stale_fingerprint_is_not_used(tmp_path: Path) -> None:
    """Entries are trusted only under the fingerprint they were written with."""
    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir)
    (path,) = list(cache_dir.iterdir())
    data = json.loads(path.read_text())
    data["fingerprint"] = "0" * 40
    for entry in data["entries"].values():
        if entry["context"]:
            entry["findings"] = []
    path.write_text(json.dumps(data))
    assert _summary(_run(root, cache_dir)) == _summary(_run(root, None))


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace OLD by NEW (as long) in PATH and put its mtime back: only the content and ctime change."""
    stat = path.stat()
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def test_racy_clean_a_same_size_edit_of_a_dependency_is_seen(tmp_path: Path, monkeypatch) -> None:
    """The root package.json loses the script the unchanged AGENTS.md names, same size, same mtime."""
    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cache"
    manifest = root / "package.json"
    first = _summary(_run(root, cache_dir))
    _same_size_edit(manifest, '"test"', '"tset"')
    cold = _summary(_run(root, None))
    assert cold != first, "the edit changes no finding: the test proves nothing"
    assert _summary(_run(root, cache_dir)) == cold
    # even when the times say "settled" (the racy window shrunk away), the ctime change is seen
    monkeypatch.setattr(cache_mod, "RACY_NS", -10**12)
    _run(root, cache_dir)
    time.sleep(0.05)
    _same_size_edit(manifest, '"tset"', '"test"')
    assert _summary(_run(root, cache_dir)) == _summary(_run(root, None)) == first


def test_unlisted_paths_asked_about_are_probed_again(tmp_path: Path) -> None:
    """A file inside a symlinked folder is not listed (the walk never follows a symlinked folder):
    its disappearance changes no listed file, yet the link to it breaks, and the cache sees it."""
    root = _build(tmp_path / "repo", per_standard=1)
    (root / ".gitignore").write_text("vendor/\n")
    (root / "vendor" / "docs").mkdir(parents=True)
    (root / "vendor" / "docs" / "guide.md").write_text("# Guide\n")
    (root / "docs").symlink_to("vendor/docs")
    (root / "AGENTS.md").write_text("# Repo\n\nRead [the guide](docs/guide.md) first.\n")
    cache_dir = tmp_path / "cache"
    first = _summary(_run(root, cache_dir))
    (path,) = list(cache_dir.iterdir())
    assert json.loads(path.read_text())["probes"], "no unlisted path was asked about"
    (root / "vendor" / "docs" / "guide.md").unlink()
    cold = _summary(_run(root, None))
    assert cold != first, "the deletion changes no finding: the test proves nothing"
    assert _summary(_run(root, cache_dir)) == cold
    assert probes.ACTIVE is None


def test_no_cache_for_fix_stdin_and_mcpb(tmp_path: Path) -> None:
    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir, diff=True)
    assert not cache_dir.exists()
    _run(root, cache_dir)
    data = json.loads(next(cache_dir.iterdir()).read_text())
    assert data["entries"] and all(isinstance(entry["findings"], list) for entry in data["entries"].values())


def test_racy_clean_stats_taken_within_the_tick_are_not_trusted(tmp_path: Path) -> None:
    """A cache written in the same clock tick as an edit holds the edited file's times with the
    old content's digest (the stat and the write raced): those times must not vouch for it."""
    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cache"
    manifest = root / "package.json"
    first = _summary(_run(root, cache_dir))
    (path,) = list(cache_dir.iterdir())
    data = json.loads(path.read_text())
    _same_size_edit(manifest, '"test"', '"tset"')
    info = manifest.stat()
    data["stats"]["package.json"][:4] = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
    data["written_ns"] = max(info.st_mtime_ns, info.st_ctime_ns) + 1000
    path.write_text(json.dumps(data))
    cold = _summary(_run(root, None))
    assert cold != first
    assert _summary(_run(root, cache_dir)) == cold


READS_THE_DISK = {
    "validator/repo/files.py": "the repository's one reader, which notes what it is asked (engine/probes.py)",
    "validator/standards/agents_md/globalfs.py": "the user's home, for `context --include-global` only (never the lint)",
    "validator/standards/base.py": "types only",
    "validator/standards/agents_md/markdown_rs.py": "opens only the null device (a Rust panic message kept off stderr)",
    "validator/standards/mcpb/bundle.py": "the bundle folder: MCPB targets are never cached (cache.NEVER_CACHED)",
    "validator/standards/server_card/reader.py": "sniffs the file's own head: its content is in the key",
}
_DISK = r"(\bopen\(|\bos\.(scandir|walk|listdir|stat|lstat|open|path)\b|^\s*(import os|from os|from pathlib|import pathlib)|" \
        r"\.(read_text|read_bytes|is_file|is_dir|exists|stat|lstat|iterdir|open|rglob|glob)\(\s*(\)|encoding))"


def test_checks_read_files_only_through_the_recorded_readers() -> None:
    """The cache is right only while every check reads the repository through `FileIndex`, `Repo`
    or its own `SourceFile`. A module that reaches the disk another way must be listed here with
    the reason it is safe (or its standard added to `cache.NEVER_CACHED`)."""
    import re

    base = Path(__file__).resolve().parent.parent
    pattern = re.compile(_DISK, re.MULTILINE)
    found = set()
    for folder in ("validator/standards", "validator/repo", "validator/parsing", "validator/crossfile"):
        for path in sorted((base / folder).rglob("*.py")):
            rel = path.relative_to(base).as_posix()
            if pattern.search(path.read_text(encoding="utf-8")):
                found.add(rel)
    assert found - READS_THE_DISK.keys() == set(), "reads the disk outside the recorded readers"
    assert "mcpb-manifest" in cache_mod.NEVER_CACHED


def test_cli_cache_flags(tmp_path: Path) -> None:
    import sys

    root = _build(tmp_path / "repo", per_standard=1)
    cache_dir = tmp_path / "cli-cache"

    def check(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "validator", "check", "--format", "json", *flags], cwd=root,
                              capture_output=True, text=True, timeout=120)

    cold = check("--no-cache", "--cache-dir", str(cache_dir))
    assert not cache_dir.exists(), "--no-cache wrote a cache"
    assert check("--cache-dir", str(cache_dir)).stdout == cold.stdout and not cache_dir.exists(), "the cache is off by default"
    first, warm = check("--cache", "--cache-dir", str(cache_dir)), check("--cache", "--cache-dir", str(cache_dir))
    assert first.stdout == warm.stdout == cold.stdout and first.returncode == warm.returncode == cold.returncode
    assert len(list(cache_dir.iterdir())) == 1


def test_a_configuration_change_rechecks_every_file_that_reads_others(tmp_path: Path, monkeypatch) -> None:
    root = _build(tmp_path / "repo", per_standard=2)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir)
    calls = []
    real = target_mod.check_target
    monkeypatch.setattr(target_mod, "check_target", lambda *a: calls.append(a[2].NAME) or real(*a))
    from validator.lint import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    warm = _run(root, cache_dir, ignore=("AGM030",))
    checked_again = calls.count("agents-md")
    assert _summary(warm) == _summary(_run(root, None, ignore=("AGM030",)))
    instruction_files = sum("agents-md" in standards for standards in warm.files.values())
    assert instruction_files and checked_again >= instruction_files
