"""Obtaining an access token with the client-credentials grant, as an MCP client would.

Owns the client-credentials flow and the pieces `authcode` shares with it: from the 401 challenge
to the protected resource metadata (advertised URL, then the well-known URIs), its first
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
import contextlib
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


async def discover(url: str, challenge: str | None, timeout: float, budget) -> tuple[dict, dict]:
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


def pick_scope(given: str | None, challenge: str | None, prm: dict) -> str | None:
    """The scope to ask for: the one given, else the challenge's, else the metadata's scopes_supported
    (the spec's scope selection strategy)."""
    found = authmeta.bearer(challenge)
    scopes = prm.get("scopes_supported")
    return given or (found.params.get("scope") if found else None) or (
        " ".join(s for s in scopes if isinstance(s, str)) if isinstance(scopes, list) else None)


def client_authentication(form: dict, metadata: dict, client_id: str, secret: str | None,
                          method: str | None = None) -> dict[str, str]:
    """Headers of a token request, FORM completed with the client's identification: a public client
    (no secret) sends client_id in the form; a confidential one uses client_secret_basic unless METHOD
    or the metadata say client_secret_post only (RFC 8414 §2: basic is the default)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    methods = metadata.get("token_endpoint_auth_methods_supported")
    post_only = isinstance(methods, list) and "client_secret_post" in methods and "client_secret_basic" not in methods
    if secret is None:
        form["client_id"] = client_id
    elif method == "client_secret_post" or (method is None and post_only):
        form.update(client_id=client_id, client_secret=secret)
    else:  # RFC 6749 §2.3.1: each part form-encoded before base64
        pair = f"{quote(client_id, safe='')}:{quote(secret, safe='')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    return headers


async def token_request(endpoint: str, form: dict, headers: dict[str, str], *, timeout: float,
                        budget) -> tuple[int, dict | None]:
    """(HTTP status, JSON object or None) of one bounded POST to the token endpoint."""
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
    return response.status_code, answer if isinstance(answer, dict) else None


def token_failure(endpoint: str, status: int, answer: dict | None) -> str:
    error = answer.get("error") if answer else None
    return (f"the token endpoint {endpoint} answered HTTP {status}"
            + (f" error={str(error)[:80]!r}" if error else " without an access_token"))


def narrower_scope(asked: str | None, prm: dict) -> str | None:
    """A scope that lacks one of ASKED's: a scope the metadata lists outside ASKED, else ASKED without its
    last scope; None when neither exists. A token for it is what the insufficient-scope check needs."""
    wanted = (asked or "").split()
    supported = prm.get("scopes_supported")
    others = [s for s in supported if isinstance(s, str) and s and " " not in s and s not in wanted] \
        if isinstance(supported, list) else []
    if others:
        return others[0]
    return " ".join(wanted[:-1]) if len(wanted) > 1 else None


async def client_credentials_token(url: str, challenge: str | None, credentials: ClientCredentials, *,
                                   timeout: float, budget, minted: dict | None = None) -> str:
    """An access token for the MCP server at URL, or TokenError. With MINTED (a dict), also a second
    token for a narrower scope (`narrower_scope`), stored as MINTED["scope"] and MINTED["token"] when the
    authorization server issues one; its refusal is not an error."""
    prm, metadata = await discover(url, challenge, timeout, budget)
    endpoint = metadata.get("token_endpoint")
    if not isinstance(endpoint, str) or not endpoint.lower().startswith(("http://", "https://")):
        raise TokenError("the authorization server metadata has no token_endpoint")
    scope = pick_scope(credentials.scope, challenge, prm)
    resource = prm.get("resource") if isinstance(prm.get("resource"), str) else url
    form = {"grant_type": "client_credentials", "resource": resource, **({"scope": scope} if scope else {})}
    headers = client_authentication(form, metadata, credentials.client_id, credentials.client_secret)
    status, answer = await token_request(endpoint, form, headers, timeout=timeout, budget=budget)
    if status != 200 or not isinstance((answer or {}).get("access_token"), str):
        raise TokenError(token_failure(endpoint, status, answer))
    narrower = narrower_scope(scope, prm) if minted is not None else None
    if narrower is not None and minted is not None:
        form = {"grant_type": "client_credentials", "resource": resource, "scope": narrower}
        headers = client_authentication(form, metadata, credentials.client_id, credentials.client_secret)
        with contextlib.suppress(TokenError):
            low_status, low = await token_request(endpoint, form, headers, timeout=timeout, budget=budget)
            if low_status == 200 and isinstance((low or {}).get("access_token"), str):
                minted.update(scope=narrower, token=low["access_token"])
    return answer["access_token"]
