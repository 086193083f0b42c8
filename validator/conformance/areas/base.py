"""Base protocol (BASE-*): JSON-RPC 2.0 envelopes, ids, error codes, notifications, batches.

Most probes here are ones an SDK refuses to send (malformed JSON, envelopes with no
method, `jsonrpc: "1.0"`, arrays), so they go over the session's raw channel. The
error codes are JSON-RPC 2.0's, adopted by MCP (explicitly so in 2026-07-28).
https://modelcontextprotocol.io/specification/2025-11-25/basic
https://www.jsonrpc.org/specification#error_object
"""

from __future__ import annotations

import asyncio
import json

from validator.conformance.protocol.modern import NAMED_BY
from validator.conformance.protocol.revisions import MODERN_REVISIONS, revisions
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario
from validator.conformance.transport.base import TransportError

L = revisions("L")
LM = revisions("all")
"""The handshake revisions and 2026-07-28, for what JSON-RPC requires of every message and request there too."""
BASIC = f"{S25}/basic"
ERRORS26 = "https://modelcontextprotocol.io/specification/2026-07-28/basic#error-codes"
SC_REQ, SC_PROBE, SC_MSG = "jsonrpc-requests", "jsonrpc-probes", "jsonrpc-messages"

ENVELOPE = Check("jsonrpc-message-valid", SC_MSG, "BASE-001", "MUST", LM, f"{BASIC}#messages",
                 'every message is a JSON-RPC 2.0 object with "jsonrpc": "2.0"')
RESPONSE_SHAPE = Check("jsonrpc-response-shape", SC_MSG, "BASE-003", "MUST", LM, f"{BASIC}#responses",
                       "a response has exactly one of result (an object) or error (integer code, string message)")
NOTIFICATION_ID = Check("jsonrpc-notification-has-no-id", SC_MSG, "BASE-005", "MUST", LM, f"{BASIC}#notifications",
                        "notifications from the server carry no id")
SERVER_REQUEST_IDS = Check("jsonrpc-server-request-ids", SC_MSG, "BASE-006", "MUST", LM, f"{BASIC}#requests",
                           "server-initiated requests use string or integer ids, never null, never reused")
ID_MATCH = Check("jsonrpc-response-id-matches", SC_REQ, "BASE-002", "MUST", LM, f"{BASIC}#responses",
                 "each response carries its request's id, of the same type (integer and string ids)")
NO_REPLY = Check("jsonrpc-notification-no-reply", SC_REQ, "BASE-004", "MUST", LM, f"{BASIC}#notifications",
                 "a notification is never answered")
UNKNOWN_METHOD = Check("jsonrpc-unknown-method", SC_REQ, "BASE-009", "derived", LM, ERRORS26,
                       "an unknown method is answered with error -32601")
INVALID_PARAMS = Check("jsonrpc-invalid-params", SC_REQ, "BASE-010", "derived", LM, ERRORS26,
                       "invalid params of tools/call, resources/read, prompts/get, completion/complete and logging/setLevel "
                       "(where declared) are answered with error -32602")
PARSE_ERROR = Check("jsonrpc-parse-error", SC_PROBE, "BASE-007", "derived", L, ERRORS26,
                    "unparseable JSON is answered with error -32700")
INVALID_REQUEST = Check("jsonrpc-invalid-request", SC_PROBE, "BASE-008", "derived", L, ERRORS26,
                        "a structurally invalid request is answered with error -32600")
BATCH_SUPPORTED = Check("jsonrpc-batch-supported", SC_PROBE, "BASE-011", "MUST", revisions("25a"),
                        "https://modelcontextprotocol.io/specification/2025-03-26/basic#batching",
                        "2025-03-26: a JSON-RPC batch is answered with an array of responses")
BATCH_REJECTED = Check("jsonrpc-batch-rejected", SC_PROBE, "BASE-012", "derived", revisions("25b-25c"),
                       "https://modelcontextprotocol.io/specification/2025-06-18/changelog",
                       "2025-06-18 on: a JSON-RPC batch (removed) is rejected")

PROBE_WAIT = 2.0
"""Seconds a raw probe waits for its error response when the server stops answering."""
FENCE_GRACE = 0.15
"""Seconds after the fence ping's answer for a late (out-of-order) answer to arrive."""


def _is_http(ctx) -> bool:
    return ctx.transport == "streamable-http"


def _codes(messages) -> list:
    return [m.get("error", {}).get("code") for m in messages if isinstance(m, dict) and isinstance(m.get("error"), dict)]


