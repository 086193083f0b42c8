"""Streamable HTTP transport (HTTP-*): status codes, content types, sessions, headers, Origin.

Scenario names reuse the official suite's where the meaning matches
(`server-session-lifecycle`, `dns-rebinding-protection`), as do their check ids.
Session-changing probes run on connections of their own so the shared session
stays usable for every other scenario.
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
"""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

from validator.conformance.protocol.modern import request_headers
from validator.conformance.protocol.revisions import MODERN_REVISIONS, revisions
from validator.conformance.suite.checks import S25, Check, Scenario

HTTP = ("streamable-http",)
L = revisions("25a-25c")
T = f"{S25}/basic/transports"
DNS_REVISIONS = L + MODERN_REVISIONS
"""Streamable HTTP's revisions: the handshake ones and 2026-07-28, for what its page keeps (Origin, content types)."""
T26 = f"https://modelcontextprotocol.io/specification/{MODERN_REVISIONS[0]}/basic/transports/streamable-http#security--endpoint"
"""2026-07-28 keeps the Origin MUSTs (403 for a present, invalid Origin) in the page's "Security & Endpoint"."""
SC_SESSION, SC_DNS, SC_POST, SC_GET, SC_VERSION = (
    "server-session-lifecycle", "dns-rebinding-protection", "http-post-responses", "http-get-stream", "http-protocol-version")

INITIALIZED_202 = Check("server-session-initialized-accepted", SC_SESSION, "HTTP-004", "MUST", L, f"{T}#sending-messages-to-the-server",
                        "a POSTed notification (initialized) is answered 202 Accepted with no body", HTTP)
SESSION_REQUIRED = Check("http-session-required", SC_SESSION, "HTTP-011", "SHOULD", L, f"{T}#session-management",
                         "a request without Mcp-Session-Id is served (no sessions required) or answered 400", HTTP)
UNKNOWN_SESSION = Check("http-unknown-session-404", SC_SESSION, "HTTP-012", "derived", L, f"{T}#session-management",
                        "a never-issued Mcp-Session-Id is answered 404", HTTP)
DELETE_OK = Check("server-session-delete-accepted", SC_SESSION, "HTTP-013", "derived", L, f"{T}#session-management",
                  "DELETE with the session id ends the session (2xx) or is refused with 405", HTTP)
TERMINATED_404 = Check("server-session-terminated-returns-404", SC_SESSION, "HTTP-012", "MUST", L, f"{T}#session-management",
                       "requests with a terminated session id are answered 404", HTTP)
REBINDING = Check("localhost-host-rebinding-rejected", SC_DNS, "HTTP-002", "MUST", DNS_REVISIONS, f"{T}#security-warning",
                  "a localhost server rejects a foreign Host/Origin (DNS rebinding) with a 4xx", HTTP, spec_modern=T26)
LOCALHOST_OK = Check("localhost-host-valid-accepted", SC_DNS, "HTTP-002", "MUST", DNS_REVISIONS, f"{T}#security-warning",
                     "a localhost server serves its own Host without Origin; an Origin it refuses gets a refusal, not an error",
                     HTTP, spec_modern=T26)
ORIGIN = Check("http-origin-rejected", SC_DNS, "HTTP-002", "MUST", DNS_REVISIONS, f"{T}#security-warning",
               "an invalid Origin is rejected (403 from 2025-11-25; any 4xx before)", HTTP, spec_modern=T26)
CONTENT_TYPE = Check("http-post-content-type", SC_POST, "HTTP-003", "MUST", DNS_REVISIONS, f"{T}#sending-messages-to-the-server",
                     "a POSTed request is answered as application/json or text/event-stream", HTTP,
                     spec_modern=T26.replace("#security--endpoint", "#sending-messages"))
SSE_PRIMING = Check("http-sse-priming-event", SC_POST, "HTTP-008", "SHOULD", revisions("25c"), f"{T}#sending-messages-to-the-server",
                    "an SSE response stream starts with an event carrying an id and empty data", HTTP)
