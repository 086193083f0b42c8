"""Security requirements name declared schemes (A2A014), signatures are well formed (A2A015), no secrets (A2A019)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.secrets import secrets_in
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_check, get_dict, get_list, items
from validator.standards.a2a.versions import Generation

_B64URL = lazy(r"^[A-Za-z0-9_-]+={0,2}$")


@emits(R.A2A014)
@card_check
def security_requirements(card: dict, gen: Generation) -> Iterator[Problem]:
    declared = set(get_dict(card.get("securitySchemes")))
    for base, requirements in _requirement_lists(card):
        for i, requirement in enumerate(get_list(requirements)):
            if not isinstance(requirement, dict):
                continue
            v1_form = isinstance(requirement.get("schemes"), dict)
            names = requirement["schemes"] if v1_form else requirement
            prefix = base + (i, "schemes") if v1_form else base + (i,)
            for name in names:
                if isinstance(name, str) and name not in declared:
                    known = ", ".join(sorted(map(str, declared))) or "none"
                    yield Problem(R.A2A014, f"security scheme {name!r} is not declared in securitySchemes "
                                            f"(declared: {known})", prefix + (name,), at_key=True)


def _requirement_lists(card: dict) -> Iterator[tuple[tuple, object]]:
    for key in ("security", "securityRequirements"):
        if key in card:
            yield (key,), card[key]
    for i, skill in items(card, "skills"):
        for key in ("security", "securityRequirements"):
            if key in skill:
                yield ("skills", i, key), skill[key]


@emits(R.A2A015)
@card_check
def signatures(card: dict, gen: Generation) -> Iterator[Problem]:
    for i, signature in items(card, "signatures"):
        protected = signature.get("protected")
        if isinstance(protected, str):
            header, why = _decode_header(protected)
            if header is None:
                yield Problem(R.A2A015, f"protected header {why}", ("signatures", i, "protected"))
            else:
                missing = [name for name in (("alg", "kid") if gen.v1 else ("alg",)) if not isinstance(header.get(name), str)]
                if missing:
                    yield Problem(R.A2A015, f"protected header lacks {' and '.join(repr(m) for m in missing)}",
                                  ("signatures", i, "protected"))
        value = signature.get("signature")
        if isinstance(value, str) and not _B64URL.match(value):
            yield Problem(R.A2A015, "signature is not base64url-encoded", ("signatures", i, "signature"))


def _decode_header(protected: str) -> tuple[dict | None, str]:
    if not _B64URL.match(protected):
        return None, "is not base64url-encoded (encode the JSON header, do not embed it)"
    body = protected.rstrip("=")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        header = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None, "does not decode to JSON"
    if not isinstance(header, dict):
        return None, "does not decode to a JSON object"
    return header, ""


@emits(R.A2A019)
@card_check
def card_secrets(card: dict, gen: Generation) -> Iterator[Problem]:
    for pointer, hit in secrets_in(card):
        yield Problem(R.A2A019, f"this looks like a {hit.kind}; Agent Cards are public, remove it", pointer)
