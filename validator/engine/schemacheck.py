"""A compact JSON Schema (2020-12) validator for the schemas this project exports.

Why not `jsonschema` at run time: importing it costs about 60 ms, close to half of the
0.15 s start-up budget of `agentconform check`. Our schemas are generated from our own
models and use a small keyword set, so this module implements exactly that set and
refuses any other keyword when a schema is compiled (a new keyword cannot be silently
ignored). `jsonschema` stays the oracle: the differential tests run the official
schemas through it and ours through this, on the real corpus and on thousands of
mutations, and require the same verdicts.

Errors mirror `jsonschema.ValidationError`'s useful attributes (`validator`,
`validator_value`, `instance`, `absolute_path`, `relative_path`, `schema_path`,
`context`, `message`) so reporting code can treat both alike.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
                         "readOnly", "writeOnly", "$defs", "definitions"})
KEYWORDS = frozenset({"$ref", "type", "enum", "const", "properties", "patternProperties", "additionalProperties",
                      "required", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern",
                      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format", "not",
                      "anyOf", "oneOf", "allOf", "minProperties", "maxProperties", "propertyNames",
                      "dependentRequired", "if", "then", "else"})


class SchemaError(Exception):
    """The schema itself uses something this validator does not implement."""


class ValidationError:
    __slots__ = ("validator", "validator_value", "instance", "absolute_path", "relative_path", "schema_path",
                 "context", "message", "schema")

    def __init__(self, validator: str, validator_value: Any, instance: Any, path: tuple, schema_path: tuple,
                 message: str, schema: dict, context: list | None = None) -> None:
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.absolute_path = deque(path)
        self.relative_path = deque(path)
        self.schema_path = deque(schema_path)
        self.message = message
        self.schema = schema
        self.context = context or []

    def __repr__(self) -> str:
        return f"<ValidationError {self.validator} at {list(self.absolute_path)}: {self.message}>"


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if kind == "number":
        return isinstance(value, (int, float))
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    raise SchemaError(f"unknown type {kind!r}")


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


class Validator:
    """Validates instances against one root schema (with local `$ref`s only)."""

    def __init__(self, schema: dict, *, formats: dict[str, Callable[[Any], bool]] | None = None) -> None:
        self.schema = schema
        self.formats = formats or {}
        self._patterns: dict[str, re.Pattern] = {}
        self._check_schema(schema)

    # -- schema compilation -------------------------------------------------------------
    def _check_schema(self, node: Any) -> None:
        if isinstance(node, bool):
            return
        if not isinstance(node, dict):
            raise SchemaError(f"a schema must be an object or a boolean, not {type(node).__name__}")
        for key, value in node.items():
            if key in ANNOTATIONS:
                if key in ("$defs", "definitions"):
                    for sub in value.values():
                        self._check_schema(sub)
                continue
            if key not in KEYWORDS:
                raise SchemaError(f"keyword {key!r} is not supported by validator.engine.schemacheck")
            if key in ("properties", "patternProperties"):
                for sub in value.values():
                    self._check_schema(sub)
            elif key in ("anyOf", "oneOf", "allOf"):
                for sub in value:
                    self._check_schema(sub)
            elif key in ("additionalProperties", "items", "not", "propertyNames", "if", "then", "else"):
                self._check_schema(value)
            elif key == "$ref" and not value.startswith("#"):
                raise SchemaError(f"only local $ref is supported, not {value!r}")
            elif key == "pattern":
                self._regex(value)

    def _regex(self, pattern: str) -> re.Pattern:
        compiled = self._patterns.get(pattern)
        if compiled is None:
            compiled = self._patterns[pattern] = re.compile(pattern)
        return compiled

    def _resolve(self, ref: str) -> Any:
        node: Any = self.schema
        for part in ref.lstrip("#").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    # -- validation ---------------------------------------------------------------------
    def is_valid(self, instance: Any) -> bool:
        return next(self.iter_errors(instance), None) is None

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        yield from self._errors(instance, self.schema, (), ())

    def _errors(self, value: Any, schema: Any, path: tuple, spath: tuple) -> Iterator[ValidationError]:
        if schema is True:
            return
        if schema is False:
            yield ValidationError("false", False, value, path, spath, "no value is allowed here", {})
            return
        if "$ref" in schema:
            yield from self._errors(value, self._resolve(schema["$ref"]), path, spath + ("$ref",))
        for key, expected in schema.items():
            check = _CHECKS.get(key)
            if check is not None:
                yield from check(self, value, expected, schema, path, spath + (key,))

    def _error(self, key, expected, value, schema, path, spath, message, context=None) -> ValidationError:
        return ValidationError(key, expected, value, path, spath, message, schema, context)


def _type(v: Validator, value, expected, schema, path, spath):
    kinds = expected if isinstance(expected, list) else [expected]
    if not any(_is_type(value, kind) for kind in kinds):
        yield v._error("type", expected, value, schema, path, spath, f"{value!r} is not of type {expected!r}")


def _enum(v, value, expected, schema, path, spath):
    if not any(_equal(value, item) for item in expected):
        yield v._error("enum", expected, value, schema, path, spath, f"{value!r} is not one of {expected!r}")


def _const(v, value, expected, schema, path, spath):
    if not _equal(value, expected):
        yield v._error("const", expected, value, schema, path, spath, f"{expected!r} was expected")


def _properties(v, value, expected, schema, path, spath):
    if isinstance(value, dict):
        for name, sub in expected.items():
            if name in value:
                yield from v._errors(value[name], sub, path + (name,), spath + (name,))


def _pattern_properties(v, value, expected, schema, path, spath):
    if isinstance(value, dict):
        for pattern, sub in expected.items():
            regex = v._regex(pattern)
            for name, item in value.items():
                if regex.search(name):
                    yield from v._errors(item, sub, path + (name,), spath + (pattern,))


def _additional(v, value, expected, schema, path, spath):
    if not isinstance(value, dict):
        return
    known = schema.get("properties", {})
    patterns = [v._regex(p) for p in schema.get("patternProperties", {})]
    extra = [name for name in value if name not in known and not any(p.search(name) for p in patterns)]
    if not extra:
        return
    if expected is False:
        yield v._error("additionalProperties", expected, value, schema, path, spath,
                       f"Additional properties are not allowed ({', '.join(map(repr, extra))} unexpected)")
        return
    for name in extra:
        yield from v._errors(value[name], expected, path + (name,), spath)


def _required(v, value, expected, schema, path, spath):
    if isinstance(value, dict):
        for name in expected:
            if name not in value:
                yield v._error("required", expected, value, schema, path, spath, f"'{name}' is a required property")


def _items(v, value, expected, schema, path, spath):
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from v._errors(item, expected, path + (i,), spath)


def _count(kind: str, measure: Callable[[Any], int | None], compare: Callable[[int, int], bool], text: str):
    def check(v, value, expected, schema, path, spath):
        size = measure(value)
        if size is not None and not compare(size, expected):
            yield v._error(kind, expected, value, schema, path, spath, f"{value!r} {text} {expected}")
    return check


def _len_str(value):
    return len(value) if isinstance(value, str) else None


def _len_list(value):
    return len(value) if isinstance(value, list) else None


def _len_obj(value):
    return len(value) if isinstance(value, dict) else None


def _unique(v, value, expected, schema, path, spath):
    if expected and isinstance(value, list):
        for i, item in enumerate(value):
            if any(_equal(item, other) for other in value[:i]):
                yield v._error("uniqueItems", expected, value, schema, path, spath, f"{value!r} has non-unique elements")
                return


def _pattern(v, value, expected, schema, path, spath):
    if isinstance(value, str) and not v._regex(expected).search(value):
        yield v._error("pattern", expected, value, schema, path, spath, f"{value!r} does not match {expected!r}")


def _number(kind: str, compare: Callable[[float, float], bool], text: str):
    def check(v, value, expected, schema, path, spath):
        if _is_type(value, "number") and not compare(value, expected):
            yield v._error(kind, expected, value, schema, path, spath, f"{value!r} is {text} {expected}")
    return check


def _multiple_of(v, value, expected, schema, path, spath):
    if _is_type(value, "number"):
        quotient = value / expected
        if not (math.isfinite(quotient) and quotient == int(quotient)):
            yield v._error("multipleOf", expected, value, schema, path, spath, f"{value!r} is not a multiple of {expected}")


def _format(v, value, expected, schema, path, spath):
    checker = v.formats.get(expected)
    if checker is not None and not checker(value):
        yield v._error("format", expected, value, schema, path, spath, f"{value!r} is not a {expected!r}")


def _not(v, value, expected, schema, path, spath):
    if next(v._errors(value, expected, path, spath), None) is None:
        yield v._error("not", expected, value, schema, path, spath, f"{value!r} should not be valid under {expected!r}")


def _branch_errors(v, value, sub, path, index) -> list[ValidationError]:
    """Errors of one anyOf/oneOf branch, with paths relative to the instance under test."""
    errors = list(v._errors(value, sub, path, (index,)))
    for error in errors:
        error.relative_path = deque(list(error.absolute_path)[len(path):])
    return errors


def _any_of(v, value, expected, schema, path, spath):
    context = []
    for i, sub in enumerate(expected):
        errors = _branch_errors(v, value, sub, path, i)
        if not errors:
            return
        context.extend(errors)
    yield v._error("anyOf", expected, value, schema, path, spath, f"{value!r} is not valid under any of the given schemas", context)


def _one_of(v, value, expected, schema, path, spath):
    context = []
    matches = 0
    for i, sub in enumerate(expected):
        errors = _branch_errors(v, value, sub, path, i)
        if errors:
            context.extend(errors)
        else:
            matches += 1
    if matches == 0:
        yield v._error("oneOf", expected, value, schema, path, spath, f"{value!r} is not valid under any of the given schemas", context)
    elif matches > 1:
        yield v._error("oneOf", expected, value, schema, path, spath, f"{value!r} is valid under more than one of the given schemas")


def _all_of(v, value, expected, schema, path, spath):
    for i, sub in enumerate(expected):
        yield from v._errors(value, sub, path, spath + (i,))


def _property_names(v, value, expected, schema, path, spath):
    if isinstance(value, dict):
        for name in value:
            yield from v._errors(name, expected, path, spath)


def _dependent_required(v, value, expected, schema, path, spath):
    if isinstance(value, dict):
        for name, needed in expected.items():
            if name in value:
                for other in needed:
                    if other not in value:
                        yield v._error("dependentRequired", expected, value, schema, path, spath,
                                       f"'{other}' is a dependency of '{name}'")


def _if(v, value, expected, schema, path, spath):
    if next(v._errors(value, expected, path, spath), None) is None:
        if "then" in schema:
            yield from v._errors(value, schema["then"], path, spath[:-1] + ("then",))
    elif "else" in schema:
        yield from v._errors(value, schema["else"], path, spath[:-1] + ("else",))


def _nothing(v, value, expected, schema, path, spath):
    return iter(())


_CHECKS: dict[str, Callable] = {
    "type": _type, "enum": _enum, "const": _const, "properties": _properties,
    "patternProperties": _pattern_properties, "additionalProperties": _additional, "required": _required,
    "items": _items, "uniqueItems": _unique, "pattern": _pattern, "format": _format, "not": _not,
    "anyOf": _any_of, "oneOf": _one_of, "allOf": _all_of, "propertyNames": _property_names,
    "dependentRequired": _dependent_required, "if": _if, "then": _nothing, "else": _nothing,
    "multipleOf": _multiple_of,
    "minLength": _count("minLength", _len_str, lambda n, e: n >= e, "is shorter than"),
    "maxLength": _count("maxLength", _len_str, lambda n, e: n <= e, "is longer than"),
    "minItems": _count("minItems", _len_list, lambda n, e: n >= e, "has fewer items than"),
    "maxItems": _count("maxItems", _len_list, lambda n, e: n <= e, "has more items than"),
    "minProperties": _count("minProperties", _len_obj, lambda n, e: n >= e, "has fewer properties than"),
    "maxProperties": _count("maxProperties", _len_obj, lambda n, e: n <= e, "has more properties than"),
    "minimum": _number("minimum", lambda a, b: a >= b, "less than the minimum of"),
    "maximum": _number("maximum", lambda a, b: a <= b, "greater than the maximum of"),
    "exclusiveMinimum": _number("exclusiveMinimum", lambda a, b: a > b, "less than or equal to the minimum of"),
    "exclusiveMaximum": _number("exclusiveMaximum", lambda a, b: a < b, "greater than or equal to the maximum of"),
}


def describe_value(value: Any) -> str:
    """The JSON type of VALUE as a message says it: 'a string', 'an array', 'null'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def describe_type(kind: Any) -> str:
    """A schema `type` (or list of them) as a message says it: 'an object', 'a string or null'."""
    if isinstance(kind, list):
        named = [k for k in kind if k != "null"] or kind
        return " or ".join(describe_type(k) for k in named)
    return {"object": "an object", "array": "an array", "integer": "an integer", "null": "null"}.get(kind, f"a {kind}")


def best_match(errors: list[ValidationError]) -> ValidationError | None:
    """The most relevant error: the shallowest, preferring keywords other than anyOf/oneOf."""
    if not errors:
        return None
    return min(errors, key=lambda e: (len(e.absolute_path), e.validator in ("anyOf", "oneOf")))
