"""2026-07-28 tasks (TASK-003): the `io.modelcontextprotocol/tasks` extension (SEP-2663) and what it removed.

On every 2026-07-28 server: `tasks/result` is removed (`-32601`); the 2025-era `task` parameter
on `tools/call` is ignored (a call the server answers without it is answered alike with it); no
`CreateTaskResult` (`resultType: "task"`) goes to a request that did not declare the extension
(judged on everything the revision's connections carried); the 2025-11-25 `capabilities.tasks`
slot is not advertised. Where `server/discover` advertises the extension: `tasks/get`,
`tasks/update` and `tasks/cancel` from a request that does not declare it get `-32021`, an
unknown `taskId` `-32602` (MUST for `tasks/get`, SHOULD for the others); and with requests that
declare it, the tools `--call-tools` allows (read-only by default) are called until one answers
with a `CreateTaskResult`, which is judged (its Task fields), got at once (durably created) and
polled to a terminal status (bounded by --timeout; each `tasks/get` a `resultType: "complete"`
Task whose status carries its payload), then cancelled if it is still running.
Spec: https://modelcontextprotocol.io/seps/2663-tasks-extension
(the extension's overview: https://modelcontextprotocol.io/extensions/tasks/overview).
"""

from __future__ import annotations

import asyncio
import json
import time

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe import tools as observe_tools
from validator.conformance.protocol.modern import CAPABILITIES_KEY, MISSING_CAPABILITY
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check, Scenario

M = MODERN_REVISIONS
SEP = "https://modelcontextprotocol.io/seps/2663-tasks-extension"
EXTENSION = "io.modelcontextprotocol/tasks"
DECLARE = {"_meta": {CAPABILITIES_KEY: {"extensions": {EXTENSION: {}}}}}
STATUSES = ("working", "input_required", "completed", "cancelled", "failed")
TERMINAL = ("completed", "cancelled", "failed")
UNKNOWN_TASK = "agentconform-no-such-task"
MAX_CALLS = 10
SC_CAPS, SC_DISPATCH, SC_LIFE = "tasks-capability-negotiation", "tasks-dispatch-and-envelope", "tasks-lifecycle"

ADVERTISED = Check("tasks-extension-advertised", SC_CAPS, "TASK-003", "MUST", M, f"{SEP}#backward-compatibility",
                   "tasks are advertised as the io.modelcontextprotocol/tasks extension, never the 2025-11-25 "
                   "capabilities.tasks slot")
NON_DECLARING = Check("sep-2663-tasks-methods-non-declaring", SC_CAPS, "TASK-003", "MUST", M, f"{SEP}#error-handling",
                      "tasks/get, tasks/update and tasks/cancel from a request not declaring the extension get -32021")
UNDECLARED_CLIENT = Check("sep-2663-server-rejects-undeclared-client", "modern-tasks-observed", "TASK-003", "MUST", M,
                          f"{SEP}#capability-negotiation", "no CreateTaskResult (resultType \"task\") answers a request "
                          "that did not declare the extension")
RESULT_REMOVED = Check("sep-2663-tasks-result-removed-method-not-found", SC_DISPATCH, "TASK-003", "MUST", M,
                       f"{SEP}#backward-compatibility", "the removed tasks/result is refused with -32601")
LEGACY_PARAM = Check("sep-2663-legacy-task-param-ignored", SC_DISPATCH, "TASK-003", "MUST", M,
                     f"{SEP}#backward-compatibility", "the 2025-era task parameter on tools/call is ignored: neither an "
                     "error nor a task where the call without it is answered")
UNKNOWN_GET = Check("sep-2663-tasks-get-invalid-task-id-32602", SC_DISPATCH, "TASK-003", "MUST", M,
                    f"{SEP}#error-handling", "tasks/get of an unknown taskId is -32602")
UNKNOWN_OTHERS = Check("sep-2663-tasks-update-cancel-unknown-id", SC_DISPATCH, "TASK-003", "SHOULD", M,
                       f"{SEP}#error-handling", "tasks/update and tasks/cancel of an unknown taskId are refused (-32602)")
DURABLE = Check("sep-2663-durable-create-strong-consistency", SC_DISPATCH, "TASK-003", "MUST", M, f"{SEP}#task-creation",
                "a tasks/get sent as soon as the CreateTaskResult arrives finds the task")
CREATE = Check("sep-2663-result-type-task-on-create", SC_LIFE, "TASK-003", "MUST", M, f"{SEP}#task-creation",
               "a CreateTaskResult is resultType \"task\" with a Task: taskId, status, createdAt, lastUpdatedAt, ttlMs")
GET_COMPLETE = Check("tasks-result-type-complete-on-non-task-responses", SC_LIFE, "TASK-003", "MUST", M,
                     f"{SEP}#task-polling", "tasks/get and the tasks/cancel acknowledgement carry resultType \"complete\"")
