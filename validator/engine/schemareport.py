"""Turning JSON Schema errors into one short, positioned message each.

Shared by every standard that validates against an exported schema: errors come from
`validator.engine.schemacheck` (or `jsonschema`, same attributes) and leave here as
`(pointer, message, point-at-key, keyword)`. `anyOf`/`oneOf` failures are narrowed to
what the author most likely meant: the branch whose `type` discriminator matches (a
transport with `"type": "sse"` is judged against the SSE shape), a list of the allowed
`type` values when none matches, or "exactly one of ..." for unions of single required
members (ProtoJSON `oneof`s).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from validator.engine.schemacheck import describe_type, describe_value
from validator.parsing.document import dotted

Explained = tuple[tuple, str, bool, str]
"""(pointer, message, point at the key rather than the value, schema keyword)."""


@cache
def exported_validator(relative: str):
    """Our run-time validator for an exported schema (`schemas/<relative>`), compiled once."""
    from validator.engine.schemacheck import Validator
    from validator.engine.schemas import load_schema

    return Validator(load_schema(relative))


def exported_schema_errors(relative: str, value) -> list[Explained]:
    """VALUE checked against the exported schema RELATIVE, every error explained."""
    return explain_all(exported_validator(relative).iter_errors(value))


def explain_all(errors: Iterable) -> list[Explained]:
    """Every error explained, in a stable order, without repeating (pointer, message)."""
    out: list[Explained] = []
    seen: set[tuple] = set()
    for error in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        for item in explain(error):
            if (item[0], item[1]) not in seen:
                seen.add((item[0], item[1]))
                out.append(item)
    return out


def explain(error) -> list[Explained]:
    path = tuple(error.absolute_path)
    where = dotted(path)
    kind = error.validator
    if kind in ("anyOf", "oneOf") and error.context:
        members = _single_member_union(error)
        if members:
            present = [m for m in members if isinstance(error.instance, dict) and m in error.instance]
            if len(present) > 1:
                return [(path, f"{where} sets {', '.join(present)}; exactly one of them is allowed", False, kind)]
            return [(path, f"{where} needs exactly one of {', '.join(members)}", False, kind)]
        non_null = _non_null_branch(error)
        if non_null is not None:
            results = []
            for sub in non_null:
                results.extend(explain(sub))
            return results
        types = _branch_types(error)
        if types:
            return [(path + ("type",), f"{dotted(path + ('type',))} is {error.instance['type']!r}; expected one of "
                     + ", ".join(repr(t) for t in types), False, "enum")]
        branch = _matching_branch(error)
        if branch:
            results = []
            for sub in branch:
                results.extend(explain(sub))
            return results
        from validator.engine.schemacheck import best_match

        best = best_match(error.context)
        return explain(best) if best is not None else [(path, f"{where}: {error.message}", False, kind)]
    if kind in ("anyOf", "oneOf"):
        return [(path, f"{where} matches more than one of the allowed shapes", False, kind)]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [(path, f"{where} is missing required property '{missing}'", False, kind)]
    if kind == "additionalProperties":
        extra = [key for key in error.instance if key not in error.schema.get("properties", {})] if isinstance(error.instance, dict) else []
        if extra:
            return [(path + (key,), f"{dotted(path + (key,))} is not allowed here (unknown property)", True, kind) for key in extra]
    if kind == "type":
        expected = error.validator_value
        return [(path, f"{where} must be {describe_type(expected)}, not {describe_value(error.instance)}", False, kind)]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(repr(v) for v in allowed)
        return [(path, f"{where} is {error.instance!r}; expected {'one of ' if len(allowed) > 1 else ''}{shown}", False, kind)]
    if kind == "maxLength":
        return [(path, f"{where} is {len(error.instance)} characters long; at most {error.validator_value} allowed", False, kind)]
    if kind == "minLength":
        return [(path, f"{where} must not be shorter than {error.validator_value} character(s)", False, kind)]
    if kind == "minItems":
        return [(path, f"{where} must have at least {error.validator_value} item(s)", False, kind)]
    if kind == "maxItems":
        return [(path, f"{where} must have at most {error.validator_value} item(s)", False, kind)]
    if kind == "pattern":
        return [(path, f"{where} {error.instance!r} does not match {error.validator_value}", False, kind)]
    if kind == "format":
        return [(path, f"{where} {error.instance!r} is not a valid absolute {error.validator_value.upper()}", False, kind)]
    if kind == "not":
        return [(path, f"{where} must not be {error.instance!r}", False, kind)]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {"minimum": "at least", "exclusiveMinimum": "greater than", "maximum": "at most",
                    "exclusiveMaximum": "less than"}[kind]
        return [(path, f"{where} is {error.instance!r}; it must be {relation} {error.validator_value}", False, kind)]
    return [(path, f"{where}: {error.message}", False, kind)]


def _branches(error) -> dict[int, list]:
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else -1, []).append(sub)
    return branches


def _non_null_branch(error):
    """For a nullable union (`anyOf: [X, {type: null}]`) and a non-null value: X's errors."""
    options = error.validator_value
    if error.instance is None or not isinstance(options, list):
        return None
    others = [i for i, option in enumerate(options) if option != {"type": "null"}]
    if len(others) != 1 or len(others) == len(options):
        return None
    return _branches(error).get(others[0])


def _single_member_union(error) -> list[str]:
    """For `oneOf: [{required: [a]}, {required: [b]}, ...]`: the member names, else []."""
    options = error.validator_value
    if not isinstance(options, list) or len(options) < 2:
        return []
    names = []
    for option in options:
        if not (isinstance(option, dict) and set(option) == {"required"} and len(option["required"]) == 1):
            return []
        names.append(option["required"][0])
    return names


def _matching_branch(error):
    """The sub-errors of the union branch whose `type` const/enum the instance satisfies."""
    if not isinstance(error.instance, dict) or "type" not in error.instance:
        return None
    candidates = []
    for subs in _branches(error).values():
        type_mismatch = any(tuple(sub.relative_path) == ("type",) and sub.validator in ("enum", "const") for sub in subs)
        if not type_mismatch:
            candidates.append(subs)
    return candidates[0] if len(candidates) == 1 else None


def _branch_types(error) -> list[str]:
    """When every union branch rejects the instance's `type`: the types the branches allow."""
    if not isinstance(error.instance, dict) or "type" not in error.instance:
        return []
    allowed: list[str] = []
    branches: dict[int, bool] = {}
    for sub in error.context:
        index = sub.schema_path[0] if sub.schema_path else -1
        if tuple(sub.relative_path) == ("type",) and sub.validator in ("enum", "const"):
            branches[index] = True
            values = sub.validator_value if sub.validator == "enum" else [sub.validator_value]
            allowed.extend(v for v in values if v not in allowed)
        else:
            branches.setdefault(index, False)
    return allowed if branches and all(branches.values()) else []


