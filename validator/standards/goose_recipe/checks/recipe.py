"""What the recipe must say and how it says it: instructions or prompt (GOOSE002), the activities' message (GOOSE016)."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.goose_recipe.reader import rebased, recipe_at
from validator.standards.goose_recipe.values import scalar


@emits(R.GOOSE002)
def instructions(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_prompt_or_instructions(recipe), base)


@emits(R.GOOSE016)
def activities(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_activities(recipe), base)


def _prompt_or_instructions(recipe: dict) -> Iterator[Problem]:
    present = [key for key in ("instructions", "prompt") if key in recipe and recipe[key] is not None]
    if any((scalar(recipe[key]) or "").strip() for key in present):
        return
    if present:
        yield Problem(R.GOOSE002, f"{present[0]} is blank; goose needs non-blank instructions or prompt", (present[0],))
    else:
        yield Problem(R.GOOSE002, "the recipe has neither instructions nor prompt", ())


def _activities(recipe: dict) -> Iterator[Problem]:
    activities = recipe.get("activities")
    first = None
    for i, activity in enumerate(activities if isinstance(activities, list) else []):
        if isinstance(activity, str) and activity.lstrip().startswith("message:"):
            if first is None:
                first = i
            else:
                yield Problem(R.GOOSE016, f"activities[{first}] is already the message; this one "
                                                            "shows as a bubble with the literal 'message:' text", ("activities", i))
