"""Obtaining an access token with the client-credentials grant, as an MCP client would.

Owns the one flow a run can complete without a person: from the 401 challenge to the
protected resource metadata (advertised URL, then the well-known URIs), its first
authorization server's metadata (RFC 8414 / OIDC discovery order), and a token request
(`grant_type=client_credentials`, the RFC 8707 `resource` naming the MCP server, the scope
from `--oauth-scope`, else the challenge, else `scopes_supported`), authenticating with
`client_secret_basic` unless the server lists only `client_secret_post` (RFC 8414 §2: basic
is the default). Every request is bounded; failures come back as one sentence, never the
secret or the token.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-flow-steps
https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-4.2
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from validator.conformance.observe import authmeta
from validator.conformance.transport.http11 import Client, HttpError


@dataclass(frozen=True)
class ClientCredentials:
    client_id: str
    client_secret: str
    scope: str | None = None


class TokenError(Exception):
    """Why no token could be obtained (safe to print: it never holds the secret)."""


async def _metadata(url: str, challenge: str | None, timeout: float, budget) -> tuple[dict, dict]:
    """(protected resource metadata, authorization server metadata) as a client finds them."""
    wait = dict(timeout=timeout, budget=budget)
    found = authmeta.bearer(challenge)
    candidates = ([found.params["resource_metadata"]] if found and found.params.get("resource_metadata") else [])
    candidates += [u for _label, u in authmeta.prm_urls(url)]
    prm = None
    for candidate in candidates:
        fetched = await authmeta.fetch_document(candidate, **wait)
        if fetched.ok:
            prm = fetched.document
            break
    if prm is None:
        raise TokenError("no protected resource metadata found (challenge and well-known URIs)")
    servers = [s for s in prm.get("authorization_servers") or [] if authmeta.is_issuer(s)]
    if not servers:
        raise TokenError("the protected resource metadata lists no authorization server")
    for _kind, candidate in authmeta.as_metadata_urls(servers[0]):
        fetched = await authmeta.fetch_document(candidate, **wait)
        if fetched.ok and fetched.document is not None:
            return prm, fetched.document
    raise TokenError(f"no metadata for the authorization server {servers[0]}")


async def client_credentials_token(url: str, challenge: str | None, credentials: ClientCredentials, *,
                                   timeout: float, budget) -> str:
    """An access token for the MCP server at URL, or TokenError."""
    prm, metadata = await _metadata(url, challenge, timeout, budget)
    endpoint = metadata.get("token_endpoint")
    if not isinstance(endpoint, str) or not endpoint.lower().startswith(("http://", "https://")):
        raise TokenError("the authorization server metadata has no token_endpoint")
    found = authmeta.bearer(challenge)
    scopes = prm.get("scopes_supported")
    scope = credentials.scope or (found.params.get("scope") if found else None) or (
        " ".join(s for s in scopes if isinstance(s, str)) if isinstance(scopes, list) else None)
    resource = prm.get("resource") if isinstance(prm.get("resource"), str) else url
    form = {"grant_type": "client_credentials", "resource": resource, **({"scope": scope} if scope else {})}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    methods = metadata.get("token_endpoint_auth_methods_supported")
    if isinstance(methods, list) and "client_secret_post" in methods and "client_secret_basic" not in methods:
        form.update(client_id=credentials.client_id, client_secret=credentials.client_secret)
    else:  # RFC 6749 §2.3.1: each part form-encoded before base64
        pair = f"{quote(credentials.client_id, safe='')}:{quote(credentials.client_secret, safe='')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    wait = budget.bound(timeout)
    client = Client(timeout=max(wait, 0.1), max_redirects=0)
    try:
        async with asyncio.timeout(max(wait, 0.1)):
            response = await client.request("POST", endpoint, headers=headers, content=urlencode(form).encode(),
                                            limit=authmeta.DOC_LIMIT)
    except (TimeoutError, HttpError, ValueError) as err:
        raise TokenError(f"the token endpoint {endpoint} did not answer ({type(err).__name__})") from None
    finally:
        await client.aclose()
    try:
        answer = json.loads(response.content)
    except ValueError:
        answer = None
    if response.status_code != 200 or not isinstance(answer, dict) or not isinstance(answer.get("access_token"), str):
        error = answer.get("error") if isinstance(answer, dict) else None
        raise TokenError(f"the token endpoint {endpoint} answered HTTP {response.status_code}"
                         + (f" error={str(error)[:80]!r}" if error else " without an access_token"))
    return answer["access_token"]
