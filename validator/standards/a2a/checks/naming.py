"""Fields of another generation than the card's (A2A017) and proto (snake_case) field names (A2A018)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_check, get_dict, items
from validator.standards.a2a.versions import Generation

_0X_ONLY = {
    "url": "supportedInterfaces[].url",
    "preferredTransport": "supportedInterfaces[].protocolBinding",
    "additionalInterfaces": "supportedInterfaces",
    "protocolVersion": "supportedInterfaces[].protocolVersion",
    "supportsAuthenticatedExtendedCard": "capabilities.extendedAgentCard",
    "security": "securityRequirements",
}


@emits(R.A2A017)
@card_check
def mixed_generations(card: dict, gen: Generation) -> Iterator[Problem]:
    if "authentication" in card:
        yield Problem(R.A2A017, "'authentication' is the 0.1 field, ignored since 0.2.0; "
                                "declare securitySchemes and security instead", ("authentication",), at_key=True)
    if "supportsExtendedAgentCard" in card:
        target = "capabilities.extendedAgentCard" if gen.v1 else "supportsAuthenticatedExtendedCard"
        yield Problem(R.A2A017, f"'supportsExtendedAgentCard' is no field of any released version; use {target}",
                      ("supportsExtendedAgentCard",), at_key=True)
    if gen.v1:
        if gen.dual:
            return
        for key, replacement in _0X_ONLY.items():
            if key in card:
                yield Problem(R.A2A017, f"{key!r} is a 0.x field that 1.x clients ignore; use {replacement} "
                                        "(or declare a 0.x protocolVersion to serve older clients too)", (key,), at_key=True)
        for i, skill in items(card, "skills"):
            if "security" in skill:
                yield Problem(R.A2A017, "'security' is the 0.x name; 1.x uses securityRequirements", ("skills", i, "security"),
                              at_key=True)
        if "stateTransitionHistory" in get_dict(card.get("capabilities")):
            yield Problem(R.A2A017, "capabilities.stateTransitionHistory was removed in 1.0",
                          ("capabilities", "stateTransitionHistory"), at_key=True)
        return
    if gen.undecided:
        return  # no version marker: 1.x field names are no mistake in what may be a 1.x card
    v1_fields = {("securityRequirements",): "security",
                 ("capabilities", "extendedAgentCard"): "supportsAuthenticatedExtendedCard"}
    for pointer, replacement in v1_fields.items():
        parent = card if len(pointer) == 1 else get_dict(card.get(pointer[0]))
        if pointer[-1] in parent:
            yield Problem(R.A2A017, f"{'.'.join(pointer)!r} is a 1.x field that {gen.schema} clients ignore; "
                                    f"use {replacement}", pointer, at_key=True)
    for i, skill in items(card, "skills"):
        if "securityRequirements" in skill:
            yield Problem(R.A2A017, f"'securityRequirements' is the 1.x name; {gen.schema} uses security",
                          ("skills", i, "securityRequirements"), at_key=True)


_CAMEL_FIELDS = frozenset({
    "defaultInputModes", "defaultOutputModes", "protocolVersion", "supportedInterfaces", "preferredTransport",
    "additionalInterfaces", "securitySchemes", "securityRequirements", "documentationUrl", "iconUrl",
    "supportsAuthenticatedExtendedCard", "pushNotifications", "stateTransitionHistory", "extendedAgentCard",
    "inputModes", "outputModes", "protocolBinding", "bearerFormat", "openIdConnectUrl", "oauth2MetadataUrl",
    "authorizationUrl", "tokenUrl", "refreshUrl", "deviceAuthorizationUrl", "pkceRequired", "authorizationCode",
    "clientCredentials", "deviceCode", "apiKeySecurityScheme", "httpAuthSecurityScheme", "oauth2SecurityScheme",
    "openIdConnectSecurityScheme", "mtlsSecurityScheme",
})


_FREE_FORM = frozenset({"params", "header", "scopes", "_meta", "metadata"})


_NAME_KEYED = frozenset({"securitySchemes", "schemes"})


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@emits(R.A2A018)
@card_check
def proto_field_names(card: dict, gen: Generation) -> Iterator[Problem]:
    yield from _snake_case(card, ())


def _snake_case(node, pointer: tuple, *, names: bool = False) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, child in node.items():
            if not isinstance(key, str):
                continue
            if not names and "_" in key and key.islower() and _camel(key) in _CAMEL_FIELDS:
                yield Problem(R.A2A018, f"{key!r} is the proto field name; A2A JSON uses {_camel(key)!r}", pointer + (key,),
                              at_key=True)
            if key in _FREE_FORM:
                continue
            in_requirement = key in ("security", "securityRequirements")
            yield from _snake_case(child, pointer + (key,), names=key in _NAME_KEYED or in_requirement)
    elif isinstance(node, list):
        # items of security requirement lists are name-keyed maps
        for i, child in enumerate(node):
            yield from _snake_case(child, pointer + (i,), names=names)
