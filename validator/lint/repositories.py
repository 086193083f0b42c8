"""One `check` over paths in several git repositories: each repository is linted as its own run, then merged.

A repository is judged with its own root: its files list, its `.gitignore`, its configuration, the
folders its references resolve in. Checking `repo-a repo-b` from outside both used to lint `repo-b`
with `repo-a` as the root, so every reference `repo-b` makes looked missing (50 false SKL014 on a
skills catalogue). Here the paths are grouped by the repository that holds them, each group is
linted by `run_lint`, and the results are merged in the order the paths were given. Reported paths
are relative to the repositories' common folder (absolute when they share none but `/`), so two
repositories' `AGENTS.md` never read as one.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.engine.config import ConfigError
from validator.engine.files import find_root
from validator.records import replace


def by_repository(raw_paths: list[Path]) -> dict[Path, list[Path]] | None:
    """RAW_PATHS grouped by the git repository holding each, when they lie in more than one side by side; else None
    (one repository, a path outside any, or one repository nested in another: the single-root rules apply)."""
    groups: dict[Path, list[Path]] = {}
    for path in raw_paths:
        root = find_root(path).resolve()
        if not (root / ".git").exists():
            return None
        groups.setdefault(root, []).append(path)
    if len(groups) < 2:
        return None
    roots = list(groups)
    if any(inner != outer and inner.is_relative_to(outer) for inner in roots for outer in roots):
        return None  # a repository nested in another: the outer run already walks it, as before
    return groups


def lint_each(options, groups: dict[Path, list[Path]], run_lint, result_type):
    """The merged result (a RESULT_TYPE) of linting each group of paths in its own repository with RUN_LINT
    (passed in by the runner, which this module must not import)."""
    if options.baseline is not None or options.prune_baseline or options.changed_since is not None:
        raise ConfigError("--baseline, --prune-baseline and --changed-since work on one repository at a time; "
                          f"these paths lie in {len(groups)}: {', '.join(str(root) for root in groups)}")
    results = [run_lint(replace(options, paths=tuple(str(path) for path in paths), root=root))
               for root, paths in groups.items()]
    common = Path(os.path.commonpath([str(result.root) for result in results]))

    def moved(rel: str, root: Path) -> str:
        if not rel or os.path.isabs(rel):
            return rel
        full = root / rel
        return full.as_posix() if common == Path(common.anchor) else full.relative_to(common).as_posix()

    merged = result_type(root=common, findings=[], files_checked=0, config=results[0].config, repositories=len(results))
    for result in results:
        merged.findings.extend(replace(finding, path=moved(finding.path, result.root),
                                       also=tuple((moved(path, result.root), line, column) for path, line, column in finding.also))
                               for finding in result.findings)
        merged.errors.extend(replace(error, path=moved(error.path, result.root)) if error.path else error for error in result.errors)
        merged.files.update({moved(path, result.root): standards for path, standards in result.files.items()})
        merged.fixed.update({moved(path, result.root): text for path, text in result.fixed.items()})
        merged.original.update({moved(path, result.root): text for path, text in result.original.items()})
        merged.files_checked += result.files_checked
        merged.suppressed += result.suppressed
        merged.folded += result.folded
    merged.files = dict(sorted(merged.files.items()))
    return merged
