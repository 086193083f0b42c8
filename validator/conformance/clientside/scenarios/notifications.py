"""Notifications in both directions: progress for a client's progressToken, cancellation sent by
the client, and tools/list_changed (the client takes it without answering and may re-list).
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#list-changed-notification
"""

from __future__ import annotations

from validator.conformance.clientside.model import Action, ClientScenario
from validator.conformance.clientside.scenarios.common import calls, exited_cleanly, not_called, trigger_script
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check

L = revisions("L")
TOKEN = Check("client-progress-token-valid", "progress", "CLI-020", "MUST", L, f"{S25}/basic/utilities/progress#progress-flow",
              "a progressToken in a request's _meta is a string or integer")
PROGRESS = Check("client-progress-handled", "progress", "CLI-021", "derived", L, f"{S25}/basic/utilities/progress",
                 "progress notifications for its request do not disturb the client (it completes the call)")
CANCEL = Check("client-cancellation-valid", "progress", "LIFE-009", "MUST", L,
               f"{S25}/basic/utilities/cancellation#cancellation-flow",
               "notifications/cancelled names a request the client sent, never initialize")
NO_REPLY = Check("client-notification-not-answered", "tools-list-changed", "CLI-022", "MUST", L, f"{S25}/basic#notifications",
                 "a notification from the server gets no response")
REFETCH = Check("client-list-changed-refetch", "tools-list-changed", "CLI-023", "derived", L,
                f"{S25}/server/tools#list-changed-notification",
                "after notifications/tools/list_changed the client lists tools again before it relies on them")


def judge_progress(traffic, v) -> None:
    if not_called(traffic, v, "test_progress", (TOKEN, PROGRESS)):
        _judge_cancel(traffic, v)
        return
    params = calls(traffic, "test_progress")[0]["params"]
    meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
    if "progressToken" not in meta:
        v.skipped(TOKEN, "the client asked for no progress (no progressToken)")
        v.skipped(PROGRESS, "no progress notifications were sent")
    else:
        token = meta["progressToken"]
        v.verdict(TOKEN, isinstance(token, (str, int)) and not isinstance(token, bool), f"progressToken {token!r}",
                  f"progressToken {token!r} is neither a string nor an integer")
        ok, how = exited_cleanly(traffic)
        if ok:
            v.passed(PROGRESS, f"two progress notifications, then {how}")
        else:
            v.warned(PROGRESS, f"after progress notifications {how}")
    _judge_cancel(traffic, v)


def _judge_cancel(traffic, v) -> None:
    cancels = traffic.notifications("notifications/cancelled")
    if not cancels:
        v.skipped(CANCEL, "the client cancelled nothing")
        return
    sent = {repr(m.get("id")): m.get("method") for m in traffic.requests()}
    problems = []
    for note in cancels:
        target = (note.get("params") or {}).get("requestId") if isinstance(note.get("params"), dict) else None
        method = sent.get(repr(target))
        if method is None:
            problems.append(f"requestId {target!r} names no request the client sent")
        elif method == "initialize":
            problems.append("cancelled initialize")
    v.verdict(CANCEL, not problems, f"{len(cancels)} valid cancellation(s)", "; ".join(problems))


def judge_list_changed(traffic, v) -> None:
    if not_called(traffic, v, "test_list_changed", (NO_REPLY, REFETCH)):
        return
    server_ids = {repr(m.get("id")) for m in traffic.outgoing() if isinstance(m, dict) and "method" in m and "id" in m}
    stray = [m for m in traffic.responses() if repr(m.get("id")) not in server_ids]
    v.verdict(NO_REPLY, not stray, "no response to the notification", f"responses to no request: {stray[:2]}")
    sent_at = next((e["t"] for e in traffic.events if e.get("dir") == "out" and isinstance(e.get("msg"), dict)
                    and e["msg"].get("method") == "notifications/tools/list_changed"), None)
    if sent_at is None:
        v.skipped(REFETCH, "the notification was not sent")
        return
    relisted = [e for e in traffic.events if e.get("dir") == "in" and e["t"] >= sent_at and isinstance(e.get("msg"), dict)
                and e["msg"].get("method") == "tools/list"]
    if relisted:
        v.passed(REFETCH, "tools/list requested again after the notification")
    else:
        v.warned(REFETCH, "tools/list was not requested again after notifications/tools/list_changed (a stale tool list)")


SCENARIOS = [
    ClientScenario("progress", "the server reports progress for the call's progressToken; client cancellations are judged",
                   (TOKEN, PROGRESS, CANCEL),
                   trigger_script("test_progress", "reports progress", Action("progress")), judge_progress),
    ClientScenario("tools-list-changed", "the server announces a changed tool list during a call (listChanged declared)",
                   (NO_REPLY, REFETCH),
                   trigger_script("test_list_changed", "changes the tool list", Action("notify", "notifications/tools/list_changed"),
                                  capabilities={"tools": {"listChanged": True}}), judge_list_changed),
]
