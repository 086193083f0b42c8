"""JSON Schema as MCP tools use it: dialects, meta-validation, `$ref`s, a subschema walker.

Dialect: from 2025-11-25 a schema without `$schema` is JSON Schema 2020-12 and every
schema MUST be valid under its declared or default dialect (BASE-016).
https://modelcontextprotocol.io/specification/2025-11-25/basic#json-schema-usage
Earlier revisions name no dialect; the SDKs of that time emitted draft-07, so draft-07
is the default there (a derived rule, reported as a warning).

`$ref`: only local references (`#...`, or an `$id` inside the schema) are usable without
fetching; the 2026-07-28 text tells consumers not to fetch others (BASE-017).
https://modelcontextprotocol.io/specification/2026-07-28/basic#ref-resolution
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from validator.conformance.observe.regexgen import safe_search
from validator.conformance.protocol.revisions import JSON_SCHEMA_2020_12_FROM, since
from validator.parsing.document import nesting_exceeds

DRAFT7 = "http://json-schema.org/draft-07/schema"
D2020 = "https://json-schema.org/draft/2020-12/schema"

# normalised $schema URI → dialect name (the `jsonschema` validator class is looked up lazily)
_DIALECTS = {
    "json-schema.org/draft-03/schema": "draft-03",
    "json-schema.org/draft-04/schema": "draft-04",
    "json-schema.org/draft-06/schema": "draft-06",
    "json-schema.org/draft-07/schema": "draft-07",
    "json-schema.org/draft/2019-09/schema": "2019-09",
    "json-schema.org/draft/2020-12/schema": "2020-12",
}
_CLASSES = {"draft-03": "Draft3Validator", "draft-04": "Draft4Validator", "draft-06": "Draft6Validator",
            "draft-07": "Draft7Validator", "2019-09": "Draft201909Validator", "2020-12": "Draft202012Validator"}

# keywords whose value is a schema, a list of schemas, or a map of name → schema
SCHEMA_VALUED = ("additionalItems", "additionalProperties", "contains", "contentSchema", "else", "if", "items",
                 "not", "propertyNames", "then", "unevaluatedItems", "unevaluatedProperties")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
SCHEMA_MAPS = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")
COMPOSITION = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")


@dataclass(frozen=True)
class Dialect:
    name: str
    """`draft-07`, `2020-12`, ... or the unknown `$schema` URI itself."""
    declared: bool
    """True when the schema names it in `$schema`."""
    known: bool

    def validator_class(self):
        import jsonschema

        return getattr(jsonschema, _CLASSES[self.name]) if self.known else None


def _normalise(uri: str) -> str:
    uri = uri.strip().rstrip("#")
    for prefix in ("https://", "http://"):
        if uri.startswith(prefix):
            return uri[len(prefix):]
    return uri


def dialect_of(schema: Any, revision: str) -> Dialect:
    """The dialect SCHEMA is written in under REVISION (see the module docstring)."""
    declared = schema.get("$schema") if isinstance(schema, dict) else None
    if isinstance(declared, str):
        name = _DIALECTS.get(_normalise(declared))
        return Dialect(name or declared, True, name is not None)
    return Dialect("2020-12" if since(revision, JSON_SCHEMA_2020_12_FROM) else "draft-07", False, True)


def _key(schema: Any) -> str:
    return json.dumps(schema, sort_keys=True, default=str)


@lru_cache(maxsize=8)
def _meta_validator(dialect: str):
    import jsonschema

    cls = getattr(jsonschema, _CLASSES[dialect])
    return cls(cls.META_SCHEMA)


@lru_cache(maxsize=512)
def _meta_problems(key: str, dialect: str) -> tuple[str, ...]:
    schema = json.loads(key)
    meta = _meta_validator(dialect)
    problems = []
    for error in sorted(meta.iter_errors(schema), key=lambda e: list(e.absolute_path))[:5]:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        problems.append(f"{where}: {error.message}"[:200])
    return tuple(problems)


MAX_SCHEMA_DEPTH = 64
"""Schemas nested deeper are not evaluated: jsonschema recurses several frames per level, so a
400-deep schema from a server ended in RecursionError (a harness error). Callers skip such a
schema and say so (`too_deep`)."""


def too_deep(schema: Any) -> str | None:
    """Why SCHEMA is not evaluated at all (None when it is shallow enough)."""
    if nesting_exceeds(schema, MAX_SCHEMA_DEPTH):
        return f"it nests more than {MAX_SCHEMA_DEPTH} levels deep (not evaluated)"
    return None


def meta_problems(schema: Any, dialect: Dialect) -> list[str]:
    """Why SCHEMA is not a valid schema of DIALECT (empty when it is, when the dialect is unknown,
    or when it is too deep to evaluate: see `too_deep`)."""
    if not dialect.known:
        return []
    if isinstance(schema, bool) or too_deep(schema):
        return []
    return list(_meta_problems(_key(schema), dialect.name))


def _safe_pattern(validator_, pattern, instance, _schema):
    from jsonschema import ValidationError

    if validator_.is_type(instance, "string") and isinstance(pattern, str) and safe_search(pattern, instance) is False:
        yield ValidationError(f"{instance[:80]!r} does not match {pattern[:80]!r}")


@lru_cache(maxsize=16)
def _bounded(cls):
    """CLS whose `pattern` keyword never runs a risky regex on a long string (regexgen.safe_search):
    a server's `^(a+)+$` against its own 'aaaa…!' would hang the run in re, which no timeout stops."""
    from jsonschema import validators

    return validators.extend(cls, {"pattern": _safe_pattern})


