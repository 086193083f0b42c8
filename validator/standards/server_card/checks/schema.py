"""The Server Card schema (CARD001) and the `$schema` URL that names it (CARD002)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.server_card import rules as R


@emits(R.CARD001)
def schema(doc, ctx) -> Iterator[Problem]:
    from validator.standards.server_card.schema import schema_errors

    for pointer, message, at_key, _ in schema_errors(doc.data.value):
        if pointer == ("$schema",) or (pointer == () and "'$schema'" in message):
            continue  # CARD002 says it better
        yield Problem(R.CARD001, message, pointer, at_key)


@emits(R.CARD002)
def schema_url(doc, ctx) -> Iterator[Problem]:
    card = doc.data.value
    schema = card.get("$schema")
    expected = R.CARD_SCHEMA_URL
    if "$schema" not in card:
        yield Problem(R.CARD002, f'no "$schema"; add "$schema": "{expected}"', ())
    elif schema != expected:
        if not isinstance(schema, str):
            why = "must be the Server Card schema URL string"
        elif re.search(r"/schemas/\d{4}-\d{2}-\d{2}/", schema):
            why = "is date-versioned; Server Card schemas are versioned by /v1/"
        elif schema.endswith("/server.schema.json"):
            why = "names the registry's server.json schema, not the Server Card schema"
        else:
            why = f"is not {expected}"
        yield Problem(R.CARD002, f"$schema {schema!r} {why}", ("$schema",))
