"""Logging (UTIL-007, UTIL-008, UTIL-010): logging/setLevel and notifications/message.

`logging-set-level` (the official scenario name) sets every RFC 5424 level and an
unknown one on the shared session. What the server logs is judged over every
message of the revision (collect phase): its shape, that it comes only with
`logging` declared, and a heuristic scan for credentials. Level filtering is tested
after the concurrent phase, on the then quiet shared session, by replaying the same
requests at two levels: whatever the server logs at `debug`, nothing below the next
level up may arrive once that level is set (observable only for servers that log
something for those requests). A connection of its own would cost a server process per
revision on stdio.
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging
"""

from __future__ import annotations

import asyncio
import json

from validator.conformance.observe.primitives import judge, notifications, prompt_gets, required_arguments, resource_reads, undeclared
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed, empty_result
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LOGGING = f"{S25}/server/utilities/logging"
LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")
SC_SET, SC_MESSAGES, SC_FILTER = "logging-set-level", "logging-messages", "logging-level-filter"

SET_LEVEL = Check("logging-set-level", SC_SET, "UTIL-008", "derived", L, f"{LOGGING}#setting-log-level",
                  "with logging declared, logging/setLevel accepts each of the eight RFC 5424 levels with an empty result")
INVALID = Check("logging-invalid-level", SC_SET, "UTIL-008", "SHOULD", L, f"{LOGGING}#error-handling",
                "logging/setLevel with an unknown level is answered with error -32602")
MESSAGE = Check("logging-message-valid", SC_MESSAGES, "UTIL-007", "MUST", L, f"{LOGGING}#log-message-notifications",
                "notifications/message carries one of the eight levels, data, and a string logger when given")
UNDECLARED = Check("logging-undeclared-silent", SC_MESSAGES, "UTIL-007", "MUST", L, f"{LOGGING}#capabilities",
                   "a server that does not declare logging sends no notifications/message")
SECRETS = Check("logging-no-secrets", SC_MESSAGES, "UTIL-010", "MUST", L, f"{LOGGING}#security",
                "log messages carry no credentials (a heuristic scan: findings are warnings)")
FILTER = Check("logging-level-filter", SC_FILTER, "UTIL-008", "derived", L, f"{LOGGING}#message-flow",
               "after logging/setLevel, no notifications/message below that level arrive")

BOGUS_LEVEL = "agentconform-not-a-level"
GRACE = 0.15
"""Seconds after a fence ping for log notifications of earlier requests to arrive (stdio, HTTP+SSE)."""


# ---- logging-set-level ---------------------------------------------------------------------------
async def run_set_level(ctx) -> None:
    if undeclared(ctx, "logging", SET_LEVEL, INVALID):
        return
    # every level but debug and an unknown one together, then debug: the session is left at its
    # most verbose, so it logs all it can for logging-message-valid
    requests = [ctx.request("logging/setLevel", {"level": level}) for level in (*LEVELS[1:], BOGUS_LEVEL)]
    replies = list(await asyncio.gather(*requests, return_exceptions=True))
    invalid = replies.pop()
    try:
        replies.insert(0, await ctx.request("logging/setLevel", {"level": "debug"}))
    except RequestFailed as err:
        replies.insert(0, err)
    problems = []
    for level, reply in zip(LEVELS, replies):
        if isinstance(reply, RequestFailed):
            problems.append(f"{level}: no answer ({reply})")
        elif isinstance(reply, BaseException):
            raise reply
        elif not reply.ok:
            problems.append(f"{level}: error {reply.error_code()}")
        elif not empty_result(reply.result):
            problems.append(f"{level}: result {json.dumps(reply.result)[:80]} is not empty")
    if any("no answer" in p for p in problems):
        ctx.report(SET_LEVEL, "fail", "; ".join(problems[:3]))
    else:
        judge(ctx, SET_LEVEL, "every level accepted with {}", problems)
    if isinstance(invalid, BaseException):
        if not isinstance(invalid, RequestFailed):
            raise invalid
        ctx.no_answer(INVALID, invalid)
        return
    code = invalid.error_code()
    ctx.verdict(INVALID, code == -32602, "error -32602 (invalid params)",
                f"the unknown level {BOGUS_LEVEL!r} answered " + (f"error {code}" if invalid.error else "a result")
                + " instead of error -32602")


# ---- logging-messages (collect) ----------------------------------------------------------------------
def _message_problems(message: dict) -> list[str]:
    params = message.get("params")
    if not isinstance(params, dict):
        return ["notifications/message without params"]
    out = []
    if params.get("level") not in LEVELS:
        out.append(f"level {params.get('level')!r} is not one of the eight RFC 5424 levels")
    if "data" not in params:
        out.append("no data")
    if "logger" in params and not isinstance(params["logger"], str):
        out.append(f"logger {params['logger']!r} is not a string")
    return out


