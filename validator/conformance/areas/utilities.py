"""Utilities: pagination, progress, cancellation, `_meta` keys, error codes, list_changed, icons.

- pagination (UTIL-005/006): every list the server declares is followed to its end
  once per revision (`primitives.listing`), and one list is asked for a cursor it
  never issued;
- progress (UTIL-004): resources/read and prompts/get carry a progressToken; every
  notifications/progress received is held against the tokens the client really sent
  (`Session.progress_tokens`) and the time their requests were answered;
- cancellation (UTIL-002): a request cancelled while in flight must leave the server
  answering (whether the cancelled request is answered is the server's choice);
- `_meta` keys (BASE-015, 2025-06-18 on): the prefix/name grammar on everything the
  server sends (a failure), reserved MCP prefixes used for keys the spec does not
  define (a warning);
- error codes: codes in JSON-RPC's reserved -32768..-32100 other than its predefined
  five (a warning; MCP's own codes sit in the server range -32000..-32099);
- list_changed and icons: notifications only for declared `listChanged`
  (LIFE-005), icons that clients will accept (BASE-018, 2025-11-25).
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
https://modelcontextprotocol.io/specification/2025-11-25/basic#meta
"""

from __future__ import annotations

import asyncio
import json
import re

from validator.conformance.observe.content import icon_problems
from validator.conformance.observe.listing import LISTS, listing
from validator.conformance.observe.primitives import (
    judge,
    notifications,
    ping_before,
    progress_meta,
    resource_reads,
    revision_sessions,
    still_answers,
    summary,
)
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
BASIC = f"{S25}/basic"
SC_PAGES, SC_PROGRESS, SC_CANCEL = "pagination", "progress", "cancellation"
SC_META, SC_ERRORS, SC_LIST_CHANGED, SC_ICONS = "meta-keys", "error-codes", "list-changed", "icons"
LM = revisions("all")
"""The handshake revisions and 2026-07-28 (pagination, _meta keys, icons and error codes keep their rules there)."""

CURSOR = Check("pagination-cursor-valid", SC_PAGES, "UTIL-005", "MUST", LM, f"{S25}/server/utilities/pagination#response-format",
               "nextCursor, when present, is a string, and the server accepts the cursors it issues")
TERMINATES = Check("pagination-terminates", SC_PAGES, "UTIL-006", "derived", LM, f"{S25}/server/utilities/pagination#pagination-flow",
                   "following nextCursor ends: no cursor comes back, no page only repeats earlier items")
NO_REPEATS = Check("pagination-no-repeats", SC_PAGES, "UTIL-006", "derived", LM, f"{S25}/server/utilities/pagination#pagination-flow",
                   "no tool name, resource URI, template or prompt name is listed twice")
INVALID_CURSOR = Check("pagination-invalid-cursor", SC_PAGES, "UTIL-005", "SHOULD", LM,
                       f"{S25}/server/utilities/pagination#error-handling", "a cursor the server never issued is answered with error -32602")
PROGRESS_TOKEN = Check("progress-token-known", SC_PROGRESS, "UTIL-004", "MUST", L, f"{BASIC}/utilities/progress#behavior-requirements",
                       "notifications/progress reference only a progressToken of a request still in progress")
PROGRESS_VALUES = Check("progress-increasing", SC_PROGRESS, "UTIL-004", "MUST", L, f"{BASIC}/utilities/progress#progress-flow",
                        "progress increases with each notification of a token; progress and total are numbers, message a string")
CANCEL = Check("cancel-in-flight-tolerated", SC_CANCEL, "UTIL-002", "SHOULD", L, f"{BASIC}/utilities/cancellation#behavior-requirements",
               "a request cancelled while in flight leaves the server answering (the cancelled request may go unanswered)")
META = Check("meta-key-grammar", SC_META, "BASE-015", "MUST", revisions("25b+"), f"{BASIC}#meta",
             "every _meta key the server sends is an optional dotted-label prefix with '/' and a valid name")
