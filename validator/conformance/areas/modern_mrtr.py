"""2026-07-28 multi round-trip requests (C26-007): a retry without the requested input asks again.

With requests that declare the client capabilities an input request may need (elicitation in
form mode, sampling, roots: capabilities are per request in this revision, so the revision's
own connection serves), the tools `--call-tools` allows (read-only by default) are called
until one answers `input_required` with `inputRequests`. That request
is retried without `inputResponses` (echoing `requestState`, as a client must): the server
SHOULD answer a new `InputRequiredResult`, not an error. It is then retried once more with
answers the suite invents (elicitation declined, no roots, a canned sampling message), so the
round trip completes; what comes back is judged by the result-wide checks (`modern-messages`).
https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr#error-handling
"""

from __future__ import annotations

import json

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe import tools as observe_tools
from validator.conformance.protocol.modern import CAPABILITIES_KEY
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check, Scenario

MRTR = "https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr"
SC = "modern-input-required"
CAPABILITIES = {"elicitation": {"form": {}}, "sampling": {}, "roots": {}}
"""What the round-trip connection declares (no `elicitation.url`, no `sampling.tools`)."""
MAX_CALLS = 10
MISSING = Check("input-required-result-missing-input-response", SC, "C26-007", "SHOULD", MODERN_REVISIONS,
                f"{MRTR}#error-handling", "a retry without the requested inputResponses is answered with a new "
                "InputRequiredResult, not an error")
ANSWERS = {
    "elicitation/create": {"action": "decline"},
    "roots/list": {"roots": []},
    "sampling/createMessage": {"role": "assistant", "content": {"type": "text", "text": "agentconform"},
                               "model": "agentconform", "stopReason": "endTurn"},
}
"""Invented answers: each a valid result of its request type (client/elicitation, roots, sampling)."""


def _asks(reply) -> bool:
    result = reply.result if reply is not None else None
    return isinstance(result, dict) and result.get("resultType") == "input_required" \
        and isinstance(result.get("inputRequests"), dict) and bool(result["inputRequests"])


async def run_mrtr(ctx) -> None:
    found = await observe_tools.gate(ctx)
    if found is None:
        return
    plans = [p for p in calls_mod.plan_calls(await observe_tools.analysis(ctx, found), ctx.options.call_tools)
             if p.arguments is not None][:MAX_CALLS]
    if not plans:
        ctx.skipped(MISSING, f"no tool may be called (--call-tools {ctx.options.call_tools})")
        return
    session = ctx.session
    declare = {"_meta": {CAPABILITIES_KEY: CAPABILITIES}}
    asking = None
    for plan in plans:
        try:
            reply = await session.request("tools/call", {"name": plan.name, "arguments": plan.arguments, **declare},
                                          scenario=SC)
        except RequestFailed as err:
            if err.kind in ("gone", "transport"):
                raise
            continue
        if _asks(reply):
            asking = (plan, reply.result)
            break
    if asking is None:
        ctx.skipped(MISSING, f"none of {len(plans)} tool call(s) answered input_required with inputRequests "
                             "(on a connection declaring elicitation, sampling and roots)")
        return
    plan, result = asking
    base = {"name": plan.name, "arguments": plan.arguments, **declare}
    if isinstance(result.get("requestState"), str):
        base["requestState"] = result["requestState"]  # echoed exactly (mrtr#client-requirements-basic-workflow)
    retry = await session.request("tools/call", base, scenario=SC)
    if retry.error is not None:
        ctx.violated(MISSING, f"{plan.name} retried without inputResponses: error {json.dumps(retry.error)[:200]}, "
                              "not a new InputRequiredResult")
    else:
        kind = retry.result.get("resultType") if isinstance(retry.result, dict) else None
        ctx.passed(MISSING, f"{plan.name} retried without inputResponses: resultType {kind}")
    responses = {key: ANSWERS.get(request.get("method") if isinstance(request, dict) else None, {})
                 for key, request in result["inputRequests"].items()}
    await session.request("tools/call", {**base, "inputResponses": responses}, scenario=SC)


SCENARIOS = [
    Scenario(SC, "2026-07-28: input_required round trips on a connection declaring elicitation, sampling, roots",
             (MISSING,), run_mrtr, revisions=MODERN_REVISIONS),
]
