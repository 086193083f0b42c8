"""The Agent Skills standard's names, shared by its face and its internals (which never import the face)."""

from __future__ import annotations

NAME = "agent-skill"
TITLE = "Agent Skills SKILL.md"
PREFIX = "SKL"
CANONICAL = ("SKILL.md", "skill.md")
MISCASED = ("SKILL.MD", "Skill.md", "Skill.MD", "skill.MD", "SKILL.Md", "Skill.Md")
"""The file name in other letter cases: a skill on macOS and Windows only (SKL018)."""
PATTERNS = CANONICAL + MISCASED
