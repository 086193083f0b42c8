"""Scenario `tools-client-requests` (isolated; on the newest of 2025-06-18 and 2025-11-25 the
server supports): the tools called again on a connection of its own that declares `sampling: {}`, `elicitation: {}` and
`roots: {}`, to see what the server asks of a client that offers those features.

`elicitation: {}` means form mode only (2025-11-25), and `sampling` without `tools`
means no tool-enabled sampling; servers MUST NOT go beyond what was declared
(LIFE-010). Requests are answered: sampling with a short canned message, elicitation
with `decline`, roots with an empty list. Requests for capabilities the client did not
declare are judged by `no-undeclared-client-requests` (LIFE-005) over every session.
https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#capabilities
https://modelcontextprotocol.io/specification/2025-11-25/client/sampling#tools-in-sampling
"""

from __future__ import annotations

import re

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe.listing import GATHER, walk
from validator.conformance.observe.primitives import skip_rest
from validator.conformance.observe.tools import call_gate
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario

SC = "tools-client-requests"
ELICITATION = f"{S25}/client/elicitation"

ELICIT_MODE = Check("tools-call-elicitation-mode", SC, "LIFE-010", "MUST", revisions("25c"), f"{ELICITATION}#capabilities",
                    "no URL-mode elicitation to a client that declared elicitation: {} (form mode only)")
SAMPLING_TOOLS = Check("tools-call-sampling-tools", SC, "LIFE-010", "MUST", revisions("25c"),
                       f"{S25}/client/sampling#tools-in-sampling",
                       "no tool-enabled sampling (tools, toolChoice) to a client that did not declare sampling.tools")
ELICIT_SECRETS = Check("tools-call-elicitation-no-secrets", SC, "LIFE-010", "derived", revisions("25b-25c"),
                       f"{ELICITATION}#user-interaction-model",
                       "form elicitations do not ask for passwords, API keys, tokens or payment credentials "
                       "(the spec's MUST NOT, detected by field names, so a warning)")

CAPABILITIES = {"sampling": {}, "elicitation": {}, "roots": {}}
SCENARIO_REVISIONS = revisions("25b-25c")
SECRET = re.compile(r"pass(word|wd|phrase)|secret|api[_ -]?key|access[_ -]?token|auth[_ -]?token|bearer|private[_ -]?key|"
                    r"credit[_ -]?card|card[_ -]?number|\bcvv\b|\bcvc\b|\bssn\b|social[_ -]?security", re.I)


def _sampling(params: dict) -> dict:
    return {"role": "assistant", "content": {"type": "text", "text": "agentconform: canned sampling answer"},
            "model": "agentconform", "stopReason": "endTurn"}


async def run(ctx) -> None:
    newest = max((v for v in getattr(ctx.negotiation, "supported", None) or [ctx.revision] if v in SCENARIO_REVISIONS),
                 default=ctx.revision)
    if ctx.revision != newest:
        # one extra connection per run is enough: the server's code path is the same
        skip_rest(ctx, f"tested on {newest}, the newest revision with elicitation")
        return
    found = await call_gate(ctx)
    if found is None:
        return
    if not any(p.arguments is not None for p in calls_mod.plan_calls(
            [calls_mod.Plan(t, arguments={}) for t in found.named], ctx.options.call_tools)):
        skip_rest(ctx, f"no tool may be called under --call-tools {ctx.options.call_tools}")
        return
    session = await ctx.open_session(initialize=False)
    session.scenario = ctx.scenario.name
    session.answers.update({"sampling/createMessage": _sampling, "elicitation/create": lambda p: {"action": "decline"},
                            "roots/list": lambda p: {"roots": []}})
    reply = await session.initialize(ctx.revision, capabilities=CAPABILITIES)
    if not reply.ok:
        skip_rest(ctx, f"initialize with client capabilities was refused: {reply.error}")
        return
    if ctx.transport == "streamable-http":
        # requests not tied to a call (roots/list, say) may come on the GET stream: listen there too
        await session.channel.get(read_for=ctx.budget.bound(max(ctx.timeout * 4, 60.0)), deliver=True)

    async def page(cursor):
        return await session.request("tools/list", {"cursor": cursor} if cursor is not None else {}, scenario=ctx.scenario.name)

    listing = await walk(page, "tools/list", GATHER)
    if listing.failure is not None:
        if listing.failure.kind in ("gone", "transport"):
            raise listing.failure
        skip_rest(ctx, f"tools/list on the second connection was not answered ({listing.failure})")
        return
    analysed = [calls_mod.arguments_for(t, ctx.revision) for t in listing.by_name().values()]
    plans = calls_mod.plan_calls(analysed, ctx.options.call_tools)
    made = await calls_mod.call_all(session, plans, scenario=ctx.scenario.name, timeout=ctx.timeout)
    lost = [c for c in made if c.failure is not None and c.failure.kind in ("gone", "transport")]
    if lost:
        raise lost[0].failure
    try:
        await session.request("ping", scenario=ctx.scenario.name, timeout=min(ctx.timeout, 2.0))
    except RequestFailed:
        pass
    _judge(ctx, session, len(made))


