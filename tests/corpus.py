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
