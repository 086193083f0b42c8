"""Agent Skills: `SKILL.md` front matter and body, and the files of its skill folder (agentskills.io, `skills-ref validate`).

Light to import: YAML is parsed on first use, no pydantic or Markdown parser is needed.
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.skills.names import NAME, PATTERNS, PREFIX, TITLE
from validator.standards.skills.rules import RULES

INLINE_DIRECTIVES = True

CHECKS = tuple(f"validator.standards.skills.checks.{topic}" for topic in ("front_matter", "body", "resources"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "INLINE_DIRECTIVES", "CHECKS", "discover", "parse"]


def discover(index):
    """SKILL.md files by name, except those under an `evals/` folder: the inputs of a skill evaluation, read by its
    script, never installed where a client loads skills (audit 23: ai-agents' `evals/security-spike/*/SKILL.md`).
    Named explicitly they are checked."""
    return [rel for rel in discover_by_patterns(index, PATTERNS) if "evals" not in rel.split("/")[:-2]]


parse = delegate("validator.standards.skills.reader", "parse")
