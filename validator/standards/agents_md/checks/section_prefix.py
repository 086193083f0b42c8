"""Whether a section writes its paths relative to one folder below the file (AGM055).

A "Key subsystems" list in a Rust workspace's AGENTS.md names `agent/hooks/`,
`agent/runner/` and `sandbox/manager.rs`, all under `crates/core/src/`: the section's
shorthand, which a reader resolves from the paths around it. A path is taken as written
that way when it exists under a folder P below the file, and another path of the same
section that does not exist as written exists under the same P.
"""

from __future__ import annotations

from collections.abc import Callable

from validator.repo import paths as RP


def written_from_section_prefix(repo, data, span, clean: str, bases: list[str],
                                looks_like_path: Callable[[str], bool]) -> bool:
    """CLEAN (the backticked path of SPAN, missing from every base) is resolved, like a sibling of its section, under one folder below the file."""
    mine = _prefixes(repo, clean, data.folder)
    if not mine:
        return False
    start, end = data.view.section_bounds(span.start)
    text = data.text
    for other in data.view.code_spans:
        if other.start < start or other.start >= end or other.start == span.start:
            continue
        raw = other.content(text).strip()
        if raw.startswith("./"):
            raw = raw[2:]
        sibling = raw.rstrip("/")
        if sibling == clean or not sibling or not looks_like_path(raw):
            continue
        if any(repo.lexists(RP.join(b, sibling)) for b in bases):
            continue  # exists as written: no evidence of a shorthand
        if mine & _prefixes(repo, sibling, data.folder):
            return True
    return False


def _prefixes(repo, path: str, folder: str) -> set[str]:
    """Folders P below FOLDER (not FOLDER itself) where P/PATH exists, as a file or a folder."""
    if not path or path.startswith("/") or ".." in path.split("/"):
        return set()
    inside = folder + "/" if folder else ""
    tail = "/" + path
    index = repo.index
    found = {rel[: -len(tail)] for rel in index.by_name(path.rsplit("/", 1)[-1]) if rel.endswith(tail)}
    if not found:
        found = {rel[: -len(tail)] for rel in index.dirs if rel.endswith(tail)}
    return {p for p in found if p.startswith(inside) and p != folder}
