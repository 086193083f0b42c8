"""`response.json_schema` (GOOSE010): goose refuses a recipe whose response schema is no JSON Schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.goose_recipe.reader import rebased, recipe_at


@emits(R.GOOSE010)
def response_schema(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_response(recipe), base)


_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_VALUES = ("additionalProperties", "additionalItems", "not", "contains", "propertyNames", "if", "then", "else",
                  "unevaluatedProperties", "unevaluatedItems")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_COUNTS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains")
_NUMBERS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


def _response(recipe: dict) -> Iterator[Problem]:
    response = recipe.get("response")
    if isinstance(response, dict) and "json_schema" in response and response["json_schema"] is not None:
        for pointer, message in schema_problems(response["json_schema"], ("response", "json_schema")):
            yield Problem(R.GOOSE010, message, pointer)


def schema_problems(node, pointer: tuple) -> Iterator[tuple[tuple, str]]:
    """Why NODE is not a JSON Schema (2020-12 meta-schema constraints that matter), recursively."""
    if isinstance(node, bool):
        return
    if not isinstance(node, dict):
        yield pointer, f"a schema must be an object or a boolean, not {type(node).__name__}"
        return
    kind = node.get("type")
    if kind is not None:
        names = kind if isinstance(kind, list) else [kind]
        bad = [name for name in names if not (isinstance(name, str) and name in _TYPES)]
        if bad or not names:
            yield pointer + ("type",), f"type {kind!r} is not a JSON Schema type ({', '.join(sorted(_TYPES))})"
    for key in _SCHEMA_MAPS:
        if key in node:
            if not isinstance(node[key], dict):
                yield pointer + (key,), f"{key} must be an object of schemas"
            else:
                for name, sub in node[key].items():
                    yield from schema_problems(sub, pointer + (key, name))
    for key in _SCHEMA_VALUES:
        if key in node:
            yield from schema_problems(node[key], pointer + (key,))
    for key in _SCHEMA_LISTS:
        if key in node:
            if not isinstance(node[key], list) or (key != "prefixItems" and not node[key]):
                yield pointer + (key,), f"{key} must be a non-empty list of schemas"
            else:
                for i, sub in enumerate(node[key]):
                    yield from schema_problems(sub, pointer + (key, i))
    if "items" in node:
        items = node["items"]
        for i, sub in enumerate(items) if isinstance(items, list) else ((None, items),):
            yield from schema_problems(sub, pointer + (("items", i) if i is not None else ("items",)))
    required = node.get("required")
    if "required" in node and not (isinstance(required, list) and all(isinstance(r, str) for r in required)
                                   and len(set(required)) == len(required)):
        yield pointer + ("required",), "required must be a list of distinct property names"
    if "enum" in node and not isinstance(node["enum"], list):
        yield pointer + ("enum",), "enum must be a list"
    for key in _COUNTS:
        if key in node and not (isinstance(node[key], int) and not isinstance(node[key], bool) and node[key] >= 0):
            yield pointer + (key,), f"{key} must be a non-negative integer"
    for key in _NUMBERS:
        if key in node and (isinstance(node[key], bool) or not isinstance(node[key], (int, float))):
            yield pointer + (key,), f"{key} must be a number"
    if isinstance(node.get("multipleOf"), (int, float)) and not isinstance(node["multipleOf"], bool) and node["multipleOf"] <= 0:
        yield pointer + ("multipleOf",), "multipleOf must be greater than 0"
    if "pattern" in node:
        if not isinstance(node["pattern"], str):
            yield pointer + ("pattern",), "pattern must be a string"
        else:
            try:
                re.compile(node["pattern"])
            except re.error as err:
                yield pointer + ("pattern",), f"pattern {node['pattern']!r} is not a regular expression ({err})"
    for key in ("uniqueItems",):
        if key in node and not isinstance(node[key], bool):
            yield pointer + (key,), f"{key} must be a boolean"
    for key in ("$ref", "format", "$id", "$schema"):
        if key in node and not isinstance(node[key], str):
            yield pointer + (key,), f"{key} must be a string"
