"""JSON Schema validation of a Server Card against our exported v1 schema.

`format: uri` is checked as JSON Schema's (and ajv-formats') `uri` format means it: an
absolute URI, a scheme followed by `:` and no whitespace.
"""

from __future__ import annotations

from functools import lru_cache

from validator.engine.schemacheck import Validator
from validator.engine.schemareport import explain_all
from validator.records import lazy

_ABSOLUTE_URI = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


def is_uri(value) -> bool:
    """An absolute URI, or a template a server or deploy step fills in before serving the card (CARD005
    names it at info): `{BASE_URL}/mcp` is not a broken URL."""
    from validator.parsing.placeholders import placeholder

    return not isinstance(value, str) or bool(_ABSOLUTE_URI.match(value)) or placeholder(value) is not None


@lru_cache(maxsize=1)
def _validator() -> Validator:
    from validator.engine.schemas import load_schema

    return Validator(load_schema("mcp-server-card/v1.schema.json"), formats={"uri": is_uri})


def schema_errors(value) -> list[tuple[tuple, str, bool, str]]:
    return explain_all(_validator().iter_errors(value))
