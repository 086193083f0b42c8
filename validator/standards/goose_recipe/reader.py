"""Reading one goose recipe: is it a recipe, where it sits in the file, its templates blanked.

Which files are recipes (precision first). The recipe is the top level of a YAML or JSON
file, or the `recipe` object of a goose Desktop save (`{name, recipe: {...}, isGlobal}`):

- with a field only goose recipes have (`extensions` of goose's types, `parameters` with
  `input_type`, `activities`, `sub_recipes`, `retry`, `settings.goose_model` ...), or in a
  goose place (a folder or file name containing "goose": `.goose/recipes/`,
  `goose-session.yaml`): two of `title`, `description`, `instructions`/`prompt` suffice,
  so a recipe that lacks one is still checked;
- in a recipe place (a name containing "recipe": `recipes/`, `recipe.yaml`): all three,
  with string instructions or prompt, and nothing of a cooking recipe (`ingredients`);
- never a JSON Schema (`$schema`, `$defs`), whose title and description look alike;
- anywhere else: not a recipe, left alone.

Templates: goose renders minijinja before parsing YAML, so `{% ... %}` and `{# ... #}`
tags are blanked (same lines and columns; a line of nothing but tags becomes empty, as goose
renders it) before parsing, and `{{ ... }}` as well when an unquoted
expression is what upsets the YAML parser. A template tag is never a YAML error here.

The rules are checked by the emitters in `checks/`, over `recipe(doc)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from validator.engine.integrity import SourceView, load_structured
from validator.model import Problem
from validator.parsing.text import TextIndex
from validator.records import lazy, replace
from validator.standards.base import CheckContext, Document
from validator.standards.goose_recipe.names import NAME

_SNIFF_KEY = lazy(rb"(?:^|[{,])[ \t]*(?:-[ \t]+)?[\"']?(title|description|instructions|prompt)[\"']?[ \t]*:", re.MULTILINE)
"""The recipe fields written as keys (block or flow YAML, JSON)."""
_SNIFF_MARKER = lazy(rb"input_type|requirement|sub_recipes|goose_provider|goose_model|max_turns|max_retries|json_schema|"
                     rb"activities|extensions")
"""Words of the fields only goose recipes have (`goose_markers`): a file outside a recipe or goose place
without any of them can never be a recipe."""
_RECIPE_PLACE = lazy(r"recipe", re.IGNORECASE)
_GOOSE_PLACE = lazy(r"(?<![a-z])goose", re.IGNORECASE)
"""A name with "goose" (not "mongoose")."""
_GOOSE_EXTENSION_TYPES = frozenset({"stdio", "builtin", "platform", "streamable_http", "frontend", "inline_python", "sse"})
MAX_SNIFF_BYTES = 1_000_000


def recipe_like_place(relpath: str) -> bool:
    return bool(_RECIPE_PLACE.search(relpath) or _GOOSE_PLACE.search(relpath))


def recipe_of(value) -> tuple[dict | None, tuple]:
    """The recipe mapping of a document and its pointer: the top level, or a Desktop save's `recipe`."""
    if not isinstance(value, dict):
        return None, ()
    inner = value.get("recipe")
    if isinstance(inner, dict):
        return inner, ("recipe",)
    return value, ()


def is_recipe(recipe: dict, relpath: str) -> bool:
    if any(key in recipe for key in ("ingredients", "servings", "cook_time", "prep_time")):
        return False  # a cooking recipe
    if any(key in recipe for key in ("$schema", "$defs", "definitions", "$id")):
        return False  # a JSON Schema (a recipe schema's title and description are no recipe)
    texts = [recipe[key] for key in ("instructions", "prompt") if key in recipe]
    present = ("title" in recipe) + ("description" in recipe) + bool(texts)
    if present >= 2 and (_GOOSE_PLACE.search(relpath) or goose_markers(recipe)):
        return True
    return present == 3 and bool(_RECIPE_PLACE.search(relpath)) and any(isinstance(text, str) for text in texts)


def goose_markers(recipe: dict) -> bool:
    """Fields with a shape only goose recipes have."""
    def items(key):
        value = recipe.get(key)
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    if any(item.get("type") in _GOOSE_EXTENSION_TYPES for item in items("extensions")):
        return True
    if any("input_type" in item or "requirement" in item for item in items("parameters")):
        return True
    if any("path" in item for item in items("sub_recipes")):
        return True
    settings, retry, response = recipe.get("settings"), recipe.get("retry"), recipe.get("response")
    if isinstance(settings, dict) and any(key in settings for key in ("goose_provider", "goose_model", "max_turns")):
        return True
    if isinstance(retry, dict) and ("max_retries" in retry or "checks" in retry):
        return True
    if isinstance(response, dict) and "json_schema" in response:
        return True
    activities = recipe.get("activities")
    return isinstance(activities, list) and bool(activities) and all(isinstance(a, str) for a in activities)


def _sniff(source) -> bool:
    """A cheap look at the bytes before any parsing, a necessary condition of `is_recipe` and of the
    unparseable-recipe case: two of title, description, instructions/prompt written as keys, and a
    recipe or goose place or a word of a goose-only field (issue forms and workflows have titles
    and descriptions too, and a monorepo has hundreds of them)."""
    if source.too_large:
        return False
    head = source.raw[:MAX_SNIFF_BYTES]
    found = {word.replace(b"instructions", b"prompt") for word in _SNIFF_KEY.findall(head)}
    if len(found) < 2:
        return False
    return recipe_like_place(source.relpath) or bool(_SNIFF_MARKER.search(head))


def parse(source, ctx: CheckContext) -> Document | None:
    if not _sniff(source):
        return None
    text = source.decoded.text
    if text is None:
        return None
    fmt = "json" if source.relpath.lower().endswith(".json") else "yaml"
    from validator.standards.goose_recipe.template import blank_expressions, blank_tags

    view = blank_tags(text)
    data, problems = load_structured(SourceView(source, view), fmt)
    if data is None and any(finding.rule.code == "GEN001" for finding in problems) and "{{" in view:
        retry, retry_problems = load_structured(SourceView(source, blank_expressions(view)), fmt)
        if retry is not None:
            data, problems = retry, retry_problems
    if data is None:
        # Unparseable: ours only when the text still reads like a recipe in a recipe place.
        if recipe_like_place(source.relpath) and re.search(r"^\s*(?:instructions|prompt)\s*:", text, re.MULTILINE):
            return Document(source, NAME, None, problems)
        return None
    recipe, base = recipe_of(data.value)
    if recipe is None or not is_recipe(recipe, source.relpath):
        return None
    # Spans the checks compute are offsets of the original text (the view's may differ after
    # a line of nothing but tags), so they are located on it; pointers use the view's lines.
    return Document(source, NAME, data, problems, meta={"base": base, "text": text}, index=TextIndex(text))


def recipe_at(doc: Document) -> tuple[dict, tuple]:
    """The recipe mapping of a parsed document and its pointer (problems' pointers are relative to it)."""
    base: tuple = doc.meta["base"]
    return doc.data.get(base), base


def rebased(problems: Iterable[Problem], base: tuple) -> Iterator[Problem]:
    """PROBLEMS, whose pointers are relative to the recipe, with pointers into the document."""
    for problem in problems:
        yield replace(problem, where=base + problem.where) if isinstance(problem.where, tuple) else problem