STATUS = Check("modern-tasks-get-status-payload", SC_LIFE, "TASK-003", "MUST", M, f"{SEP}#task-polling",
               "each tasks/get is a Task of a valid status with that status's payload (completed: result, failed: "
               "error, input_required: inputRequests), and a terminal status stays")
CAPS_CHECKS = (ADVERTISED, NON_DECLARING)
DISPATCH_CHECKS = (RESULT_REMOVED, LEGACY_PARAM, UNKNOWN_GET, UNKNOWN_OTHERS, DURABLE)
LIFE_CHECKS = (CREATE, GET_COMPLETE, STATUS)


def advertises(ctx) -> bool:
    extensions = ctx.session.server_capabilities.get("extensions")
    return isinstance(extensions, dict) and isinstance(extensions.get(EXTENSION), dict)


def _said(reply) -> str:
    if reply is None:
        return "no answer"
    if reply.error is not None:
        return f"error {json.dumps(reply.error)[:160]}"
    kind = reply.result.get("resultType") if isinstance(reply.result, dict) else None
    return f"a result (resultType {json.dumps(kind)})"


async def _ask(ctx, method: str, params: dict, scenario: str):
    """The reply, or None when the server did not answer (a dead server ends the scenario)."""
    try:
        return await ctx.session.request(method, params, scenario=scenario)
    except RequestFailed as err:
        if err.kind in ("gone", "transport", "budget"):
            raise
        return None


# ---- capability negotiation -------------------------------------------------------------------------
async def run_capabilities(ctx) -> None:
    capabilities = ctx.session.server_capabilities
    if "tasks" in capabilities:  # not in 2026-07-28's ServerCapabilities; SEP-2663 "MUST NOT continue to advertise"
        ctx.violated(ADVERTISED, f"server/discover advertises the 2025-11-25 capabilities.tasks slot "
                                 f"{json.dumps(capabilities['tasks'])[:120]}; 2026-07-28 tasks are the {EXTENSION} extension")
    elif advertises(ctx):
        ctx.passed(ADVERTISED, f"advertised as capabilities.extensions[{EXTENSION!r}]")
    else:
        ctx.skipped(ADVERTISED, "the server advertises no tasks")
    if not advertises(ctx):
        ctx.skipped(NON_DECLARING, f"the server does not advertise {EXTENSION}")
        return
    wrong = []
    for method in ("tasks/get", "tasks/update", "tasks/cancel"):
        params = {"taskId": UNKNOWN_TASK, **({"inputResponses": {}} if method == "tasks/update" else {})}
        reply = await _ask(ctx, method, params, SC_CAPS)
        if reply is None or reply.error_code() != MISSING_CAPABILITY:
            wrong.append(f"{method}: {_said(reply)}")
    ctx.verdict(NON_DECLARING, not wrong, "tasks/get, tasks/update, tasks/cancel: -32021 without the extension declared",
                "without the extension declared, not -32021: " + "; ".join(wrong))


# ---- dispatch: what the extension removed, unknown ids, durable creation ----------------------------------
async def _plans(ctx) -> list:
    found = await observe_tools.gate(ctx)
    if found is None:
        return []
    plans = calls_mod.plan_calls(await observe_tools.analysis(ctx, found), ctx.options.call_tools)
    return [p for p in plans if p.skip is None and p.arguments is not None][:MAX_CALLS]


async def run_dispatch(ctx) -> None:
    reply = await _ask(ctx, "tasks/result", {"taskId": UNKNOWN_TASK}, SC_DISPATCH)
    if reply is None:
        ctx.no_answer(RESULT_REMOVED, "tasks/result was not answered")
    else:
        ctx.verdict(RESULT_REMOVED, reply.error_code() == -32601, "tasks/result: -32601",
                    f"tasks/result: {_said(reply)}, not -32601 (removed by the tasks extension)")
    await _legacy_param(ctx)
    if not advertises(ctx):
        for check in (UNKNOWN_GET, UNKNOWN_OTHERS, DURABLE):
            ctx.skipped(check, f"the server does not advertise {EXTENSION}")
        return
    reply = await _ask(ctx, "tasks/get", {"taskId": UNKNOWN_TASK, **DECLARE}, SC_DISPATCH)
    if reply is None:
        ctx.no_answer(UNKNOWN_GET, "tasks/get of an unknown taskId was not answered")
    else:
        ctx.verdict(UNKNOWN_GET, reply.error_code() == -32602, "tasks/get of an unknown taskId: -32602",
                    f"tasks/get of an unknown taskId: {_said(reply)}, not -32602")
    wrong = []
    for method in ("tasks/update", "tasks/cancel"):
        params = {"taskId": UNKNOWN_TASK, **({"inputResponses": {}} if method == "tasks/update" else {}), **DECLARE}
        reply = await _ask(ctx, method, params, SC_DISPATCH)
        if reply is None or reply.error is None:
            wrong.append(f"{method}: {_said(reply)}")
    ctx.verdict(UNKNOWN_OTHERS, not wrong, "tasks/update and tasks/cancel of an unknown taskId: refused",
                "an unknown taskId acknowledged: " + "; ".join(wrong))
    made = await ctx.memo("modern-task", lambda: _make_task(ctx))
    if made.get("created") is None:
        ctx.skipped(DURABLE, made["why"])
        return
    first = made["polls"][0] if made["polls"] else None
    task_id = made["created"].get("taskId")
    found = first is not None and first.ok and isinstance(first.result, dict) and first.result.get("taskId") == task_id
    ctx.verdict(DURABLE, found, f"tasks/get at once found task {task_id}",
                f"tasks/get sent as soon as task {task_id} was created: {_said(first)}")


