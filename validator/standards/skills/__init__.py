"""Agent Skills: `SKILL.md` front matter and body (agentskills.io, `skills-ref validate`).

Light to import: YAML is parsed on first use, no pydantic or Markdown parser is needed.
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.skills.rules import RULES

NAME = "agent-skill"
TITLE = "Agent Skills SKILL.md"
PREFIX = "SKL"
PATTERNS = ("SKILL.md", "skill.md")
INLINE_DIRECTIVES = True

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "INLINE_DIRECTIVES", "discover", "parse", "check"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


parse = delegate("validator.standards.skills.checker", "parse")
check = delegate("validator.standards.skills.checker", "check")