async def run_messages(ctx) -> None:
    from validator.secrets import find_secrets

    found = list(notifications(ctx, "notifications/message"))
    declared = ctx.capability("logging") is not None
    if declared:
        ctx.passed(UNDECLARED, f"logging is declared ({len(found)} message(s)); the rule binds servers that do not declare it")
    else:
        ctx.verdict(UNDECLARED, not found, "no notifications/message sent",
                    f"{len(found)} notifications/message sent without the logging capability, first: "
                    f"{json.dumps(found[0][1].message)[:160] if found else ''}")
    if not found:
        ctx.skipped(MESSAGE, "the server sent no notifications/message")
        ctx.skipped(SECRETS, "the server sent no notifications/message")
        return
    problems, leaks = [], []
    for _session, item, params in found:
        problems += [f"{p}: {json.dumps(item.message)[:120]}" for p in _message_problems(item.message)]
        for hit in find_secrets(json.dumps(params.get("data"), ensure_ascii=False)):
            leaks.append(f"a log message at level {params.get('level')!r} holds what looks like a {hit.kind}")
    judge(ctx, MESSAGE, f"{len(found)} log message(s) well formed", problems)
    if leaks:
        ctx.warned(SECRETS, "; ".join(sorted(set(leaks))[:3]), details=leaks[:20])
    else:
        ctx.passed(SECRETS, f"no credential-like values in {len(found)} log message(s)")


# ---- logging-level-filter (own connection) -------------------------------------------------------------
async def _actions(ctx) -> list[tuple[str, dict]]:
    """Requests that may make the server log, taken from what the shared session learned."""
    actions: list[tuple[str, dict]] = []
    if ctx.capability("resources") is not None:
        reads = [r for r in await resource_reads(ctx) if r.contents]
        if reads:
            actions.append(("resources/read", {"uri": reads[0].uri}))
            if ctx.capability("resources").get("subscribe") is True:
                actions += [("resources/subscribe", {"uri": reads[0].uri}), ("resources/unsubscribe", {"uri": reads[0].uri})]
    if ctx.capability("prompts") is not None:
        simple = [g for g in await prompt_gets(ctx) if g.messages is not None]
        if simple:
            got = simple[0]
            actions.append(("prompts/get", {"name": got.name, **({"arguments": got.arguments} if required_arguments(got.prompt) else {})}))
    return actions


async def _round(ctx, session, level: str, actions, *, settle: bool) -> tuple[list[dict], str | None]:
    """Set LEVEL, replay ACTIONS, wait for a fence; the log messages that arrived meanwhile.

    With SETTLE, also wait GRACE for stragglers, so none of them is taken for a message
    of the next round (on Streamable HTTP a request's notifications precede its response
    on its own stream, so there is nothing to wait for).
    """
    reply = await session.request("logging/setLevel", {"level": level}, scenario=SC_FILTER)
    if not reply.ok:
        return [], f"logging/setLevel {level} answered error {reply.error_code()}"
    start = len(session.inbound)
    await asyncio.gather(*(session.request(method, params, scenario=SC_FILTER) for method, params in actions))
    if ctx.transport != "streamable-http":  # a fence; on Streamable HTTP each answer is its own
        await session.request("ping", scenario=SC_FILTER)
        if settle:
            await asyncio.sleep(GRACE)
    return [i.message.get("params") or {} for i in session.inbound[start:]
            if i.kind == "notification" and i.message.get("method") == "notifications/message"], None


async def run_filter(ctx) -> None:
    if undeclared(ctx, "logging", FILTER):
        return
    # Not skipped when nothing was logged during the run: the concurrent phase cannot say at
    # which level its requests met the server (server-capabilities sets warning meanwhile).
    actions = await _actions(ctx)
    if not actions:
        ctx.skipped(FILTER, "no resource read, subscription or prompt to replay at two levels")
        return
    if ctx.transport == "stdio":  # a server process per revision
        await _filter(ctx, ctx.session, actions)
        return
    # one revision at a time: over HTTP the revisions' sessions share one server, and a
    # server that keeps a single level for all its sessions must not see them interleave
    lock = vars(ctx.state).setdefault("_logging_level_filter_lock", asyncio.Lock())
    async with lock:
        await _filter(ctx, ctx.session, actions)


async def _filter(ctx, session, actions) -> None:
    verbose, why = await _round(ctx, session, "debug", actions, settle=True)
    if why:
        ctx.skipped(FILTER, why)
        return
    seen = sorted({LEVELS.index(p.get("level")) for p in verbose if p.get("level") in LEVELS})
    what = ", ".join(m for m, _ in actions)
    if not seen or seen[0] == len(LEVELS) - 1:
        ctx.skipped(FILTER, f"no log message below emergency observed at level debug (requests: {what})")
        return
    threshold = LEVELS[seen[0] + 1]
    quieter, why = await _round(ctx, session, threshold, actions, settle=False)
    if why:
        ctx.violated(FILTER, why)
        return
    below = [p for p in quieter if p.get("level") in LEVELS and LEVELS.index(p["level"]) < seen[0] + 1]
    ctx.verdict(FILTER, not below,
                f"at debug {len(verbose)} message(s) (lowest {LEVELS[seen[0]]}); at {threshold} {len(quieter)}, none below it",
                f"after logging/setLevel {threshold}, {len(below)} message(s) below it arrived, e.g. level "
                f"{below[0].get('level') if below else ''!r}", details={"requests": what})


SCENARIOS = [
    Scenario(SC_SET, "logging/setLevel with every level and an unknown one", (SET_LEVEL, INVALID), run_set_level),
    Scenario(SC_MESSAGES, "Every notifications/message: shape, capability, credentials", (MESSAGE, UNDECLARED, SECRETS),
             run_messages, phase="collect"),
    Scenario(SC_FILTER, "Log level filtering, replayed at two levels once the session is quiet", (FILTER,), run_filter,
             phase="probe"),
]
