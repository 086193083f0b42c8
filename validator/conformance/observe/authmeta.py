"""Authorization discovery as a client performs it: fetching metadata documents, bounded.

Owns `fetch_document`: one bounded GET of a JSON metadata document, with no credentials and no
redirects followed (network access stays on the URLs the server and its metadata name). The
pure OAuth knowledge it works with (challenge grammar, well-known URLs in MCP's order, resource
comparison, issuer identifiers) lives in `protocol/oauth.py`, which the client suite shares, and
is re-exported here for the server suite's scenarios.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from validator.conformance.protocol.oauth import (  # noqa: F401 - re-exported for the authorization areas
    OAUTH_SUFFIX,
    OIDC_SUFFIX,
    PRM_SUFFIX,
    Challenge,
    as_metadata_urls,
    bearer,
    is_issuer,
    parse_challenges,
    prm_urls,
    resource_matches,
)
from validator.conformance.transport.http11 import Client, HttpError, TooManyRedirects

DOC_LIMIT = 256 * 1024
"""A metadata document larger than this is not metadata."""
MAX_SERVERS = 3
"""Authorization servers of one PRM document that are looked up (a list is the client's to choose from)."""


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
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""  # `https://[` from a server's metadata: not fetchable
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
