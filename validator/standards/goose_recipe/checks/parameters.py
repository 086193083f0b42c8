"""goose's recipe rules beyond the structure (GOOSE002-GOOSE016).

Mirrors `validate_recipe.rs` (prompt or instructions, template variables against
parameters, optional/file parameter defaults, duplicate keys, `response.json_schema`),
the recipe reference's documented constraints, and checks of our own. Reads the recipe
defensively: a value of the wrong type is the schema rule's finding, not a crash here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import basename, dirname, join, normpath

from validator.secrets import classify_value, secrets_in
from validator.standards.base import Problem
from validator.standards.goose_recipe import rules as R
from validator.standards.goose_recipe.template import TemplateScan, scan


@dataclass(frozen=True, slots=True)
class TextProblem:
    """A finding at character offsets of the file (template variables, the file name)."""

    rule: object
    start: int
    end: int
    message: str


def _scalar(value) -> str | None:
    """A goose String: strings, and numbers/booleans as goose converts them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _items(recipe: dict, key: str) -> Iterator[tuple[int, dict]]:
    value = recipe.get(key)
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def recipe_problems(recipe: dict, text: str, relpath: str, ctx) -> Iterator[Problem | TextProblem]:
    if relpath.lower().endswith(".yml"):
        yield TextProblem(R.GOOSE015, 0, 1, "goose CLI does not load .yml recipes; rename the file to .yaml")
    yield from _prompt_or_instructions(recipe)
    yield from _parameters(recipe)
    yield from _template(recipe, text, relpath, ctx)
    yield from _response(recipe)
    yield from _extensions(recipe)
    yield from _sub_recipes(recipe, relpath, ctx)
    yield from _activities(recipe)
    yield from _secrets(recipe)


def _prompt_or_instructions(recipe: dict) -> Iterator[Problem]:
    present = [key for key in ("instructions", "prompt") if key in recipe and recipe[key] is not None]
    if any((_scalar(recipe[key]) or "").strip() for key in present):
        return
    if present:
        yield Problem(R.GOOSE002, (present[0],), f"{present[0]} is blank; goose needs non-blank instructions or prompt")
    else:
        yield Problem(R.GOOSE002, (), "the recipe has neither instructions nor prompt")


# -- parameters (GOOSE005-GOOSE009) -----------------------------------------------------------

def _parameters(recipe: dict) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, param in _items(recipe, "parameters"):
        base = ("parameters", i)
        key = _scalar(param.get("key"))
        if key is not None:
            if key in seen:
                yield Problem(R.GOOSE009, base + ("key",), f"parameter {key!r} is already defined at parameters[{seen[key]}]")
            seen.setdefault(key, i)
        label = repr(key) if key is not None else f"parameters[{i}]"
        has_default = param.get("default") is not None
        requirement, input_type = param.get("requirement"), param.get("input_type")
        if requirement == "optional" and not has_default and input_type != "file":
            yield Problem(R.GOOSE005, base + ("default",), f"optional parameter {label} needs a default")
        if input_type == "file" and has_default:
            yield Problem(R.GOOSE006, base + ("default",), f"file parameter {label} must not have a default "
                                                           "(goose refuses to import files by default)")
        elif requirement == "required" and has_default:
            yield Problem(R.GOOSE007, base + ("default",), f"required parameter {label} has a default that is never "
                                                           "used; make it optional")
        if input_type == "select":
            options = param.get("options")
            if options is None or options == []:
                yield Problem(R.GOOSE008, base + ("options",), f"select parameter {label} has no options")


def parameter_keys(recipe: dict) -> dict[str, int]:
    keys: dict[str, int] = {}
    for i, param in _items(recipe, "parameters"):
        key = _scalar(param.get("key"))
        if key is not None:
            keys.setdefault(key, i)
    return keys


# -- template variables (GOOSE003, GOOSE004) --------------------------------------------------

def _template(recipe: dict, text: str, relpath: str, ctx) -> Iterator[Problem | TextProblem]:
    found = scan(text)
    used, words = set(found.variables), set(found.words)
    if found.dynamic_parent:
        return
    for parent in found.parents:
        parent_scan = _scan_parent(parent, relpath, ctx)
        if parent_scan is None:
            return  # goose would see variables we cannot: judge nothing
        used |= set(parent_scan.variables)
        words |= parent_scan.words
    keys = parameter_keys(recipe)
    for name, offset in found.variables.items():
        if name not in keys:
            yield TextProblem(R.GOOSE003, offset, offset + 2,
                              f"template variable {name!r} has no parameter; add it to parameters")
    for key, i in keys.items():
        if key not in used and key not in words:
            yield Problem(R.GOOSE004, ("parameters", i, "key"), f"parameter {key!r} is not used by any template")


def _scan_parent(name: str, relpath: str, ctx) -> TemplateScan | None:
    target = normpath(join(dirname(relpath), name))
    if target.startswith(".."):
        return None
    content = ctx.index.read_text(target)
    return scan(content) if content is not None else None


# -- response.json_schema (GOOSE010) ----------------------------------------------------------

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
            yield Problem(R.GOOSE010, pointer, message)


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


# -- extensions (GOOSE011-GOOSE013) ----------------------------------------------------------