CROSS_ORIGIN = Check("http-no-cross-origin-redirect", SC_POST, "HTTP-002", "derived", DNS_REVISIONS, f"{T}#security-warning",
                     "the MCP endpoint does not redirect to another origin (the client then drops every "
                     "user-supplied header, so a redirect away loses the credentials or leaks them)", spec_modern=T26)
EVENT_IDS = Check("http-sse-event-ids-unique", SC_POST, "HTTP-009", "MUST", L, f"{T}#resumability-and-redelivery",
                  "SSE event ids are unique across every stream of the session (POST replies and the GET stream)", HTTP)
GET_STREAM = Check("http-get-stream-or-405", SC_GET, "HTTP-006", "MUST", L, f"{T}#listening-for-messages-from-the-server",
                   "GET on the endpoint opens text/event-stream or answers 405", HTTP)
GET_NO_RESPONSES = Check("http-get-stream-no-responses", SC_GET, "HTTP-007", "MUST", L, f"{T}#listening-for-messages-from-the-server",
                         "the GET stream carries no JSON-RPC responses", HTTP)
VERSION_INVALID = Check("http-protocol-version-invalid-400", SC_VERSION, "HTTP-014", "MUST", revisions("25b-25c"),
                        f"{T}#protocol-version-header", "an unsupported MCP-Protocol-Version header is answered 400", HTTP)
VERSION_ABSENT = Check("http-protocol-version-absent-accepted", SC_VERSION, "HTTP-014", "SHOULD", revisions("25b-25c"),
                       f"{T}#protocol-version-header", "a request without MCP-Protocol-Version is accepted (as 2025-03-26)", HTTP)

EVIL = "evil.example"


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ping_body(request_id) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": request_id, "method": "ping"}).encode()


# ---- session lifecycle (its own connection) -------------------------------------------
async def run_session(ctx) -> None:
    from validator.conformance.transport.streamable_http import initialize_body

    session = await ctx.open_session(initialize=False)
    channel = session.channel
    init = await channel.post(initialize_body(ctx.revision, 1, "agentconform-session-test"), wait_body=True, deliver=False)
    if init.status != 200:
        for check in (INITIALIZED_202, SESSION_REQUIRED, UNKNOWN_SESSION, DELETE_OK, TERMINATED_404):
            ctx.report(check, "fail", f"initialize on a new connection answered HTTP {init.status} {init.error or ''}".strip())
        return
    channel.session_id = init.header("mcp-session-id")
    channel.protocol_version = ctx.revision
    note = await channel.post(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}).encode(), wait_body=True, deliver=False)
    body = note.body.strip()
    ctx.verdict(INITIALIZED_202, note.status == 202 and not body, "202 Accepted, empty body",
                f"notifications/initialized answered HTTP {note.status}" + (f" with a body: {body[:80]!r}" if body else ""))
    if not channel.session_id:
        for check in (SESSION_REQUIRED, UNKNOWN_SESSION, DELETE_OK, TERMINATED_404):
            ctx.skipped(check, "the server issues no Mcp-Session-Id (sessionless)")
        return
    missing = await channel.post(ping_body(2), drop=("Mcp-Session-Id",), wait_body=True, deliver=False)
    # "Servers that require a session ID SHOULD respond to requests without an Mcp-Session-Id
    # header (other than initialization) with HTTP 400 Bad Request"; a server MAY run without
    # sessions, and one that serves such a request simply does not require them
    # (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management).
    if missing.status == 400:
        ctx.passed(SESSION_REQUIRED, "400 without Mcp-Session-Id")
    elif 200 <= missing.status < 300:
        ctx.passed(SESSION_REQUIRED, f"served without Mcp-Session-Id (HTTP {missing.status}): the server does not "
                                     "require sessions, which the spec allows")
    else:
        ctx.violated(SESSION_REQUIRED, f"a request without Mcp-Session-Id answered HTTP {missing.status}; a server "
                                       "that requires a session id should answer 400")
    unknown = await channel.post(ping_body(3), headers={"Mcp-Session-Id": "agentconform-never-issued-session"}, wait_body=True, deliver=False)
    ctx.verdict(UNKNOWN_SESSION, unknown.status == 404, "404 for a never-issued session id",
                f"a never-issued session id answered HTTP {unknown.status}")
    deleted = await channel.delete()
    if deleted.status == 405:
        ctx.passed(DELETE_OK, "405: the server does not let clients end sessions")
        ctx.skipped(TERMINATED_404, "DELETE answered 405, so the session was not terminated")
        return
    ctx.verdict(DELETE_OK, 200 <= deleted.status < 300, f"DELETE answered {deleted.status}",
                f"DELETE answered HTTP {deleted.status} (2xx or 405 expected)")
    if not 200 <= deleted.status < 300:
        ctx.skipped(TERMINATED_404, f"DELETE answered {deleted.status}; no termination to test")
        return
    after = await channel.post(ping_body(4), wait_body=True, deliver=False)
    session.closing = True
    ctx.verdict(TERMINATED_404, after.status == 404, "404 after DELETE",
                f"a request with the terminated session id answered HTTP {after.status}")


