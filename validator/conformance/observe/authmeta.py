"""Authorization discovery as a client performs it: challenges, metadata URLs, fetches, resource comparison.

Owns the observations the authorization checks judge, each fetched once per run (`ctx.memo`
with the run-wide memo the runner gives authorization scenarios):
- `parse_challenges`: the `WWW-Authenticate` grammar (RFC 9110 §11.6.1; Bearer parameters RFC 6750 §3);
- `prm_urls` / `as_metadata_urls`: the well-known URLs of RFC 9728 §3.1 (path-specific, then root) and of
  RFC 8414 §3.1 / OpenID Connect Discovery (path insertion, then path appending) in the order MCP gives;
- `fetch_document`: one bounded GET of a JSON metadata document, with no credentials and no redirects
  followed (network access stays on the URLs the server and its metadata name);
- `resource_matches`: the PRM `resource` against the server URL (RFC 9728 §3.3, RFC 8707 §2, MCP's
  canonical-URI rules).
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from validator.conformance.transport.http11 import Client, HttpError, TooManyRedirects

DOC_LIMIT = 256 * 1024
"""A metadata document larger than this is not metadata."""
PRM_SUFFIX = "/.well-known/oauth-protected-resource"
OAUTH_SUFFIX = "/.well-known/oauth-authorization-server"
OIDC_SUFFIX = "/.well-known/openid-configuration"
MAX_SERVERS = 3
"""Authorization servers of one PRM document that are looked up (a list is the client's to choose from)."""


# ---- WWW-Authenticate --------------------------------------------------------------------------
@dataclass
class Challenge:
    scheme: str
    params: dict[str, str] = field(default_factory=dict)


def parse_challenges(header: str | None) -> list[Challenge]:
    """Challenges of a `WWW-Authenticate` value (several fields arrive joined with ", ").

    auth-param = token BWS "=" BWS ( token / quoted-string ); a token not followed by "=" starts
    the next challenge (RFC 9110 §11.6.1). A token68 after the scheme is kept as param "" .
    """
    out: list[Challenge] = []
    text, i, n = header or "", 0, len(header or "")

    def token(at: int) -> tuple[str, int]:
        start = at
        while at < n and text[at] not in ' \t,="':
            at += 1
        return text[start:at], at

    def skip(at: int, chars: str) -> int:
        while at < n and text[at] in chars:
            at += 1
        return at

    while i < n:
        i = skip(i, " \t,")
        name, i = token(i)
        if not name:
            i += 1
            continue
        j = skip(i, " \t")
        if j < n and text[j] == "=" and out:
            j = skip(j + 1, " \t")
            if j < n and text[j] == '"':
                value, j = [], j + 1
                while j < n and text[j] != '"':
                    if text[j] == "\\" and j + 1 < n:
                        j += 1
                    value.append(text[j])
                    j += 1
                out[-1].params[name.lower()] = "".join(value)
                i = j + 1
            else:
                value_token, i = token(j)
                out[-1].params[name.lower()] = value_token
            continue
        if j < n and text[j] == "=" and not out:  # a parameter before any scheme: malformed, skip it
            i = j + 1
            continue
        out.append(Challenge(name))
        i = j
    return out


def bearer(header: str | None) -> Challenge | None:
    return next((c for c in parse_challenges(header) if c.scheme.lower() == "bearer"), None)


# ---- well-known URLs ---------------------------------------------------------------------------
def _insert(url: str, suffix: str) -> tuple[str, str | None]:
    """(root URL, path-inserted URL or None): the suffix between host and path (RFC 8414 §3.1,
    RFC 9728 §3.1: a terminating slash of the path is removed first)."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    root = urlunsplit((parts.scheme, parts.netloc, suffix, "", ""))
    if not path and not parts.query:
        return root, None
    return root, urlunsplit((parts.scheme, parts.netloc, suffix + path, parts.query, ""))


def prm_urls(server_url: str) -> list[tuple[str, str]]:
    """(label, URL) of the protected resource metadata, in MCP's order: path-specific, then root.
    https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements"""
    root, specific = _insert(server_url, PRM_SUFFIX)
    return ([("path-specific well-known URI", specific)] if specific else []) + [("root well-known URI", root)]


def as_metadata_urls(issuer: str, *, oidc: bool = True) -> list[tuple[str, str]]:
    """(kind, URL) in MCP's priority order: RFC 8414 with path insertion, OIDC with path insertion,
    OIDC path appending; for an issuer without a path RFC 8414 then OIDC. OIDC=False: RFC 8414 only
    (2025-06-18 required RFC 8414 metadata of authorization servers).
    https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-metadata-discovery"""
    oauth_root, oauth_path = _insert(issuer, OAUTH_SUFFIX)
    oidc_root, oidc_path = _insert(issuer, OIDC_SUFFIX)
    if oauth_path is None:
        urls = [("RFC 8414", oauth_root), ("OpenID Connect Discovery", oidc_root)]
    else:
        parts = urlsplit(issuer)
        appended = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + OIDC_SUFFIX, "", ""))
        urls = [("RFC 8414", oauth_path), ("OpenID Connect Discovery", oidc_path or oidc_root),
                ("OpenID Connect Discovery (path appended)", appended)]
    return urls if oidc else urls[:1]


# ---- fetching ----------------------------------------------------------------------------------
@dataclass
class Fetched:
    url: str
    status: int = 0
    document: dict | None = None
    problem: str | None = None
    """Why the answer is not a metadata document (None when `document` is one)."""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.document is not None


async def fetch_document(url: str, *, timeout: float, budget) -> Fetched:
    """GET URL for a JSON object: no credentials, no redirect followed, every wait bounded."""
    out = Fetched(url)
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        out.problem = f"not an http(s) URL: {url[:200]!r}"
        return out
    wait = budget.bound(timeout)
    if wait <= 0:
        out.problem = "the run's budget was exhausted"
        return out
    client = Client(timeout=wait, max_redirects=0)
    try:
        async with asyncio.timeout(wait):
            response = await client.request("GET", url, headers={"Accept": "application/json"}, limit=DOC_LIMIT)
    except TimeoutError:
        out.problem = f"no answer within {wait:.1f}s"
        return out
    except TooManyRedirects:
        out.problem = "answered with a redirect (not followed: a metadata URL is the document's own address)"
        return out
    except (HttpError, ValueError) as err:
        out.problem = f"{type(err).__name__}: {err}"[:300]
        return out
    finally:
        await client.aclose()
    out.status, out.headers = response.status_code, dict(response.headers)
    if out.status != 200:
        out.problem = f"HTTP {out.status}"
    else:
        try:
            value = json.loads(response.content)
        except ValueError:
            out.problem = "HTTP 200 but the body is not JSON"
        else:
            if isinstance(value, dict):
                out.document = value
            else:
                out.problem = f"HTTP 200 but the JSON is a {type(value).__name__}, not an object"
    return out


# ---- resource identifiers ----------------------------------------------------------------------
def _canonical(url: str) -> tuple[str, str, str, str] | None:
    """(scheme, host, port, path) with case folded where RFC 3986 §6.2.2 allows, the default port
    dropped and a terminating slash removed (MCP: both forms are valid URIs, the one without the slash
    is preferred). None when URL is not an absolute http(s) URI."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    default = 443 if scheme == "https" else 80
    return scheme, parts.hostname.lower(), "" if port in (None, default) else str(port), parts.path.rstrip("/")


def resource_matches(resource, server_url: str) -> tuple[bool, str]:
    """Does the PRM `resource` identify the MCP server at SERVER_URL?

    Identical after normalization, or the same origin with a path that is a segment prefix of the
    server's (the canonical URI may be less specific than the endpoint, e.g. the origin: MCP's
    examples list `https://mcp.example.com` as a valid canonical URI; the SDK clients accept a
    prefix). A fragment is never allowed (RFC 8707 §2, RFC 9728 §2)."""
    if not isinstance(resource, str) or not resource:
        return False, "`resource` is missing or not a string (RFC 9728 §2: REQUIRED)"
    if "#" in resource:
        return False, f"`resource` {resource!r} has a fragment (RFC 8707 §2: MUST NOT)"
    got, want = _canonical(resource), _canonical(server_url)
    if got is None:
        return False, f"`resource` {resource!r} is not an absolute http(s) URI"
    if want is None:
        return False, f"the server URL {server_url!r} is not an absolute http(s) URI"
    if got[:3] != want[:3]:
        return False, f"`resource` {resource!r} names another origin than the server URL {server_url!r}"
    if got[3] == want[3]:
        return True, f"`resource` {resource!r} identifies {server_url}"
    if want[3].startswith(got[3] + "/"):
        return True, f"`resource` {resource!r} is a prefix of {server_url} (less specific, accepted)"
    return False, f"`resource` {resource!r} does not identify the server URL {server_url!r}"


def is_issuer(value) -> bool:
    """An issuer identifier: an absolute URL without query or fragment (RFC 8414 §2)."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment
