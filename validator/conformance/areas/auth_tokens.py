"""Access tokens at the MCP endpoint (AUTH-003, AUTH-004): refused when invalid, absent or in the query string.

A made-up token needs no credentials, so that check runs on every protected server; the
others need the user's token (`--header "Authorization: Bearer TOKEN"`): a token in the URI
query string must not be accepted in its place, and a request without the token is refused
even when it carries the session id an authenticated initialize minted. Raw HTTP on the server
URL only; the token travels nowhere else, and no result, detail or message carries it.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#access-token-usage
"""

from __future__ import annotations

import asyncio
import json
import secrets
from urllib.parse import quote, urlsplit, urlunsplit

from validator.conformance.areas.auth import discovery
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.authgate import NEEDS_TOKEN, TOKEN_HOWTO, initialize_payload, without_credentials
from validator.conformance.suite.checks import S25, Check, Scenario
from validator.conformance.transport.http11 import Client, HttpError

A = f"{S25}/basic/authorization"
SC = "auth-token-handling"
FROM_25A, FROM_25B = revisions("25a+"), revisions("25b+")
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}

INVALID_401 = Check("auth-invalid-token-401", SC, "AUTH-003", "MUST", FROM_25A, f"{A}#token-handling",
                    "a request with an invalid bearer token is answered 401")
INVALID_ERROR = Check("auth-invalid-token-error", SC, "AUTH-003", "SHOULD", FROM_25A, f"{A}#token-handling",
                      'the 401 for an invalid token says error="invalid_token" (RFC 6750 §3, §3.1)')
QUERY_REFUSED = Check("auth-query-token-refused", SC, "AUTH-004", "derived", FROM_25B, f"{A}#token-requirements",
                      "an access token in the URI query string is not accepted in place of the Authorization header")
INSUFFICIENT_403 = Check("auth-insufficient-scope-403", SC, "AUTH-003", "MUST", FROM_25A, f"{A}#error-handling",
                         "a valid token lacking a required scope is answered 403 Forbidden, not 401 (re-authorizing "
                         "with the same scopes cannot help)")
INSUFFICIENT_CHALLENGE = Check("auth-insufficient-scope-challenge", SC, "AUTH-003", "SHOULD", revisions("25c+"),
                               f"{A}#runtime-insufficient-scope-errors",
                               'the 403 says error="insufficient_scope" and the scope needed (RFC 6750 §3.1), so the '
                               "client can step up")
EVERY_REQUEST = Check("auth-every-request-authorized", SC, "AUTH-003", "MUST", FROM_25A,
                      f"{S25}/basic/security_best_practices#session-hijacking",
                      "a request without the token is refused even with an authenticated session's id "
                      "(servers MUST verify all inbound requests and MUST NOT use sessions for authentication)")


def _bearer_token(headers: dict[str, str]) -> str | None:
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, token = value.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _send(ctx, method: str, url: str, headers: dict[str, str], body: bytes | None = None):
    """(status, headers) of one request, or (0, reason); the body is never kept (it may echo the token)."""
    wait = ctx.budget.bound(ctx.timeout)
    if wait <= 0:
        return 0, {"error": "the run's budget was exhausted"}
    client = Client(timeout=wait, max_redirects=0)
    try:
        async with asyncio.timeout(wait):
            response = await client.send(method, url, headers=headers, content=body)
            status, got = response.status_code, dict(response.headers)
            await response.aclose()
            return status, got
    except (TimeoutError, HttpError, ValueError) as err:
        return 0, {"error": type(err).__name__}
    finally:
        await client.aclose()


async def probe_with(ctx, url: str, headers: dict[str, str]):
    """(status, headers) of the request the token checks send with HEADERS: an initialize POST on
    Streamable HTTP (a session it opens is ended), the GET of the event stream on legacy HTTP+SSE
    (where a 2024-11-05-era server shows its 401; an opened stream is closed unread)."""
    if ctx.transport == "sse":
        return await _send(ctx, "GET", url, {**headers, "Accept": "text/event-stream"})
    status, got = await _send(ctx, "POST", url, {**headers, **ACCEPT}, initialize_payload())
    session = got.get("mcp-session-id")
    if session and 200 <= status < 300:  # accepted: end what it opened
        await _send(ctx, "DELETE", url, {**headers, "Mcp-Session-Id": session})
    return status, got


def _error_param(challenge: str | None) -> str | None:
    from validator.conformance.observe.authmeta import bearer

    found = bearer(challenge)
    return found.params.get("error") if found else None


