"""The goose recipe standard's names, shared by its face and its internals (which never import the face)."""

from __future__ import annotations

NAME = "goose-recipe"
TITLE = "goose recipe"
PREFIX = "GOOSE"
PATTERNS = ("*.yaml", "*.yml", "*.json")
"""Any YAML or JSON file may be a recipe; `parse` keeps only those that are (see reader)."""