def validator(schema: Any, dialect: Dialect, *, formats: bool = True):
    """A `jsonschema` validator for SCHEMA (draft-07 when the dialect is unknown)."""
    from jsonschema import Draft7Validator, FormatChecker

    cls = _bounded(dialect.validator_class() or Draft7Validator)
    return cls(schema, format_checker=FormatChecker() if formats else None)


def errors(validator_, instance: Any, limit: int = 3) -> list[str]:
    out = []
    for error in validator_.iter_errors(instance):
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        out.append(f"{where}: {error.message}"[:200])
        if len(out) >= limit:
            break
    return out


# ---- walking --------------------------------------------------------------------------
def subschemas(schema: Any, pointer: str = "") -> Iterator[tuple[str, Any, str | None]]:
    """(JSON pointer, subschema, the keyword that holds it) for SCHEMA and every subschema in it.

    Values of `enum`, `const`, `default` and `examples` are data, never walked.
    """
    stack: list[tuple[str, Any, str | None]] = [(pointer, schema, None)]
    seen = 0
    while stack and seen < 10000:
        where, node, via = stack.pop()
        seen += 1
        yield where, node, via
        if not isinstance(node, dict):
            continue
        for key in SCHEMA_MAPS:
            value = node.get(key)
            if isinstance(value, dict):
                for name, sub in value.items():
                    stack.append((f"{where}/{key}/{_escape(name)}", sub, key))
        for key in SCHEMA_LISTS:
            value = node.get(key)
            if isinstance(value, list):
                for index, sub in enumerate(value):
                    stack.append((f"{where}/{key}/{index}", sub, key))
        for key in SCHEMA_VALUED:
            value = node.get(key)
            if isinstance(value, (dict, bool)):
                stack.append((f"{where}/{key}", value, key))
        dependencies = node.get("dependencies")
        if isinstance(dependencies, dict):
            for name, sub in dependencies.items():
                if isinstance(sub, (dict, bool)):
                    stack.append((f"{where}/dependencies/{_escape(name)}", sub, "dependencies"))


def _escape(name: str) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


# ---- $ref -------------------------------------------------------------------------------
def resolve_pointer(root: Any, fragment: str) -> tuple[bool, Any]:
    """Resolve a JSON pointer fragment (without '#') inside ROOT."""
    node = root
    if fragment in ("", "/"):
        return True, root
    if not fragment.startswith("/"):
        return False, None
    for part in fragment[1:].split("/"):
        part = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def _anchors_and_ids(schema: Any) -> tuple[set[str], set[str]]:
    anchors, ids = set(), set()
    for _where, node, _via in subschemas(schema):
        if isinstance(node, dict):
            if isinstance(node.get("$anchor"), str):
                anchors.add(node["$anchor"])
            if isinstance(node.get("$dynamicAnchor"), str):
                anchors.add(node["$dynamicAnchor"])
            if isinstance(node.get("$id"), str):
                ids.add(node["$id"].rstrip("#"))
                if node["$id"].startswith("#"):  # draft-07 location-independent identifier
                    anchors.add(node["$id"][1:])
    return anchors, ids


def ref_problems(schema: Any) -> tuple[list[str], list[str]]:
    """(external references, local references that do not resolve), as 'pointer: $ref' strings."""
    external, dangling = [], []
    anchors, ids = _anchors_and_ids(schema)
    for where, node, _via in subschemas(schema):
        if not isinstance(node, dict):
            continue
        for key in ("$ref", "$dynamicRef"):
            ref = node.get(key)
            if not isinstance(ref, str):
                continue
            base, _, fragment = ref.partition("#")
            if base and base.rstrip("#") not in ids:
                external.append(f"{where or '/'}: {ref}")
                continue
            if base:
                continue  # an $id inside the schema: resolvable without fetching
            if fragment.startswith("/") or fragment == "":
                ok, _ = resolve_pointer(schema, fragment)
            else:
                ok = fragment in anchors
            if not ok:
                dangling.append(f"{where or '/'}: {ref}")
    return external, dangling


def root_type_is_object(schema: Any) -> bool:
    """True when the schema's root says `"type": "object"` (the MCP schema's requirement)."""
    return isinstance(schema, dict) and schema.get("type") == "object"


def instance_errors(schema: Any, value: Any, revision: str) -> list[str] | None:
    """Why VALUE does not conform to SCHEMA (formats not asserted); None when SCHEMA itself
    cannot be used (unknown dialect, invalid schema, an error while evaluating)."""
    dialect = dialect_of(schema, revision)
    if not dialect.known or meta_problems(schema, dialect):
        return None
    try:
        return errors(validator(schema, dialect, formats=False), value)
    except Exception:  # noqa: BLE001 - e.g. a $ref that does not resolve
        return None