async def run_tokens(ctx) -> None:
    protection = ctx.state.protection
    url = protection.url
    headers = dict(ctx.state.target.headers)
    secret_names = set(getattr(ctx.options, "secret_headers", ()) or ())
    plain = without_credentials(headers, secret_names)

    async def invalid():
        made_up = "agentconform-invalid-" + secrets.token_hex(16)
        return await probe_with(ctx, url, {**plain, "Authorization": f"Bearer {made_up}"})

    status, got = await ctx.memo("auth-invalid-token", invalid)
    if status == 0:
        ctx.no_answer(INVALID_401, f"no answer to a request with an invalid token ({got.get('error')})")
        ctx.skipped(INVALID_ERROR, "no answer to read")
    elif status >= 300 and status != 401 and not (await discovery(ctx)).speaks_oauth:
        # a server with its own scheme (a static token, an API key) refuses the made-up token in its own way:
        # MCP authorization is optional, so its 401 rule is applied only to servers that follow it (holdout 11:
        # Notion's server answers a wrong static token 403)
        why = f"refused with HTTP {status}; the server shows no OAuth (no Bearer challenge, no protected resource " \
              "metadata), so MCP authorization's 401 is not applied"
        ctx.skipped(INVALID_401, why)
        ctx.skipped(INVALID_ERROR, why)
    else:
        ctx.verdict(INVALID_401, status == 401, "HTTP 401 for a made-up token",
                    f"HTTP {status} for a made-up token" + (": it was accepted" if status < 300 else ""))
        error = _error_param(got.get("www-authenticate"))
        if status == 401 and not (await discovery(ctx)).speaks_oauth:
            ctx.skipped(INVALID_ERROR, "the server shows no OAuth (no Bearer challenge, no protected resource metadata)")
        elif status == 401:
            ctx.verdict(INVALID_ERROR, error == "invalid_token", 'error="invalid_token"',
                        f"the challenge's error is {error!r}, not \"invalid_token\"")
        else:
            ctx.skipped(INVALID_ERROR, f"HTTP {status}, not a 401 to read")
    token = _bearer_token(headers)
    if not protection.token_given or token is None:
        why = NEEDS_TOKEN if not protection.token_given else f"needs a Bearer token in the Authorization header; {TOKEN_HOWTO}"
        for check in (QUERY_REFUSED, EVERY_REQUEST):
            if check.applies(ctx.revision, ctx.transport):
                ctx.skipped(check, why)
        await _insufficient_scope(ctx, url, plain)
        return
    if QUERY_REFUSED.applies(ctx.revision, ctx.transport):
        await _query(ctx, url, plain, token)
    await _session_without_token(ctx, url, headers, plain)
    await _insufficient_scope(ctx, url, plain)


async def _insufficient_scope(ctx, url: str, plain: dict[str, str]) -> None:
    """With --low-scope-token, or a token the client-credentials flow minted for a narrower scope: the
    answer to an initialize carrying it. A 2xx says the token suffices for what was asked, which
    leaves nothing to judge."""
    low, minted = getattr(ctx.options, "low_scope_token", None), getattr(ctx.state, "low_scope", None)
    what, minted_here = "the token given", not low and bool(minted)
    if minted_here:
        low, what = minted[0], f"a token obtained for scope {minted[1]!r}"
    if not low:
        for check in (INSUFFICIENT_403, INSUFFICIENT_CHALLENGE):
            if check.applies(ctx.revision, ctx.transport):
                ctx.skipped(check, "needs a valid token lacking a required scope: give one with --low-scope-token "
                                   "(a client-credentials run mints one when the metadata lists a scope beyond the one needed)")
        return

    async def probe():
        return await probe_with(ctx, url, {**plain, "Authorization": f"Bearer {low}"})

    status, got = await ctx.memo("auth-low-scope", probe)
    applies = INSUFFICIENT_CHALLENGE.applies(ctx.revision, ctx.transport)
    if status == 0 or 200 <= status < 300:
        why = f"no answer ({got.get('error')})" if status == 0 else f"HTTP {status}: {what} suffices for initialize"
        for check in (INSUFFICIENT_403, INSUFFICIENT_CHALLENGE) if applies else (INSUFFICIENT_403,):
            ctx.skipped(check, why)
        return
    if status == 401 and minted_here and not _minted_is_valid(ctx, low, got.get("www-authenticate")):
        why = (f"HTTP 401 for {what}: the server may hold it invalid for itself (an opaque token, or a JWT with "
               "another audience than the run's token), so a wrong status cannot be told; give a token lacking a "
               "scope with --low-scope-token")
        for check in (INSUFFICIENT_403, INSUFFICIENT_CHALLENGE) if applies else (INSUFFICIENT_403,):
            ctx.skipped(check, why)
        return
    ctx.verdict(INSUFFICIENT_403, status == 403, f"HTTP 403 for {what}, lacking a required scope",
                f"HTTP {status} for {what}, valid but lacking a required scope: insufficient permissions are a 403")
    if not applies:
        return
    from validator.conformance.observe.authmeta import bearer

    found = bearer(got.get("www-authenticate"))
    error = found.params.get("error") if found else None
    scope = found.params.get("scope") if found else None
    ctx.verdict(INSUFFICIENT_CHALLENGE, error == "insufficient_scope" and bool(scope),
                f'error="insufficient_scope", scope={scope!r}',
                f"the challenge is {(got.get('www-authenticate') or 'absent')[:160]!r}: it needs "
                'error="insufficient_scope" and the scope required')


