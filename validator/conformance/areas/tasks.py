"""Scenario `tasks` (TASK-002, 2025-11-25, experimental): a server that declares
`tasks.requests.tools.call` is held to the tasks page.

What it sends, in order: `tasks/get`, `tasks/result` and (when `tasks.cancel` is declared)
`tasks/cancel` for a task id that does not exist; then, when a tool with
`execution.taskSupport` `optional` or `required` may be called under `--call-tools`, a
task-augmented call of it (task A) and, with `tasks.cancel`, a second one (task B)
cancelled at once; A is polled with `tasks/get` (no faster than its `pollInterval`, for
at most twice `--timeout`) to a terminal status, its result fetched with `tasks/result`,
its status read again, and cancelling it is tried; B is read again to see it stayed
cancelled; with `tasks.list`, every page of `tasks/list` (where A must appear) and one
page for a cursor the server never issued. Without the capability every check is
skipped (task metadata then being ignored is `tools-call-task-ignored`, TASK-001).
The official suite has no 2025-11-25 task scenarios (its `sep-2663-*` ones test the
2026-07-28 tasks extension), so the ids are our own.
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/tasks
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe.listing import JUDGE, walk
from validator.conformance.observe.primitives import judge, notifications, skip_rest
from validator.conformance.observe.quote import q
from validator.conformance.observe.tools import analysis, listing, tasks_declared
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario

SC = "tasks"
V = revisions("25c")
TASKS = f"{S25}/basic/utilities/tasks"
RELATED = "io.modelcontextprotocol/related-task"
STATUSES = ("working", "input_required", "completed", "failed", "cancelled")
TERMINAL = ("completed", "failed", "cancelled")
UNKNOWN_ID = "agentconform-no-such-task"
UNKNOWN_CURSOR = "agentconform-no-such-cursor"
REQUESTED_TTL = 60000

CREATE = Check("tasks-create-result", SC, "TASK-002", "MUST", V, f"{TASKS}#result-retrieval",
               "a task-augmented tools/call is answered with a CreateTaskResult: a task with a unique string taskId, "
               "a valid status (working at first), createdAt and lastUpdatedAt")
GET = Check("tasks-get", SC, "TASK-002", "MUST", V, f"{TASKS}#ttl-and-resource-management",
            "tasks/get answers the task: the same taskId, a valid status, createdAt, lastUpdatedAt and the actual ttl "
            "(a number, or null for unlimited); pollInterval, when present, a number")
LIFECYCLE = Check("tasks-status-lifecycle", SC, "TASK-002", "MUST", V, f"{TASKS}#task-status-lifecycle",
                  "polled with tasks/get, a task moves only along the valid paths and a terminal status never changes")
RESULT = Check("tasks-result", SC, "TASK-002", "MUST", V, f"{TASKS}#result-retrieval",
               "tasks/result of a finished task returns what the tools/call would have returned (a CallToolResult, or "
               "the JSON-RPC error of a failed task)")
RESULT_META = Check("tasks-result-related-task", SC, "TASK-002", "MUST", V, f"{TASKS}#associating-task-related-messages",
                    "the tasks/result response carries io.modelcontextprotocol/related-task with the task's id in _meta")
UNKNOWN = Check("tasks-unknown-id", SC, "TASK-002", "MUST", V, f"{TASKS}#protocol-errors",
                "tasks/get, tasks/result and tasks/cancel for a taskId that does not exist are answered -32602")
LIST = Check("tasks-list", SC, "TASK-002", "MUST", V, f"{TASKS}#task-listing",
             "with tasks.list declared, tasks/list pages (opaque nextCursor) list valid tasks, including every task "
             "tasks/get retrieves")
LIST_CURSOR = Check("tasks-list-invalid-cursor", SC, "TASK-002", "MUST", V, f"{TASKS}#protocol-errors",
                    "tasks/list with a cursor the server never issued is answered -32602")
CANCEL = Check("tasks-cancel", SC, "TASK-002", "MUST", V, f"{TASKS}#task-cancellation",
               "with tasks.cancel declared, cancelling a running task answers it cancelled, and it stays cancelled")
CANCEL_TERMINAL = Check("tasks-cancel-terminal", SC, "TASK-002", "MUST", V, f"{TASKS}#task-cancellation",
                        "cancelling a task already in a terminal status is answered -32602")
META_OMITTED = Check("tasks-related-task-meta-omitted", SC, "TASK-002", "SHOULD", V, f"{TASKS}#associating-task-related-messages",
                     "tasks/get, tasks/list and tasks/cancel results and notifications/tasks/status carry no "
                     "io.modelcontextprotocol/related-task (the task id is already there)")
CHECKS = (CREATE, GET, LIFECYCLE, RESULT, RESULT_META, UNKNOWN, LIST, LIST_CURSOR, CANCEL, CANCEL_TERMINAL, META_OMITTED)
CREATION = (CREATE, GET, LIFECYCLE, RESULT, RESULT_META, CANCEL, CANCEL_TERMINAL)
"""The checks that need a task of our own (a tool called as a task)."""


class Observed:
    """What the scenario saw, for the checks reported at the end."""

    def __init__(self) -> None:
        self.get_failures: list[str] = []
        self.get_warnings: list[str] = []
        self.gets = 0
        self.with_meta: list[str] = []
        self.results_seen = 0


# ---- judging one Task object ---------------------------------------------------------------------
def _timestamp(value) -> str | None:
    """Why VALUE is not an ISO 8601 timestamp (None when it is)."""
    if not isinstance(value, str) or not value:
        return "missing" if value is None else f"{value!r} is not a string"
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return f"{value!r} is not an ISO 8601 timestamp"
    return None


def task_problems(task, where: str, *, need_ttl: bool) -> tuple[list[str], list[str]]:
    """(failures, warnings) of a Task object: the tasks page's MUSTs, and what only the schema asks."""
    if not isinstance(task, dict):
        return [f"{where}: the task is {type(task).__name__}, not an object"], []
    failures, warnings = [], []
    task_id = task.get("taskId")
    if not isinstance(task_id, str) or not task_id:
        failures.append(f"{where}: taskId is {task_id!r}, not a non-empty string")
    status = task.get("status")
    if status not in STATUSES:
        failures.append(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    for name in ("createdAt", "lastUpdatedAt"):
        why = _timestamp(task.get(name))
        if why == "missing" or (why and not isinstance(task.get(name), str)):
            failures.append(f"{where}: {name} {why}")
        elif why:
            warnings.append(f"{where}: {name} {why}")
    ttl = task.get("ttl")
    if "ttl" not in task:
        # the page asks for the actual ttl in tasks/get answers; the schema's Task requires it everywhere
        (failures if need_ttl else warnings).append(f"{where}: no ttl (the actual retention, or null for unlimited)")
    elif ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or ttl < 0):
        failures.append(f"{where}: ttl {ttl!r} is not a number of milliseconds or null")
    poll = task.get("pollInterval")
    if "pollInterval" in task and (isinstance(poll, bool) or not isinstance(poll, (int, float)) or poll < 0):
        failures.append(f"{where}: pollInterval {poll!r} is not a number of milliseconds")
    return failures, warnings


