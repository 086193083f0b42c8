"""The build files no standard owns: reading them, and what they say about the package they build.

`RepoFiles` reads repository files through the run's `FileIndex` (each once, parsed
as JSON or TOML on demand, with positions for findings). The readers below know the
package managers' manifests: a package.json's name and whether npm publishes it, a
pyproject.toml's project name (PEP 621 `[project]` or Poetry's `[tool.poetry]`) and
PEP 503 name normalisation. Nothing here knows MCP, server.json or any rule: this
module depends only on `validator.parsing` and the file index, so it can move to a
shared build-tool package as it is.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from validator.parsing.document import ParseError, StructuredDocument
from validator.parsing.text import Region

MAX_SCANNED_MANIFESTS = 400
"""In a monorepo, at most this many files of one name (package.json, pyproject.toml ...) are read."""


@dataclass(slots=True)
class Manifest:
    """A file read for comparison: its path, parsed value and (for positions) its document."""

    path: str
    value: Any
    doc: StructuredDocument | None

    def region(self, pointer: tuple, *, key: bool = False) -> Region:
        if self.doc is None:
            return Region.file_start()
        return self.doc.locate(pointer, key=key)


class RepoFiles:
    """Files of the repository, read lazily through the index and cached for the run."""

    def __init__(self, index) -> None:
        self.index = index
        self._cache: dict[tuple[str, str], Manifest | None] = {}
        self._text: dict[str, str | None] = {}

    def text(self, rel: str) -> str | None:
        if rel not in self._text:
            self._text[rel] = self.index.read_text(rel) if rel else None
        return self._text[rel]

    def exists(self, rel: str) -> bool:
        return self.text(rel) is not None

    def structured(self, rel: str, fmt: str) -> Manifest | None:
        """REL parsed as FMT (`json` or `toml`), or None when absent or not well-formed."""
        if (rel, fmt) in self._cache:
            return self._cache[rel, fmt]
        text = self.text(rel)
        manifest = None
        if text is not None:
            try:
                if fmt == "json":
                    from validator.parsing.json import parse_json

                    doc = parse_json(text)
                else:
                    from validator.parsing.toml import parse_toml

                    doc = parse_toml(text)
                manifest = Manifest(rel, doc.value, doc)
            except (ParseError, ValueError, RecursionError):
                manifest = None
        self._cache[rel, fmt] = manifest
        return manifest

    def named(self, name: str) -> list[str]:
        """Listed files called NAME, shallowest first, bounded."""
        return shallowest_first(self.index.by_name(name))[:MAX_SCANNED_MANIFESTS]

    def listed(self) -> list[str]:
        """Every listed file of the repository."""
        return self.index.files


def shallowest_first(paths) -> list[str]:
    return sorted(paths, key=lambda rel: (rel.count("/"), rel))


# -- paths ------------------------------------------------------------------------------------
def folder(relpath: str) -> str:
    return relpath.rsplit("/", 1)[0] if "/" in relpath else ""


def join(base: str, name: str) -> str:
    """NAME relative to folder BASE, normalised ("" when it leaves the repository)."""
    joined = posixpath.normpath(f"{base}/{name}" if base else name)
    return "" if joined.startswith("..") or joined == "." else joined


def near(relpath: str, name: str) -> list[str]:
    """NAME in RELPATH's folder, then at the repository root (each once)."""
    here = folder(relpath)
    paths = [join(here, name), name]
    return list(dict.fromkeys(p for p in paths if p))


# -- package.json -----------------------------------------------------------------------------
def npm_published(value: dict) -> bool:
    """A package.json npm would publish: named, not `private`, not a workspace root."""
    return isinstance(value.get("name"), str) and value.get("private") is not True and "workspaces" not in value


# -- pyproject.toml ---------------------------------------------------------------------------
def pep503(name: str) -> str:
    """NAME normalised the way PyPI compares project names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def python_project_name(value: dict) -> str | None:
    """A pyproject.toml's project name: `[project] name`, else `[tool.poetry] name`."""
    project = value.get("project")
    if isinstance(project, dict) and isinstance(project.get("name"), str):
        return project["name"]
    poetry = _poetry(value)
    if isinstance(poetry.get("name"), str):
        return poetry["name"]
    return None


def python_project(value: dict) -> dict:
    """The `[project]` table of a pyproject.toml ({} when absent)."""
    project = value.get("project")
    return project if isinstance(project, dict) else {}


def poetry_readme(value: dict):
    """`[tool.poetry] readme` (a one-element list read as its element), or None."""
    readme = _poetry(value).get("readme")
    if isinstance(readme, list) and len(readme) == 1:
        readme = readme[0]
    return readme


def _poetry(value: dict) -> dict:
    tool = value.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    return poetry if isinstance(poetry, dict) else {}
