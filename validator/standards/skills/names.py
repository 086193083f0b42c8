"""The Agent Skills standard's names, shared by its face and its internals (which never import the face)."""

from __future__ import annotations

NAME = "agent-skill"
TITLE = "Agent Skills SKILL.md"
PREFIX = "SKL"
PATTERNS = ("SKILL.md", "skill.md")
