"""The published JSON Schema of the declared version (SRV004), and the registry's description limit (SRV005)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.server_json import rules as R


@emits(R.SRV004, R.SRV005)
def schema(doc, ctx) -> Iterator[Problem]:
    from validator.standards.server_json.schema import schema_errors

    value = doc.data.value
    seen = set()
    for pointer, message, at_key, keyword in schema_errors(value, doc.meta["schema_version"]):
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        if pointer == ("description",) and keyword == "maxLength":
            yield Problem(R.SRV005, f"description is {len(value['description'])} characters; the registry's publish endpoint accepts at most 100",
                          pointer)
        else:
            yield Problem(R.SRV004, message, pointer, at_key)