def _has_related(result) -> bool:
    meta = result.get("_meta") if isinstance(result, dict) else None
    return isinstance(meta, dict) and RELATED in meta


# ---- the scenario --------------------------------------------------------------------------------
async def run(ctx) -> None:
    if not tasks_declared(ctx):
        skip_rest(ctx, "the server does not declare tasks.requests.tools.call (task metadata being ignored is "
                       "tools-call-task-ignored)")
        return
    declared = ctx.capability("tasks") or {}
    can_list, can_cancel = isinstance(declared.get("list"), dict), isinstance(declared.get("cancel"), dict)
    seen = Observed()
    await _unknown(ctx, can_cancel)
    tool, why = await _task_tool(ctx)
    task_a = task_b = None
    if tool is None:
        for check in CREATION:
            ctx.skipped(check, why)
    else:
        task_a, task_b = await _create(ctx, tool, can_cancel)
    if task_a is not None:
        if can_cancel:
            await _cancel_running(ctx, seen, task_b)
        await _lifecycle(ctx, seen, task_a, can_cancel)
        if can_cancel and task_b is not None and CANCEL.id not in ctx.reported:
            await _stays_cancelled(ctx, seen, task_b)
    elif tool is not None:
        skip_rest_of(ctx, CREATION, "no task was created")
    if not can_cancel:
        for check in (CANCEL, CANCEL_TERMINAL):
            if check.id not in ctx.reported:
                ctx.skipped(check, "the server does not declare tasks.cancel")
    if can_list:
        await _list(ctx, seen, [t for t in (task_a, task_b) if t is not None])
    else:
        for check in (LIST, LIST_CURSOR):
            ctx.skipped(check, "the server does not declare tasks.list")
    _report_gets(ctx, seen)
    _report_meta(ctx, seen)