def _judge(ctx, session, called: int) -> None:
    requests = [i.message for i in session.received("request") if isinstance(i.message, dict)]
    elicitations = [m.get("params") or {} for m in requests if m.get("method") == "elicitation/create"]
    samplings = [m.get("params") or {} for m in requests if m.get("method") == "sampling/createMessage"]
    where = f"{called} call(s) on a connection declaring sampling, elicitation and roots"
    if ELICIT_MODE.applies(ctx.revision, ctx.transport):
        if not elicitations:
            ctx.skipped(ELICIT_MODE, f"no elicitation/create during {where}")
        else:
            urls = [p for p in elicitations if isinstance(p, dict) and p.get("mode") not in (None, "form")]
            modes = sorted({str(p.get("mode")) for p in urls})
            ctx.verdict(ELICIT_MODE, not urls, f"{len(elicitations)} form elicitation(s)",
                        f"{len(urls)} elicitation(s) in mode {modes}, which the client did not declare (elicitation: {{}} is form only)")
    if SAMPLING_TOOLS.applies(ctx.revision, ctx.transport):
        if not samplings:
            ctx.skipped(SAMPLING_TOOLS, f"no sampling/createMessage during {where}")
        else:
            with_tools = [p for p in samplings if isinstance(p, dict) and ("tools" in p or "toolChoice" in p)]
            ctx.verdict(SAMPLING_TOOLS, not with_tools, f"{len(samplings)} sampling request(s) without tools",
                        f"{len(with_tools)} sampling request(s) carry tools/toolChoice although sampling.tools was not declared")
    forms = [p for p in elicitations if isinstance(p, dict) and p.get("mode") in (None, "form")]
    if not forms:
        ctx.skipped(ELICIT_SECRETS, f"no form elicitation during {where}")
        return
    asked = []
    for params in forms:
        schema = params.get("requestedSchema") if isinstance(params.get("requestedSchema"), dict) else {}
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        for name, prop in props.items():
            text = " ".join([str(name)] + [str(prop.get(k, "")) for k in ("title", "description")] if isinstance(prop, dict) else [str(name)])
            if SECRET.search(text):
                asked.append(str(name))
    ctx.verdict(ELICIT_SECRETS, not asked, f"{len(forms)} form elicitation(s) ask for nothing that looks secret",
                f"form elicitation field(s) {sorted(set(asked))[:5]} look like credentials; sensitive data must go "
                "through URL mode (2025-11-25) or not be requested at all")


SCENARIO = Scenario(SC, "Server requests (sampling, elicitation) during tool calls stay within the declared client capabilities",
                    (ELICIT_MODE, SAMPLING_TOOLS, ELICIT_SECRETS), run, phase="isolated", revisions=SCENARIO_REVISIONS)
