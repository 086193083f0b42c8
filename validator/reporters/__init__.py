"""Output formats for lint results, behind one registry.

Stability (as rumdl states it): `json`, `sarif` and `junit` are committed surfaces
(fields may be added, never removed); `github` follows GitHub's workflow-command
syntax; `text` is for people and may change. Paths are repository-relative with `/`.
"""

from __future__ import annotations

import importlib
import os

LINT_FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")


def resolve_format(name: str) -> str:
    """`auto` is `github` inside GitHub Actions (as yamllint does), else `text`."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render_lint(result, fmt: str, *, color: bool = False) -> str:
    module = importlib.import_module(f"validator.reporters.{fmt}")
    return module.render(result, color=color)
