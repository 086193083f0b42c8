"""MCP Server Cards (experimental extension): `server-card.json`, or any JSON naming the card schema.

Light to import: JSON files are sniffed in their first bytes; the schema is run by our
own validator (pydantic is only for exporting it).
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.server_card.rules import RULES

NAME = "mcp-server-card"
TITLE = "MCP Server Card (experimental)"
PREFIX = "CARD"
PATTERNS = ("server-card.json", "*.json")
"""Any JSON file may declare the card schema in `$schema`; `parse` keeps only cards."""

CHECKS = tuple(f"validator.standards.server_card.checks.{topic}" for topic in ("schema", "fields", "remotes"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


parse = delegate("validator.standards.server_card.reader", "parse")


def export_schemas() -> dict:
    """`schemas/mcp-server-card/v1.schema.json`, from the pydantic model."""
    from validator.standards.server_card.models import json_schema

    return {f"{NAME}/v1.schema.json": json_schema()}
