"""A2A Agent Cards: `.well-known/agent-card.json` (0.3 on), `.well-known/agent.json` (0.2).

Light to import: the models (pydantic) are loaded only to export schemas, and the
check path runs the exported schemas with our own validator.
"""

from __future__ import annotations

from validator.standards.a2a.rules import RULES
from validator.standards.base import delegate, discover_by_patterns

NAME = "a2a-agent-card"
TITLE = "A2A Agent Card"
PREFIX = "A2A"
PATTERNS = ("agent-card.json", "agent_card.json", "**/.well-known/agent.json", "**/agent_cards/*.json", "**/agent-cards/*.json",
            "**/agent_card/*.json", "**/agent-card/*.json")
"""Files elsewhere than `.well-known/agent-card.json` are cards only with A2A's shape (see reader)."""

CHECKS = tuple(f"validator.standards.a2a.checks.{topic}" for topic in (
    "schema", "versions", "endpoints", "skills", "security", "naming", "fields"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


parse = delegate("validator.standards.a2a.reader", "parse")


def export_schemas() -> dict:
    """`schemas/a2a-agent-card/<version>.schema.json` for 0.2.0 ... 0.3.0 and 1.0, from the pydantic models."""
    from validator.standards.a2a.models import json_schema
    from validator.standards.a2a.versions import VERSIONS

    return {f"{NAME}/{version}.schema.json": json_schema(version) for version in VERSIONS}
