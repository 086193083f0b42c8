"""Reading a card defensively: a value of the wrong type is the schema rule's finding,
never a crash or a second finding in the checks beyond the schema."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from validator.model import Problem
from validator.standards.a2a.versions import Generation

TEMPLATE_MARKS = ("${", "{{", "<", "%")
"""A URL holding one of these is a template filled in at deployment: not checked."""


def is_template(url: str) -> bool:
    """URL is a template a server or deploy step fills in before serving the card (`{BASE_URL}/a2a`,
    `https://${HOST}`, `REPLACE_WITH_URL`, `<your-url>`): not a broken URL, so not judged as one."""
    from validator.parsing.placeholders import placeholder

    return any(mark in url for mark in TEMPLATE_MARKS) or placeholder(url) is not None


def card_of(doc) -> dict | None:
    """The card, or None when the file holds another JSON value (A2A001 reports it)."""
    value = doc.data.value
    return value if isinstance(value, dict) else None


def get_list(value) -> list:
    return value if isinstance(value, list) else []


def get_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def items(card: dict, key: str) -> Iterator[tuple[int, dict]]:
    for i, item in enumerate(get_list(card.get(key))):
        if isinstance(item, dict):
            yield i, item


def split_url(url: str) -> tuple[str, str] | None:
    """(scheme, host) in lower case, or None when URL cannot be parsed."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower(), (parts.hostname or "")
    except ValueError:
        return None


def card_check(check: Callable[[dict, Generation], Iterable[Problem]]) -> Callable:
    """CHECK(card, generation) as an emitter `(doc, ctx)`; it is not called for a card that is
    no JSON object (the schema check reports that, A2A001). Decorate the result with `@emits`."""
    @functools.wraps(check)
    def emitter(doc, ctx) -> Iterator[Problem]:
        card = card_of(doc)
        if card is not None:
            yield from check(card, doc.meta["generation"])
    return emitter