def skip_rest_of(ctx, checks, why: str) -> None:
    for check in checks:
        if check.id not in ctx.reported:
            ctx.skipped(check, why)


async def _unknown(ctx, can_cancel: bool) -> None:
    methods = ["tasks/get", "tasks/result"] + (["tasks/cancel"] if can_cancel else [])
    wrong = []
    for method in methods:
        try:
            reply = await ctx.request(method, {"taskId": UNKNOWN_ID})
        except RequestFailed as err:
            ctx.no_answer(UNKNOWN, f"{method}: {err}")
            if err.kind in ("gone", "transport"):
                raise
            return
        if reply.error_code() != -32602:
            wrong.append(f"{method} answered {'a result' if reply.ok else f'error {reply.error_code()}'}")
    ctx.verdict(UNKNOWN, not wrong, f"{', '.join(methods)} for an unknown taskId: error -32602",
                f"for the unknown taskId {UNKNOWN_ID!r}: {'; '.join(wrong)} instead of -32602")


async def _task_tool(ctx):
    """(a tool we may call as a task, its arguments) or (None, why not)."""
    if ctx.options.call_tools == "none":
        return None, "--call-tools none: no tool is called, so no task is created"
    if ctx.capability("tools") is None:
        return None, "the server does not declare tools, so no task can be created"
    found = await listing(ctx)
    if found.failure is not None or found.error is not None:
        return None, "tools/list was not answered with tools"
    candidates = [t for t in found.by_name().values() if calls_mod.task_support(t) in ("optional", "required")]
    if not candidates:
        return None, "no listed tool has execution.taskSupport optional or required"
    callable_ = [t for t in candidates if calls_mod.may_call(t, ctx.options.call_tools)]
    if not callable_:
        return None, (f"{len(candidates)} tool(s) support tasks ({', '.join(q(t['name']) for t in candidates[:3])}), none "
                      f"may be called under --call-tools {ctx.options.call_tools}")
    plans = {p.name: p for p in await analysis(ctx, found)}
    for tool in callable_:
        plan = plans.get(tool["name"])
        if plan is not None and plan.arguments is not None:
            return plan, None
    return None, f"no arguments could be built for the task-capable tool(s) {', '.join(q(t['name']) for t in callable_[:3])}"


async def _create(ctx, plan, can_cancel: bool):
    """Task A (and task B to cancel): their CreateTaskResult tasks, judged by tasks-create-result."""
    params = {"name": plan.name, "arguments": plan.arguments, "task": {"ttl": REQUESTED_TTL}}
    made, failures, warnings = [], [], []
    for label in ("A", "B") if can_cancel else ("A",):
        try:
            reply = await ctx.request("tools/call", params)
        except RequestFailed as err:
            ctx.no_answer(CREATE, f"{q(plan.name)} called as a task: {err}")
            if err.kind in ("gone", "transport"):
                raise
            break
        if not reply.ok:
            failures.append(f"{q(plan.name)} (taskSupport {calls_mod.task_support(plan.tool)}) called as a task was "
                            f"answered error {reply.error_code()}: {str(reply.error)[:120]}")
            break
        task = reply.result.get("task") if isinstance(reply.result, dict) else None
        if not isinstance(task, dict):
            failures.append(f"{q(plan.name)} called as a task was answered without a task object (a plain result?)")
            break
        bad, soft = task_problems(task, f"task {label}", need_ttl=False)
        failures += bad
        warnings += soft
        if task.get("status") not in STATUSES[:2] and not bad:
            warnings.append(f"task {label} was created in status {task.get('status')!r}; tasks begin working")
        made.append(task)
    ids = [t.get("taskId") for t in made]
    if len(ids) == 2 and ids[0] == ids[1]:
        failures.append(f"both tasks got the taskId {ids[0]!r}; task ids are unique")
    if CREATE.id not in ctx.reported:
        judge(ctx, CREATE, f"{q(plan.name)} called as a task: {len(made)} task(s) created", failures, warnings)
    usable = [t for t in made if isinstance(t.get("taskId"), str)] if not failures else []
    return (usable[0] if usable else None), (usable[1] if len(usable) > 1 else None)


