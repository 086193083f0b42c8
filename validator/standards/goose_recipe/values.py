"""Reading a recipe's values the way goose does, for every check (no rules here)."""

from __future__ import annotations

from collections.abc import Iterator


def scalar(value) -> str | None:
    """A goose String: strings, and numbers/booleans as goose converts them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def items(recipe: dict, key: str) -> Iterator[tuple[int, dict]]:
    value = recipe.get(key)
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def parameter_keys(recipe: dict) -> dict[str, int]:
    keys: dict[str, int] = {}
    for i, param in items(recipe, "parameters"):
        key = scalar(param.get("key"))
        if key is not None:
            keys.setdefault(key, i)
    return keys