# ---- main phase: ordinary requests ------------------------------------------------------
async def run_requests(ctx) -> None:
    await asyncio.gather(_unknown_method(ctx), _id_match(ctx), _invalid_params(ctx), _no_reply(ctx))


async def _unknown_method(ctx) -> None:
    try:
        reply = await ctx.request("agentconform/unknown-method", {})
    except RequestFailed as err:
        ctx.no_answer(UNKNOWN_METHOD, err)
        return
    code = reply.error_code()
    ctx.verdict(UNKNOWN_METHOD, code == -32601, "error -32601",
                f"answered {'a result' if reply.ok else f'error {code}'} instead of error -32601 (method not found)")


async def _id_match(ctx) -> None:
    problems, seen = [], []
    probe = "server/discover" if ctx.revision in MODERN_REVISIONS else "ping"  # ping is retired in 2026-07-28
    for rid in ("agentconform-id-1", 2**31 + 7, 0):
        try:
            await ctx.request(probe, request_id=rid)
            seen.append(repr(rid))
        except RequestFailed as err:
            strays = [i.message.get("id") for i in ctx.session.received("stray-response") if isinstance(i.message, dict)]
            problems.append(f"id {rid!r}: {err}" + (f"; responses with unmatched ids {strays[:3]!r} arrived" if strays else ""))
            continue
    # a response matched to its request although its id differs (a number answered as a string, the
    # handshake answered with another id): the session keeps each, for every request of the revision
    for session in (s for s in ctx.state.sessions if s.negotiated_version == ctx.revision):
        problems += session.id_mismatches
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    ctx.verdict(ID_MATCH, not problems, f"ids {', '.join(seen)} echoed with their types", "; ".join(problems[:3]) + more,
                details=problems[:20] if len(problems) > 3 else None)


_INVALID_PARAMS = (
    # capability, method, params missing what the method requires, first revision with the method
    # (each revision's schema marks these members required; the error code is JSON-RPC's -32602,
    # adopted by MCP: https://modelcontextprotocol.io/specification/2026-07-28/basic#error-codes;
    # prompts and completion pages name it as a SHOULD for their own invalid requests:
    # https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#error-handling,
    # https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion#error-handling)
    ("tools", "tools/call", {"arguments": {}}, "2024-11-05"),                              # no `name`
    ("resources", "resources/read", {}, "2024-11-05"),                                     # no `uri`
    ("prompts", "prompts/get", {"arguments": {}}, "2024-11-05"),                           # no `name`
    ("completions", "completion/complete", {"argument": {"name": "x", "value": ""}}, "2025-03-26"),  # no `ref`
    ("logging", "logging/setLevel", {"level": "not-a-level"}, "2024-11-05"),
)


async def _invalid_params(ctx) -> None:
    """Every request that takes params, where its capability is declared: params that violate the
    method's schema are answered -32602 (BASE-010)."""
    modern = ctx.revision in MODERN_REVISIONS
    chosen = [(m, p) for cap, m, p, since in _INVALID_PARAMS if ctx.capability(cap) is not None and ctx.revision >= since
              # logging/setLevel is retired in 2026-07-28; over its Streamable HTTP a request without the field its
              # Mcp-Name mirrors is refused by header validation first (judged by http-header-validation)
              and not (modern and m == "logging/setLevel")
              and not (modern and ctx.transport == "streamable-http" and m in NAMED_BY)]
    if not chosen:
        ctx.skipped(INVALID_PARAMS, "the server declares no tools, resources, prompts, completions or logging to probe")
        return
    answers = await asyncio.gather(*(ctx.request(m, p) for m, p in chosen), return_exceptions=True)
    good, bad = [], []
    for (method, params), reply in zip(chosen, answers, strict=True):
        if isinstance(reply, RequestFailed):
            ctx.no_answer(INVALID_PARAMS, reply)
            return
        if isinstance(reply, BaseException):
            raise reply
        code = reply.error_code()
        is_error_result = method == "tools/call" and reply.ok and isinstance(reply.result, dict) and reply.result.get("isError")
        if code == -32602 and not is_error_result:
            good.append(method)
        else:
            got = "an isError result" if is_error_result else "a result" if reply.ok else f"error {code}"
            bad.append(f"{method} {json.dumps(params)} answered {got} instead of -32602 (invalid params)")
    ctx.verdict(INVALID_PARAMS, not bad, f"-32602 for invalid params of {', '.join(good)}", "; ".join(bad))