async def _get(ctx, seen: Observed, task_id: str):
    """tasks/get, judged for tasks-get on the way: the Task, or None (an error, noted)."""
    reply = await ctx.request("tasks/get", {"taskId": task_id})
    seen.gets += 1
    if not reply.ok:
        return reply
    bad, soft = task_problems(reply.result, f"tasks/get {task_id[:40]!r}", need_ttl=True)
    if isinstance(reply.result, dict) and reply.result.get("taskId") != task_id:
        bad.append(f"tasks/get {task_id[:40]!r} answered the task {reply.result.get('taskId')!r}")
    seen.get_failures += bad
    seen.get_warnings += soft
    if _has_related(reply.result):
        seen.with_meta.append("tasks/get")
    return reply


async def _lifecycle(ctx, seen: Observed, task: dict, can_cancel: bool) -> None:
    task_id = task["taskId"]
    path = [task.get("status")]
    deadline = time.monotonic() + 2 * ctx.timeout
    interval = task.get("pollInterval")
    try:
        while path[-1] not in TERMINAL:
            wait = interval / 1000 if isinstance(interval, (int, float)) and not isinstance(interval, bool) else 0.5
            wait = min(max(wait, 0.05), 5.0)
            if path[-1] == "input_required" or time.monotonic() + wait > deadline:
                break
            await asyncio.sleep(wait)
            reply = await _get(ctx, seen, task_id)
            if not reply.ok:
                ctx.violated(LIFECYCLE, f"tasks/get of the task created a moment ago answered error {reply.error_code()}")
                skip_rest_of(ctx, (RESULT, RESULT_META, CANCEL_TERMINAL), "tasks/get of the created task failed")
                return
            path.append(reply.result.get("status"))
            interval = reply.result.get("pollInterval", interval)
        await _result(ctx, seen, task_id, path)
        if path[-1] in TERMINAL:
            again = await _get(ctx, seen, task_id)
            if again.ok:
                path.append(again.result.get("status"))
    except RequestFailed as err:
        ctx.no_answer(LIFECYCLE, err)
        skip_rest_of(ctx, (RESULT, RESULT_META, CANCEL_TERMINAL), f"no answer: {err}")
        if err.kind in ("gone", "transport"):
            raise
        return
    _judge_path(ctx, path)
    terminal = next((s for s in path if s in TERMINAL), None)
    if can_cancel and terminal is not None:
        await _cancel_terminal(ctx, seen, task_id, terminal)
    elif can_cancel:
        ctx.skipped(CANCEL_TERMINAL, "the task did not reach a terminal status in time")


def _judge_path(ctx, path: list) -> None:
    text = " → ".join(str(s) for s in _collapse(path))
    problems = []
    for before, after in zip(path, path[1:]):
        if after not in STATUSES:
            problems.append(f"status {after!r} is not a task status")
        elif before in TERMINAL and after != before:
            problems.append(f"the terminal status {before!r} changed to {after!r}")
    if problems:
        ctx.violated(LIFECYCLE, f"{problems[0]} (observed {text})", details={"statuses": path})
    elif path[-1] not in TERMINAL:
        ctx.skipped(LIFECYCLE, f"observed {text}; the task did not reach a terminal status within {2 * ctx.timeout:g}s "
                               f"(or needs input), so terminal statuses could not be watched")
    else:
        ctx.passed(LIFECYCLE, f"observed {text}")


def _collapse(path: list) -> list:
    return [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]


