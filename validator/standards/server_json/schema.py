"""JSON Schema validation of a server.json against our exported schema of its version.

Errors are turned into findings at the offending value by `validator.engine.schemareport`
(`anyOf` failures are narrowed to the branch whose `type` matches). `format: uri`
is checked the way the registry's validator (santhosh-tekuri/jsonschema, Go) does: the
value must parse as a URL and be absolute.
"""

from __future__ import annotations

from functools import cache

from validator.engine.schemacheck import Validator
from validator.engine.schemareport import explain_all
from validator.standards.server_json import goparse


@cache
def _validator(version: str) -> Validator:
    from validator.engine.schemas import load_schema

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
    return explain_all(_validator(version).iter_errors(value))
