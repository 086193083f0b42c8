"""goose recipes: `*.yaml` (recommended), `*.yml`, `*.json`, plain or as a goose Desktop save.

Light to import: files are sniffed as bytes before anything is parsed, and the recipe
schema is run by our own validator (pydantic is only for exporting it).
"""

from __future__ import annotations

from validator.standards.base import delegate, discover_by_patterns
from validator.standards.goose_recipe.names import NAME, PATTERNS, PREFIX, TITLE
from validator.standards.goose_recipe.rules import RULES

CHECKS = tuple(f"validator.standards.goose_recipe.checks.{topic}"
               for topic in ("schema", "files", "recipe", "parameters", "response", "extensions", "secrets"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    """YAML files anywhere; JSON files only in recipe-like places (JSON recipes are rare,
    JSON files are many: package.json, tsconfig.json ... are not worth a read)."""
    from validator.standards.goose_recipe.reader import recipe_like_place

    return [rel for rel in discover_by_patterns(index, PATTERNS)
            if not rel.endswith(".json") or recipe_like_place(rel)]


parse = delegate("validator.standards.goose_recipe.reader", "parse")


def export_schemas() -> dict:
    """`schemas/goose-recipe/recipe.schema.json`, from the pydantic model of goose's Recipe types."""
    from validator.standards.goose_recipe.models import json_schema

    return {f"{NAME}/recipe.schema.json": json_schema()}