# ---- DNS rebinding / Origin ------------------------------------------------------------
async def _probe_origin(ctx, headers: dict) -> object:
    from validator.conformance.transport.streamable_http import initialize_body

    session = await ctx.open_session(initialize=False)
    channel = session.channel
    if ctx.revision in MODERN_REVISIONS:  # no initialize: a server/discover with the revision's _meta and headers
        message = session.message("server/discover", {})
        reply = await channel.post(json.dumps(message).encode(), headers={**request_headers(message), **headers},
                                   wait_body=True, deliver=False)
        return reply
    reply = await channel.post(initialize_body(ctx.revision, 1, "agentconform-origin-test"), headers=headers,
                               wait_body=True, deliver=False)
    sid = reply.header("mcp-session-id")
    if reply.status == 200 and sid:
        channel.session_id = sid
        await channel.delete()
    return reply


async def run_dns(ctx) -> None:
    url = ctx.state.target.url
    host = urlsplit(url).netloc
    port = urlsplit(url).port
    local = is_loopback(url)
    evil_host = f"{EVIL}:{port}" if port else EVIL
    origin = await _probe_origin(ctx, {"Origin": f"http://{EVIL}"})
    # 403 is explicit from 2025-11-25; earlier revisions leave the status open
    want_403 = ctx.revision >= "2025-11-25"
    rejected = origin.status == 403 if want_403 else 400 <= origin.status < 500
    if rejected:
        ctx.passed(ORIGIN, f"Origin http://{EVIL} rejected with {origin.status}")
    elif 400 <= origin.status < 500:
        ctx.violated(ORIGIN, f"Origin http://{EVIL} rejected with {origin.status}; 403 is required from 2025-11-25 on")
    elif local:
        ctx.violated(ORIGIN, f"a request from Origin http://{EVIL} was accepted (HTTP {origin.status}) by a localhost server")
    else:
        ctx.warned(ORIGIN, f"a request from Origin http://{EVIL} was accepted (HTTP {origin.status}); which origins are valid is server policy")
    if not local:
        ctx.skipped(REBINDING, "not a localhost URL: DNS rebinding applies to servers on the loopback interface")
        ctx.skipped(LOCALHOST_OK, "not a localhost URL")
        return
    rebound = await _probe_origin(ctx, {"Host": evil_host, "Origin": f"http://{evil_host}"})
    ctx.verdict(REBINDING, 400 <= rebound.status < 500, f"Host/Origin {evil_host} rejected with {rebound.status}",
                f"Host/Origin {evil_host} was accepted (HTTP {rebound.status})")
    await _judge_valid(ctx, host, want_403)


