"""Scenario `tools-notifications` (collect phase: reads what was received, sends nothing):
progress notifications during the tool calls, and `notifications/tools/list_changed`.

Progress: every call carried its own `_meta.progressToken`; a notification may only
reference a token the client sent for a request still in progress, and its `progress`
must increase (UTIL-004). The session remembers every token any scenario sent.
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress
"""

from __future__ import annotations

import json

from validator.conformance.checks import S25, Check, Scenario, revisions
from validator.conformance.tools.quote import q
from validator.conformance.tools.common import TOOLS, existing_calls

L = revisions("L")
SC = "tools-notifications"
PROGRESS_URL = f"{S25}/basic/utilities/progress"

PROGRESS = Check("tools-call-with-progress", SC, "UTIL-004", "MUST", L, PROGRESS_URL,
                 "progress notifications reference only a progressToken the client sent, for a request still in progress")
PROGRESS_UP = Check("tools-call-progress-increasing", SC, "UTIL-004", "MUST", L, PROGRESS_URL,
                    "progress increases with each notification for a token")
LIST_CHANGED = Check("tools-list-changed-declared", SC, "LIFE-005", "derived", L, f"{TOOLS}#list-changed-notification",
                     "notifications/tools/list_changed comes only from a server that declared tools.listChanged "
                     "(listChanged is the server's own promise, not a capability the client negotiates: a warning)")


def _progress_notes(session) -> list:
    return [i for i in session.received("notification")
            if isinstance(i.message, dict) and i.message.get("method") == "notifications/progress"]


async def run(ctx) -> None:
    run_ = await existing_calls(ctx)
    session = ctx.session
    notes = _progress_notes(session) if session is not None else []
    calls = run_.calls if run_ is not None else []
    by_token = {json.dumps(c.token): c for c in calls}
    unknown, late, sequences = [], [], {}
    for note in notes:
        params = note.message.get("params") if isinstance(note.message.get("params"), dict) else {}
        token = params.get("progressToken")
        key = json.dumps(token, sort_keys=True)
        if key not in session.progress_tokens:
            unknown.append(f"token {token!r} was never sent by the client")
            continue
        call = by_token.get(key)
        if call is not None and call.reply is not None and call.reply.frame is not None and note.frame.at > call.reply.frame.at:
            late.append(f"{q(call.plan.name)}: progress {params.get('progress')!r} arrived after its response")
        sequences.setdefault(key, []).append(params.get("progress"))
    tokens_sent = len(calls)
    if not notes:
        why = (f"no progress notification was sent during {tokens_sent} call(s) with a progressToken (progress is optional)"
               if tokens_sent else "no tool was called with a progressToken")
        ctx.skipped(PROGRESS, why)
        ctx.skipped(PROGRESS_UP, why)
    else:
        problems = unknown + late
        ctx.verdict(PROGRESS, not problems, f"{len(notes)} progress notification(s) for {len(sequences)} token(s)",
                    "; ".join(problems[:3]), details={"problems": problems[:20]} if problems else None)
        down = []
        for key, values in sequences.items():
            for before, after in zip(values, values[1:]):
                if not (_number(before) and _number(after) and after > before):
                    down.append(f"token {key}: {before!r} then {after!r}")
                    break
        ctx.verdict(PROGRESS_UP, not down, f"progress increased for {len(sequences)} token(s)", "; ".join(down[:3]))
    _list_changed(ctx)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _list_changed(ctx) -> None:
    sessions = [s for s in ctx.state.sessions if s.negotiated_version == ctx.revision]
    sent, offenders = 0, 0
    for session in sessions:
        got = [i for i in session.received("notification")
               if isinstance(i.message, dict) and i.message.get("method") == "notifications/tools/list_changed"]
        if not got:
            continue
        sent += len(got)
        tools = session.server_capabilities.get("tools")
        if not (isinstance(tools, dict) and tools.get("listChanged") is True):
            offenders += len(got)
    if offenders:
        ctx.violated(LIST_CHANGED, f"{offenders} notifications/tools/list_changed from a server that did not declare "
                                   "tools.listChanged: true")
    else:
        ctx.passed(LIST_CHANGED, f"{sent} list_changed notification(s), all declared" if sent
                   else "no notifications/tools/list_changed received")


SCENARIO = Scenario(SC, "Progress notifications during tool calls; tools/list_changed only when declared",
                    (PROGRESS, PROGRESS_UP, LIST_CHANGED), run, phase="collect")
