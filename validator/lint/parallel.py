"""Checking a run's files in several processes (`check --jobs N`), with output identical to one.

Work is split by file, never inside one: every target of a file stays in one chunk (a
refused file is reported once), chunks are contiguous runs of the target list, and the
outcomes are merged back in target order, so findings, the files checked, internal
errors and their order are the same whatever N. The cross-file stage reads the
documents of a few standards (`validator.crossfile.facts.STANDARDS_READ`); their files are
checked in this process, the rest in workers, which send back findings and the inline
suppression tables of their files (documents never cross a process boundary).

Workers are forked (they inherit the file index and settings instead of rebuilding
them), so parallel runs need the `fork` start method (Linux, macOS); elsewhere, for
runs under `PARALLEL_MIN` targets, and when one process is asked for, the files are
checked here, one by one. A worker that dies (a crash in a C extension, the OOM killer)
costs only speed: its chunks are checked again in this process.
"""

from __future__ import annotations

import os

from validator.engine import probes
from validator.lint.suppressions import inline_tables

PARALLEL_MIN = 400
"""Targets below which one process is faster than starting workers (measured: bench/lint.py)."""

CHUNKS_PER_JOB = 4

_RUN = None
_TARGETS: list = []


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_targets(run, targets: list, jobs: int | None) -> tuple[list, dict]:
    """The outcomes of every target in target order, and the inline suppression tables of the
    files checked in workers (those checked here keep their documents in their outcomes)."""
    from validator.lint.target import check_target

    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    # a small run never pays for the split (nor the cross-file facts module it imports)
    local, pooled = _split(targets) if jobs >= 2 and len(targets) >= PARALLEL_MIN else ([], [])
    if len(pooled) < PARALLEL_MIN or not _can_fork():
        return [check_target(run, i, *targets[i]) for i in range(len(targets))], {}
    outcomes = [check_target(run, i, *targets[i]) for i in local]
    remote, tables = _in_workers(run, targets, pooled, jobs)
    outcomes.extend(remote)
    outcomes.sort(key=lambda outcome: outcome.position)
    return outcomes, tables


def _split(targets: list) -> tuple[list[int], list[int]]:
    """Positions of the targets to check here (every target of a file the cross-file stage
    reads as a document) and of those workers may check."""
    from validator.crossfile.facts import STANDARDS_READ

    here = {relpath for module, relpath, _ in targets if module.NAME in STANDARDS_READ}
    local = [i for i, (_, relpath, _) in enumerate(targets) if relpath in here]
    pooled = [i for i, (_, relpath, _) in enumerate(targets) if relpath not in here]
    return local, pooled


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _chunks(targets: list, positions: list[int], count: int) -> list[list[int]]:
    """POSITIONS in about COUNT contiguous chunks, never splitting the targets of one file."""
    groups: dict[str, list[int]] = {}
    for i in positions:
        groups.setdefault(targets[i][1], []).append(i)
    ordered = sorted(groups.values(), key=lambda group: group[0])
    size = max(1, -(-len(positions) // count))
    chunks: list[list[int]] = [[]]
    for group in ordered:
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1].extend(group)
    return [chunk for chunk in chunks if chunk]


def _in_workers(run, targets: list, positions: list[int], jobs: int) -> tuple[list, dict]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from validator.lint.target import check_target
    from validator.registry import all_rules

    global _RUN, _TARGETS
    _RUN, _TARGETS = run, targets
    chunks = _chunks(targets, positions, jobs * CHUNKS_PER_JOB)
    results: dict[int, tuple[list, dict, dict | None]] = {}
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_work, chunk) for chunk in chunks]
            for number, future in enumerate(futures):
                try:
                    results[number] = future.result()
                except BrokenProcessPool:
                    break
                except Exception:  # noqa: BLE001 - e.g. a result that cannot be pickled: checked here instead
                    continue
    except (BrokenProcessPool, OSError):
        # a worker died while chunks were still being handed out (submit raises then), or no
        # process could be started (fork refused: process limit, memory): what is missing is
        # checked below, in this process
        pass
    finally:
        _RUN, _TARGETS = None, []
    outcomes: list = []
    tables: dict = {}
    rules = all_rules()
    for number, chunk in enumerate(chunks):
        if number in results:
            chunk_outcomes, chunk_tables, found = results[number]
            if found and probes.ACTIVE is not None:  # what the worker's checks asked (the result cache)
                probes.ACTIVE.update(found)
            for outcome in chunk_outcomes:  # the registry's own rule objects, not pickled copies
                for finding in outcome.findings:
                    finding.rule = rules.get(finding.rule.code, finding.rule)
        else:  # its worker died: check the chunk here
            chunk_outcomes = [check_target(run, i, *targets[i]) for i in chunk]
            chunk_tables = inline_tables([o.document for o in chunk_outcomes if o.document is not None])
            for outcome in chunk_outcomes:
                outcome.document = None
        outcomes.extend(chunk_outcomes)
        tables.update(chunk_tables)
    return outcomes, tables


def _work(chunk: list[int]) -> tuple[list, dict, dict | None]:
    """In a worker: check CHUNK's targets; documents stay here, their suppression tables go back."""
    from validator.lint.target import check_target

    run, targets = _RUN, _TARGETS
    assert run is not None, "a worker forked outside _in_workers"
    outcomes = [check_target(run, i, *targets[i]) for i in chunk]
    tables = inline_tables([outcome.document for outcome in outcomes if outcome.document is not None])
    for outcome in outcomes:
        outcome.document = None
    return outcomes, tables, probes.ACTIVE
