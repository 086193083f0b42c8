"""2026-07-28 `subscriptions/listen` (C26-008): the acknowledgement, the subscription id, the filter.

On a connection of its own (a fresh process on stdio), for the change notifications the
server declares (`listChanged` of tools, prompts or resources), three MUSTs of the spec's
subscriptions page, each its own check: the first message of the stream is
`notifications/subscriptions/acknowledged` (#acknowledgment); it and every notification on the
stream carry the listen request's id as `io.modelcontextprotocol/subscriptionId`
(#acknowledgment, #receiving-notifications); no notification type the client did not ask for
is acknowledged or sent (#opening-a-stream). The subscription is then cancelled as the spec says (`notifications/cancelled` on
stdio, closing the stream on HTTP). A black-box client cannot make the lists change, so
the notifications after the acknowledgement are judged only when they come.
https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
"""

from __future__ import annotations

import asyncio
import json
import time

from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check

SUBSCRIPTIONS = "https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions"
SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId"
SC = "server-stateless"  # the official suite files the acknowledgement there; run by modern_core's scenario
ACK = Check("sep-2575-server-sends-subscription-ack", SC, "C26-008", "MUST", MODERN_REVISIONS, f"{SUBSCRIPTIONS}#acknowledgment",
            "subscriptions/listen's first message is notifications/subscriptions/acknowledged")
TAGS = Check("sep-2575-server-tags-subscription-id", SC, "C26-008", "MUST", MODERN_REVISIONS,
             f"{SUBSCRIPTIONS}#receiving-notifications", "the acknowledgement and every notification on the stream "
             "carry the listen request's id as io.modelcontextprotocol/subscriptionId")
FILTER = Check("sep-2575-server-honors-notification-filter", SC, "C26-008", "MUST", MODERN_REVISIONS,
               f"{SUBSCRIPTIONS}#opening-a-stream", "no notification type the listen request did not ask for is "
               "acknowledged or sent")
CHECKS = (ACK, TAGS, FILTER)
FILTERS = {"tools": "toolsListChanged", "prompts": "promptsListChanged", "resources": "resourcesListChanged"}
STREAM_METHODS = {"notifications/subscriptions/acknowledged": None, "notifications/tools/list_changed": "toolsListChanged",
                  "notifications/prompts/list_changed": "promptsListChanged",
                  "notifications/resources/list_changed": "resourcesListChanged",
                  "notifications/resources/updated": "resourceSubscriptions"}
"""The notifications a subscription stream carries, and the filter field that asks for each."""
SETTLE = 0.25
"""Seconds to keep reading the stream after its first message (what else it carries is judged too)."""


def _filter(capabilities: dict) -> dict:
    out = {}
    for capability, field in FILTERS.items():
        declared = capabilities.get(capability)
        if isinstance(declared, dict) and declared.get("listChanged") is True:
            out[field] = True
    return out


async def _first_stream_message(session, since: int, task: asyncio.Task, wait: float):
    """The first notification after SINCE, or the listen request's own answer, within WAIT seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        notes = [i for i in session.inbound[since:] if i.kind == "notification"]
        if notes:
            return notes[0].message, None
        if task.done():
            return None, task
        await asyncio.sleep(0.02)
    return None, None


async def run_listen(ctx, session=None) -> None:
    """SESSION: a connection nothing else uses meanwhile (default: a fresh one); it is closed after."""
    wanted = _filter(ctx.session.server_capabilities)
    if not wanted:
        for check in CHECKS:
            ctx.skipped(check, "the server declares no listChanged capability to subscribe to")
        return
    session = session or await ctx.open_session()
    rid = session.new_id()
    session.listen_ids.add(rid)
    since = len(session.inbound)
    task = asyncio.ensure_future(session.request("subscriptions/listen", {"notifications": wanted}, request_id=rid,
                                                 scenario=SC))
    try:
        first, answered = await _first_stream_message(session, since, task, ctx.timeout)
        if first is not None:
            await asyncio.sleep(SETTLE)
        stream = [i.message for i in session.inbound[since:]
                  if i.kind == "notification" and i.message.get("method") in STREAM_METHODS]
        _judge(ctx, wanted, rid, first, answered, stream)
    finally:
        if session.channel.transport == "stdio" and not session.gone_reason:
            try:  # the client ends a stdio subscription by cancelling its request (subscriptions#cancellation)
                await session.notify("notifications/cancelled", {"requestId": rid, "reason": "agentconform: done"},
                                     scenario=SC)
            except RequestFailed:
                pass
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        session.closing = True
        await session.channel.close()  # on HTTP, closing the stream is the cancellation


def _judge(ctx, wanted: dict, rid: int, first, answered, stream: list[dict]) -> None:
    if first is None:
        for check in (TAGS, FILTER):
            ctx.skipped(check, "no notification came on the stream")
    if first is None and answered is None:
        ctx.violated(ACK, f"subscriptions/listen {json.dumps(wanted)}: nothing within {ctx.timeout:.0f}s, "
                          "no notifications/subscriptions/acknowledged")
        return
    if first is None:
        err = answered.exception() if not answered.cancelled() else None
        reply = None if err is not None else answered.result()
        if reply is not None and reply.error_code() == -32601:
            ctx.warned(ACK, "listChanged is declared but subscriptions/listen is unknown (-32601): the change "
                            "notifications have no stream to travel on")
        else:
            said = str(err) if err is not None else json.dumps(reply.message)[:200] if reply else "nothing"
            ctx.violated(ACK, f"subscriptions/listen was answered before any acknowledgement: {said}")
        return
    acknowledged = first.get("method") == "notifications/subscriptions/acknowledged"
    ctx.verdict(ACK, acknowledged, f"the first message acknowledges subscription {rid}",
                f"the first message is {first.get('method')}, not notifications/subscriptions/acknowledged",
                details=None if acknowledged else first)
    untagged = []
    for message in stream or [first]:
        params = message.get("params") if isinstance(message.get("params"), dict) else {}
        meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
        if meta.get(SUBSCRIPTION_ID) != rid:
            untagged.append(f"{message.get('method')} has _meta {SUBSCRIPTION_ID} {json.dumps(meta.get(SUBSCRIPTION_ID))}")
    ctx.verdict(TAGS, not untagged, f"{len(stream)} stream notification(s) tagged with subscription {rid}",
                f"not the listen request's id {rid}: " + "; ".join(untagged[:3]))
    unasked = []
    for message in stream:
        params = message.get("params") if isinstance(message.get("params"), dict) else {}
        field = STREAM_METHODS.get(message.get("method"))
        if message.get("method") == "notifications/subscriptions/acknowledged":
            granted = params.get("notifications")
            if isinstance(granted, dict):
                unasked += [f"acknowledges {k}" for k, v in granted.items() if v and k not in wanted]
        elif field not in wanted:
            unasked.append(f"sends {message.get('method')}")
    ctx.verdict(FILTER, not unasked, f"only what {json.dumps(wanted)} asked for",
                "; ".join(unasked[:3]) + f", which {json.dumps(wanted)} did not ask for")


# No scenario of its own (so not in the registry): `CHECKS` are listed and run by modern_core's
# `server-stateless` scenario.
