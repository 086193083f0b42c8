"""Parsing and checking one MCP Server Card: detection, `$schema`, schema, the extension's prose rules.

Which files are cards: any `server-card.json` that is a JSON object with a `$schema`,
`name` or `remotes`, and any other JSON file whose `$schema` names a Server Card schema
(`…/server-card.schema.json`). Other JSON files are sniffed in their first bytes and
left alone; registry `server.json` files belong to the server-json standard.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from validator.engine.integrity import load_structured
from validator.model import Finding
from validator.secrets import secrets_in
from validator.standards.base import CheckContext, Document, Problem
from validator.standards.server_card import rules as R

NAME = "mcp-server-card"
CARD_NAME = "server-card.json"
SNIFF_BYTES = 4096
_CARD_SCHEMA = re.compile(r"/server-card\.schema\.json\s*$")
KNOWN_REVISIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28")
_VARIABLE = re.compile(r"\{([^{}]+)\}")
_RANGE = re.compile(r"^\s*(?:[\^~<>=]|.*\|\||.*\s-\s)|(?:^|\.)[xX*](?:\.|$|-)")


def _sniff(source) -> bool:
    try:
        with source.path.open("rb") as handle:
            return b"server-card.schema.json" in handle.read(SNIFF_BYTES)
    except OSError:
        return False


def is_card(value, named: bool) -> bool:
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str) and _CARD_SCHEMA.search(schema):
        return True
    return named and any(key in value for key in ("$schema", "name", "remotes"))


def parse(source, ctx: CheckContext) -> Document | None:
    named = source.name == CARD_NAME
    if not named and not _sniff(source):
        return None
    data, problems = load_structured(source, "json")
    if data is None:
        return Document(source, NAME, None, problems) if named else None
    if not is_card(data.value, named):
        return None
    return Document(source, NAME, data, problems)


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from validator.standards.server_card.schema import schema_errors

    data = doc.data
    card = data.value
    for pointer, message, at_key, _ in schema_errors(card):
        if pointer == ("$schema",) or (pointer == () and "'$schema'" in message):
            continue  # CARD002 says it better
        yield Finding.at(R.CARD001, doc.relpath, data.locate(pointer, key=at_key), message)
    for problem in card_problems(card):
        yield ctx.finding(problem.rule, doc, data.locate(problem.pointer, key=problem.at_key), problem.message)


def card_problems(card: dict) -> Iterator[Problem]:
    yield from _schema_url(card)
    version = card.get("version")
    if isinstance(version, str) and _RANGE.search(version):
        yield Problem(R.CARD003, ("version",), f"version {version!r} looks like a range; give the server's exact version")
    remotes = card.get("remotes")
    for i, remote in enumerate(remotes if isinstance(remotes, list) else []):
        if isinstance(remote, dict):
            yield from _remote(("remotes", i), remote)
    for key in ("packages", "tools", "resources", "prompts", "resourceTemplates"):
        if key in card:
            what = "packages belong in server.json" if key == "packages" else "primitives are listed at run time"
            yield Problem(R.CARD006, (key,), f"{key!r} is not part of a Server Card since it became card-only ({what})",
                          at_key=True)
    yield from _secrets(card)


def _schema_url(card: dict) -> Iterator[Problem]:
    schema = card.get("$schema")
    expected = R.CARD_SCHEMA_URL
    if "$schema" not in card:
        yield Problem(R.CARD002, (), f'no "$schema"; add "$schema": "{expected}"')
    elif schema != expected:
        if not isinstance(schema, str):
            why = "must be the Server Card schema URL string"
        elif re.search(r"/schemas/\d{4}-\d{2}-\d{2}/", schema):
            why = "is date-versioned; Server Card schemas are versioned by /v1/"
        elif schema.endswith("/server.schema.json"):
            why = "names the registry's server.json schema, not the Server Card schema"
        else:
            why = f"is not {expected}"
        yield Problem(R.CARD002, ("$schema",), f"$schema {schema!r} {why}")


def _remote(base: tuple, remote: dict) -> Iterator[Problem]:
    url = remote.get("url")
    declared = remote.get("variables")
    declared = set(declared) if isinstance(declared, dict) else set()
    if isinstance(url, str):
        for name in _VARIABLE.findall(url):
            if name not in declared:
                yield Problem(R.CARD005, base + ("url",), f"{{{name}}} in {url!r} is not declared in this remote's variables")
        if _private(url):
            yield Problem(R.CARD007, base + ("url",), f"{url!r} is a private or local endpoint; a public card cannot use it")
    versions = remote.get("supportedProtocolVersions")
    for j, version in enumerate(versions if isinstance(versions, list) else []):
        if isinstance(version, str) and version not in KNOWN_REVISIONS:
            yield Problem(R.CARD004, base + ("supportedProtocolVersions", j),
                          f"{version!r} is no MCP protocol revision ({', '.join(KNOWN_REVISIONS)})")
    headers = remote.get("headers")
    for j, header in enumerate(headers if isinstance(headers, list) else []):
        if not isinstance(header, dict) or not isinstance(header.get("value"), str):
            continue
        variables = header.get("variables")
        variables = set(variables) if isinstance(variables, dict) else set()
        for name in _VARIABLE.findall(header["value"]):
            if name not in variables:
                yield Problem(R.CARD005, base + ("headers", j, "value"),
                              f"{{{name}}} in header {header.get('name')!r} is not declared in its variables")


def _private(url: str) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if not host or "{" in host:
        return False
    if host in ("localhost", "host.docker.internal") or host.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _secrets(card: dict) -> Iterator[Problem]:
    for pointer, hit in secrets_in(card):
        yield Problem(R.CARD008, pointer, f"this looks like a {hit.kind}; Server Cards are public, remove it")
