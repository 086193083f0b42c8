"""`check --jobs N` gives the run of one process: same findings, files, errors and order.

The repository is built from every lint fixture case (each in its own folder, so nested
instruction files, skills, server.json files, client configs and inline suppressions all
take part), which makes a run of well over a thousand targets. The parallel threshold
is lowered so the split really happens, and a worker killed mid-run must cost nothing
but time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from validator.lint import parallel
from validator.lint.runner import LintOptions, run_lint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_REAL_WORK = parallel._work


def _dying_work(chunk):
    """A worker's task that dies, as if killed, for every other chunk (module-level: it is pickled by name)."""
    if chunk[0] % 2:
        os._exit(9)
    return _REAL_WORK(chunk)


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many") / "repo"
    root.mkdir()
    copied = 0
    for case in sorted(FIXTURES.glob("*/*/*/*")):
        if case.is_dir() and case.parent.name in ("pass", "fail"):
            shutil.copytree(case, root / "cases" / f"{copied:04d}", symlinks=True)
            copied += 1
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _summary(result) -> tuple:
    return ([f.to_dict() for f in result.findings], result.files, result.files_checked,
            [(e.path, e.standard, e.message) for e in result.errors], result.suppressed)


def test_jobs_give_the_serial_result(big_repo: Path, monkeypatch) -> None:
    serial = run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=1))
    assert serial.files_checked > 500 and len(serial.findings) > 500
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 50)
    calls = []
    real = parallel._in_workers
    monkeypatch.setattr(parallel, "_in_workers", lambda *a: calls.append(a) or real(*a))
    for jobs in (2, 3):
        assert _summary(run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=jobs))) == _summary(serial)
    assert len(calls) == 2, "the parallel path did not run"


def test_a_dead_worker_costs_only_time(big_repo: Path, monkeypatch) -> None:
    serial = run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 50)
    monkeypatch.setattr(parallel, "_work", _dying_work)
    assert _summary(run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=2))) == _summary(serial)


def test_chunks_never_split_a_file() -> None:
    class Module:
        def __init__(self, name: str) -> None:
            self.NAME = name

    targets = [(Module("a"), f"f{i // 3}", None) for i in range(30)]
    chunks = parallel._chunks(targets, list(range(30)), 4)
    assert [i for chunk in chunks for i in chunk] == list(range(30))
    owners = {}
    for number, chunk in enumerate(chunks):
        for i in chunk:
            assert owners.setdefault(targets[i][1], number) == number


def test_small_runs_stay_in_one_process(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "AGENTS.md").write_text("# Agents\n\nRun `make test`.\n")
    monkeypatch.setattr(parallel, "_in_workers", lambda *a: pytest.fail("workers started for one file"))
    run_lint(LintOptions(root=tmp_path, cwd=tmp_path, jobs=8))


def test_no_process_can_be_started(big_repo: Path, monkeypatch) -> None:
    """fork refused (process limit, memory): the run is checked in this process, same result."""
    import concurrent.futures

    serial = run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 50)

    class Refusing:
        def __init__(self, *args, **kwargs) -> None:
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Refusing)
    assert _summary(run_lint(LintOptions(root=big_repo, cwd=big_repo, jobs=2))) == _summary(serial)
