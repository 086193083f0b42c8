"""Concurrent POSTs on Streamable HTTP (HTTP-003): each is accepted and answered with its own response.

Three requests of one read-only method (the first declared list of tools, prompts or resources;
else `ping`, or `server/discover` on 2026-07-28) are POSTed at once. Every one must be
accepted (2xx, `application/json` or `text/event-stream`: "the server MUST return either", for
each request) and every answer must carry the response to its own request: the JSON body, or
an event of its SSE stream. The client "MAY remain connected to multiple SSE streams
simultaneously" (2025-03-26 … 2025-11-25, #multiple-connections); 2026-07-28 answers each
request "with either a single JSON object or a SSE stream scoped to that request ... followed
by the final response" and has no resumption, so a stream that ends without its response
leaves the request unanswered (fail). Before 2026-07-28 the stream "SHOULD eventually include"
the response (warning), and one that gave an event id may be resumed with `Last-Event-ID`,
which is not followed here (not judged). Ids are the official suite's
(`server-sse-multiple-streams`, SEP-1699).
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#multiple-connections
"""

from __future__ import annotations

import asyncio
import json

from validator.conformance.protocol.modern import request_headers
from validator.conformance.protocol.revisions import MODERN_REVISIONS, revisions
from validator.conformance.suite.checks import S25, Check, Scenario

T = ("streamable-http",)
R = revisions("25a+")
SC = "server-sse-multiple-streams"
STREAMS = 3
HTTP26 = f"https://modelcontextprotocol.io/specification/{MODERN_REVISIONS[0]}/basic/transports/streamable-http"

ACCEPTS = Check("server-accepts-multiple-post-streams", SC, "HTTP-003", "MUST", R, f"{S25}/basic/transports#multiple-connections",
                f"{STREAMS} concurrent POSTed requests are all accepted: 2xx with application/json or text/event-stream",
                T, spec_modern=f"{HTTP26}#sending-messages")
FUNCTIONAL = Check("server-sse-streams-functional", SC, "HTTP-003", "MUST", R, f"{S25}/basic/transports#multiple-connections",
                   "each concurrent answer (JSON body or SSE stream) carries the response to its own request",
                   T, spec_modern=f"{HTTP26}#receiving-messages")


def _method(ctx) -> str:
    for capability, method in (("tools", "tools/list"), ("prompts", "prompts/list"), ("resources", "resources/list")):
        if ctx.capability(capability) is not None:
            return method
    return "server/discover" if ctx.revision in MODERN_REVISIONS else "ping"


def _message(ctx, method: str) -> tuple[dict, dict]:
    """A request for METHOD with a fresh id, and the headers it needs beyond the channel's own."""
    session = ctx.session
    if ctx.revision in MODERN_REVISIONS:
        message = session.message(method, {})
        session.probed.add(json.dumps(message["id"]))
        return message, request_headers(message)
    return {"jsonrpc": "2.0", "id": session.new_id(), "method": method, "params": {}}, {}


def _kind(reply) -> str:
    ctype = reply.content_type.split(";")[0].strip().lower()
    return {"application/json": "JSON", "text/event-stream": "SSE"}.get(ctype, ctype or "no Content-Type")


def _accepted(reply) -> str | None:
    """Why REPLY is not an accepted answer to a request, or None."""
    if not reply.status:
        return f"no HTTP response ({reply.error})"
    if not 200 <= reply.status < 300:
        return f"HTTP {reply.status}"
    if _kind(reply) not in ("JSON", "SSE"):
        return f"HTTP {reply.status} with {_kind(reply)}"
    return None


