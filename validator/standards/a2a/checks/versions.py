"""The declared protocolVersion (A2A002, A2A003) and whether the card is served where its clients look (A2A004)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_of, items
from validator.standards.a2a.versions import Generation, is_0x_at_least


@emits(R.A2A002, R.A2A003, R.A2A004)
def protocol_version(doc, ctx) -> Iterator[Problem]:
    card = card_of(doc)
    if card is not None:
        where = doc.meta["location"]
        yield from _version(card, doc.meta["generation"], where, _sibling_exists(doc.relpath, where, ctx))


def _sibling_exists(relpath: str, where: str, ctx) -> bool:
    """The card is served under both well-known names (so every client generation finds one)."""
    other = {"well-known-card": "agent.json", "well-known-legacy": "agent-card.json"}.get(where)
    return other is not None and ctx.index.exists(relpath.rsplit("/", 1)[0] + "/" + other if "/" in relpath else other)


def _version(card: dict, gen: Generation, location: str, sibling_exists: bool) -> Iterator[Problem]:
    if gen.declared is not None and not gen.known:
        text = gen.declared
        if re.match(r"^v?0\.[01](\.|$)", text):
            why = f"protocolVersion {text!r} is obsolete (0.1 was replaced by 0.2.0); checked as {gen.schema}"
        else:
            why = f"protocolVersion {text!r} is not a published A2A version (0.2.x, 0.3.x, 1.0); checked as {gen.schema}"
        yield Problem(R.A2A002, why, ("protocolVersion",))
    if not gen.v1 and "protocolVersion" not in card:
        newer_fields = "signatures" in card or any("security" in skill for _, skill in items(card, "skills"))
        if location == "well-known-card" or newer_fields:
            why = ("served as agent-card.json (the 0.3 location)" if location == "well-known-card"
                   else "it uses 0.3 fields")
            yield Problem(R.A2A003, f"no protocolVersion although {why}; declare \"protocolVersion\": \"0.3.0\" "
                                    "(or supportedInterfaces for 1.x)", ())
    if sibling_exists:
        return
    modern = gen.v1 or (gen.declared is not None and is_0x_at_least(gen.declared, 3))
    if location == "well-known-legacy" and modern:
        version = "1.x" if gen.v1 else gen.declared
        yield Problem(R.A2A004, f"an A2A {version} card at .well-known/agent.json, the 0.2 location; "
                                "clients since 0.3 fetch .well-known/agent-card.json", ())
    if location == "well-known-card" and not gen.v1 and gen.declared is not None and gen.schema.startswith("0.2"):
        yield Problem(R.A2A004, f"an A2A {gen.declared} card at .well-known/agent-card.json; "
                                "0.2 clients fetch .well-known/agent.json", ())
