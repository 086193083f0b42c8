"""Which tools may be called, with which arguments, and the calls themselves.

`--call-tools` decides (docs/conformance/index.md): `none` calls nothing; `readonly`
(the default) only tools annotated `readOnlyHint: true` — annotations are untrusted
hints, but a server that marks a destructive tool read-only has asked for it; `all`
calls every tool. A tool whose `execution.taskSupport` is `required` cannot be called
as a plain request. Arguments come from `synth.synthesize` and are valid under the
tool's inputSchema before they are sent.

Every call carries its own `_meta.progressToken` (clients may always ask for
progress), so the progress checks can tell each call's notifications apart. A call
that is not answered within the per-request timeout is cancelled with
`notifications/cancelled` (what a client SHOULD do on a timeout) and counted as slow,
not as a failure: a tool may legitimately take long.
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation
"""

from __future__ import annotations

import asyncio
import time
import warnings
from dataclasses import dataclass, field, replace

from validator.conformance.observe import regexgen, synth
from validator.conformance.observe import schema as schemas
from validator.conformance.protocol.session import Reply, RequestFailed

CONCURRENCY = 8


@dataclass
class Plan:
    tool: dict
    arguments: dict | None = None
    skip: str | None = None
    """Why the tool is not called (None: it is), as a category shared by tools."""
    skip_detail: str | None = None
    """The particulars for this tool (the first schema error, ...)."""
    dialect: schemas.Dialect | None = None
    validator: object = None
    contradictions: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.tool["name"]


@dataclass
class Call:
    plan: Plan
    request_id: int
    token: str
    reply: Reply | None = None
    failure: RequestFailed | None = None
    started: float = 0.0
    answered: float | None = None
    cancelled: bool = False

    @property
    def result(self) -> dict | None:
        if self.reply is None or not self.reply.ok:
            return None
        return self.reply.result if isinstance(self.reply.result, dict) else None

    @property
    def is_error(self) -> bool:
        return bool(self.result and self.result.get("isError") is True)


def read_only(tool: dict) -> bool:
    """Annotated `readOnlyHint: true`. A `destructiveHint: true` beside it changes nothing: the schema says
    destructiveHint "is meaningful only when readOnlyHint == false" and defaults to true, so mcp-go's tools,
    which write every default out, say no more than a tool annotated read-only alone.
    https://modelcontextprotocol.io/specification/2025-11-25/schema#toolannotations"""
    annotations = tool.get("annotations")
    return isinstance(annotations, dict) and annotations.get("readOnlyHint") is True


def task_support(tool: dict) -> str | None:
    execution = tool.get("execution")
    value = execution.get("taskSupport") if isinstance(execution, dict) else None
    return value if isinstance(value, str) else None


