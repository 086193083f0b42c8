"""The A2A rules beyond the JSON Schema (A2A002-A2A019).

Every check reads the card defensively: a value of the wrong type is the schema rule's
finding, never a crash or a second finding here.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from validator.secrets import secrets_in
from validator.standards.a2a import rules as R
from validator.standards.a2a.versions import CORE_BINDINGS, LATEST_0X, Generation, is_0x_at_least
from validator.standards.base import Problem

_MEDIA_TYPE = re.compile(r"^(?:\*/\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/(?:\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*))"
                         r"\s*(?:;.*)?$")
_MAJOR_MINOR = re.compile(r"^\d+\.\d+$")
_HOST_PORT = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$")
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal")
_TEMPLATE = ("${", "{{", "<", "%")


def semantic_problems(card: dict, gen: Generation, location: str, sibling_exists: bool = False) -> Iterator[Problem]:
    yield from _version(card, gen, location, sibling_exists)
    yield from _endpoints(card, gen)
    yield from _transports(card, gen)
    yield from _skills(card, gen)
    yield from _modes(card)
    yield from _security(card)
    yield from _signatures(card, gen)
    yield from _metadata_urls(card)
    yield from _mixed(card, gen)
    yield from _snake_case(card, ())
    yield from _secrets(card)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _items(card: dict, key: str) -> Iterator[tuple[int, dict]]:
    for i, item in enumerate(_list(card.get(key))):
        if isinstance(item, dict):
            yield i, item


# -- versions and locations (A2A002-A2A004) -------------------------------------------------

def _version(card: dict, gen: Generation, location: str, sibling_exists: bool) -> Iterator[Problem]:
    if gen.declared is not None and not gen.known:
        text = gen.declared
        if re.match(r"^v?0\.[01](\.|$)", text):
            why = f"protocolVersion {text!r} is obsolete (0.1 was replaced by 0.2.0); checked as {gen.schema}"
        else:
            why = f"protocolVersion {text!r} is not a published A2A version (0.2.x, 0.3.x, 1.0); checked as {gen.schema}"
        yield Problem(R.A2A002, ("protocolVersion",), why)
    if not gen.v1 and "protocolVersion" not in card:
        newer_fields = "signatures" in card or any("security" in skill for _, skill in _items(card, "skills"))
        if location == "well-known-card" or newer_fields:
            why = ("served as agent-card.json (the 0.3 location)" if location == "well-known-card"
                   else "it uses 0.3 fields")
            yield Problem(R.A2A003, (), f"no protocolVersion although {why}; declare \"protocolVersion\": \"0.3.0\" "
                                        "(or supportedInterfaces for 1.x)")
    if sibling_exists:
        return
    modern = gen.v1 or (gen.declared is not None and is_0x_at_least(gen.declared, 3))
    if location == "well-known-legacy" and modern:
        version = "1.x" if gen.v1 else gen.declared
        yield Problem(R.A2A004, (), f"an A2A {version} card at .well-known/agent.json, the 0.2 location; "
                                    "clients since 0.3 fetch .well-known/agent-card.json")
    if location == "well-known-card" and not gen.v1 and gen.declared is not None and gen.schema.startswith("0.2"):
        yield Problem(R.A2A004, (), f"an A2A {gen.declared} card at .well-known/agent-card.json; "
                                    "0.2 clients fetch .well-known/agent.json")


# -- endpoints and transports (A2A005-A2A010) -----------------------------------------------

def _interfaces(card: dict, gen: Generation) -> Iterator[tuple[tuple, str, object]]:
    """(pointer of the url, binding or transport, url) for every endpoint the card declares."""
    if "url" in card and not (gen.v1 and not gen.dual):
        yield ("url",), card.get("preferredTransport") or "JSONRPC", card.get("url")
    for i, item in _items(card, "additionalInterfaces"):
        yield ("additionalInterfaces", i, "url"), item.get("transport"), item.get("url")
    for i, item in _items(card, "supportedInterfaces"):
        yield ("supportedInterfaces", i, "url"), item.get("protocolBinding"), item.get("url")


def _endpoints(card: dict, gen: Generation) -> Iterator[Problem]:
    for pointer, binding, url in _interfaces(card, gen):
        if not isinstance(url, str) or any(mark in url for mark in _TEMPLATE):
            continue
        binding = binding if isinstance(binding, str) else ""
        parts = _split(url)
        if parts is None:
            yield Problem(R.A2A005, pointer, f"endpoint {url!r} is not a valid URL")
            continue
        scheme, host = parts
        if binding.upper() == "GRPC" and (_HOST_PORT.match(url) or scheme in ("grpc", "grpcs")):
            continue
        custom = binding not in CORE_BINDINGS and ":" in binding
        if scheme in ("http", "https") and host:
            if scheme == "http" and not _loopback(host):
                yield Problem(R.A2A006, pointer, f"endpoint {url!r} uses plain http; A2A in production requires https")
        elif not (custom and scheme and host):
            yield Problem(R.A2A005, pointer, f"endpoint {url!r} is not an absolute http(s) URL"
                                             + (" or host:port" if binding.upper() == "GRPC" else ""))


def _split(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower(), (parts.hostname or "")
    except ValueError:
        return None


def _loopback(host: str) -> bool:
    host = host.lower()
    return host in _LOOPBACK or host.endswith(".localhost") or host.startswith("127.")


def _transports(card: dict, gen: Generation) -> Iterator[Problem]:
    values: list[tuple[tuple, object]] = [(("preferredTransport",), card.get("preferredTransport"))]
    values += [(("additionalInterfaces", i, "transport"), item.get("transport")) for i, item in _items(card, "additionalInterfaces")]
    values += [(("supportedInterfaces", i, "protocolBinding"), item.get("protocolBinding"))
               for i, item in _items(card, "supportedInterfaces")]
    for pointer, value in values:
        if not isinstance(value, str) or value in CORE_BINDINGS or _is_uri(value):
            continue
        hint = _binding_hint(value)
        yield Problem(R.A2A009, pointer, f"transport {value!r} is not JSONRPC, GRPC or HTTP+JSON"
                                         + (f"; write {hint!r}" if hint else "; a custom binding should be a URI"))
    if (gen.schema == LATEST_0X and not gen.v1) or gen.dual == LATEST_0X:
        if "preferredTransport" not in card:
            yield Problem(R.A2A007, ("preferredTransport",),
                          "no preferredTransport; 0.3 requires it for the main url (clients assume JSONRPC)")
    interfaces = [item for _, item in _items(card, "additionalInterfaces")]
    url = card.get("url")
    if interfaces and isinstance(url, str):
        preferred = card.get("preferredTransport") if isinstance(card.get("preferredTransport"), str) else "JSONRPC"
        if not any(item.get("url") == url and item.get("transport") == preferred for item in interfaces):
            yield Problem(R.A2A008, ("additionalInterfaces",),
                          f"additionalInterfaces lists no entry for the main url {url!r} with transport {preferred!r}")
    for i, item in _items(card, "supportedInterfaces"):
        version = item.get("protocolVersion")
        if isinstance(version, str) and not _MAJOR_MINOR.match(version.strip()):
            yield Problem(R.A2A010, ("supportedInterfaces", i, "protocolVersion"),
                          f"protocolVersion {version!r} should be Major.Minor, e.g. '1.0' (no patch number)")


def _is_uri(value: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value)) and ("//" in value or value.startswith("urn:"))


def _binding_hint(value: str) -> str | None:
    folded = re.sub(r"[\s_-]", "", value.upper())
    aliases = {"JSONRPC": "JSONRPC", "JSONRPC2.0": "JSONRPC", "JSONRPC2": "JSONRPC", "GRPC": "GRPC",
               "HTTP+JSON": "HTTP+JSON", "HTTPJSON": "HTTP+JSON", "REST": "HTTP+JSON"}
    return aliases.get(folded)


# -- skills and modes (A2A011-A2A013) -------------------------------------------------------

def _skills(card: dict, gen: Generation) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, skill in _items(card, "skills"):
        skill_id = skill.get("id")
        if isinstance(skill_id, str):
            if skill_id in seen:
                yield Problem(R.A2A011, ("skills", i, "id"), f"skill id {skill_id!r} is already used by skills[{seen[skill_id]}]")
            seen.setdefault(skill_id, i)
        if not gen.v1 and skill.get("tags") == []:
            yield Problem(R.A2A012, ("skills", i, "tags"), f"skill {skill_id!r} has no tags; add keywords clients can match")


def _modes(card: dict) -> Iterator[Problem]:
    lists = [((key,), card.get(key)) for key in ("defaultInputModes", "defaultOutputModes")]
    for i, skill in _items(card, "skills"):
        lists += [(("skills", i, key), skill.get(key)) for key in ("inputModes", "outputModes")]
    for pointer, modes in lists:
        for j, mode in enumerate(_list(modes)):
            if isinstance(mode, str) and not _MEDIA_TYPE.match(mode.strip()):
                yield Problem(R.A2A013, pointer + (j,), f"{mode!r} is not a media type (e.g. 'text/plain', 'application/json')")


# -- security (A2A014) and signatures (A2A015) ----------------------------------------------

def _security(card: dict) -> Iterator[Problem]:
    declared = set(_dict(card.get("securitySchemes")))
    for base, requirements in _requirement_lists(card):
        for i, requirement in enumerate(_list(requirements)):
            if not isinstance(requirement, dict):
                continue
            v1_form = isinstance(requirement.get("schemes"), dict)
            names = requirement["schemes"] if v1_form else requirement
            prefix = base + (i, "schemes") if v1_form else base + (i,)
            for name in names:
                if isinstance(name, str) and name not in declared:
                    known = ", ".join(sorted(map(str, declared))) or "none"
                    yield Problem(R.A2A014, prefix + (name,), f"security scheme {name!r} is not declared in securitySchemes "
                                                              f"(declared: {known})", at_key=True)


def _requirement_lists(card: dict) -> Iterator[tuple[tuple, object]]:
    for key in ("security", "securityRequirements"):
        if key in card:
            yield (key,), card[key]
    for i, skill in _items(card, "skills"):
        for key in ("security", "securityRequirements"):
            if key in skill:
                yield ("skills", i, key), skill[key]


def _signatures(card: dict, gen: Generation) -> Iterator[Problem]:
    for i, signature in _items(card, "signatures"):
        protected = signature.get("protected")
        if isinstance(protected, str):
            header, why = _decode_header(protected)
            if header is None:
                yield Problem(R.A2A015, ("signatures", i, "protected"), f"protected header {why}")
            else:
                missing = [name for name in (("alg", "kid") if gen.v1 else ("alg",)) if not isinstance(header.get(name), str)]
                if missing:
                    yield Problem(R.A2A015, ("signatures", i, "protected"),
                                  f"protected header lacks {' and '.join(repr(m) for m in missing)}")
        value = signature.get("signature")
        if isinstance(value, str) and not _B64URL.match(value):
            yield Problem(R.A2A015, ("signatures", i, "signature"), "signature is not base64url-encoded")


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


# -- other URLs (A2A016) --------------------------------------------------------------------

def _metadata_urls(card: dict) -> Iterator[Problem]:
    candidates: list[tuple[tuple, object, bool]] = [
        (("iconUrl",), card.get("iconUrl"), True),
        (("documentationUrl",), card.get("documentationUrl"), False),
        (("provider", "url"), _dict(card.get("provider")).get("url"), False),
    ]
    for name, scheme in _dict(card.get("securitySchemes")).items():
        for pointer, value in _scheme_urls((("securitySchemes", name)), scheme):
            candidates.append((pointer, value, False))
    for pointer, value, data_ok in candidates:
        if not isinstance(value, str) or not value.strip() or any(mark in value for mark in _TEMPLATE):
            continue
        parts = _split(value)
        if parts is None or not parts[0] or (not parts[1] and not (data_ok and parts[0] == "data")):
            yield Problem(R.A2A016, pointer, f"{value!r} is not an absolute URL")


def _scheme_urls(base: tuple, scheme) -> Iterator[tuple[tuple, object]]:
    """URL-valued fields of a security scheme, in the 0.x form or the 1.x wrapper form."""
    scheme = _dict(scheme)
    bodies = [(base, scheme)]
    bodies += [(base + (key,), value) for key, value in scheme.items() if key.endswith("SecurityScheme") and isinstance(value, dict)]
    for pointer, body in bodies:
        for key in ("openIdConnectUrl", "oauth2MetadataUrl"):
            if key in body:
                yield pointer + (key,), body[key]
        for flow_name, flow in _dict(body.get("flows")).items():
            for key in ("authorizationUrl", "tokenUrl", "refreshUrl", "deviceAuthorizationUrl"):
                if isinstance(flow, dict) and key in flow:
                    yield pointer + ("flows", flow_name, key), flow[key]


# -- generations and naming (A2A017, A2A018) ------------------------------------------------

_0X_ONLY = {
    "url": "supportedInterfaces[].url",
    "preferredTransport": "supportedInterfaces[].protocolBinding",
    "additionalInterfaces": "supportedInterfaces",
    "protocolVersion": "supportedInterfaces[].protocolVersion",
    "supportsAuthenticatedExtendedCard": "capabilities.extendedAgentCard",
    "security": "securityRequirements",
}


def _mixed(card: dict, gen: Generation) -> Iterator[Problem]:
    if "authentication" in card:
        yield Problem(R.A2A017, ("authentication",), "'authentication' is the 0.1 field, ignored since 0.2.0; "
                                                     "declare securitySchemes and security instead", at_key=True)
    if "supportsExtendedAgentCard" in card:
        target = "capabilities.extendedAgentCard" if gen.v1 else "supportsAuthenticatedExtendedCard"
        yield Problem(R.A2A017, ("supportsExtendedAgentCard",),
                      f"'supportsExtendedAgentCard' is no field of any released version; use {target}", at_key=True)
    if gen.v1:
        if gen.dual:
            return
        for key, replacement in _0X_ONLY.items():
            if key in card:
                yield Problem(R.A2A017, (key,), f"{key!r} is a 0.x field that 1.x clients ignore; use {replacement} "
                                               "(or declare a 0.x protocolVersion to serve older clients too)", at_key=True)
        for i, skill in _items(card, "skills"):
            if "security" in skill:
                yield Problem(R.A2A017, ("skills", i, "security"), "'security' is the 0.x name; 1.x uses securityRequirements",
                              at_key=True)
        if "stateTransitionHistory" in _dict(card.get("capabilities")):
            yield Problem(R.A2A017, ("capabilities", "stateTransitionHistory"),
                          "capabilities.stateTransitionHistory was removed in 1.0", at_key=True)
        return
    v1_fields = {("securityRequirements",): "security",
                 ("capabilities", "extendedAgentCard"): "supportsAuthenticatedExtendedCard"}
    for pointer, replacement in v1_fields.items():
        parent = card if len(pointer) == 1 else _dict(card.get(pointer[0]))
        if pointer[-1] in parent:
            yield Problem(R.A2A017, pointer, f"{'.'.join(pointer)!r} is a 1.x field that {gen.schema} clients ignore; "
                                             f"use {replacement}", at_key=True)
    for i, skill in _items(card, "skills"):
        if "securityRequirements" in skill:
            yield Problem(R.A2A017, ("skills", i, "securityRequirements"),
                          f"'securityRequirements' is the 1.x name; {gen.schema} uses security", at_key=True)


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


def _snake_case(node, pointer: tuple, *, names: bool = False) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, child in node.items():
            if not isinstance(key, str):
                continue
            if not names and "_" in key and key.islower() and _camel(key) in _CAMEL_FIELDS:
                yield Problem(R.A2A018, pointer + (key,), f"{key!r} is the proto field name; A2A JSON uses {_camel(key)!r}",
                              at_key=True)
            if key in _FREE_FORM:
                continue
            in_requirement = key in ("security", "securityRequirements")
            yield from _snake_case(child, pointer + (key,), names=key in _NAME_KEYED or in_requirement)
    elif isinstance(node, list):
        # items of security requirement lists are name-keyed maps
        for i, child in enumerate(node):
            yield from _snake_case(child, pointer + (i,), names=names)


def _secrets(card: dict) -> Iterator[Problem]:
    for pointer, hit in secrets_in(card):
        yield Problem(R.A2A019, pointer, f"this looks like a {hit.kind}; Agent Cards are public, remove it")