META_RESERVED = Check("meta-key-reserved-prefix", SC_META, "BASE-015", "derived", revisions("25b+"), f"{BASIC}#meta",
                      "no _meta key under a prefix MCP reserves, other than the keys the spec defines")
ERROR_RANGE = Check("error-code-reserved-range", SC_ERRORS, "BASE-003", "derived", LM, "https://www.jsonrpc.org/specification#error_object",
                    "error codes in -32768..-32100 are only JSON-RPC's predefined ones (-32700, -32600..-32603)")
LIST_CHANGED = Check("list-changed-only-when-declared", SC_LIST_CHANGED, "LIFE-005", "MUST", L, f"{S25}/basic/lifecycle#operation",
                     "notifications/{tools,resources,prompts}/list_changed come only when that capability declares listChanged")
ICONS = Check("icons-valid", SC_ICONS, "BASE-018", "derived", revisions("25c+"), f"{BASIC}#icons",
              "icons on the server, tools, resources, templates and prompts: https: or data: image src, image type, WxH sizes, theme")

INVALID_CURSOR_VALUE = "agentconform-never-issued-cursor"


# ---- pagination ----------------------------------------------------------------------------------------
async def _listings(ctx) -> list:
    found = await asyncio.gather(*(listing(ctx, method) for method in LISTS))
    return [one for one in found if one is not None and one.error is None]


async def run_pagination(ctx) -> None:
    lists = await _listings(ctx)
    if not lists:
        for check in (CURSOR, TERMINATES, NO_REPEATS, INVALID_CURSOR):
            ctx.skipped(check, "the server declares (or serves) no list")
        return
    pages = ", ".join(f"{one.method}: {one.pages} page(s)" for one in lists)
    cursor_type = [f"{one.method} {p}" for one in lists for p in one.cursor if "not a string" in p]
    refused = [f"{one.method} {p}" for one in lists for p in one.cursor if "not a string" not in p]
    judge(ctx, CURSOR, pages, cursor_type, refused)
    loops = [f"{one.method} {p}" for one in lists for p in one.loop]
    stopped = [f"{one.method}: {one.stopped}" for one in lists if one.stopped]
    judge(ctx, TERMINATES, pages + (f" ({'; '.join(stopped)})" if stopped else ""), [], loops)
    repeats = [f"{one.method}: {r}" for one in lists for r in one.repeats]
    judge(ctx, NO_REPEATS, f"{sum(len(one.items) for one in lists)} item(s), none listed twice", [], repeats)
    await _invalid_cursor(ctx, lists)


async def _invalid_cursor(ctx, lists) -> None:
    order = ("resources/list", "prompts/list", "resources/templates/list", "tools/list")
    method = sorted((one.method for one in lists if one.served), key=order.index)[0] if any(o.served for o in lists) else None
    if method is None:
        ctx.skipped(INVALID_CURSOR, "no list was served")
        return
    try:
        reply = await ctx.request(method, {"cursor": INVALID_CURSOR_VALUE})
    except RequestFailed as err:
        ctx.no_answer(INVALID_CURSOR, err)
        return
    code = reply.error_code()
    if reply.ok:
        ctx.violated(INVALID_CURSOR, f"{method} with cursor {INVALID_CURSOR_VALUE!r} answered a result (the cursor was ignored)")
    else:
        ctx.verdict(INVALID_CURSOR, code == -32602, f"{method} → error -32602",
                    f"{method} with a cursor it never issued answered error {code}, not -32602 (invalid params)")


# ---- progress (collect) ----------------------------------------------------------------------------------
def _key(value) -> str:
    return json.dumps(value, sort_keys=True)


