"""The published JSON Schema of the declared version (SRV004), and the registry's description limit (SRV005).

A stale `$schema` (SRV003) is one fault: a field the declared version lacks but the current one has
(`registryType` under 2025-07-09) is not reported again as SRV004, since updating `$schema` fixes it; what is
wrong under both versions still is.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.server_json import rules as R


@emits(R.SRV004, R.SRV005)
def schema(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    errors = errors_under(doc, doc.meta["schema_version"])
    current = stale_declared(doc)
    if errors and current is not None:
        also_current = {pointer for pointer, *_ in errors_under(doc, current)}
        errors = [error for error in errors if error[0] in also_current]
    seen = set()
    for pointer, message, at_key, keyword in errors:
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        if pointer == ("description",) and keyword == "maxLength":
            yield Problem(R.SRV005, f"description is {len(value['description'])} characters; the registry's publish endpoint accepts at most 100",
                          pointer)
        else:
            yield Problem(R.SRV004, message, pointer, at_key)


def errors_under(doc, version: str) -> list:
    """`schema_errors` of DOC's value under VERSION, validated once per document and version: SRV003 asks for the
    current version's too (`version.py`)."""
    from validator.standards.server_json.schema import schema_errors

    cache = doc.meta.setdefault("schema_errors", {})
    if version not in cache:
        cache[version] = schema_errors(doc.data.value, version)
    return cache[version]


def stale_declared(doc) -> str | None:
    """The current version when DOC declares an older published one (the case SRV003 reports), else None."""
    from validator.standards.server_json.versions import CURRENT, SHAPES

    declared = doc.meta["schema_version"]
    return CURRENT if declared != CURRENT and declared in SHAPES else None
