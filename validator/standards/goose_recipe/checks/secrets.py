"""Secrets in a recipe (GOOSE013): extension `envs`/`headers` judged by their names, every other string by its value."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.secrets import classify_value, secrets_in
from validator.standards.goose_recipe.reader import rebased, recipe_at
from validator.standards.goose_recipe.values import items


@emits(R.GOOSE013)
def secrets(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_extension_secrets(recipe), base)
    yield from rebased(_secrets(recipe), base)


def _extension_secrets(recipe: dict) -> Iterator[Problem]:
    """Extension `envs` and `headers`, judged by their names (a key named like a token holds one)."""
    for i, extension in items(recipe, "extensions"):
        base = ("extensions", i)
        for field in ("envs", "headers"):
            values = extension.get(field)
            for name, value in (values.items() if isinstance(values, dict) else ()):
                hit = classify_value(value, name=str(name)) if isinstance(value, str) else None
                if hit is not None:
                    yield Problem(R.GOOSE013, f"{field}.{name} holds what looks like a {hit.kind}; list it in env_keys "
                                  "instead", base + (field, name))


def _secrets(recipe: dict) -> Iterator[Problem]:
    # envs and headers are judged by their names in _extension_secrets
    for pointer, hit in secrets_in(recipe, skip=frozenset({"envs", "headers"})):
        yield Problem(R.GOOSE013, f"this looks like a {hit.kind}; recipes are shared, use env_keys", pointer)