async def run_progress(ctx) -> None:
    unknown, late, values, count = [], [], [], 0
    sent = sum(len(s.progress_tokens) for s in revision_sessions(ctx))
    last: dict[tuple, float] = {}
    for session, item, params in notifications(ctx, "notifications/progress"):
        count += 1
        token = params.get("progressToken")
        record = session.progress_tokens.get(_key(token))
        if record is None and any(_key(token) in other.progress_tokens for other in ctx.state.sessions):
            count -= 1  # another connection's progress written to this stream: sse-responses-on-own-stream's defect
            continue
        if record is None:
            unknown.append(f"progressToken {token!r} was never sent by the client")
        elif record["answered_at"] is not None and item.frame.at > record["answered_at"]:
            late.append(f"progress for {token!r} arrived after its {record['method']} request was answered")
        values += _progress_values(params, ctx.revision, last, (id(session), _key(token)), token)
    problems = unknown + late
    if not count:
        ctx.passed(PROGRESS_TOKEN, f"no unsolicited progress ({sent} progressToken(s) sent, no notifications/progress)")
        ctx.skipped(PROGRESS_VALUES, f"no notifications/progress received ({sent} progressToken(s) sent)")
        return
    judge(ctx, PROGRESS_TOKEN, f"{count} progress notification(s), each for an active request's token", problems)
    judge(ctx, PROGRESS_VALUES, f"{count} progress notification(s) well formed and increasing", values)


def _progress_values(params: dict, revision: str, last: dict, key: tuple, token) -> list[str]:
    out = []
    progress, total = params.get("progress"), params.get("total")
    if isinstance(progress, bool) or not isinstance(progress, (int, float)):
        return [f"progress {progress!r} for {token!r} is not a number"]
    if total is not None and (isinstance(total, bool) or not isinstance(total, (int, float))):
        out.append(f"total {total!r} for {token!r} is not a number")
    if "message" in params and revision >= "2025-03-26" and not isinstance(params["message"], str):
        out.append(f"message for {token!r} is not a string")
    if key in last and progress <= last[key]:
        out.append(f"progress for {token!r} went from {last[key]} to {progress} (it must increase)")
    last[key] = progress
    return out


# ---- cancellation (probe) ----------------------------------------------------------------------------------
async def _victim(ctx) -> tuple[str, dict]:
    """A harmless request to cancel while it runs: a read, else a list, else ping."""
    if ctx.capability("resources") is not None:
        reads = [r for r in await resource_reads(ctx) if r.contents]
        if reads:
            return "resources/read", {"uri": reads[0].uri, "_meta": progress_meta("resources/read")}
    for method in ("prompts/list", "tools/list"):
        if ctx.capability(LISTS[method][0]) is not None:
            return method, {}
    return "ping", {}


async def run_cancel(ctx) -> None:
    method, params = await _victim(ctx)
    before = await ping_before(ctx)
    session = ctx.session
    rid = session.new_id()
    pending = asyncio.ensure_future(session.request(method, params, request_id=rid, scenario=SC_CANCEL,
                                                    timeout=min(ctx.timeout, 5.0)))
    try:
        await asyncio.sleep(0.01)  # let the request go out first
        await ctx.notify("notifications/cancelled", {"requestId": rid, "reason": "agentconform: cancellation probe"})
        reply = await ctx.request("ping")
    except RequestFailed as err:
        pending.cancel()
        ctx.violated(CANCEL, f"after cancelling {method} (id {rid}) in flight, the server stopped answering: {err}")
        return
    answered = pending.done() and not pending.cancelled() and pending.exception() is None
    if not pending.done():
        pending.cancel()
    else:
        pending.exception()  # retrieved, so a timeout of the cancelled request is not logged as unhandled
    as_before = "" if reply.ok else f"; ping answers error {reply.error_code()} before any cancellation too"
    ctx.verdict(CANCEL, still_answers(reply, before), f"ping answered after cancelling {method} in flight "
                f"({'which was answered anyway' if answered else 'which was not answered'}){as_before}",
                f"ping after the cancellation answered error {reply.error_code()}"
                + (f" (before it: {'a result' if before.ok else f'error {before.error_code()}'})" if before else ""))


