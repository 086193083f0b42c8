"""The authorization gate of a URL run: is the server protected, was a token given, what is judged.

Owns the unauthenticated request that tells a protected server (HTTP 401, or a 403 carrying a
Bearer challenge) from an open one, before transport detection would mistake the 401 for "no MCP
transport" (a POST of initialize; the GET of the event stream for a legacy HTTP+SSE server); which
revisions the authorization scenarios are judged under; and, when the server is
protected and no token was given, the rest of the suite reported as skipped with the way to give one
(or a token obtained by the flow the options name, `obtain_token`).
Credentials are the values of `Authorization`, `Proxy-Authorization`, `Cookie` and of every
`--secret-header`: the gate's request carries none of them.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass

from validator.conformance.protocol.revisions import LATEST_HANDSHAKE, STREAMABLE_HTTP_FROM
from validator.conformance.suite.checks import Result, Scenario
from validator.conformance.transport.http11 import CREDENTIAL_HEADERS, Client, HttpError

AUTH_FROM = "2025-03-26"
"""The first revision with an authorization page (2024-11-05 has none)."""
TOKEN_HOWTO = 'give a token with --header "Authorization: Bearer TOKEN"'
NEEDS_TOKEN = f"needs an access token: the server answers 401 without one; {TOKEN_HOWTO}"


@dataclass
class Protection:
    """What the unauthenticated request to the server URL showed."""

    url: str
    status: int = 0
    challenge: str | None = None
    """The `WWW-Authenticate` value of the answer (None when absent)."""
    token_given: bool = False
    """A credential header (`Authorization`, a --secret-header ...) is among the user's headers."""
    error: str | None = None
    transport: str = "streamable-http"
    """The transport whose request showed the answer: a legacy HTTP+SSE server shows its 401 on the
    GET of its SSE endpoint (the authorization probes then GET that stream instead of POSTing)."""

    @property
    def protected(self) -> bool:
        bearer = re.search(r"(^|[\s,])bearer($|[\s,])", self.challenge or "", re.IGNORECASE) is not None
        return self.status == 401 or (self.status == 403 and bearer)


def credential_names(headers: dict[str, str], secret_names: set[str]) -> set[str]:
    """Lower-case names of the user's headers that carry credentials."""
    return {name.lower() for name in headers if name.lower() in CREDENTIAL_HEADERS or name.lower() in secret_names}


def without_credentials(headers: dict[str, str], secret_names: set[str]) -> dict[str, str]:
    drop = credential_names(headers, secret_names)
    return {k: v for k, v in headers.items() if k.lower() not in drop}


def initialize_payload(request_id: int = 0) -> bytes:
    from validator.version import __version__

    return json.dumps({"jsonrpc": "2.0", "id": request_id, "method": "initialize", "params": {
        "protocolVersion": STREAMABLE_HTTP_FROM, "capabilities": {},
        "clientInfo": {"name": "agentconform-auth-probe", "version": __version__}}}).encode()


async def preflight(url: str, headers: dict[str, str], secret_names: set[str], *, timeout: float, budget,
                    transport: str = "auto") -> Protection:
    """The unauthenticated request and its status and challenge: a POST of initialize (Streamable HTTP),
    or the GET of the SSE stream (legacy HTTP+SSE: `--transport sse`, or with `auto` when the POST got
    neither a success nor a challenge, as the SSE endpoint of a legacy server answers a POST)."""
    out = Protection(url, token_given=bool(credential_names(headers, secret_names)))
    plain = without_credentials(headers, secret_names)
    if transport != "sse":
        out.status, out.challenge, out.error = await _probe(url, plain, "POST", timeout, budget)
        if out.protected or transport == "streamable-http" or 200 <= out.status < 300 or out.status == 0:
            return out
    status, challenge, error = await _probe(url, plain, "GET", timeout, budget)
    if transport == "sse" or Protection(url, status, challenge).protected:
        out.status, out.challenge, out.error, out.transport = status, challenge, error, "sse"
    return out


async def _probe(url: str, plain: dict[str, str], method: str, timeout: float, budget) -> tuple[int, str | None, str | None]:
    """(status, WWW-Authenticate, error) of one request without credentials; an open server's session
    or stream is ended at once."""
    wait = budget.bound(timeout)
    client = Client(headers=plain, timeout=max(wait, 0.1))
    try:
        async with asyncio.timeout(max(wait, 0.1)):
            if method == "GET":
                response = await client.send("GET", url, headers={"Accept": "text/event-stream"})
                await response.aclose()  # never read: an open server's stream stays open otherwise
                return response.status_code, response.headers.get("www-authenticate"), None
            response = await client.request("POST", url, headers={
                "Accept": "application/json, text/event-stream", "Content-Type": "application/json"},
                content=initialize_payload(), limit=64 * 1024)
            session = response.headers.get("mcp-session-id")
            if session and response.status_code < 300:  # an open server: end the session we started
                await client.request("DELETE", url, headers={"Mcp-Session-Id": session}, limit=64 * 1024)
            return response.status_code, response.headers.get("www-authenticate"), None
    except (TimeoutError, HttpError, ValueError) as err:
        return 0, None, f"{type(err).__name__}: {err}"[:300]
    finally:
        await client.aclose()


def judged_revisions(spec_version: str, supported: list[str] | None) -> tuple[str, ...]:
    """The revisions whose authorization page judges the server.

    A revision asked for; else the negotiated ones that have an authorization page; else (no token,
    so no handshake) the newest handshake revision, which the report's notes name."""
    if spec_version != "auto":
        return (spec_version,) if spec_version >= AUTH_FROM else ()
    if supported:
        return tuple(r for r in supported if r >= AUTH_FROM)
    return (LATEST_HANDSHAKE,)


def skip_for_token(scenarios: list[Scenario]) -> list[Result]:
    """Every check of SCENARIOS as a skip saying how to give a token."""
    out, seen = [], set()
    for scenario in scenarios:
        for check in scenario.checks:
            if (check.scenario, check.id) not in seen:
                seen.add((check.scenario, check.id))
                out.append(Result(check, "skip", NEEDS_TOKEN))
    return out


async def obtain_token(state, provider, report) -> None:
    """Put a token from PROVIDER into the target's headers (and the report's secrets); on failure, a note
    and the run goes on without one. What an authorization-code flow observed (its `observation`) is
    kept on the state for the `auth-authorization-code` checks, and its secrets are redacted."""
    protection = state.protection
    flow = getattr(provider, "flow", "the token flow")
    seen = getattr(provider, "observation", None)
    state.code_flow = seen
    try:
        token = await provider(protection.url, protection.challenge, timeout=state.timeout, budget=state.budget)
    except Exception as err:  # noqa: BLE001 - TokenError, or a bug of ours: either way the run goes on without it
        report.notes.append(f"no token from {flow}: {err}")
        return
    finally:
        report.secrets.extend(getattr(seen, "secrets", ()))
    report.secrets.append(token)
    minted = getattr(provider, "minted", None) or {}
    if minted.get("token"):
        report.secrets.append(minted["token"])
        state.low_scope = (minted["token"], minted["scope"])
    state.target.headers["Authorization"] = f"Bearer {token}"
    protection.token_given = True
    report.notes.append(f"access token obtained with {flow}")
