"""The recipe against the exported recipe schema (GOOSE001): what does not deserialize into goose's types."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.goose_recipe.names import NAME
from validator.standards.goose_recipe.reader import recipe_at


@emits(R.GOOSE001)
def recipe_schema(doc, ctx) -> Iterator[Problem]:
    from validator.engine.schemareport import exported_schema_errors

    recipe, base = recipe_at(doc)
    for pointer, message, at_key, _ in exported_schema_errors(f"{NAME}/recipe.schema.json", recipe):
        yield Problem(R.GOOSE001, message, base + pointer, at_key=at_key)



