"""OAuth knowledge both faces share, pure (no I/O): challenges, well-known URLs, resource identifiers, PKCE.

Owns what the server suite's authorization discovery (`observe/authmeta.py`) and the client
suite's scripted authorization server and judges (`clientside/`) both need, so neither face
imports the other:
- `parse_challenges` / `bearer`: the `WWW-Authenticate` grammar (RFC 9110 §11.6.1; Bearer
  parameters RFC 6750 §3);
- `prm_urls` / `as_metadata_urls`: the well-known URLs of RFC 9728 §3.1 (path-specific, then
  root) and of RFC 8414 §3.1 / OpenID Connect Discovery (path insertion, then path appending) in
  the order MCP gives;
- `resource_matches`: a `resource` against the MCP server URL (RFC 9728 §3.3, RFC 8707 §2, MCP's
  canonical-URI rules); `is_issuer` (RFC 8414 §2);
- `s256`: the PKCE S256 code challenge of a verifier (RFC 7636 §4.2).
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

PRM_SUFFIX = "/.well-known/oauth-protected-resource"
OAUTH_SUFFIX = "/.well-known/oauth-authorization-server"
OIDC_SUFFIX = "/.well-known/openid-configuration"


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
    try:
        parts = urlsplit(url)
    except ValueError:
        return url, None  # an unparseable issuer (`https://[`): fetched as written, and its fetch fails
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
        parts = urlsplit(issuer)  # parsed once already by _insert, which returned a path-inserted URL
        appended = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + OIDC_SUFFIX, "", ""))
        urls = [("RFC 8414", oauth_path), ("OpenID Connect Discovery", oidc_path or oidc_root),
                ("OpenID Connect Discovery (path appended)", appended)]
    return urls if oidc else urls[:1]


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
    try:
        parts = urlsplit(value)
    except ValueError:
        return False  # `https://[` from a server's metadata: no URL at all
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment


def s256(verifier: str) -> str:
    """The S256 code challenge: BASE64URL(SHA256(ASCII(code_verifier))) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