# ---- _meta keys (collect) --------------------------------------------------------------------------------
_LABEL = r"[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_META_KEY = re.compile(rf"^(?:(?P<prefix>{_LABEL}(?:\.{_LABEL})*)/)?(?P<name>(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)?)$")
SPEC_META_KEYS = frozenset({
    # 2025-11-25: schema/2025-11-25/schema.json (RELATED_TASK_META_KEY) and the tasks page
    # (https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/tasks), which defines
    # the model-immediate-response key of a CreateTaskResult
    "io.modelcontextprotocol/related-task", "io.modelcontextprotocol/model-immediate-response",
    # 2026-07-28: schema/2026-07-28/schema.json (request and result _meta of the stateless revision)
    "io.modelcontextprotocol/protocolVersion", "io.modelcontextprotocol/clientCapabilities",
    "io.modelcontextprotocol/clientInfo", "io.modelcontextprotocol/serverInfo", "io.modelcontextprotocol/logLevel",
    "io.modelcontextprotocol/subscriptionId", "io.modelcontextprotocol/tasks",
    "io.modelcontextprotocol/oauth-client-credentials",
})
"""Keys MCP itself defines under its reserved prefix. The prefix is reserved *for MCP*
(https://modelcontextprotocol.io/specification/2025-11-25/basic#meta), so a key MCP defines is
never squatting, whichever revision the session negotiated: an SDK that sends related-task on a
2025-06-18 session uses MCP's key, not one of its own."""
_OPAQUE = {"inputSchema", "outputSchema", "structuredContent", "requestedSchema", "data", "experimental", "arguments",
           "properties", "text", "blob", "default", "examples", "const", "enum"}
"""Fields whose values are the server's own data or a JSON Schema, where a `_meta` key is not MCP's."""


def meta_keys(message, path: str = ""):
    """(path, key) of every `_meta` key in an MCP message, outside user data."""
    if isinstance(message, dict):
        meta = message.get("_meta")
        if isinstance(meta, dict):
            for key in meta:
                yield f"{path}/_meta", key
        for key, value in message.items():
            if key != "_meta" and key not in _OPAQUE:
                yield from meta_keys(value, f"{path}/{key}")
    elif isinstance(message, list):
        for i, value in enumerate(message):
            yield from meta_keys(value, f"{path}/{i}")


def reserved(prefix: str, revision: str) -> bool:
    labels = prefix.split(".")
    if revision >= "2025-11-25":  # the second label is modelcontextprotocol or mcp
        return len(labels) >= 2 and labels[1] in ("modelcontextprotocol", "mcp")
    # 2025-06-18: any labels, then modelcontextprotocol or mcp, then at least one more label
    return any(label in ("modelcontextprotocol", "mcp") for label in labels[:-1])


async def run_meta(ctx) -> None:
    bad, squatting, count = [], [], 0
    for session in revision_sessions(ctx):
        for frame in session.channel.frames:
            if frame.error is not None or frame.message is None:
                continue
            for path, key in meta_keys(frame.message):
                count += 1
                found = _META_KEY.match(key) if isinstance(key, str) else None
                if not found:
                    bad.append(f"{key!r} at {path}")
                elif found["prefix"] and reserved(found["prefix"], ctx.revision) \
                        and key not in SPEC_META_KEYS:
                    squatting.append(f"{key!r} at {path} uses a prefix reserved for MCP")
    if not count:
        for check in (META, META_RESERVED):
            ctx.skipped(check, "the server sent no _meta keys")
        return
    bad, squatting = sorted(set(bad)), sorted(set(squatting))
    judge(ctx, META, f"{count} _meta key(s) follow the grammar", [f"invalid _meta key {b}" for b in bad])
    judge(ctx, META_RESERVED, f"no reserved prefix misused among {count} key(s)", [], squatting)


# ---- error codes (collect) -------------------------------------------------------------------------------
PREDEFINED = {-32700, -32600, -32601, -32602, -32603}


