"""Fields the A2A specification does not define for the card's version (A2A020), and a 1.x-shaped
card whose interfaces all speak 0.x while 0.x clients find no top-level endpoint (A2A021).

The field lists are those of the exported schemas (`schemas/a2a-agent-card/<version>.schema.json`,
built from the published 0.x JSON Schemas and the 1.0 a2a.proto); every object there is open, so
the schema rule (A2A001) never reports an extra field, and a client simply ignores it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache

from validator.emitters import emits
from validator.model import Problem
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_check, get_dict, get_list, items
from validator.standards.a2a.checks.naming import _0X_ONLY, _camel
from validator.standards.a2a.reader import NAME
from validator.standards.a2a.versions import VERSIONS, Generation

_OBJECTS = {
    "AgentCard": (),
    "AgentCapabilities": ("capabilities",),
    "AgentProvider": ("provider",),
}
"""Objects at a fixed place in the card: their `$defs` name and pointer."""
_LISTS = {
    "AgentSkill": ("skills",),
    "AgentInterface": ("supportedInterfaces", "additionalInterfaces"),
    "AgentCardSignature": ("signatures",),
}
"""Objects listed in an array of the card: their `$defs` name and the arrays."""
_HANDLED_ELSEWHERE = frozenset({"authentication", "supportsExtendedAgentCard", "protocolVersion"})
"""A2A017 names the replacement of the first two; `protocolVersion` declares the version (A2A002 judges it)."""
_IGNORED_PREFIXES = ("$", "_", "//", "#")
"""`$schema` and comment keys (`_note`, `//`): written for people and tools, not as A2A fields."""
_V1_FIELDS = {("AgentCard", "securityRequirements"), ("AgentCapabilities", "extendedAgentCard"),
              ("AgentSkill", "securityRequirements")}
"""1.x fields A2A017 reports in a 0.x card."""
_0X_FIELDS = {("AgentCard", key) for key in _0X_ONLY} | {("AgentSkill", "security"),
                                                          ("AgentCapabilities", "stateTransitionHistory")}
"""0.x fields A2A017 reports in a 1.x card."""


@cache
def fields(version: str) -> dict[str, frozenset[str]]:
    """{object name: its fields} in VERSION's exported schema."""
    from validator.engine.schemas import load_schema

    schema = load_schema(f"{NAME}/{version}.schema.json")
    out = {"AgentCard": frozenset(schema.get("properties", {}))}
    for name, definition in schema.get("$defs", {}).items():
        if isinstance(definition, dict) and "properties" in definition:
            out[name] = frozenset(definition["properties"])
    return out


def _versions_with(kind: str, key: str) -> list[str]:
    return [version for version in VERSIONS if key in fields(version).get(kind, ())]


@emits(R.A2A020)
@card_check
def unknown_fields(card: dict, gen: Generation) -> Iterator[Problem]:
    versions = [gen.schema] + ([gen.dual] if gen.dual else []) + ([gen.undecided] if gen.undecided else [])
    known: dict[str, set[str]] = {}
    for version in versions:
        for kind, names in fields(version).items():
            known.setdefault(kind, set()).update(names)
    label = (" or " if gen.undecided else " and ").join(versions)
    places: list[tuple[str, tuple, dict]] = [(kind, pointer, get_dict(card) if not pointer else
                                              get_dict(card.get(pointer[0])))
                                             for kind, pointer in _OBJECTS.items()]
    for kind, arrays in _LISTS.items():
        places += [(kind, (array, i), item) for array in arrays for i, item in items(card, array)]
    places += [("AgentExtension", ("capabilities", "extensions", i), item)
               for i, item in enumerate(get_list(get_dict(card.get("capabilities")).get("extensions")))
               if isinstance(item, dict)]
    seen: dict[tuple[str, str], list] = {}
    for kind, pointer, node in places:
        mine = known.get(kind)
        if not mine:
            continue
        for key in node:
            if not isinstance(key, str) or key in mine or key.startswith(_IGNORED_PREFIXES) or _camel(key) in mine:
                continue
            if kind == "AgentCard" and key in _HANDLED_ELSEWHERE:
                continue
            if (kind, key) in (_0X_FIELDS if gen.v1 and not gen.dual else _V1_FIELDS if not gen.v1 else ()):
                continue
            elsewhere = _versions_with(kind, key)
            if elsewhere and gen.declared is None and not gen.v1:
                continue  # no declared version: which one the author meant is a guess (A2A003's business)
            seen.setdefault((kind, key), []).append((pointer, elsewhere, mine))
    for (kind, key), places_of in seen.items():
        pointer, elsewhere, mine = places_of[0]
        where = "the card" if kind == "AgentCard" else kind
        if elsewhere:
            message = (f"{key!r} is a field of A2A {elsewhere[0]}" + ("" if len(elsewhere) == 1 else
                                                                      f" ... {elsewhere[-1]}")
                       + f", not of {label}; {label} clients ignore it")
        else:
            message = f"{key!r} is not a field of {where} in A2A {label}; clients ignore it"
            near = difflib.get_close_matches(key, sorted(mine), n=1, cutoff=0.75)
            if near:
                message += f"; did you mean {near[0]!r}?"
        if len(places_of) > 1:
            message += f" (also in {len(places_of) - 1} more {kind} object{'s' if len(places_of) > 2 else ''})"
        yield Problem(R.A2A020, message, pointer + (key,), at_key=True)


@emits(R.A2A021)
@card_check
def interfaces_only_0x(card: dict, gen: Generation) -> Iterator[Problem]:
    if not gen.v1 or gen.dual or isinstance(card.get("url"), str):
        return
    interfaces = [item for _, item in items(card, "supportedInterfaces")]
    versions = [item.get("protocolVersion") for item in interfaces]
    if not versions or not all(isinstance(v, str) and v.strip().startswith("0.") for v in versions):
        return
    listed = ", ".join(sorted(set(versions)))
    yield Problem(R.A2A021, f"every interface declares protocolVersion {listed}, but 0.x clients read only the "
                  "top-level url (absent here) and 1.x clients look for a 1.x interface; add \"url\", "
                  "\"preferredTransport\" and \"protocolVersion\" at the top level for 0.x clients",
                  ("supportedInterfaces",), at_key=True)