async def run(ctx) -> None:
    method = _method(ctx)
    channel = ctx.session.channel
    sent = [_message(ctx, method) for _ in range(STREAMS)]
    replies = await asyncio.gather(*(channel.post(json.dumps(message).encode(), headers=headers, deliver=False,
                                                  wait_body=True, scenario=SC, answers=method, validate=False)
                                     for message, headers in sent))
    if any(reply.error == "run budget exhausted" for reply in replies):
        for check in (ACCEPTS, FUNCTIONAL):
            ctx.skipped(check, "the run's time budget ran out before the concurrent POSTs")
        return
    refused = [f"#{message['id']}: {why}" for (message, _), reply in zip(sent, replies, strict=True)
               if (why := _accepted(reply))]
    refused += _errors_beside_results(sent, replies)
    kinds = ", ".join(_kind(r) for r in replies)
    ctx.verdict(ACCEPTS, not refused, f"{STREAMS} concurrent {method} POSTs accepted ({kinds})",
                f"of {STREAMS} concurrent {method} POSTs: " + "; ".join(refused))
    _judge_answers(ctx, method, sent, replies)


def _own(message: dict, reply) -> dict | None:
    return next((m for m in reply.messages if isinstance(m, dict) and m.get("id") == message["id"]
                 and ("result" in m or "error" in m)), None)


def _errors_beside_results(sent: list, replies: list) -> list[str]:
    """The concurrent requests refused with a JSON-RPC error while the same request beside them was
    served: refused for being concurrent (a request that always fails is not this check's business)."""
    answers = [(message, _own(message, reply)) for (message, _), reply in zip(sent, replies, strict=True)]
    if not any(answer is not None and "result" in answer for _, answer in answers):
        return []
    return [f"#{message['id']}: JSON-RPC error {json.dumps(answer['error'])[:120]} while the same request beside it was served"
            for message, answer in answers if answer is not None and "error" in answer]


def _judge_answers(ctx, method: str, sent: list, replies: list) -> None:
    ids = {json.dumps(message["id"]) for message, _ in sent}
    broken, unanswered, unsure, foreign, judged = [], [], [], [], 0
    for (message, _), reply in zip(sent, replies, strict=True):
        if _accepted(reply):
            continue  # ACCEPTS names it
        own = json.dumps(message["id"])
        label = f"#{message['id']} ({_kind(reply)})"
        bad_frames = [f.error for f in reply.frames if f.error]
        answered = [json.dumps(m.get("id")) for m in reply.messages
                    if isinstance(m, dict) and ("result" in m or "error" in m)]
        judged += 1
        if reply.error or bad_frames:
            broken.append(f"{label}: {reply.error or bad_frames[0]}")
        elif own not in answered:
            got = f"carries the response to {', '.join(answered)}" if answered else "ends without a response"
            if not reply.done.is_set():
                got = "no response within the timeout"
            if _kind(reply) == "SSE" and ctx.revision not in MODERN_REVISIONS:
                resumable = any(event.id for event in reply.events)
                (unsure if resumable else unanswered).append(f"{label}: {got}")
            else:
                broken.append(f"{label}: {got}")
        else:
            foreign += [f"{label}: also the response to {other}" for other in answered if other != own and other in ids]
    if broken:
        ctx.violated(FUNCTIONAL, f"concurrent {method}: " + "; ".join(broken))
    elif unanswered or foreign:
        # 2025-03-26 ... 2025-11-25: the stream "SHOULD eventually include" the response, and other
        # messages on it "SHOULD relate to the originating client request"
        ctx.violated(FUNCTIONAL, f"concurrent {method}: " + "; ".join(unanswered + foreign), level="SHOULD")
    elif unsure:
        ctx.skipped(FUNCTIONAL, f"concurrent {method}: " + "; ".join(unsure) + " after an event id: a client resumes "
                                "it with Last-Event-ID, which this check does not follow")
    elif judged:
        ctx.passed(FUNCTIONAL, f"each of {judged} accepted concurrent {method} answers carries its own response")
    else:
        ctx.skipped(FUNCTIONAL, "no concurrent POST was accepted (see server-accepts-multiple-post-streams)")


SCENARIOS = [
    Scenario(SC, f"Streamable HTTP: {STREAMS} concurrent POSTs, each accepted and answered on its own stream",
             (ACCEPTS, FUNCTIONAL), run, phase="probe", transports=T, revisions=R),
]
