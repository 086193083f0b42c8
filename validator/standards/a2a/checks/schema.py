"""The published schema of the card's generation (A2A001).

A card with no version marker and no A2A SDK in its project could be 0.2-era or 1.x
(`versions.detect`): only what both schemas reject is reported, and the message says so.

At the well-known URI any JSON value is taken for a card, so a value that is no object
is reported here too. A dual card (1.x plus a 0.x `url` and `protocolVersion` for older
clients) is held to both schemas.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.a2a import rules as R
from validator.standards.a2a.reader import NAME
from validator.standards.a2a.versions import Generation


@emits(R.A2A001)
def schema(doc, ctx) -> Iterator[Problem]:
    card = doc.data.value
    if not isinstance(card, dict):
        yield Problem(R.A2A001, "an Agent Card must be a JSON object", ())
        return
    yield from _schema_problems(card, doc.meta["generation"])


def _schema_problems(card: dict, generation: Generation) -> Iterator[Problem]:
    """Schema errors of the card's generation; a dual card (1.x plus a 0.x `url` and
    `protocolVersion` for older clients) is held to both, except that its security
    schemes may take either generation's form (the two forms exclude each other)."""
    from validator.engine.schemareport import exported_schema_errors

    if generation.undecided:
        # No version marker and no SDK evidence: 0.2 or 1.0. A field only one of them requires
        # (0.x `url`, 1.x `supportedInterfaces`) is no certain fault; what both reject is.
        other = {(pointer, message) for pointer, message, *_ in
                 exported_schema_errors(f"{NAME}/{generation.undecided}.schema.json", card)}
        for pointer, message, at_key, _ in exported_schema_errors(f"{NAME}/{generation.schema}.schema.json", card):
            if (pointer, message) in other:
                yield Problem(R.A2A001, f"{message} (in A2A 0.2 and 1.0: {generation.assumed})", pointer, at_key)
        return
    if not generation.dual:
        suffix = f" ({generation.assumed})" if generation.assumed else ""
        for pointer, message, at_key, _ in exported_schema_errors(f"{NAME}/{generation.schema}.schema.json", card):
            yield Problem(R.A2A001, message + suffix, pointer, at_key)
        return
    results = {version: exported_schema_errors(f"{NAME}/{version}.schema.json", card)
               for version in (generation.schema, generation.dual)}
    seen = set()
    for version, errors in results.items():
        other = results[generation.dual if version == generation.schema else generation.schema]
        other_schemes_fine = not any(p[:1] == ("securitySchemes",) for p, *_ in other)
        for pointer, message, at_key, _ in errors:
            if pointer[:1] == ("securitySchemes",) and other_schemes_fine:
                continue
            if (pointer, message) not in seen:
                seen.add((pointer, message))
                yield Problem(R.A2A001, f"{message} (A2A {version})", pointer, at_key)
