"""JSON Schema validation of a server.json against our exported schema of its version.

Errors are turned into findings at the offending value: one per top-level error, with
`anyOf` failures narrowed to the branch whose `type` matches (a transport with
`"type": "sse"` is reported against the SSE shape, not the stdio one). `format: uri`
is checked the way the registry's validator (santhosh-tekuri/jsonschema, Go) does: the
value must parse as a URL and be absolute.
"""

from __future__ import annotations

from functools import lru_cache

from validator.engine.schemacheck import Validator, best_match, describe_type, describe_value
from validator.parsing.document import dotted
from validator.standards.server_json import goparse


@lru_cache(maxsize=None)
def _validator(version: str) -> Validator:
    from validator.schemas_export import load_schema

    return Validator(load_schema(f"server-json/{version}.schema.json"), formats={"uri": is_uri})


def is_uri(value) -> bool:
    """`format: uri` as the registry's Go validator decides it: parses, and is absolute."""
    if not isinstance(value, str):
        return True
    try:
        return goparse.parse(value).is_abs
    except goparse.URLError:
        return False


def schema_errors(value, version: str) -> list[tuple[tuple, str, bool, str]]:
    """(pointer, message, point-at-key, keyword) for every problem."""
    validator = _validator(version)
    out = []
    for error in sorted(validator.iter_errors(value), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        out.extend(_explain(error))
    return out


def _explain(error) -> list[tuple[tuple, str, bool, str]]:
    path = tuple(error.absolute_path)
    where = dotted(path)
    kind = error.validator
    if kind in ("anyOf", "oneOf") and error.context:
        types = _branch_types(error)
        if types:
            return [(path + ("type",), f"{dotted(path + ('type',))} is {error.instance['type']!r}; expected one of "
                     + ", ".join(repr(t) for t in types), False, "enum")]
        branch = _matching_branch(error)
        if branch:
            results = []
            for sub in branch:
                results.extend(_explain(sub))
            return results
        best = best_match(error.context)
        return _explain(best) if best is not None else [(path, f"{where}: {error.message}", False, kind)]
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
    if kind == "pattern":
        return [(path, f"{where} {error.instance!r} does not match {error.validator_value}", False, kind)]
    if kind == "format":
        return [(path, f"{where} {error.instance!r} is not a valid absolute {error.validator_value.upper()}", False, kind)]
    if kind == "not":
        return [(path, f"{where} must not be {error.instance!r}", False, kind)]
    return [(path, f"{where}: {error.message}", False, kind)]


def _matching_branch(error):
    """The sub-errors of the anyOf branch whose `type` const/enum the instance satisfies."""
    if not isinstance(error.instance, dict) or "type" not in error.instance:
        return None
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else -1, []).append(sub)
    candidates = []
    for index, subs in branches.items():
        type_mismatch = any(tuple(sub.relative_path) == ("type",) and sub.validator in ("enum", "const") for sub in subs)
        if not type_mismatch:
            candidates.append(subs)
    return candidates[0] if len(candidates) == 1 else None


def _branch_types(error) -> list[str]:
    """When every anyOf branch rejects the instance's `type`: the types the branches allow."""
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