_RUNNERS = {"npx": "npm", "bunx": "npm", "pnpx": "npm", "uvx": "pypi"}
_NPM_FLAGS_WITH_VALUE = ("-p", "--package", "--registry", "--cache", "--userconfig", "-c", "--call")
_UVX_FLAGS_WITH_VALUE = ("--from", "--with", "--python", "-p", "--index", "--index-url", "--extra-index-url",
                         "--with-requirements", "--constraints", "-c", "--directory", "--cache-dir")


def _extensions(recipe: dict) -> Iterator[Problem]:
    for i, extension in _items(recipe, "extensions"):
        base = ("extensions", i)
        if extension.get("type") == "sse":
            yield Problem(R.GOOSE011, base + ("type",), "type 'sse' is not accepted by recent goose releases; "
                                                        "use streamable_http")
        if extension.get("type") == "stdio":
            yield from _pinning(extension, base)
        for field in ("envs", "headers"):
            values = extension.get(field)
            for name, value in (values.items() if isinstance(values, dict) else ()):
                hit = classify_value(value, name=str(name)) if isinstance(value, str) else None
                if hit is not None:
                    yield Problem(R.GOOSE013, base + (field, name),
                                  f"{field}.{name} holds what looks like a {hit.kind}; list it in env_keys instead")


def _pinning(extension: dict, base: tuple) -> Iterator[Problem]:
    cmd = _scalar(extension.get("cmd"))
    args = extension.get("args")
    if cmd is None or not isinstance(args, list):
        return
    ecosystem = _RUNNERS.get(basename(cmd.strip()))
    if ecosystem is None:
        return
    spec, index = _package_argument(args, ecosystem)
    if spec is None or not _registry_spec(spec):
        return
    if not _pinned(spec, ecosystem):
        yield Problem(R.GOOSE012, base + ("args", index),
                      f"{basename(cmd)} runs {spec!r} without a pinned version; pin it "
                      + ("(package@1.2.3)" if ecosystem == "npm" else "(package==1.2.3)"))


def _package_argument(args: list, ecosystem: str) -> tuple[str | None, int]:
    """The package spec the runner installs, and its index in ARGS."""
    with_value = _NPM_FLAGS_WITH_VALUE if ecosystem == "npm" else _UVX_FLAGS_WITH_VALUE
    package_flags = ("-p", "--package") if ecosystem == "npm" else ("--from",)
    i = 0
    while i < len(args):
        arg = _scalar(args[i])
        if arg is None:
            return None, i
        if arg in package_flags and i + 1 < len(args):
            return _scalar(args[i + 1]), i + 1
        for flag in package_flags:
            if arg.startswith(flag + "="):
                return arg[len(flag) + 1:], i
        if arg in with_value:
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return arg, i
    return None, len(args)


def _registry_spec(spec: str) -> bool:
    """SPEC names a registry package (not a path, URL, git source or template)."""
    if any(mark in spec for mark in ("{{", "$", "\\", "://")) or spec.startswith((".", "/", "~", "git+", "file:")):
        return False
    return "/" not in spec or (spec.startswith("@") and spec.count("/") == 1)


_EXACT = re.compile(r"^v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.+-]+)?$")


def _pinned(spec: str, ecosystem: str) -> bool:
    if ecosystem == "npm":
        name_and_version = spec[1:] if spec.startswith("@") else spec
        if "@" not in name_and_version:
            return False
        version = name_and_version.rsplit("@", 1)[1]
        return bool(_EXACT.match(version))
    if "==" in spec:
        return bool(_EXACT.match(spec.split("==", 1)[1].split(";")[0].strip()))
    if "@" in spec:
        return bool(_EXACT.match(spec.rsplit("@", 1)[1]))
    return False


# -- sub-recipes, activities, secrets (GOOSE013, GOOSE014, GOOSE016) ---------------------------

def _sub_recipes(recipe: dict, relpath: str, ctx) -> Iterator[Problem]:
    for i, sub in _items(recipe, "sub_recipes"):
        path = sub.get("path")
        if not isinstance(path, str) or not path.strip() or path.startswith(("/", "~")) or any(m in path for m in ("{{", "$")):
            continue
        target = normpath(join(dirname(relpath), path.strip()))
        if target.startswith("..") or ctx.index.exists(target):
            continue
        yield Problem(R.GOOSE014, ("sub_recipes", i, "path"), f"sub-recipe {path!r} does not exist (resolved to {target})")


def _activities(recipe: dict) -> Iterator[Problem]:
    activities = recipe.get("activities")
    first = None
    for i, activity in enumerate(activities if isinstance(activities, list) else []):
        if isinstance(activity, str) and activity.lstrip().startswith("message:"):
            if first is None:
                first = i
            else:
                yield Problem(R.GOOSE016, ("activities", i), f"activities[{first}] is already the message; this one "
                                                            "shows as a bubble with the literal 'message:' text")


def _secrets(recipe: dict) -> Iterator[Problem]:
    # envs and headers are judged by their names in _extensions
    for pointer, hit in secrets_in(recipe, skip=frozenset({"envs", "headers"})):
        yield Problem(R.GOOSE013, pointer, f"this looks like a {hit.kind}; recipes are shared, use env_keys")