async def _no_reply(ctx) -> None:
    method = "notifications/agentconform-probe"
    before = len(ctx.session.received("stray-response"))
    try:
        http = await ctx.notify(method, {"probe": True})
    except RequestFailed as err:
        ctx.no_answer(NO_REPLY, err)
        return
    if _is_http(ctx) and http is not None:
        await http.done.wait()
        answered = [m for m in http.messages if isinstance(m, dict) and m.get("id") is not None and ("result" in m or "error" in m)]
        if answered:
            ctx.violated(NO_REPLY, f"HTTP {http.status}: the notification was answered with a JSON-RPC response carrying id {answered[0].get('id')!r}")
        elif http.status == 202 or 400 <= http.status < 500:
            ctx.passed(NO_REPLY, f"HTTP {http.status} without a JSON-RPC response")
        else:
            ctx.violated(NO_REPLY, f"HTTP {http.status} for a notification (202 Accepted, or a 4xx when not accepted, is required)",
                         level="MUST")
        return
    await _fence(ctx)
    replies = [i.message for i in ctx.session.received("stray-response")[before:]]
    ctx.verdict(NO_REPLY, not replies, "not answered (a later ping was)",
                f"the notification was answered: {json.dumps(replies[0])[:200] if replies else ''}")


# ---- probe phase: malformed traffic ----------------------------------------------------------
async def _raw_probe(ctx, session, payload: bytes):
    """Send PAYLOAD raw on SESSION; return (http_reply or None, error messages received)."""
    before = len(session.inbound)
    reply = await session.send_raw(payload, scenario=ctx.scenario.name)
    if reply is not None and _is_http(ctx):  # Streamable HTTP: the answer is in the reply body
        await asyncio.wait_for(reply.done.wait(), ctx.timeout)
        return reply, [m for m in reply.messages if isinstance(m, dict)]
    if reply is not None and reply.status >= 400:  # HTTP+SSE: refused at the POST, maybe with the error in its body
        return reply, _body_messages(reply)
    await _fence(ctx, session)
    got = [i.message for i in session.inbound[before:] if i.kind == "stray-response"]
    return None, [m for m in got if isinstance(m, dict)]


def _body_messages(reply) -> list[dict]:
    """The JSON-RPC messages in the body of a refused HTTP+SSE POST (mcp-go answers a line it cannot parse
    with 400 and `{"error": {"code": -32700}}` there, not on the stream)."""
    try:
        value = json.loads(bytes(getattr(reply, "body", b"") or b""))
    except ValueError:
        return []
    items = value if isinstance(value, list) else [value]
    return [m for m in items if isinstance(m, dict)]


async def _fence(ctx, session=None) -> None:
    """Wait until the server has certainly read past what was just sent.

    A ping sent after the probe is answered after the probe was read (stdio and SSE
    are ordered byte streams), so once its answer is in, an error for the probe
    either arrived already or will not come (a short grace covers servers that
    answer out of order). A server that never answers the ping costs PROBE_WAIT.
    """
    try:
        fence = "server/discover" if ctx.revision in MODERN_REVISIONS else "ping"  # ping is retired in 2026-07-28
        await (session or ctx.session).request(fence, timeout=min(ctx.timeout, PROBE_WAIT), scenario=ctx.scenario.name)
    except RequestFailed:
        return
    await asyncio.sleep(FENCE_GRACE)


def _batch_check(revision: str) -> Check | None:
    """The batch rule of REVISION. 2024-11-05 says nothing of batches (its schema defines no batch
    types; the 2025-03-26 changelog *adds* batching), 2025-03-26 requires receiving them
    (https://modelcontextprotocol.io/specification/2025-03-26/basic#batching), and 2025-06-18
    removes them (https://modelcontextprotocol.io/specification/2025-06-18/changelog). A revision
    is judged by its own rule only: 2024-11-05 by none."""
    return next((c for c in (BATCH_SUPPORTED, BATCH_REJECTED) if revision in c.revisions), None)


async def run_probes(ctx) -> None:
    # Malformed traffic can kill a server. Each probe gets a connection of its own (on stdio a
    # process of its own), so one crash is one failure, not a "server is gone" on every later
    # probe and scenario of the shared session.
    batch = _batch_check(ctx.revision)
    await asyncio.gather(_own(ctx, _parse_error, PARSE_ERROR), _own(ctx, _invalid_request, INVALID_REQUEST),
                         *([_own(ctx, _batch, batch)] if batch else []))


