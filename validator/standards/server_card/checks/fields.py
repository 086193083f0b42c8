"""The card's own fields: an exact version (CARD003), no fields dropped when the card became card-only (CARD006), no secrets (CARD008)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.secrets import secrets_in
from validator.standards.server_card import rules as R

_RANGE = lazy(r"^\s*(?:[\^~<>=]|.*\|\||.*\s-\s)|(?:^|\.)[xX*](?:\.|$|-)")


@emits(R.CARD003)
def exact_version(doc, ctx) -> Iterator[Problem]:
    version = doc.data.value.get("version")
    if isinstance(version, str) and _RANGE.search(version):
        yield Problem(R.CARD003, f"version {version!r} looks like a range; give the server's exact version", ("version",))


@emits(R.CARD006)
def card_only(doc, ctx) -> Iterator[Problem]:
    card = doc.data.value
    for key in ("packages", "tools", "resources", "prompts", "resourceTemplates"):
        if key in card:
            what = "packages belong in server.json" if key == "packages" else "primitives are listed at run time"
            yield Problem(R.CARD006, f"{key!r} is not part of a Server Card since it became card-only ({what})", (key,),
                          at_key=True)


@emits(R.CARD008)
def card_secrets(doc, ctx) -> Iterator[Problem]:
    for pointer, hit in secrets_in(doc.data.value):
        yield Problem(R.CARD008, f"this looks like a {hit.kind}; Server Cards are public, remove it", pointer)
