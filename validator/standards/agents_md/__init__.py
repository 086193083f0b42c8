"""AGENTS.md and the other agent instruction files, checked against what each agent really reads.

Covers AGENTS.md, AGENTS.override.md, AGENT.md, CLAUDE.md (and `.claude/CLAUDE.md`,
CLAUDE.local.md, `.claude/rules/*.md`), GEMINI.md, `.github/copilot-instructions.md`,
`.github/instructions/*.instructions.md`, `.cursorrules`, `.windsurfrules`, `.clinerules`,
Zed's `.rules` and `.goosehints`. The discovery model (`discovery.py`, also behind
`agentconform context`) says which agent loads which file; the rules use it.

Light to import: markdown-it, tomllib and the checks load on first `parse`.
"""

from __future__ import annotations

from validator.standards.agents_md.names import PATTERNS, classify
from validator.standards.agents_md.rules import RULES

NAME = "agents-md"
TITLE = "AGENTS.md and agent instruction files"
PREFIX = "AGM"
INLINE_DIRECTIVES = True
REPORTS_SYMLINKS = True
"""Symlinked instruction files are judged by AGM042 (never followed out of the repository), not GEN007."""

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "INLINE_DIRECTIVES", "discover", "parse", "check"]


def discover(index):
    return [rel for rel in index.files if classify(rel) is not None]


def parse(source, ctx):
    from validator.standards.agents_md.checker import parse as _parse

    return _parse(source, ctx)


def check(document, ctx):
    from validator.standards.agents_md.checker import check as _check

    return _check(document, ctx)
