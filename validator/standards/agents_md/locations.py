"""Where absence proves nothing, and what a missing path probably meant: shared by the reference and command checks."""

from __future__ import annotations

GENERATED = frozenset({
    "dist", "build", "out", "target", "site", "_build", "_site", ".next", ".nuxt", ".svelte-kit", ".output", "coverage",
    "node_modules", "vendor", ".venv", "venv", "__pycache__", ".turbo", ".cache", "tmp", "temp", "logs", "generated",
    "gen", "bin", "obj", "public/build", "storybook-static", ".docusaurus", "htmlcov", "artifacts", "release", "releases",
    "pkg", "lib-cov", ".tox", ".nox", "wheelhouse", "docs/_build", ".git",
})
"""Folder names whose content is produced by a build or an install, so absence proves nothing."""


def unknown_location(repo, target: str) -> bool:
    """TARGET lies where absence proves nothing: gitignored, vendored or generated folders."""
    parts = target.rstrip("/").split("/")
    if any(part in GENERATED for part in parts):
        return True
    return repo.would_be_ignored(target.rstrip("/"))


def suggest(repo, target: str, near: str = "") -> str:
    """'; did you mean X?' when exactly one listed file (or folder) could be meant.

    A unique candidate whose path ends with TARGET wins; then a unique file of the same
    name; then a unique one inside NEAR (the instruction file's folder).
    """
    name = target.rstrip("/").rsplit("/", 1)[-1]
    if not name:
        return ""
    candidates = [rel for rel in repo.index.by_name(name) if rel != target]
    if not candidates:
        tail = "/" + target
        candidates = [d for d in repo.index.dirs if d and ("/" + d).endswith("/" + name) and d != target]
        if len(candidates) != 1:
            return ""
        del tail
    suffix = [rel for rel in candidates if rel.endswith("/" + target)]
    if len(suffix) == 1:
        return f"; did you mean {suffix[0]}?"
    if len(candidates) == 1:
        return f"; did you mean {candidates[0]}?"
    if near:
        local = [rel for rel in candidates if rel.startswith(near + "/")]
        if len(local) == 1:
            return f"; did you mean {local[0]}?"
    return ""