async def _judge_valid(ctx, host: str, want_403: bool) -> None:
    """What the spec requires of valid traffic, and no more. Every revision: "Servers MUST validate
    the Origin header on all incoming connections" (2024-11-05 … 2025-06-18
    https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning);
    2025-11-25 adds "If the Origin header is present and invalid, servers MUST respond with HTTP 403
    Forbidden" (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning).
    Which origins are valid is the server's policy (catalogue HTTP-002): refusing every Origin — its
    own included — is allowed. So a request with the server's own Host and no Origin (what every
    non-browser client sends) must be served, and a request with its own Origin must be served or
    refused as the revision says (403; before 2025-11-25 any 4xx), never answered with an error."""
    plain = await _probe_origin(ctx, {"Host": host})
    if plain.status != 200:
        ctx.violated(LOCALHOST_OK, f"a request with Host {host} and no Origin answered HTTP {plain.status} "
                                   f"{(plain.error or '')}".strip())
        return
    own = await _probe_origin(ctx, {"Host": host, "Origin": f"http://{host}"})
    refused = own.status == 403 if want_403 else 400 <= own.status < 500
    if own.status == 200:
        ctx.passed(LOCALHOST_OK, f"Host {host} served without Origin and with Origin http://{host}")
    elif refused:
        ctx.passed(LOCALHOST_OK, f"Host {host} served without Origin; Origin http://{host} refused with {own.status} "
                                 "(which origins are valid is the server's policy)")
    else:
        wanted = "403 (2025-11-25)" if want_403 else "a 4xx refusal"
        ctx.violated(LOCALHOST_OK, f"Origin http://{host} answered HTTP {own.status}: a request is either served "
                                   f"or, its Origin invalid, refused with {wanted}")


# ---- the shared session's POST replies ---------------------------------------------------
async def run_post(ctx) -> None:
    bad, sse, unprimed = [], 0, []
    for reply in ctx.session.replies:
        http = reply.http
        if http is None or not hasattr(http, "status") or http.status >= 400:
            continue
        kind = http.content_type.split(";")[0].strip().lower()
        if kind not in ("application/json", "text/event-stream"):
            bad.append(f"{reply.method}: HTTP {http.status} Content-Type {http.content_type!r}")
        if kind == "text/event-stream":
            sse += 1
            first = http.events[0] if http.events else None
            if first is None or first.id is None or first.data.strip():
                unprimed.append(reply.method)
    count = sum(1 for r in ctx.session.replies if r.http is not None)
    ctx.verdict(CONTENT_TYPE, not bad, f"{count} POSTed request(s) answered as JSON or SSE", "; ".join(bad[:3]))
    if SSE_PRIMING.applies(ctx.revision, ctx.transport):
        if not sse:
            ctx.skipped(SSE_PRIMING, "the server answered every request with JSON, not SSE")
        else:
            ctx.verdict(SSE_PRIMING, not unprimed, f"{sse} SSE response stream(s) primed with an event id",
                        f"{len(unprimed)} of {sse} SSE response stream(s) did not start with an id-carrying empty event (e.g. {unprimed[0] if unprimed else ''})")
    if EVENT_IDS.applies(ctx.revision, ctx.transport):  # 2026-07-28 has no sessions, so no resumption ids to judge
        _event_ids_unique(ctx)
    client = getattr(ctx.session.channel, "client", None)
    hops = list(getattr(client, "cross_origin_redirects", None) or [])
    ctx.verdict(CROSS_ORIGIN, not hops, "no redirect to another origin",
                "; ".join(f"{method} {src} was redirected to another origin: {dst} (sent without --header values "
                          "or cookies)" for method, src, dst in hops[:2]), details={"redirects": hops[:20]} if hops else None)


