"""Each client's exported schema read back (`schemas/mcp-client-config/<client>.schema.json`).

Validators for one definition or root property, the fields of an entry's transport
shape, and messages for schema errors. The schema is the one exported from our own
models (`models.py`); it is loaded on first use and run by our own validator.
"""

from __future__ import annotations

from functools import cache

from validator.engine.schemacheck import describe_type, describe_value
from validator.parsing.document import dotted
from validator.standards.client_config.clients import Client
from validator.standards.client_config.entries import Entry


@cache
def client_schema(key: str) -> dict:
    from validator.engine.schemas import load_schema

    return load_schema(f"mcp-client-config/{key}.schema.json")


@cache
def schema_validator(key: str, target: str):
    """A validator for one definition (or root property) of client KEY's exported schema."""
    from validator.engine.schemacheck import Validator

    schema = client_schema(key)
    if target.startswith("#/"):
        return Validator({"$defs": schema.get("$defs", {}), "$ref": target})
    return Validator({"$defs": schema.get("$defs", {}), **schema["properties"][target]})


_CLAUDE_BRANCHES = {"stdio": "ClaudeStdio", "sse": "ClaudeSse", "http": "ClaudeHttp", "streamable-http": "ClaudeHttp",
                    "ws": "ClaudeWs", "remote": "ClaudeHttp"}
_BRANCHES = {"claude-code": _CLAUDE_BRANCHES, "claude-code-plugin": _CLAUDE_BRANCHES,
             "vscode": {"stdio": "VscodeStdio", "remote": "VscodeRemote"}}
"""Clients whose entries are a union of transport shapes: the definition per `type` or transport."""


def entry_def(client: Client, entry: Entry) -> str | None:
    """The `$defs` name an entry is validated against, from its transport."""
    branches = _BRANCHES.get(client.key)
    if branches is None:
        names = [name for name in client_schema(client.key).get("$defs", {}) if name.endswith(("Server", "Extension"))]
        return names[0] if len(names) == 1 else None
    declared = entry.declared_type if isinstance(entry.declared_type, str) else ""
    return branches.get(declared) or branches.get(entry.kind or "")


def fields_of(client: Client, def_name: str) -> set[str]:
    return set(client_schema(client.key)["$defs"][def_name].get("properties", {}))


def sibling_fields(client: Client, def_name: str) -> set[str]:
    """Fields of the client's other transport shapes (valid there, ignored on this one)."""
    out: set[str] = set()
    for other in set(_BRANCHES.get(client.key, {}).values()) - {def_name}:
        out |= fields_of(client, other)
    return out


def extra_keys(error) -> list:
    props = error.schema.get("properties", {})
    return [key for key in error.instance if key not in props] if isinstance(error.instance, dict) else []


def explain(error, pointer: tuple) -> str:
    where = dotted(pointer)
    kind = error.validator
    if kind == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        return f"{where} must be {describe_type(names)}, not {describe_value(error.instance)}"
    if kind in ("anyOf", "oneOf"):
        kinds = []
        for sub in error.context:
            if sub.validator == "type" and not sub.relative_path:
                values = sub.validator_value if isinstance(sub.validator_value, list) else [sub.validator_value]
                kinds += [v for v in values if v not in kinds]
        if kinds:
            return f"{where} must be {describe_type(kinds)}, not {describe_value(error.instance)}"
        return f"{where} does not have a shape the client accepts"
    if kind == "minLength":
        return f"{where} is empty"
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return f"{where} is {error.instance!r}; expected one of {', '.join(repr(a) for a in allowed)}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a required field"
        return f"{where} needs '{missing}'"
    return f"{where}: {error.message}"
