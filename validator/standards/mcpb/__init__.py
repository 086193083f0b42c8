"""MCP Bundles (MCPB, formerly DXT) `manifest.json`: every manifest version and the bundle around it.

Light to import: the schema validation, the bundle file checks and the models (pydantic)
are loaded only when a manifest is actually checked or exported.
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.mcpb.rules import RULES

NAME = "mcpb-manifest"
TITLE = "MCP Bundle (MCPB / DXT) manifest.json"
PREFIX = "MCPB"
PATTERNS = ("manifest.json",)

CHECKS = tuple(f"validator.standards.mcpb.checks.{topic}" for topic in (
    "manifest_version", "schema", "files", "variables", "user_config", "secrets", "server", "versions", "names"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


parse = delegate("validator.standards.mcpb.reader", "parse")


def export_schemas() -> dict:
    """`schemas/mcpb-manifest/<version>.schema.json` for 0.1-0.4 and the legacy DXT schema, from the models."""
    from validator.standards.mcpb.models import json_schema
    from validator.standards.mcpb.versions import SCHEMA_NAMES

    return {f"mcpb-manifest/{name}.schema.json": json_schema(name) for name in SCHEMA_NAMES}