async def run_error_codes(ctx) -> None:
    codes, misused = 0, set()
    for session in revision_sessions(ctx):
        for frame in session.channel.frames:
            items = frame.message if isinstance(frame.message, list) else [frame.message]
            for item in items:
                error = item.get("error") if isinstance(item, dict) else None
                code = error.get("code") if isinstance(error, dict) else None
                if not isinstance(code, int) or isinstance(code, bool):
                    continue
                codes += 1
                if -32768 <= code <= -32100 and code not in PREDEFINED:
                    misused.add(code)
    if not codes:
        ctx.skipped(ERROR_RANGE, "the server sent no error responses")
        return
    judge(ctx, ERROR_RANGE, f"{codes} error response(s) use JSON-RPC's codes as defined", [],
          [f"error code {c} lies in JSON-RPC's reserved range but is none of its predefined codes" for c in sorted(misused)])


# ---- list_changed (collect) --------------------------------------------------------------------------------
async def run_list_changed(ctx) -> None:
    level = "MUST" if ctx.revision >= "2025-06-18" else "SHOULD"  # LIFE-005: SHOULD in 2024-11-05 and 2025-03-26
    sent, undeclared = 0, []
    for session, item, _params in notifications(ctx, r"notifications/(tools|resources|prompts)/list_changed"):
        sent += 1
        kind = item.message["method"].split("/")[1]
        cap = session.server_capabilities.get(kind)
        if not (isinstance(cap, dict) and cap.get("listChanged") is True):
            undeclared.append(f"{item.message['method']} without {kind}.listChanged declared")
    if undeclared:
        ctx.violated(LIST_CHANGED, summary(sorted(set(undeclared))), level=level)
    else:
        ctx.passed(LIST_CHANGED, f"{sent} list_changed notification(s), each declared" if sent else "no list_changed notification sent")


# ---- icons -------------------------------------------------------------------------------------------------
async def run_icons(ctx) -> None:
    owners: list[tuple[str, object]] = [("serverInfo", ctx.session.server_info)]
    for one in await _listings(ctx):
        owners += [(f"{one.method} {item.get(one.key)!r}", item) for item in one.objects()]
    problems, count = [], 0
    for where, owner in owners:
        icons = owner.get("icons") if isinstance(owner, dict) else None
        if icons is None:
            continue
        if not isinstance(icons, list):
            problems.append(f"{where}: icons is not an array")
            continue
        count += len(icons)
        for i, icon in enumerate(icons):
            problems += icon_problems(icon, f"{where} icons[{i}]")
    if not count and not problems:
        ctx.skipped(ICONS, "no icons on the server, tools, resources, templates or prompts")
        return
    judge(ctx, ICONS, f"{count} icon(s) clients can accept", [], problems)


SCENARIOS = [
    Scenario(SC_PAGES, "Every declared list followed to its end; a cursor never issued",
             (CURSOR, TERMINATES, NO_REPEATS, INVALID_CURSOR), run_pagination, revisions=LM),
    Scenario(SC_PROGRESS, "notifications/progress against the tokens sent", (PROGRESS_TOKEN, PROGRESS_VALUES), run_progress,
             phase="collect"),
    Scenario(SC_CANCEL, "A request cancelled in flight", (CANCEL,), run_cancel, phase="probe"),
    Scenario(SC_META, "_meta keys of every message (2025-06-18 on)", (META, META_RESERVED), run_meta, phase="collect",
             revisions=revisions("25b+")),
    Scenario(SC_ERRORS, "Error codes of every error response", (ERROR_RANGE,), run_error_codes, phase="collect",
             revisions=LM),
    Scenario(SC_LIST_CHANGED, "list_changed notifications only when declared", (LIST_CHANGED,), run_list_changed,
             phase="collect"),
    Scenario(SC_ICONS, "Icons clients will accept (2025-11-25)", (ICONS,), run_icons, revisions=revisions("25c+")),
]
