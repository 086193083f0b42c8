"""MCP Server Cards (experimental extension): `server-card.json`, or any JSON naming the card schema.

Light to import: JSON files are sniffed in their first bytes; the schema is run by our
own validator (pydantic is only for exporting it).
"""

from __future__ import annotations

from validator.standards.base import discover_by_patterns
from validator.standards.server_card.rules import RULES

NAME = "mcp-server-card"
TITLE = "MCP Server Card (experimental)"
PREFIX = "CARD"
PATTERNS = ("server-card.json", "*.json")
"""Any JSON file may declare the card schema in `$schema`; `parse` keeps only cards."""

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "discover", "parse", "check", "export_schemas"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


def parse(source, ctx):
    from validator.standards.server_card.checker import parse as _parse

    return _parse(source, ctx)


def check(document, ctx):
    from validator.standards.server_card.checker import check as _check

    return _check(document, ctx)


def export_schemas() -> dict:
    """`schemas/mcp-server-card/v1.schema.json`, from the pydantic model."""
    from validator.standards.server_card.models import json_schema

    return {f"{NAME}/v1.schema.json": json_schema()}
