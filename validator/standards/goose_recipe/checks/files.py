"""Files: the recipe's own name (GOOSE015) and the sub-recipes it names (GOOSE014)."""

from __future__ import annotations

from collections.abc import Iterator
from posixpath import dirname, join, normpath

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.standards.goose_recipe.reader import rebased, recipe_at
from validator.standards.goose_recipe.values import items


@emits(R.GOOSE015)
def file_name(doc, ctx) -> Iterator[Problem]:
    if doc.relpath.lower().endswith(".yml"):
        yield Problem(R.GOOSE015, "goose CLI does not load .yml recipes; rename the file to .yaml", Span(0, 1))


@emits(R.GOOSE014)
def sub_recipes(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_sub_recipes(recipe, doc.relpath, ctx), base)


def _sub_recipes(recipe: dict, relpath: str, ctx) -> Iterator[Problem]:
    for i, sub in items(recipe, "sub_recipes"):
        path = sub.get("path")
        if not isinstance(path, str) or not path.strip() or path.startswith(("/", "~")) or any(m in path for m in ("{{", "$")):
            continue
        target = normpath(join(dirname(relpath), path.strip()))
        if target.startswith("..") or ctx.index.exists(target):
            continue
        yield Problem(R.GOOSE014, f"sub-recipe {path!r} does not exist (resolved to {target})", ("sub_recipes", i, "path"))
