"""Endpoints and transports (A2A005-A2A010) and the card's other URLs (A2A016)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_check, get_dict, is_template, items, split_url
from validator.standards.a2a.versions import CORE_BINDINGS, LATEST_0X, Generation

_MAJOR_MINOR = lazy(r"^\d+\.\d+$")
_HOST_PORT = lazy(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$")
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal")


def _interfaces(card: dict, gen: Generation) -> Iterator[tuple[tuple, str, object]]:
    """(pointer of the url, binding or transport, url) for every endpoint the card declares."""
    if "url" in card and not (gen.v1 and not gen.dual):
        yield ("url",), card.get("preferredTransport") or "JSONRPC", card.get("url")
    for i, item in items(card, "additionalInterfaces"):
        yield ("additionalInterfaces", i, "url"), item.get("transport"), item.get("url")
    for i, item in items(card, "supportedInterfaces"):
        yield ("supportedInterfaces", i, "url"), item.get("protocolBinding"), item.get("url")


@emits(R.A2A005, R.A2A006)
@card_check
def endpoints(card: dict, gen: Generation) -> Iterator[Problem]:
    for pointer, binding, url in _interfaces(card, gen):
        if not isinstance(url, str) or is_template(url):
            continue
        binding = binding if isinstance(binding, str) else ""
        parts = split_url(url)
        if parts is None:
            yield Problem(R.A2A005, f"endpoint {url!r} is not a valid URL", pointer)
            continue
        scheme, host = parts
        if binding.upper() == "GRPC" and (_HOST_PORT.match(url) or scheme in ("grpc", "grpcs")):
            continue
        custom = binding not in CORE_BINDINGS and ":" in binding
        if scheme in ("http", "https") and host:
            if scheme == "http" and not _loopback(host):
                yield Problem(R.A2A006, f"endpoint {url!r} uses plain http; A2A in production requires https", pointer)
        elif not (custom and scheme and host):
            yield Problem(R.A2A005, f"endpoint {url!r} is not an absolute http(s) URL"
                                             + (" or host:port" if binding.upper() == "GRPC" else ""), pointer)


def _loopback(host: str) -> bool:
    host = host.lower()
    return host in _LOOPBACK or host.endswith(".localhost") or host.startswith("127.")


@emits(R.A2A007, R.A2A008, R.A2A009, R.A2A010)
@card_check
def transports(card: dict, gen: Generation) -> Iterator[Problem]:
    values: list[tuple[tuple, object]] = [(("preferredTransport",), card.get("preferredTransport"))]
    values += [(("additionalInterfaces", i, "transport"), item.get("transport")) for i, item in items(card, "additionalInterfaces")]
    values += [(("supportedInterfaces", i, "protocolBinding"), item.get("protocolBinding"))
               for i, item in items(card, "supportedInterfaces")]
    for pointer, value in values:
        if not isinstance(value, str) or value in CORE_BINDINGS or _is_uri(value):
            continue
        hint = _binding_hint(value)
        yield Problem(R.A2A009, f"transport {value!r} is not JSONRPC, GRPC or HTTP+JSON"
                                         + (f"; write {hint!r}" if hint else "; a custom binding should be a URI"), pointer)
    if (gen.schema == LATEST_0X and not gen.v1) or gen.dual == LATEST_0X:
        if "preferredTransport" not in card:
            yield Problem(R.A2A007, "no preferredTransport; 0.3 requires it for the main url (clients assume JSONRPC)",
                          ("preferredTransport",))
    interfaces = [item for _, item in items(card, "additionalInterfaces")]
    url = card.get("url")
    if interfaces and isinstance(url, str):
        preferred = card.get("preferredTransport") if isinstance(card.get("preferredTransport"), str) else "JSONRPC"
        if not any(item.get("url") == url and item.get("transport") == preferred for item in interfaces):
            yield Problem(R.A2A008, f"additionalInterfaces lists no entry for the main url {url!r} with transport {preferred!r}",
                          ("additionalInterfaces",))
    for i, item in items(card, "supportedInterfaces"):
        version = item.get("protocolVersion")
        if isinstance(version, str) and not _MAJOR_MINOR.match(version.strip()):
            yield Problem(R.A2A010, f"protocolVersion {version!r} should be Major.Minor, e.g. '1.0' (no patch number)",
                          ("supportedInterfaces", i, "protocolVersion"))


def _is_uri(value: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value)) and ("//" in value or value.startswith("urn:"))


def _binding_hint(value: str) -> str | None:
    folded = re.sub(r"[\s_-]", "", value.upper())
    aliases = {"JSONRPC": "JSONRPC", "JSONRPC2.0": "JSONRPC", "JSONRPC2": "JSONRPC", "GRPC": "GRPC",
               "HTTP+JSON": "HTTP+JSON", "HTTPJSON": "HTTP+JSON", "REST": "HTTP+JSON"}
    return aliases.get(folded)


@emits(R.A2A016)
@card_check
def metadata_urls(card: dict, gen: Generation) -> Iterator[Problem]:
    candidates: list[tuple[tuple, object, bool]] = [
        (("iconUrl",), card.get("iconUrl"), True),
        (("documentationUrl",), card.get("documentationUrl"), False),
        (("provider", "url"), get_dict(card.get("provider")).get("url"), False),
    ]
    for name, scheme in get_dict(card.get("securitySchemes")).items():
        for pointer, value in _scheme_urls((("securitySchemes", name)), scheme):
            candidates.append((pointer, value, False))
    for pointer, value, data_ok in candidates:
        if not isinstance(value, str) or not value.strip() or is_template(value):
            continue
        parts = split_url(value)
        if parts is None or not parts[0] or (not parts[1] and not (data_ok and parts[0] == "data")):
            yield Problem(R.A2A016, f"{value!r} is not an absolute URL", pointer)


def _scheme_urls(base: tuple, scheme) -> Iterator[tuple[tuple, object]]:
    """URL-valued fields of a security scheme, in the 0.x form or the 1.x wrapper form."""
    scheme = get_dict(scheme)
    bodies = [(base, scheme)]
    bodies += [(base + (key,), value) for key, value in scheme.items() if key.endswith("SecurityScheme") and isinstance(value, dict)]
    for pointer, body in bodies:
        for key in ("openIdConnectUrl", "oauth2MetadataUrl"):
            if key in body:
                yield pointer + (key,), body[key]
        for flow_name, flow in get_dict(body.get("flows")).items():
            for key in ("authorizationUrl", "tokenUrl", "refreshUrl", "deviceAuthorizationUrl"):
                if isinstance(flow, dict) and key in flow:
                    yield pointer + ("flows", flow_name, key), flow[key]