async def _result(ctx, seen: Observed, task_id: str, path: list) -> None:
    if path[-1] not in TERMINAL and path[-1] != "input_required":
        for check in (RESULT, RESULT_META):
            ctx.skipped(check, f"the task was still {path[-1]!r} after {2 * ctx.timeout:g}s (tasks/result would block)")
        return
    try:
        reply = await ctx.request("tasks/result", {"taskId": task_id})
    except RequestFailed as err:
        if err.kind == "timeout" and path[-1] == "input_required":
            for check in (RESULT, RESULT_META):
                ctx.skipped(check, "the task needs input this client does not give; tasks/result kept waiting")
            return
        raise
    seen.results_seen += 1
    if path[-1] == "input_required":
        again = await _get(ctx, seen, task_id)  # tasks/result returned, so the task is terminal now
        if again.ok:
            path.append(again.result.get("status"))
    status = path[-1]
    result = reply.result if reply.ok and isinstance(reply.result, dict) else None
    if not reply.ok:
        ctx.verdict(RESULT, status == "failed", f"the failed task's tasks/result is its JSON-RPC error {reply.error_code()}",
                    f"tasks/result of a task in status {status!r} answered error {reply.error_code()}: "
                    f"{str(reply.error)[:120]}")
        ctx.skipped(RESULT_META, "tasks/result answered an error")
        return
    if result is None or not isinstance(result.get("content"), list):
        ctx.violated(RESULT, f"tasks/result of a {status!r} tools/call task is not a CallToolResult (no content array): "
                             f"keys {sorted(result or {})[:8]}")
    else:
        note = "" if (result.get("isError") is True) == (status == "failed") else (
            f" (status {status!r} with isError {result.get('isError')!r}: a tool error should end a task failed)")
        ctx.passed(RESULT, f"tasks/result: a CallToolResult with {len(result['content'])} content block(s){note}")
    meta = result.get("_meta") if result is not None else None
    related = meta.get(RELATED) if isinstance(meta, dict) else None
    ok = isinstance(related, dict) and related.get("taskId") == task_id
    ctx.verdict(RESULT_META, ok, f"_meta[{RELATED!r}].taskId is the task's id",
                f"the tasks/result response has {'no ' + RELATED if related is None else f'{RELATED} {related!r}'} "
                f"in _meta; it MUST name the task {task_id[:60]!r}")


async def _cancel_terminal(ctx, seen: Observed, task_id: str, status: str) -> None:
    try:
        reply = await ctx.request("tasks/cancel", {"taskId": task_id})
    except RequestFailed as err:
        ctx.no_answer(CANCEL_TERMINAL, err)
        if err.kind in ("gone", "transport"):
            raise
        return
    if reply.ok and _has_related(reply.result):
        seen.with_meta.append("tasks/cancel")
    ctx.verdict(CANCEL_TERMINAL, reply.error_code() == -32602, f"cancelling the {status} task: error -32602",
                f"cancelling the task in terminal status {status!r} was answered "
                f"{'with a result' if reply.ok else f'error {reply.error_code()}'} instead of -32602")


async def _cancel_running(ctx, seen: Observed, task: dict | None) -> None:
    if task is None:
        ctx.skipped(CANCEL, "the second task was not created")
        return
    try:
        reply = await ctx.request("tasks/cancel", {"taskId": task["taskId"]})
    except RequestFailed as err:
        ctx.no_answer(CANCEL, err)
        if err.kind in ("gone", "transport"):
            raise
        return
    if reply.ok and _has_related(reply.result):
        seen.with_meta.append("tasks/cancel")
    if not reply.ok:
        current = await _get(ctx, seen, task["taskId"])
        status = current.result.get("status") if current.ok and isinstance(current.result, dict) else None
        if status in TERMINAL:
            ctx.skipped(CANCEL, f"the task was already {status} when it was cancelled")
        else:
            ctx.violated(CANCEL, f"cancelling the {status or 'unknown'} task was answered error {reply.error_code()}: "
                                 f"{str(reply.error)[:120]}")
        return
    bad, _soft = task_problems(reply.result, "tasks/cancel", need_ttl=False)
    status = reply.result.get("status") if isinstance(reply.result, dict) else None
    if status != "cancelled":
        ctx.violated(CANCEL, f"tasks/cancel answered the task in status {status!r}; it MUST be cancelled before the response")
    elif bad:
        ctx.violated(CANCEL, f"tasks/cancel answered an invalid task: {bad[0]}")