async def _legacy_param(ctx) -> None:
    plans = await _plans(ctx)
    if not plans:
        ctx.skipped(LEGACY_PARAM, f"no tool may be called (--call-tools {ctx.options.call_tools})")
        return
    for plan in plans:
        plain = await _ask(ctx, "tools/call", {"name": plan.name, "arguments": plan.arguments}, SC_DISPATCH)
        if plain is None or not plain.ok or (plain.result or {}).get("resultType") != "complete":
            continue  # only a call answered without the parameter shows what the parameter changes
        # a probe: its answer is judged here only (a task it returns is this check's, not the observed one's)
        session = ctx.session
        message = session.message("tools/call", {"name": plan.name, "arguments": plan.arguments, "task": {"ttl": 60000}})
        _status, answer, why = await session.probe(message, scenario=SC_DISPATCH)
        if not isinstance(answer, dict):
            ctx.no_answer(LEGACY_PARAM, f"{plan.name} with the 2025-era task parameter: {why}")
            return
        result = answer.get("result") if isinstance(answer.get("result"), dict) else None
        kind = result.get("resultType") if result is not None else None
        said = f"error {json.dumps(answer.get('error'))[:160]}" if result is None else f"resultType {json.dumps(kind)}"
        ctx.verdict(LEGACY_PARAM, result is not None and kind != "task",
                    f"{plan.name} with the task parameter: {said}, as without it",
                    f"{plan.name} is answered without the task parameter; with it: {said} (it MUST be ignored)")
        return
    ctx.skipped(LEGACY_PARAM, f"none of {len(plans)} tool call(s) was answered with a complete result to compare with")


# ---- lifecycle: a task created, got, polled -------------------------------------------------------------
async def _make_task(ctx) -> dict:
    """Call allowed tools declaring the extension until one answers a CreateTaskResult; poll it."""
    plans = await _plans(ctx)
    if not plans:
        return {"why": f"no tool may be called (--call-tools {ctx.options.call_tools})"}
    for plan in plans:
        reply = await _ask(ctx, "tools/call", {"name": plan.name, "arguments": plan.arguments, **DECLARE}, SC_LIFE)
        if reply is None or not reply.ok or (reply.result or {}).get("resultType") != "task":
            continue
        created = reply.result
        task_id = created.get("taskId")
        if not isinstance(task_id, str):
            return {"created": created, "plan": plan, "polls": [], "cancel": None}
        polls = []
        deadline = time.monotonic() + ctx.timeout
        while True:
            got = await _ask(ctx, "tasks/get", {"taskId": task_id, **DECLARE}, SC_LIFE)
            polls.append(got)
            status = (got.result or {}).get("status") if got is not None and got.ok else None
            if status in TERMINAL or time.monotonic() >= deadline or got is None or len(polls) > 50:
                break
            interval = (got.result or {}).get("pollIntervalMs")
            wait = interval / 1000 if isinstance(interval, (int, float)) and not isinstance(interval, bool) else 0.5
            await asyncio.sleep(min(max(wait, 0.05), 1.0, max(deadline - time.monotonic(), 0)))
        cancel = None
        if status not in TERMINAL:  # not left running: this run started it
            cancel = await _ask(ctx, "tasks/cancel", {"taskId": task_id, **DECLARE}, SC_LIFE)
        return {"created": created, "plan": plan, "polls": polls, "cancel": cancel}
    return {"why": f"none of {len(plans)} tool call(s) declaring {EXTENSION} was answered with a CreateTaskResult "
                   "(the server decides; a plain result is allowed)"}