async def _own(ctx, probe, check) -> None:
    try:
        session = await ctx.open_session()
    except RequestFailed as err:
        ctx.no_answer(check, err)
        return
    except TransportError as err:
        ctx.report(check, "fail", f"could not open a connection for the probe: {err}")
        return
    await probe(ctx, session)


async def _settle(session, seconds: float = 1.0) -> bool:
    """Give a server that got no answer out a moment to be seen dead: its exit is read by the channel's own task,
    which a loaded machine may run only after the fence ping has failed. True once it is seen gone."""
    deadline = asyncio.get_running_loop().time() + seconds
    while session.gone_reason is None and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    return session.gone_reason is not None


async def _judge_error(ctx, session, check, http, messages, code, what: str) -> None:
    codes = _codes(messages)
    if http is not None:
        if code in codes and http.status < 500:
            ctx.passed(check, f"HTTP {http.status} with error {code}")
        elif 400 <= http.status < 500:
            ctx.warned(check, f"HTTP {http.status} but the body carries {codes or 'no JSON-RPC error'} instead of error {code}")
        else:
            ctx.violated(check, f"{what}: HTTP {http.status} {http.content_type or ''}, expected a 4xx with error {code}".strip())
        return
    if not codes:
        await _settle(session)
    if session.gone_reason:
        ctx.report(check, "fail", f"{what}: the server died ({session.gone_reason})")
    elif code in codes:
        ctx.passed(check, f"error {code}")
    elif codes:
        ctx.violated(check, f"{what}: answered error {codes[0]} instead of {code}")
    else:
        ctx.violated(check, f"{what}: no error response (expected error {code}); the server answered a later ping")


async def _parse_error(ctx, session) -> None:
    try:
        http, messages = await _raw_probe(ctx, session, b'{"jsonrpc": "2.0", "id": 9001, "method": "ping"')
    except RequestFailed as err:
        ctx.no_answer(PARSE_ERROR, err)
        return
    bad_id = [m.get("id") for m in messages if isinstance(m.get("error"), dict) and m.get("id") not in (None, 9001)]
    if bad_id:
        ctx.violated(PARSE_ERROR, f"the parse error carries id {bad_id[0]!r}; it must be null or absent")
        return
    await _judge_error(ctx, session, PARSE_ERROR, http, messages, -32700, "truncated JSON")


async def _invalid_request(ctx, session) -> None:
    what = "a request without a method"
    try:
        http, messages = await _raw_probe(ctx, session, json.dumps({"jsonrpc": "2.0", "id": 9002, "params": {}}).encode())
        if not _codes(messages) and http is None and not session.gone_reason:
            what = 'a request without a method, then one with "jsonrpc": "1.0"'
            http, messages = await _raw_probe(ctx, session, json.dumps({"jsonrpc": "1.0", "id": 9003, "method": "ping"}).encode())
    except RequestFailed as err:
        ctx.no_answer(INVALID_REQUEST, err)
        return
    await _judge_error(ctx, session, INVALID_REQUEST, http, messages, -32600, what)


async def _batch(ctx, session) -> None:
    batch = json.dumps([{"jsonrpc": "2.0", "id": 9101, "method": "ping"}, {"jsonrpc": "2.0", "id": 9102, "method": "ping"}]).encode()
    try:
        if _batch_check(ctx.revision) is BATCH_SUPPORTED:
            await _batch_supported(ctx, session, batch)
        else:
            http, messages = await _raw_probe(ctx, session, batch)
            answered = {m.get("id") for m in messages if "result" in m}
            if http is not None and http.status >= 400 or (_codes(messages) and not answered):
                ctx.passed(BATCH_REJECTED, "the batch was rejected" + (f" (HTTP {http.status})" if http is not None else ""))
            elif answered:
                ctx.violated(BATCH_REJECTED, f"the batch was processed (answers for ids {sorted(answered)}); batching was removed in 2025-06-18")
            elif await _settle(session):  # as the other malformed-input probes judge a crash
                ctx.report(BATCH_REJECTED, "fail", f"a batch: the server died ({session.gone_reason})")
            else:
                ctx.violated(BATCH_REJECTED, "the batch was neither answered nor rejected with an error")
    except RequestFailed as err:
        ctx.no_answer(_batch_check(ctx.revision), err)


