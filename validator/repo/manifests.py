"""What a manifest says about the package it builds: its published name, and names compared the registries' way.

A package.json's name and whether npm publishes it, a pyproject.toml's project name
(PEP 621 `[project]` or Poetry's `[tool.poetry]`), its `[project]` table and Poetry's
readme, and the one PEP 503 normaliser (PyPI's comparison of project names). Values
only: `files.Repo.structured` reads and parses the manifest; the build-tool readers
(`javascript`, `python`) and the cross-file stage both ask here.
"""

from __future__ import annotations

from validator.records import lazy


def npm_published(value: dict) -> bool:
    """A package.json npm would publish: named, not `private`, not a workspace root."""
    return isinstance(value.get("name"), str) and value.get("private") is not True and "workspaces" not in value


_SEPARATORS = lazy(r"[-_.]+")


def pep503(name: str) -> str:
    """NAME normalised the way PyPI compares project names (PEP 503)."""
    return _SEPARATORS.sub("-", name).lower()


def project_name(value: dict) -> str | None:
    """A pyproject.toml's project name: `[project] name`, else `[tool.poetry] name`."""
    project = value.get("project")
    if isinstance(project, dict) and isinstance(project.get("name"), str):
        return project["name"]
    poetry = _poetry(value)
    if isinstance(poetry.get("name"), str):
        return poetry["name"]
    return None


def project_table(value: dict) -> dict:
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