def _task_problems(task: dict) -> list[str]:
    """What a Task lacks (SEP-2663 #tasks: the Task interface)."""
    problems = []
    if not isinstance(task.get("taskId"), str):
        problems.append(f"taskId is {json.dumps(task.get('taskId'))}")
    if task.get("status") not in STATUSES:
        problems.append(f"status is {json.dumps(task.get('status'))}")
    for field in ("createdAt", "lastUpdatedAt"):
        if not isinstance(task.get(field), str):
            problems.append(f"{field} is {json.dumps(task.get(field)) if field in task else 'missing'}")
    ttl = task.get("ttlMs", "missing")
    if not (ttl is None or (isinstance(ttl, int) and not isinstance(ttl, bool) and ttl >= 0)):
        problems.append(f"ttlMs is {json.dumps(ttl) if ttl != 'missing' else 'missing'} (integer >= 0 or null)")
    return problems


async def run_lifecycle(ctx) -> None:
    if not advertises(ctx):
        for check in LIFE_CHECKS:
            ctx.skipped(check, f"the server does not advertise {EXTENSION}")
        return
    made = await ctx.memo("modern-task", lambda: _make_task(ctx))
    if made.get("created") is None:
        for check in LIFE_CHECKS:
            ctx.skipped(check, made["why"])
        return
    created, name = made["created"], made["plan"].name
    problems = _task_problems(created)
    ctx.verdict(CREATE, not problems, f"{name}: CreateTaskResult {created.get('taskId')} ({created.get('status')})",
                f"{name}'s CreateTaskResult: " + "; ".join(problems))
    answered = [r for r in made["polls"] if r is not None and r.ok] + \
        ([made["cancel"]] if made["cancel"] is not None and made["cancel"].ok else [])
    wrong = [f"{r.method}: resultType {json.dumps((r.result or {}).get('resultType'))}" for r in answered
             if (r.result or {}).get("resultType") != "complete"]
    if not answered:
        ctx.skipped(GET_COMPLETE, f"no tasks/get of task {created.get('taskId')} was answered with a result")
    else:
        ctx.verdict(GET_COMPLETE, not wrong, f"{len(answered)} tasks result(s) carry resultType \"complete\"",
                    "; ".join(wrong[:3]))
    _judge_status(ctx, made, answered)


def _judge_status(ctx, made: dict, answered: list) -> None:
    polls = [r.result for r in answered if r.method == "tasks/get" and isinstance(r.result, dict)]
    if not polls:
        ctx.skipped(STATUS, "no tasks/get was answered with a result")
        return
    problems, terminal = [], None
    for task in polls:
        problems += _task_problems(task)
        status = task.get("status")
        if terminal is not None and status != terminal:
            problems.append(f"the terminal status {terminal} became {status}")
        if status in TERMINAL:
            terminal = status
        payload = {"completed": "result", "failed": "error", "input_required": "inputRequests"}.get(status)
        if payload and not isinstance(task.get(payload), dict):
            problems.append(f"a {status} task without an object {payload}")
    statuses = " → ".join(dict.fromkeys(str(t.get("status")) for t in polls))
    ctx.verdict(STATUS, not problems, f"task {made['created'].get('taskId')}: {statuses}", "; ".join(problems[:3]))


# ---- observed: no task to a request that did not ask for one --------------------------------------------
async def run_observed(ctx) -> None:
    sessions = [s for s in ctx.state.sessions if getattr(s, "modern", False) and s.negotiated_version == ctx.revision]
    undeclared, tasks = [], 0
    for session in sessions:
        for reply in session.replies:
            result = reply.message.get("result")
            if not (isinstance(result, dict) and result.get("resultType") == "task") \
                    or json.dumps(reply.id) in session.probed:  # a probe's answer is its own check's
                continue
            tasks += 1
            extensions = session.declared_for(reply).get("extensions")
            if not (isinstance(extensions, dict) and isinstance(extensions.get(EXTENSION), dict)):
                undeclared.append(f"{reply.method} (id {json.dumps(reply.id)})")
    ctx.verdict(UNDECLARED_CLIENT, not undeclared, f"{tasks} CreateTaskResult(s), each to a request declaring {EXTENSION}",
                f"a CreateTaskResult to a request not declaring {EXTENSION}: " + ", ".join(undeclared[:3]))


SCENARIOS = [
    Scenario(SC_CAPS, "2026-07-28 tasks extension: advertised as an extension, its methods gated by the client's "
             "declaration", CAPS_CHECKS, run_capabilities, revisions=M),
    Scenario(SC_DISPATCH, "2026-07-28 tasks extension: removed tasks/result and task parameter, unknown task ids, "
             "durable creation", DISPATCH_CHECKS, run_dispatch, revisions=M),
    Scenario(SC_LIFE, "2026-07-28 tasks extension: a task created by an allowed tool, polled to its end",
             LIFE_CHECKS, run_lifecycle, revisions=M),
    Scenario("modern-tasks-observed", "2026-07-28: no CreateTaskResult to a request that did not declare the tasks "
             "extension", (UNDECLARED_CLIENT,), run_observed, phase="collect", revisions=M, runs_last=True),
]
