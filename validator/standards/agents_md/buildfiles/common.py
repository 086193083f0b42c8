"""Shared by the build-file readers: the nearest file of a kind, `cd` arithmetic, a cached TOML read."""

from __future__ import annotations

import posixpath

from validator.standards.agents_md import names as N


def cached(repo, key, build):
    """BUILD() once per run and KEY (memoised on the `Repo`)."""
    if key not in repo.cache:
        repo.cache[key] = build()
    return repo.cache[key]


def nearest(repo, folder: str, candidates: tuple[str, ...]) -> str | None:
    """The nearest file named one of CANDIDATES from FOLDER up to the root (repository-relative)."""
    for here in reversed(N.ancestors(folder)):
        for name in candidates:
            rel = N.join(here, name)
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




def toml_file(repo, rel: str) -> dict | None:
    def build():
        text = repo.read_text(rel)
        if text is None:
            return None
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    return cached(repo, ("toml", rel), build)
