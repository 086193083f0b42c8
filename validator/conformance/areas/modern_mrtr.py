"""2026-07-28 multi round-trip requests (C26-006, C26-007, VER-006): retries, their state and their input.

With requests that declare the client capabilities an input request may need (elicitation in
form mode, sampling, roots: capabilities are per request in this revision, so the revision's
own connection serves), the tools `--call-tools` allows (read-only by default) are called
until one answers `input_required` with `inputRequests`. That request
is retried without `inputResponses` (echoing `requestState`, as a client must): the server
SHOULD answer a new `InputRequiredResult`, not an error. It is then retried once more with
answers the suite invents (elicitation declined, no roots, a canned sampling message), so the
round trip completes; what comes back is judged by the result-wide checks (`modern-messages`).
Around that round trip, on the same tool and arguments (probes: their answers are judged here
only): the call without any client capability must be refused with `-32021` naming what it
needs (HTTP 400) unless the server serves it without asking; a retry with a tampered
`requestState`, with an answer that is not an object, or with `inputResponses: null` must not
complete; answers the server did not ask for beside the right ones must not turn a retry into
an error. https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr#error-handling
"""

from __future__ import annotations

import json

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe import tools as observe_tools
from validator.conformance.protocol.modern import CAPABILITIES_KEY, MISSING_CAPABILITY, envelope
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check, Scenario

MRTR = "https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr"
BASIC = "https://modelcontextprotocol.io/specification/2026-07-28/basic"
SC = "modern-input-required"
CAPABILITIES = {"elicitation": {"form": {}}, "sampling": {}, "roots": {}}
"""What the round-trip connection declares (no `elicitation.url`, no `sampling.tools`)."""
MAX_CALLS = 10
MISSING = Check("input-required-result-missing-input-response", SC, "C26-007", "SHOULD", MODERN_REVISIONS,
                f"{MRTR}#error-handling", "a retry without the requested inputResponses is answered with a new "
                "InputRequiredResult, not an error")
UNDECLARED = Check("sep-2575-server-rejects-undeclared-capability", SC, "VER-006", "MUST", MODERN_REVISIONS,
                   f"{BASIC}#meta", "a call that needs a client capability the request did not declare is refused with "
                   "-32021 whose data.requiredCapabilities names it (or served without it)")
UNDECLARED_400 = Check("sep-2575-missing-capability-http-400", SC, "VER-006", "MUST", MODERN_REVISIONS, f"{BASIC}#meta",
                       "a -32021 MissingRequiredClientCapability error comes with HTTP 400", transports=("streamable-http",))
TAMPERED = Check("sep-2322-reject-tampered-state", SC, "C26-006", "MUST", MODERN_REVISIONS,
                 f"{MRTR}#server-requirements-basic-workflow", "a retry whose requestState was modified is rejected "
                 "(or asked again), not completed")
VALIDATE = Check("sep-2322-validate-input-responses", SC, "C26-007", "SHOULD", MODERN_REVISIONS, f"{MRTR}#error-handling",
                 "a retry whose inputResponses answer is not a result object is not completed with it")
PROTOCOL_ERROR = Check("sep-2322-error-on-protocol-error", SC, "C26-007", "SHOULD", MODERN_REVISIONS,
                       f"{MRTR}#error-handling", "a retry with inputResponses null (schema-invalid) gets a JSON-RPC error")
EXTRA = Check("sep-2322-ignore-unexpected-params", SC, "C26-007", "SHOULD", MODERN_REVISIONS, f"{MRTR}#error-handling",
              "an inputResponses key the server did not ask for is ignored, not an error")