def _minted_is_valid(ctx, low: str, challenge: str | None) -> bool:
    """Whether a 401 for the token the run minted is a wrong status, not a fair refusal: the challenge
    names insufficient_scope, or the token is a JWT for the same audience as the run's own token (which
    the server accepts). Otherwise the authorization server may have bound it elsewhere."""
    from validator.conformance.observe.authcode import jwt_claims
    from validator.conformance.observe.authmeta import bearer

    found = bearer(challenge)
    if found is not None and found.params.get("error") == "insufficient_scope":
        return True
    main = _bearer_token(ctx.state.target.headers) or ""
    audience = (jwt_claims(low) or {}).get("aud")
    return audience is not None and audience == (jwt_claims(main) or {}).get("aud")


async def _query(ctx, url: str, plain: dict[str, str], token: str) -> None:
    async def probe():
        parts = urlsplit(url)
        query = (parts.query + "&" if parts.query else "") + "access_token=" + quote(token, safe="")
        return await probe_with(ctx, urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")), plain)

    status, got = await ctx.memo("auth-query-token", probe)
    if status == 0:
        ctx.skipped(QUERY_REFUSED, f"no answer to the probe ({got.get('error')})")
    else:
        ctx.verdict(QUERY_REFUSED, not 200 <= status < 300, f"HTTP {status}: not accepted from the query string",
                    f"HTTP {status}: the token was accepted from the URI query string (access_token=...), where "
                    "it leaks into logs and histories; clients MUST NOT send it there")


async def _session_without_token(ctx, url: str, headers: dict[str, str], plain: dict[str, str]) -> None:
    async def probe():
        if ctx.transport == "sse":
            return await _sse_session_probe(ctx, url, headers, plain)
        status, got = await _send(ctx, "POST", url, {**headers, **ACCEPT}, initialize_payload())
        if not 200 <= status < 300:
            return {"setup": f"the initialize with the token given was answered HTTP {status or got.get('error')}"}
        session = got.get("mcp-session-id")
        with_session = {"Mcp-Session-Id": session} if session else {}
        ping = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}).encode()
        version = {"MCP-Protocol-Version": "2025-03-26"}
        post, _ = await _send(ctx, "POST", url, {**plain, **ACCEPT, **with_session, **version}, ping)
        get, _ = await _send(ctx, "GET", url, {**plain, "Accept": "text/event-stream", **with_session, **version})
        if session:
            await _send(ctx, "DELETE", url, {**headers, "Mcp-Session-Id": session})
        where = "with the authenticated session's Mcp-Session-Id" if session else "(stateless server)"
        return {"post": post, "get": get, "where": where, "post_label": "POST ping"}

    seen = await ctx.memo("auth-session-without-token", probe)
    if "setup" in seen:
        ctx.skipped(EVERY_REQUEST, seen["setup"])
        return
    served = [f"{verb} answered HTTP {seen[key]}" for verb, key in ((seen["post_label"], "post"), ("GET", "get"))
              if 200 <= seen[key] < 300]
    ctx.verdict(EVERY_REQUEST, not served, f"refused without the token {seen['where']}: {seen['post_label']} "
                f"{seen['post']}, GET {seen['get']}", f"served without the token {seen['where']}: " + ", ".join(served))


async def _sse_session_probe(ctx, url: str, headers: dict[str, str], plain: dict[str, str]) -> dict:
    """Legacy HTTP+SSE: the stream opened with the token names the session's POST endpoint; a POST
    there and a GET of the stream without the token must both be refused."""
    from validator.conformance.transport.base import Target, TransportError
    from validator.conformance.transport.legacy_sse import SseChannel

    channel = SseChannel(Target(url=url, transport="sse", headers=headers), timeout=ctx.timeout, budget=ctx.budget)
    try:
        try:
            await channel.start()
        except TransportError as err:
            return {"setup": f"the SSE stream did not open with the token given: {err}"}
        assert channel.endpoint is not None
        post, _ = await _send(ctx, "POST", channel.endpoint, {**plain, "Content-Type": "application/json"},
                              initialize_payload())
        get, _ = await _send(ctx, "GET", url, {**plain, "Accept": "text/event-stream"})
    finally:
        await channel.close()
    return {"post": post, "get": get, "where": "at the endpoint of the authenticated SSE stream",
            "post_label": "POST initialize"}


SCENARIOS = [
    Scenario(SC, "access tokens: invalid ones refused with 401, none accepted from the query string or "
             "replaced by a session id", (INVALID_401, INVALID_ERROR, QUERY_REFUSED, EVERY_REQUEST, INSUFFICIENT_403, INSUFFICIENT_CHALLENGE),
             run_tokens,
             phase="authorization", transports=("streamable-http", "sse"), revisions=FROM_25A),
]
