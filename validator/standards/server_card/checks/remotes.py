"""Remote endpoints: protocol revisions (CARD004), declared variables (CARD005), public URLs (CARD007)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from urllib.parse import urlsplit

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.server_card import rules as R

KNOWN_REVISIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28")
"""The MCP protocol revisions. Written here rather than imported from
`validator.conformance.checks.KNOWN_REVISIONS`: a standard never imports the conformance
package (the live-server suite, apart from the light lint path); keep both lists in step."""
_VARIABLE = lazy(r"\{([^{}]+)\}")


@emits(R.CARD004, R.CARD005, R.CARD007)
def remotes(doc, ctx) -> Iterator[Problem]:
    found = doc.data.value.get("remotes")
    for i, remote in enumerate(found if isinstance(found, list) else []):
        if isinstance(remote, dict):
            yield from _remote(("remotes", i), remote)


def _remote(base: tuple, remote: dict) -> Iterator[Problem]:
    url = remote.get("url")
    declared = remote.get("variables")
    declared = set(declared) if isinstance(declared, dict) else set()
    template = _deploy_template(url, declared) if isinstance(url, str) else None
    if template is not None:
        yield Problem(R.CARD005, f"{url!r} is a template: {template} is filled in before the card is served, so the "
                      "URL is not checked further", base + ("url",), severity="info")
    elif isinstance(url, str):
        for name in _VARIABLE.findall(url):
            if name not in declared:
                yield Problem(R.CARD005, f"{{{name}}} in {url!r} is not declared in this remote's variables", base + ("url",))
        if _private(url):
            yield Problem(R.CARD007, f"{url!r} is a private or local endpoint; a public card cannot use it", base + ("url",))
    versions = remote.get("supportedProtocolVersions")
    for j, version in enumerate(versions if isinstance(versions, list) else []):
        if isinstance(version, str) and version not in KNOWN_REVISIONS:
            yield Problem(R.CARD004, f"{version!r} is no MCP protocol revision ({', '.join(KNOWN_REVISIONS)})",
                          base + ("supportedProtocolVersions", j))
    headers = remote.get("headers")
    for j, header in enumerate(headers if isinstance(headers, list) else []):
        if not isinstance(header, dict) or not isinstance(header.get("value"), str):
            continue
        variables = header.get("variables")
        variables = set(variables) if isinstance(variables, dict) else set()
        for name in _VARIABLE.findall(header["value"]):
            if name not in variables:
                yield Problem(R.CARD005, f"{{{name}}} in header {header.get('name')!r} is not declared in its variables",
                              base + ("headers", j, "value"))


def _deploy_template(url: str, declared: set) -> str | None:
    """The placeholder a server or deploy step fills in (`${HOST}`, `{{base_url}}`, `<your-url>`,
    `REPLACE_WITH_URL`, or an undeclared `{BASE_URL}` standing for the whole origin); None when URL is
    a URL, or its `{name}`s are client variables (declared, or inside the host or path)."""
    from validator.parsing.placeholders import placeholder

    found = placeholder(url)
    if found is None:
        return None
    if found.startswith("{") and not found.startswith("{{"):
        return found if found[1:-1] not in declared and url.startswith(found) else None
    return found


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
