"""The real-world corpus (../shared/corpus), recreated at each file's real path.

`SOURCES.tsv` names the repository and path of every corpus file; detection by path
(`.well-known/agent-card.json`, `.claude/skills/<name>/SKILL.md`, `.goose/recipes/`)
only works when the file sits where it came from, so each is written to
`<tmp>/<owner>__<repo>/<path>`. Callers skip cleanly when ../shared is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .conftest import shared_path


def rows(fmt: str) -> list[dict]:
    with shared_path("corpus", "SOURCES.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["format"] == fmt]


def materialize(fmt: str, root: Path) -> list[tuple[Path, dict]]:
    """Write every corpus file of FMT under ROOT at its real path; (written path, row) pairs."""
    out = []
    for row in rows(fmt):
        target = root / row["repo"].replace("/", "__") / row["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shared_path("corpus", row["file"]).read_bytes())
        out.append((target, row))
    return out


def lint_each_repository(fmt: str, root: Path) -> tuple[list[tuple[Path, dict]], list]:
    """Write FMT's corpus under ROOT and lint each repository as its own root (a
    repository-root file then really is at the root); (written files, lint results)."""
    from validator.lint.runner import LintOptions, run_lint

    written = materialize(fmt, root)
    results = []
    for repo in sorted({row["repo"] for _, row in written}):
        repo_root = root / repo.replace("/", "__")
        results.append(run_lint(LintOptions(root=repo_root, cwd=repo_root, no_config=True, select=("ALL",))))
    return written, results