async def _batch_supported(ctx, session, batch: bytes) -> None:
    before = len(session.inbound)
    http = await session.send_raw(batch, scenario=ctx.scenario.name)
    arrays = []
    if http is not None and not _is_http(ctx):
        http = None if http.status < 400 else http
    if http is not None:
        await asyncio.wait_for(http.done.wait(), ctx.timeout)
        arrays = [f.message for f in http.frames if isinstance(f.message, list)]
    else:
        await _fence(ctx, session)
        arrays = [i.frame.message for i in session.inbound[before:] if isinstance(i.frame.message, list)]
    ids = {m.get("id") for a in arrays for m in a if isinstance(m, dict)}
    if http is not None:
        # Streamable HTTP (2025-03-26) lets the responses to a batch arrive as separate
        # SSE events ("These responses MAY be batched"), so any framing counts there.
        ids |= {m.get("id") for m in http.messages if isinstance(m, dict)}
    ctx.verdict(BATCH_SUPPORTED, {9101, 9102} <= ids, "the batch was answered with both responses",
                "the batch was not answered with an array holding both responses"
                + (f" (HTTP {http.status})" if http is not None else ""))


# ---- collect phase: every message received ---------------------------------------------------
async def run_collect(ctx) -> None:
    envelope, shape, notif, req_ids = [], [], [], []
    for session in (s for s in ctx.state.sessions if s.negotiated_version == ctx.revision):
        seen_ids: set[str] = set()
        for frame in session.channel.frames:
            if frame.error is not None or frame.message is None or not frame.validate:
                continue
            items = frame.message if isinstance(frame.message, list) else [frame.message]
            for item in items:
                if not isinstance(item, dict):
                    envelope.append(f"not an object: {frame.preview(80)}")
                    continue
                if item.get("jsonrpc") != "2.0":
                    envelope.append(f'"jsonrpc" is {item.get("jsonrpc")!r}: {frame.preview(80)}')
                if "method" in item:
                    if "id" in item:
                        rid = item["id"]
                        if rid is None or isinstance(rid, bool) or not isinstance(rid, (str, int)):
                            req_ids.append(f"{item.get('method')} has id {rid!r}")
                        elif json.dumps(rid) in seen_ids:
                            req_ids.append(f"{item.get('method')} reuses id {rid!r}")
                        else:
                            seen_ids.add(json.dumps(rid))
                    continue
                problem = _response_problem(item)
                if problem:
                    shape.append(problem)
        for inbound in session.received("request"):
            method = str(inbound.message.get("method"))
            if method.startswith("notifications/"):  # a notification sent with an id
                notif.append(method)
    ctx.verdict(ENVELOPE, not envelope, "every message is a JSON-RPC 2.0 object", "; ".join(envelope[:5]), details=envelope[:20] or None)
    ctx.verdict(RESPONSE_SHAPE, not shape, "every response has a valid result or error", "; ".join(shape[:5]), details=shape[:20] or None)
    ctx.verdict(NOTIFICATION_ID, not notif, "no notification carries an id", f"notifications with an id: {notif[:5]}")
    ctx.verdict(SERVER_REQUEST_IDS, not req_ids, "server requests (if any) use unique string/integer ids", "; ".join(req_ids[:5]))


def _response_problem(item: dict) -> str | None:
    has_result, has_error = "result" in item, "error" in item
    if has_result == has_error:
        return f"response id {item.get('id')!r} has {'both' if has_result else 'neither'} result and error"
    if has_result and not isinstance(item["result"], dict):
        return f"response id {item.get('id')!r}: result is {type(item['result']).__name__}, not an object"
    if has_error:
        error = item["error"]
        if not isinstance(error, dict):
            return f"response id {item.get('id')!r}: error is not an object"
        if not isinstance(error.get("code"), int) or isinstance(error.get("code"), bool):
            return f"response id {item.get('id')!r}: error.code {error.get('code')!r} is not an integer"
        if not isinstance(error.get("message"), str):
            return f"response id {item.get('id')!r}: error.message is not a string"
    if "id" not in item:
        return "response without an id"
    return None


SCENARIOS = [
    Scenario(SC_REQ, "Ids, unknown methods, invalid params, notifications",
             (ID_MATCH, UNKNOWN_METHOD, INVALID_PARAMS, NO_REPLY), run_requests, revisions=LM),
    Scenario(SC_PROBE, "Malformed JSON, invalid requests, batches (raw probes)",
             (PARSE_ERROR, INVALID_REQUEST, BATCH_SUPPORTED, BATCH_REJECTED), run_probes, phase="probe"),
    Scenario(SC_MSG, "Every message received is a valid JSON-RPC 2.0 message",
             (ENVELOPE, RESPONSE_SHAPE, NOTIFICATION_ID, SERVER_REQUEST_IDS), run_collect, phase="collect", revisions=LM),
]