CHECKS = (MISSING, UNDECLARED, UNDECLARED_400, TAMPERED, VALIDATE, PROTOCOL_ERROR, EXTRA)
NEEDS = {"elicitation/create": "elicitation", "sampling/createMessage": "sampling", "roots/list": "roots"}
"""The client capability each input request needs (basic/patterns/mrtr#supported-requests)."""
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
        for check in CHECKS:
            ctx.skipped(check, f"no tool may be called (--call-tools {ctx.options.call_tools})")
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
        for check in CHECKS:
            ctx.skipped(check, f"none of {len(plans)} tool call(s) answered input_required with inputRequests "
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
    await _undeclared(ctx, plan, result)
    responses = {key: ANSWERS.get(request.get("method") if isinstance(request, dict) else None, {})
                 for key, request in result["inputRequests"].items()}
    answered = await session.request("tools/call", {**base, "inputResponses": responses}, scenario=SC)
    await _retries(ctx, plan, base, responses, answered)


def _outcome(answer) -> str:
    """What an answer is: error, input_required, complete (any other result) or none."""
    if not isinstance(answer, dict):
        return "none"
    if "error" in answer:
        return "error"
    result = answer.get("result")
    return "input_required" if isinstance(result, dict) and result.get("resultType") == "input_required" else "complete"


def _said(answer, why: str) -> str:
    if not isinstance(answer, dict):
        return why or "no answer"
    return f"error {json.dumps(answer['error'])[:160]}" if "error" in answer else \
        f"resultType {(answer.get('result') or {}).get('resultType')!r}"


async def _probe(ctx, plan, params: dict, capabilities: dict):
    """(HTTP status or None, answer, why none) of tools/call PLAN with PARAMS, declaring CAPABILITIES."""
    session = ctx.session
    message = session.message("tools/call", {"name": plan.name, "arguments": plan.arguments, **params},
                              meta=envelope(session.version, capabilities))
    return await session.probe(message, scenario=SC)


async def _undeclared(ctx, plan, result: dict) -> None:
    """The asking call again, declaring no capability: -32021 naming the capability, or served without it
    (basic#meta: "If processing a request requires a capability the client did not include ...")."""
    asked = sorted({NEEDS[r["method"]] for r in result["inputRequests"].values()
                    if isinstance(r, dict) and r.get("method") in NEEDS})
    status, answer, why = await _probe(ctx, plan, {}, {})
    outcome = _outcome(answer)
    if outcome == "none":
        ctx.no_answer(UNDECLARED, f"{plan.name} without client capabilities: {why}")
        ctx.skipped(UNDECLARED_400, "no answer to judge")
        return
    if outcome == "complete":
        ctx.passed(UNDECLARED, f"{plan.name} without client capabilities is served without them ({_said(answer, why)})")
        ctx.skipped(UNDECLARED_400, f"{plan.name} needed no capability once none was declared")
        return
    if outcome == "input_required":  # asking what was not declared: input-required-result-capability-check says which
        ctx.violated(UNDECLARED, f"{plan.name} without client capabilities asks for input anyway, not -32021 "
                                 f"(needs {', '.join(asked) or 'an input request'})")
        ctx.skipped(UNDECLARED_400, "no -32021 to judge")
        return
    error = answer["error"]
    data = error.get("data") if isinstance(error, dict) else None
    required = data.get("requiredCapabilities") if isinstance(data, dict) else None
    if error.get("code") != MISSING_CAPABILITY:
        ctx.violated(UNDECLARED, f"{plan.name} asks for {', '.join(asked)} when declared; without client capabilities "
                                 f"it answers {_said(answer, why)}, not -32021 MissingRequiredClientCapability")
        ctx.skipped(UNDECLARED_400, "no -32021 to judge")
        return
    ctx.verdict(UNDECLARED, isinstance(required, dict) and bool(required),
                f"-32021 naming {', '.join(sorted(required)) if isinstance(required, dict) else ''}",
                f"-32021 without an object data.requiredCapabilities naming the missing capability: {json.dumps(data)[:160]}")
    if status is not None:
        ctx.verdict(UNDECLARED_400, status == 400, "-32021 with HTTP 400", f"-32021 with HTTP {status}, not 400")


def _tamper(state: str) -> str:
    """STATE with its middle character changed (mrtr#security-considerations: attacker-controlled input)."""
    mid = len(state) // 2
    return state[:mid] + ("A" if state[mid:mid + 1] != "A" else "B") + state[mid + 1:]


async def _retry(ctx, plan, check: Check, what: str, params: dict) -> tuple[str, str] | None:
    """(outcome, what was said) of the retry of PLAN with PARAMS; None once CHECK has its no-answer failure."""
    _status, answer, why = await _probe(ctx, plan, params, CAPABILITIES)
    outcome = _outcome(answer)
    if outcome == "none":
        ctx.no_answer(check, f"{plan.name} with {what}: {why}")
        return None
    return outcome, _said(answer, why)


async def _retries(ctx, plan, base: dict, responses: dict, answered) -> None:
    """Retries with a tampered requestState, an invalid answer, inputResponses null and an extra answer."""
    state = base.get("requestState")
    params = {"requestState": state} if isinstance(state, str) else {}
    if not isinstance(state, str):
        ctx.skipped(TAMPERED, f"{plan.name}'s InputRequiredResult carries no requestState")
    elif got := await _retry(ctx, plan, TAMPERED, "a tampered requestState",
                             {"requestState": _tamper(state), "inputResponses": responses}):
        if got[0] == "complete":
            # a conditional MUST: only state that influences authorization, resource access or business logic must be
            # integrity-protected; from outside it cannot be told whether this state does
            ctx.warned(TAMPERED, f"{plan.name} completed with a tampered requestState: if the state influences "
                                 "authorization, resource access or business logic, it MUST be verified and rejected")
        else:
            ctx.passed(TAMPERED, f"{plan.name} with a tampered requestState: {got[1]}")
    if got := await _retry(ctx, plan, VALIDATE, "an answer that is a number",
                           {**params, "inputResponses": {key: 12345 for key in responses}}):
        ctx.verdict(VALIDATE, got[0] != "complete", f"an answer that is a number: {got[1]}",
                    f"{plan.name} completed with an answer that is a number, not an InputResponse object")
    if got := await _retry(ctx, plan, PROTOCOL_ERROR, "inputResponses null", {**params, "inputResponses": None}):
        ctx.verdict(PROTOCOL_ERROR, got[0] == "error", f"inputResponses null: {got[1]}",
                    f"{plan.name} with inputResponses null: {got[1]}, not a JSON-RPC error")
    if not answered.ok:
        ctx.skipped(EXTRA, f"{plan.name} with the answers asked for is an error already: {_said(answered.message, '')}")
        return
    extra = {**responses, "agentconform_unrequested": {"action": "decline"}}
    if got := await _retry(ctx, plan, EXTRA, "an unrequested answer", {**params, "inputResponses": extra}):
        ctx.verdict(EXTRA, got[0] != "error", f"an unrequested answer beside the right ones: {got[1]}",
                    f"{plan.name}: the answers asked for succeed, with one more unrequested key {got[1]}")


SCENARIOS = [
    Scenario(SC, "2026-07-28: input_required round trips on a connection declaring elicitation, sampling, roots",
             CHECKS, run_mrtr, revisions=MODERN_REVISIONS),
]