async def _stays_cancelled(ctx, seen: Observed, task: dict) -> None:
    try:
        reply = await _get(ctx, seen, task["taskId"])
    except RequestFailed as err:
        ctx.no_answer(CANCEL, err)
        if err.kind in ("gone", "transport"):
            raise
        return
    if not reply.ok:  # receivers MAY delete cancelled tasks at any time
        ctx.passed(CANCEL, f"cancelled; later tasks/get: error {reply.error_code()} (cancelled tasks may be deleted)")
        return
    status = reply.result.get("status") if isinstance(reply.result, dict) else None
    ctx.verdict(CANCEL, status == "cancelled", "answered cancelled, and still cancelled later",
                f"the cancelled task later reports status {status!r}; once cancelled it MUST remain cancelled")


async def _list(ctx, seen: Observed, ours: list[dict]) -> None:
    """Every page of tasks/list; each of OURS that tasks/get still retrieves must be listed."""
    async def page(cursor):
        return await ctx.request("tasks/list", {} if cursor is None else {"cursor": cursor})

    try:
        found = await walk(page, "tasks/list", JUDGE)
    except RequestFailed as err:
        ctx.no_answer(LIST, err)
        ctx.skipped(LIST_CURSOR, "tasks/list was not answered")
        if err.kind in ("gone", "transport"):
            raise
        return
    for reply in found.replies:
        if _has_related(reply.result):
            seen.with_meta.append("tasks/list")
    if found.error is not None:
        ctx.violated(LIST, f"tasks.list is declared but tasks/list answered error {found.error.get('code')}")
    else:
        failures = found.shape + found.cursor + found.loop
        warnings = []
        for index, item in enumerate(found.items[:200]):
            bad, soft = task_problems(item, f"tasks[{index}]", need_ttl=False)
            failures += bad
            warnings += soft
        listed = {t.get("taskId") for t in found.objects()}
        for task in ours if not found.stopped else ():
            if task["taskId"] not in listed and (await _get(ctx, seen, task["taskId"])).ok:
                failures.append(f"the task {task['taskId'][:60]!r} tasks/get retrieves is not on any of "
                                f"{found.pages} tasks/list page(s)")
        judge(ctx, LIST, f"{len(found.items)} task(s) on {found.pages} page(s)", failures, warnings)
    await _invalid_cursor(ctx)


async def _invalid_cursor(ctx) -> None:
    try:
        reply = await ctx.request("tasks/list", {"cursor": UNKNOWN_CURSOR})
    except RequestFailed as err:
        ctx.no_answer(LIST_CURSOR, err)
        if err.kind in ("gone", "transport"):
            raise
        return
    ctx.verdict(LIST_CURSOR, reply.error_code() == -32602, "an unknown cursor: error -32602",
                f"tasks/list with the cursor {UNKNOWN_CURSOR!r} the server never issued was answered "
                f"{'with a page' if reply.ok else f'error {reply.error_code()}'} instead of -32602")


def _report_gets(ctx, seen: Observed) -> None:
    if GET.id in ctx.reported:
        return
    if not seen.gets:
        ctx.skipped(GET, "no task was read with tasks/get")
        return
    judge(ctx, GET, f"{seen.gets} tasks/get answer(s) valid", list(dict.fromkeys(seen.get_failures)),
          list(dict.fromkeys(seen.get_warnings)))


def _report_meta(ctx, seen: Observed) -> None:
    statuses = 0
    for _session, _item, params in notifications(ctx, "notifications/tasks/status"):
        statuses += 1
        if _has_related(params):
            seen.with_meta.append("notifications/tasks/status")
    if not seen.gets and not statuses and not seen.with_meta:
        ctx.skipped(META_OMITTED, "no tasks/get, tasks/list or tasks/cancel result or status notification was seen")
        return
    where = sorted(set(seen.with_meta))
    ctx.verdict(META_OMITTED, not where, f"no {RELATED} where the task id is already given ({statuses} status notification(s))",
                f"{', '.join(where)} carr{'ies' if len(where) == 1 else 'y'} {RELATED} in _meta although the task id is "
                "already in the message")


SCENARIOS = [
    Scenario(SC, "Tasks (2025-11-25): task-augmented tools/call, tasks/get, tasks/result, tasks/list, tasks/cancel",
             CHECKS, run, revisions=V),
]