def arguments_for(tool: dict, revision: str) -> Plan:
    """The plan for TOOL regardless of --call-tools: its dialect, validator and arguments."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # regex warnings about the server's own patterns
        return _arguments_for(tool, revision)


def _arguments_for(tool: dict, revision: str) -> Plan:
    plan = Plan(tool)
    schema = tool.get("inputSchema")
    if not isinstance(schema, (dict, bool)):
        plan.skip = "its inputSchema is not a schema object"
        return plan
    plan.dialect = schemas.dialect_of(schema, revision)
    deep = schemas.too_deep(schema)
    if deep:
        plan.skip = "its inputSchema is too deeply nested to evaluate"
        plan.skip_detail = deep
        return plan
    if plan.dialect.known and schemas.meta_problems(schema, plan.dialect):
        plan.skip = "its inputSchema is not a valid schema"
        plan.skip_detail = f"{plan.dialect.name}: {schemas.meta_problems(schema, plan.dialect)[0]}"
        return plan
    external, dangling = schemas.ref_problems(schema)
    if external or dangling:
        plan.skip = "its inputSchema has a $ref that cannot be resolved locally"
        plan.skip_detail = (external + dangling)[0]
        return plan
    try:
        plan.validator = schemas.validator(schema, plan.dialect)
        made = synth.synthesize(schema, plan.validator)
    except regexgen.UnsafePattern as err:
        plan.skip = "its inputSchema has a pattern that may backtrack catastrophically"
        plan.skip_detail = str(err)
        return plan
    except Exception as err:  # noqa: BLE001 - a schema jsonschema cannot compile
        plan.skip = "its inputSchema cannot be evaluated"
        plan.skip_detail = f"{type(err).__name__}: {err}"[:200]
        return plan
    plan.contradictions = made.contradictions
    if made.arguments is None:
        plan.skip = "no arguments valid under its inputSchema could be built"
        plan.skip_detail = made.problem
    else:
        plan.arguments = made.arguments
    return plan


def plan_calls(analysed: list[Plan], call_tools: str) -> list[Plan]:
    """ANALYSED (from `arguments_for`) narrowed by --call-tools: called, or skipped with the reason."""
    plans = []
    for plan in analysed:
        tool = plan.tool
        if call_tools == "none":
            why = "--call-tools none"
        elif call_tools != "all" and not read_only(tool):
            why = "not annotated readOnlyHint: true (use --call-tools all to call it)"
        elif task_support(tool) == "required":
            why = "execution.taskSupport is 'required' (callable only as a task)"
        else:
            plans.append(plan)
            continue
        plans.append(replace(plan, arguments=None, skip=why))
    return plans


def may_call(tool: dict, call_tools: str) -> bool:
    return call_tools == "all" or (call_tools == "readonly" and read_only(tool))


async def call_all(session, plans: list[Plan], *, scenario: str, timeout: float) -> list[Call]:
    """Call every planned tool (at most CONCURRENCY at a time) and record what happened."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(plan: Plan) -> Call:
        async with gate:
            rid = session.new_id()
            call = Call(plan, rid, f"agentconform-progress-{rid}")
            params = {"name": plan.name, "arguments": plan.arguments, "_meta": {"progressToken": call.token}}
            call.started = time.monotonic()
            try:
                call.reply = await session.request("tools/call", params, request_id=rid, scenario=scenario, timeout=timeout)
                call.answered = time.monotonic()
            except RequestFailed as err:
                call.failure = err
                if err.kind == "timeout" and not session.gone_reason:
                    call.cancelled = True
                    try:
                        await session.notify("notifications/cancelled", {"requestId": rid, "reason": "agentconform: timed out"},
                                             scenario=scenario)
                    except RequestFailed:
                        pass
            return call

    return list(await asyncio.gather(*(one(p) for p in plans if p.arguments is not None)))


def summary(plans: list[Plan], calls: list[Call]) -> dict:
    """How many tools were really called with valid arguments, and why the others were not."""
    skipped: dict[str, list[str]] = {}
    particulars: dict[str, str] = {}
    for plan in plans:
        if plan.arguments is None:
            skipped.setdefault(plan.skip or "not called", []).append(plan.name)
            if plan.skip_detail:
                particulars[plan.name] = plan.skip_detail
    answered = [c for c in calls if c.reply is not None]
    return {
        "tools": len(plans),
        "called_with_valid_arguments": len(calls),
        "answered": len(answered),
        "succeeded": sum(1 for c in answered if c.result is not None and not c.is_error),
        "is_error": sum(1 for c in answered if c.is_error),
        "protocol_errors": sum(1 for c in answered if not c.reply.ok),
        "slow_cancelled": sorted(c.plan.name for c in calls if c.cancelled),
        "skipped": {why: sorted(names) for why, names in sorted(skipped.items())},
        "skip_details": particulars,
    }


def describe(info: dict) -> str:
    """One sentence of SUMMARY for a check message."""
    text = (f"{info['called_with_valid_arguments']} of {info['tools']} tool(s) called with schema-valid arguments "
            f"({info['succeeded']} ok, {info['is_error']} isError, {info['protocol_errors']} protocol error(s)")
    if info["slow_cancelled"]:
        text += f", {len(info['slow_cancelled'])} cancelled after the timeout"
    text += ")"
    skipped = sum(len(v) for v in info["skipped"].values())
    if skipped:
        reasons = "; ".join(f"{len(names)} {why}" for why, names in info["skipped"].items())
        text += f"; {skipped} skipped: {reasons}"
    return text
