"""MCP registry `server.json`: every published schema version, and the registry's own rules.

Light to import: the schema validation (jsonschema) and the models (pydantic) are
loaded only when a server.json is actually checked or exported.
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.server_json.rules import RULES

NAME = "server-json"
TITLE = "MCP registry server.json"
PREFIX = "SRV"
PATTERNS = ("server.json",)

CHECKS = tuple(f"validator.standards.server_json.checks.{topic}" for topic in ("version", "schema", "registry", "publish", "advice"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    return discover_by_patterns(index, PATTERNS)


parse = delegate("validator.standards.server_json.reader", "parse")


def export_schemas() -> dict:
    """`schemas/server-json/<version>.schema.json` for every version, from the pydantic models."""
    from validator.standards.server_json.models import json_schema
    from validator.standards.server_json.versions import VERSIONS

    return {f"server-json/{version}.schema.json": json_schema(version) for version in VERSIONS}