def _event_ids_unique(ctx) -> None:
    """An id names one event for resumption (Last-Event-ID), so the spec requires it to be
    unique across all streams of the session, the GET stream included; ids are optional.
    https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery"""
    seen: dict[str, int] = {}
    streams = 0
    for http in ctx.session.channel.replies:
        ids = [event.id for event in http.events if event.id]
        streams += bool(ids)
        for event_id in ids:
            seen[event_id] = seen.get(event_id, 0) + 1
    if not seen:
        ctx.skipped(EVENT_IDS, "the server sent no SSE event ids (they are optional)")
        return
    reused = [f"{event_id!r} ×{count}" for event_id, count in seen.items() if count > 1]
    ctx.verdict(EVENT_IDS, not reused, f"{len(seen)} SSE event id(s) over {streams} stream(s), none reused",
                f"SSE event id(s) reused within the session: {', '.join(reused[:3])}")


# ---- GET stream -----------------------------------------------------------------------------
async def run_get(ctx) -> None:
    reply = await ctx.session.channel.get(read_for=0.5)
    kind = reply.content_type.split(";")[0].strip().lower()
    if reply.status == 405:
        ctx.passed(GET_STREAM, "405: the server offers no GET stream")
        ctx.skipped(GET_NO_RESPONSES, "no GET stream")
        return
    ok = reply.status == 200 and kind == "text/event-stream"
    ctx.verdict(GET_STREAM, ok, "GET opened an SSE stream",
                f"GET answered HTTP {reply.status} {reply.content_type or reply.error or ''}".strip() + " (text/event-stream or 405 required)")
    if not ok:
        ctx.skipped(GET_NO_RESPONSES, "no GET stream")
        return
    responses = [m for m in reply.messages if isinstance(m, dict) and "id" in m and ("result" in m or "error" in m)]
    ctx.verdict(GET_NO_RESPONSES, not responses, "no JSON-RPC response on the GET stream",
                f"the GET stream carried {len(responses)} JSON-RPC response(s), e.g. id {responses[0].get('id') if responses else ''!r}")


# ---- MCP-Protocol-Version header ---------------------------------------------------------------
async def run_version(ctx) -> None:
    channel = ctx.session.channel
    bad = await channel.post(ping_body("agentconform-version-bad"), headers={"MCP-Protocol-Version": "1900-01-01"},
                             wait_body=True, deliver=False)
    ctx.verdict(VERSION_INVALID, bad.status == 400, "400 for MCP-Protocol-Version: 1900-01-01",
                f"MCP-Protocol-Version: 1900-01-01 answered HTTP {bad.status}")
    absent = await channel.post(ping_body("agentconform-version-absent"), drop=("MCP-Protocol-Version",),
                                wait_body=True, deliver=False)
    answered = any(isinstance(m, dict) and "result" in m for m in absent.messages)
    ctx.verdict(VERSION_ABSENT, absent.status == 200 and answered, "a request without the header was answered",
                f"a request without MCP-Protocol-Version answered HTTP {absent.status}")


SCENARIOS = [
    Scenario(SC_SESSION, "Mcp-Session-Id life cycle: initialized, missing/unknown ids, DELETE, 404 after",
             (INITIALIZED_202, SESSION_REQUIRED, UNKNOWN_SESSION, DELETE_OK, TERMINATED_404), run_session,
             phase="isolated", transports=HTTP, revisions=L),
    Scenario(SC_DNS, "Origin validation and DNS-rebinding protection", (REBINDING, LOCALHOST_OK, ORIGIN), run_dns,
             phase="isolated", transports=HTTP, revisions=DNS_REVISIONS),
    Scenario(SC_GET, "GET opens an SSE stream or answers 405", (GET_STREAM, GET_NO_RESPONSES), run_get,
             transports=HTTP, revisions=L),
    Scenario(SC_VERSION, "The MCP-Protocol-Version header", (VERSION_INVALID, VERSION_ABSENT), run_version,
             transports=HTTP, revisions=revisions("25b-25c")),
    Scenario(SC_POST, "Content types of POST replies, SSE priming and event ids", (CONTENT_TYPE, SSE_PRIMING, EVENT_IDS, CROSS_ORIGIN), run_post,
             phase="collect", transports=HTTP, revisions=DNS_REVISIONS),
]
