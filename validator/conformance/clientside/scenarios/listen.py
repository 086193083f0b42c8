"""2026-07-28 `subscriptions/listen` from the client's side: the scripted server declares
`tools.listChanged`, acknowledges the client's listen request and then sends
`notifications/tools/list_changed` on that stream; the judge reads the listen request's shape
(its `notifications` filter per the schema's `SubscriptionFilter`, its per-request `_meta`) and
whether the client lists tools again after the notification.
Listening is optional for a client, so one that never opens `subscriptions/listen` is skipped
here, not failed. How a client ends the subscription is not judged: the spec lets closing the
stream (HTTP), `notifications/cancelled` (stdio) or the transport's end (process exit) end it,
with no MUST or SHOULD on the client (a cancellation naming a request never sent is the
`progress` scenario's `client-cancellation-valid`).
https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
"""

from __future__ import annotations

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS
from validator.conformance.clientside.scenarios.modern import CAPS_KEY, S26, VERSION_KEY
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import Check

M = revisions("26")
SUBSCRIPTIONS = f"{S26}/basic/patterns/subscriptions"
LIST_CHANGED = "notifications/tools/list_changed"
BOOLEAN_FIELDS = ("toolsListChanged", "promptsListChanged", "resourcesListChanged")

SHAPE = Check("client-listen-request-valid", "subscriptions-listen", "CLI-055", "MUST", M, f"{SUBSCRIPTIONS}#opening-a-stream",
              "subscriptions/listen carries a notifications filter per the schema (booleans, resourceSubscriptions "
              "a list of URIs) and _meta with the protocol version and the client's capabilities")
RELIST = Check("client-listen-list-changed-refetch", "subscriptions-listen", "CLI-056", "derived", M,
               f"{S26}/server/tools#list-changed-notification",
               "after notifications/tools/list_changed on its listen stream the client lists tools again")


def filter_problems(params: dict) -> list[str]:
    """What the listen request's params break of `SubscriptionsListenRequestParams` (schema.ts:
    `notifications: SubscriptionFilter` required) and of the per-request `_meta` (basic#meta)."""
    problems = []
    wanted = params.get("notifications")
    if not isinstance(wanted, dict):
        problems.append(f"notifications is {type(wanted).__name__}, not an object (the filter is required)")
        wanted = {}
    for field in BOOLEAN_FIELDS:
        if field in wanted and not isinstance(wanted[field], bool):
            problems.append(f"notifications.{field} is {wanted[field]!r}, not a boolean")
    uris = wanted.get("resourceSubscriptions")
    if uris is not None and not (isinstance(uris, list) and all(isinstance(uri, str) for uri in uris)):
        problems.append(f"notifications.resourceSubscriptions is {uris!r}, not a list of URI strings")
    meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
    if not isinstance(meta.get(VERSION_KEY), str) or not isinstance(meta.get(CAPS_KEY), dict):
        problems.append(f"_meta without {VERSION_KEY} or {CAPS_KEY}")
    return problems


def judge(traffic, v) -> None:
    listens = traffic.requests("subscriptions/listen")
    if not listens:
        for check in (SHAPE, RELIST):
            v.skipped(check, "the client never opened subscriptions/listen (listening is optional; the scenario's "
                             "harness opens one for toolsListChanged)")
        return
    problems = [f"request {m.get('id')!r}: {p}" for m in listens
                for p in filter_problems(m.get("params") if isinstance(m.get("params"), dict) else {})]
    v.verdict(SHAPE, not problems, f"{len(listens)} well-formed subscriptions/listen request(s)", "; ".join(problems[:3]))
    sent_at = next((e["t"] for e in traffic.events if e.get("dir") == "out" and isinstance(e.get("msg"), dict)
                    and e["msg"].get("method") == LIST_CHANGED), None)
    if sent_at is None:
        v.skipped(RELIST, "no tools list change was sent (the client did not ask for toolsListChanged)")
        return
    relisted = any(e.get("dir") == "in" and e["t"] >= sent_at and isinstance(e.get("msg"), dict)
                   and e["msg"].get("method") == "tools/list" for e in traffic.events)
    if relisted:
        v.passed(RELIST, "tools/list requested again after the notification on the listen stream")
    else:
        v.warned(RELIST, f"tools/list was not requested again after {LIST_CHANGED} on the listen stream (a stale tool list)")


SCENARIOS = [
    ClientScenario("subscriptions-listen",
                   "2026-07-28: the client listens for tool list changes; the server acknowledges and announces one",
                   (SHAPE, RELIST),
                   Script(capabilities={"tools": {"listChanged": True}}, tool_pages=((ADD_NUMBERS,),), listen=True),
                   judge, M,
                   harness="discover, list tools, open subscriptions/listen for toolsListChanged, list tools again "
                           "on notifications/tools/list_changed, end the listen, close"),
]
