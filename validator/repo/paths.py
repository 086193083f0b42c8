"""Repository-relative paths (`/`-separated, '' for the root): folders, joins, ancestors, `cd` arithmetic.

Pure (no I/O except `nearest`, which asks the run's `Repo`); shared by the build-file
readers, the AGENTS.md checks and the cross-file stage so that a folder is computed once,
one way.
"""

from __future__ import annotations

import posixpath


def directory(relpath: str) -> str:
    """The folder of RELPATH ('' for the root)."""
    return posixpath.dirname(relpath)


def join(folder: str, name: str) -> str:
    """NAME in FOLDER, as written (no normalisation)."""
    return f"{folder}/{name}" if folder else name


def join_inside(base: str, name: str) -> str:
    """NAME relative to folder BASE, normalised ("" when it leaves the repository)."""
    joined = posixpath.normpath(f"{base}/{name}" if base else name)
    return "" if joined.startswith("..") or joined == "." else joined


def ancestors(folder: str) -> list[str]:
    """FOLDER and every folder above it, root ('') first."""
    out = [""]
    if folder:
        parts = folder.split("/")
        out.extend("/".join(parts[: i + 1]) for i in range(len(parts)))
    return out


def near(relpath: str, name: str) -> list[str]:
    """NAME in RELPATH's folder, then at the repository root (each once)."""
    paths = [join_inside(directory(relpath), name), name]
    return list(dict.fromkeys(p for p in paths if p))


def shallowest_first(paths) -> list[str]:
    return sorted(paths, key=lambda rel: (rel.count("/"), rel))


def nearest(repo, folder: str, candidates: tuple[str, ...]) -> str | None:
    """The nearest file named one of CANDIDATES from FOLDER up to the root (repository-relative)."""
    for here in reversed(ancestors(folder)):
        for name in candidates:
            rel = join(here, name)
            if repo.is_file(rel):
                return rel
    return None


def normalize_folder(folder: str, cd: str | None) -> str | None:
    """FOLDER moved by a `cd` argument; None when it leaves the repository or is not literal."""
    if not cd:
        return folder
    if any(ch in cd for ch in "$`~*{<") or cd.startswith("/"):
        return None
    moved = posixpath.normpath(posixpath.join(folder, cd))
    if moved == "..":
        return None
    if moved.startswith("../"):
        return None
    return "" if moved == "." else moved
