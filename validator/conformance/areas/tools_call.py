"""Scenario `tools-call`: the tools --call-tools allows, called with schema-valid arguments,
and what their results say; then the probes (an unknown tool, schema-violating
arguments to a read-only tool, task negotiation on 2025-11-25).
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools
"""

from __future__ import annotations

import asyncio
import json

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe import content, synth
from validator.conformance.observe import schema as schemas
from validator.conformance.observe.primitives import ping_before, still_answers
from validator.conformance.observe.quote import q
from validator.conformance.observe.tools import TOOLS, call_gate, call_run, gone, tasks_declared
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
SC = "tools-call"
TASKS = f"{S25}/basic/utilities/tasks"

RESULT = Check("tools-call-result", SC, "TOOL-010", "MUST", L, f"{TOOLS}#calling-tools",
               "each call with schema-valid arguments is answered with a CallToolResult (a content array; isError, if "
               "present, a boolean); the message says how many tools were called and why others were not")
ACCEPTS = Check("tools-call-accepts-valid-arguments", SC, "TOOL-002", "derived", revisions("25c"), f"{TOOLS}#error-handling",
                "arguments valid under a tool's own inputSchema are not refused with error -32602 (2025-11-25: the "
                "schema describes the input, and value errors are tool execution errors)")
CONTENT = Check("tools-call-content-types", SC, "TOOL-010", "MUST", L, f"{TOOLS}#tool-result",
                "every content block is of a type the negotiated revision defines (audio from 2025-03-26, "
                "resource_link from 2025-06-18) with its required fields")
IMAGE = Check("tools-call-image", SC, "TOOL-010", "MUST", L, f"{TOOLS}#image-content",
              "image blocks carry base64 data (whose bytes match the declared image/* type)")
AUDIO = Check("tools-call-audio", SC, "TOOL-010", "MUST", revisions("25a+"), f"{TOOLS}#audio-content",
              "audio blocks carry base64 data (whose bytes match the declared audio/* type)")
EMBEDDED = Check("tools-call-embedded-resource", SC, "TOOL-010", "MUST", L, f"{TOOLS}#embedded-resources",
                 "embedded resources have an absolute uri and a text or base64 blob")
EMBEDDED_CAP = Check("tools-call-embedded-resource-capability", SC, "TOOL-011", "SHOULD", revisions("25b+"),
                     f"{TOOLS}#embedded-resources", "a server that returns embedded resources declares the resources capability")
LINK = Check("tools-call-resource-link", SC, "TOOL-010", "MUST", revisions("25b+"), f"{TOOLS}#resource-links",
             "resource_link blocks have an absolute uri and a name")
STRUCTURED = Check("tools-call-structured-content", SC, "TOOL-005", "MUST", revisions("25b+"), f"{TOOLS}#output-schema",
                   "a tool with an outputSchema returns structuredContent in every successful result")
STRUCTURED_VALID = Check("tools-call-structured-content-valid", SC, "TOOL-005", "MUST", revisions("25b+"),
                         f"{TOOLS}#output-schema", "structuredContent conforms to the tool's outputSchema")
STRUCTURED_OBJECT = Check("tools-call-structured-content-object", SC, "TOOL-007", "MUST", revisions("25b-25c"),
                          f"{TOOLS}#structured-content", "structuredContent is a JSON object")
STRUCTURED_TEXT = Check("tools-call-structured-content-text", SC, "TOOL-006", "SHOULD", revisions("25b+"),
                        f"{TOOLS}#structured-content", "structuredContent is also returned serialized as JSON in a text block")
UNKNOWN = Check("tools-call-unknown-tool", SC, "TOOL-008", "derived", L, f"{TOOLS}#error-handling",
                "calling a tool that does not exist is answered with a JSON-RPC error (the spec's example: -32602)")
ERROR = Check("tools-call-error", SC, "TOOL-009", "derived", L, f"{TOOLS}#error-handling",
              "schema-violating arguments to a read-only tool are reported as a tool error: isError true with a text "
              "explanation (2025-11-25), or error -32602")
ROBUST = Check("tools-call-invalid-arguments-handled", SC, "TOOL-012", "MUST", L, f"{TOOLS}#security-considerations",
               "schema-violating arguments are validated: answered, never a crash, a hang or an internal error")
TASK_REQUIRED = Check("tools-call-task-required", SC, "TOOL-018", "MUST", revisions("25c"), f"{TASKS}#tool-level-negotiation",
                      "a tool with taskSupport 'required' called without a task is refused with -32601")
TASK_FORBIDDEN = Check("tools-call-task-forbidden", SC, "TOOL-018", "SHOULD", revisions("25c"), f"{TASKS}#tool-level-negotiation",
                       "a tool without task support called as a task is refused with -32601")
TASK_IGNORED = Check("tools-call-task-ignored", SC, "TASK-001", "MUST", revisions("25c"), TASKS,
                     "a server that does not declare tasks.requests.tools.call processes a task-augmented call normally")

UNKNOWN_NAME = "agentconform_no_such_tool"
TASK_PARAM = {"ttl": 60000}


async def run(ctx) -> None:
    found = await call_gate(ctx)
    if found is None:
        return
    run_ = await call_run(ctx, found)
    _results(ctx, run_)
    _content(ctx, run_.calls)
    _structured(ctx, run_.calls)
    await asyncio.gather(_unknown(ctx, found), _tasks(ctx, run_))
    await _invalid(ctx, run_)


# ---- results of the valid calls ----------------------------------------------------------------
def _results(ctx, run_) -> None:
    info = run_.info
    text = calls_mod.describe(info)
    problems, refused, lost = [], [], []
    for call in run_.calls:
        if call.failure is not None and gone(call.failure):
            lost.append(f"{q(call.plan.name)}: {call.failure}")
        if call.reply is None:
            continue
        if not call.reply.ok:
            if call.reply.error_code() == -32602:
                refused.append(f"{q(call.plan.name)} refused {json.dumps(call.plan.arguments)[:120]}: {str(call.reply.error)[:120]}")
            continue
        result = call.reply.result
        if not isinstance(result, dict):
            problems.append(f"{q(call.plan.name)}: result is not an object")
            continue
        if not isinstance(result.get("content"), list):
            problems.append(f"{q(call.plan.name)}: content is {'missing' if 'content' not in result else 'not an array'}")
        if "isError" in result and not isinstance(result["isError"], bool):
            problems.append(f"{q(call.plan.name)}: isError is {result['isError']!r}, not a boolean")
    details = dict(info)
    if lost:
        ctx.report(RESULT, "fail", f"the server stopped answering during tools/call: {lost[0]}", details)
    elif not [c for c in run_.calls if c.reply is not None]:
        ctx.skipped(RESULT, text, details)  # nothing called, or every call outlived the timeout
    else:
        ctx.verdict(RESULT, not problems, text, "; ".join(problems[:4]) + f" — {text}", details)
    if not ACCEPTS.applies(ctx.revision, ctx.transport):
        # before 2025-11-25 the tools pages list invalid arguments under protocol errors, so a
        # -32602 for a value the schema cannot express (an unknown id, say) is not a deviation
        return
    if not [c for c in run_.calls if c.reply is not None]:
        ctx.skipped(ACCEPTS, "no tool was called")
    else:
        ctx.verdict(ACCEPTS, not refused, "no schema-valid arguments were refused",
                    f"{len(refused)} tool(s) refused arguments valid under their own inputSchema: {'; '.join(refused[:1])}",
                    details={"refused": refused[:20]} if refused else None)


def _ok_results(calls: list) -> list:
    return [(c, c.result) for c in calls if c.result is not None]


def _content(ctx, calls: list) -> None:
    from validator.conformance.protocol import wire_adapter

    validate, _why = wire_adapter.load()
    ok = _ok_results(calls)
    allowed = content.content_types(ctx.revision)
    problems, by_type = [], {}
    for call, result in ok:
        blocks = result.get("content") if isinstance(result.get("content"), list) else []
        for index, block in enumerate(blocks):
            kind = block.get("type") if isinstance(block, dict) else None
            if kind not in allowed:
                problems.append(f"{q(call.plan.name)}: content[{index}] type {kind!r} is not defined in {ctx.revision}")
                continue
            by_type.setdefault(kind, []).append((call.plan.name, index, block))
        if validate is not None:
            issues = validate(ctx.revision, {"jsonrpc": "2.0", "id": 0, "result": result}, request_method="tools/call")
            for issue in issues:
                pointer = tuple(getattr(issue, "pointer", ()) or ())
                if len(pointer) >= 3 and pointer[1] == "content" and "unknown type" not in issue.message:
                    problems.append(f"{q(call.plan.name)}: /{'/'.join(map(str, pointer[1:]))}: {issue.message}")
    if not ok:
        for check in (CONTENT, IMAGE, AUDIO, EMBEDDED, LINK, EMBEDDED_CAP):
            if check.applies(ctx.revision, ctx.transport):
                ctx.skipped(check, "no tool call returned a result")
        return
    blocks = sum(len(v) for v in by_type.values())
    kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_type.items()))
    ctx.verdict(CONTENT, not problems, f"{blocks} block(s) in {len(ok)} result(s): {kinds or 'none'}", "; ".join(problems[:4]),
                details={"problems": problems[:30]} if problems else None)
    _typed(ctx, IMAGE, by_type.get("image", []), lambda b: content.binary_problems(b, "image"), "image")
    if AUDIO.applies(ctx.revision, ctx.transport):
        _typed(ctx, AUDIO, by_type.get("audio", []), lambda b: content.binary_problems(b, "audio"), "audio")
    _typed(ctx, EMBEDDED, by_type.get("resource", []), content.resource_problems, "embedded resource")
    if LINK.applies(ctx.revision, ctx.transport):
        _typed(ctx, LINK, by_type.get("resource_link", []), lambda b: (content.link_problems(b), []), "resource_link")
    if EMBEDDED_CAP.applies(ctx.revision, ctx.transport):
        embedded = by_type.get("resource", [])
        if not embedded:
            ctx.skipped(EMBEDDED_CAP, "no embedded resource was returned")
        else:
            tools = sorted({name for name, _i, _b in embedded})
            ctx.verdict(EMBEDDED_CAP, ctx.capability("resources") is not None, "the resources capability is declared",
                        f"{', '.join(q(t) for t in tools[:4])} return embedded resources but the resources capability is not declared")


def _typed(ctx, check, blocks: list, judge, what: str) -> None:
    if not blocks:
        ctx.skipped(check, f"no {what} content was returned by the tools called")
        return
    must, derived = [], []
    for name, index, block in blocks:
        hard, soft = judge(block)
        must.extend(f"{q(name)} content[{index}]: {p}" for p in hard)
        derived.extend(f"{q(name)} content[{index}]: {p}" for p in soft)
    if must:
        ctx.violated(check, "; ".join(must[:3]), details={"problems": (must + derived)[:30]})
    elif derived:
        ctx.warned(check, "; ".join(derived[:3]), details={"problems": derived[:30]})
    else:
        ctx.passed(check, f"{len(blocks)} {what} block(s) valid")


def _structured(ctx, calls: list) -> None:
    if not STRUCTURED.applies(ctx.revision, ctx.transport):
        return
    ok = [(c, r) for c, r in _ok_results(calls) if r.get("isError") is not True]
    missing, invalid, not_object, no_text = [], [], [], []
    with_schema, with_structured = 0, 0
    for call, result in ok:
        name = call.plan.name
        output = call.plan.tool.get("outputSchema")
        has = "structuredContent" in result and result["structuredContent"] is not None
        if isinstance(output, dict):
            with_schema += 1
            if not has:
                missing.append(name)
            else:
                errors = schemas.instance_errors(output, result["structuredContent"], ctx.revision)
                invalid.extend(f"{q(name)}: {e}" for e in (errors or [])[:2])
        if has:
            with_structured += 1
            value = result["structuredContent"]
            if not isinstance(value, dict):
                not_object.append(f"{q(name)}: structuredContent is {type(value).__name__}")
            if not _serialized(result, value):
                no_text.append(name)
    if with_schema:
        ctx.verdict(STRUCTURED, not missing, f"{with_schema} successful result(s) of tools with an outputSchema carry structuredContent",
                    f"no structuredContent from {', '.join(q(n) for n in missing[:5])} (each declares an outputSchema)")
        ctx.verdict(STRUCTURED_VALID, not invalid, "structuredContent matches the outputSchema", "; ".join(invalid[:3]),
                    details={"problems": invalid[:30]} if invalid else None)
    else:
        why = "no tool with an outputSchema was called successfully"
        ctx.skipped(STRUCTURED, why)
        ctx.skipped(STRUCTURED_VALID, why)
    if with_structured:
        if STRUCTURED_OBJECT.applies(ctx.revision, ctx.transport):
            ctx.verdict(STRUCTURED_OBJECT, not not_object, f"{with_structured} structuredContent object(s)", "; ".join(not_object[:3]))
        ctx.verdict(STRUCTURED_TEXT, not no_text, "structuredContent is also serialized in a text block",
                    f"no text block holds the serialized structuredContent of {', '.join(q(n) for n in no_text[:5])}")
    else:
        for check in (STRUCTURED_OBJECT, STRUCTURED_TEXT):
            if check.applies(ctx.revision, ctx.transport):
                ctx.skipped(check, "no result carried structuredContent")


def _serialized(result: dict, value) -> bool:
    for block in result.get("content") or []:
        if isinstance(block, dict) and block.get("type") == "text" and isinstance(block.get("text"), str):
            try:
                if json.loads(block["text"]) == value:
                    return True
            except ValueError:
                continue
    return False


# ---- probes ----------------------------------------------------------------------------------------
async def _unknown(ctx, found) -> None:
    name = UNKNOWN_NAME
    while name in found.by_name():
        name += "_"
    try:
        reply = await ctx.request("tools/call", {"name": name, "arguments": {}})
    except RequestFailed as err:
        ctx.no_answer(UNKNOWN, err)
        return
    if not reply.ok:
        code = reply.error_code()
        ctx.passed(UNKNOWN, f"error {code}" + ("" if code == -32602 else " (the spec's example uses -32602; no code is mandated)"))
    elif isinstance(reply.result, dict) and reply.result.get("isError") is True:
        ctx.violated(UNKNOWN, "an unknown tool was reported as a tool execution error (isError) instead of a JSON-RPC "
                              "error; the spec lists unknown tools under protocol errors")
    else:
        ctx.violated(UNKNOWN, f"calling the unknown tool {q(name)} succeeded")


async def _invalid(ctx, run_) -> None:
    target = None
    for call in run_.calls:
        plan = call.plan
        if call.reply is None or not calls_mod.read_only(plan.tool) or plan.validator is None:
            continue
        broken = synth.violating(plan.tool.get("inputSchema"), plan.arguments, plan.validator)
        if broken is not None:
            target = (plan, broken)
            break
    if target is None:
        why = ("no read-only tool was called" if not any(calls_mod.read_only(c.plan.tool) for c in run_.calls)
               else "no called read-only tool has an inputSchema that rejects anything")
        ctx.skipped(ERROR, why)
        ctx.skipped(ROBUST, why)
        return
    plan, (arguments, what) = target
    label = f"{q(plan.name)} with {what}"
    before = await ping_before(ctx)
    try:
        reply = await ctx.request("tools/call", {"name": plan.name, "arguments": arguments})
    except RequestFailed as err:
        ctx.report(ROBUST, "fail", f"{label}: no answer ({err})")
        ctx.skipped(ERROR, f"{label}: no answer")
        if gone(err):
            raise
        return
    code = reply.error_code()
    result = reply.result if reply.ok and isinstance(reply.result, dict) else None
    if reply.ok and result is not None and result.get("isError") is True:
        texts = [b.get("text") for b in result.get("content") or [] if isinstance(b, dict) and b.get("type") == "text"]
        if any(isinstance(t, str) and t.strip() for t in texts):
            ctx.passed(ERROR, f"{label}: isError with an explanation")
        else:
            ctx.violated(ERROR, f"{label}: isError without a text explanation the model could act on")
    elif code == -32602:
        note = " (2025-11-25 prefers isError results for input validation)" if ctx.revision >= "2025-11-25" else ""
        ctx.passed(ERROR, f"{label}: error -32602{note}")
    elif reply.ok:
        ctx.violated(ERROR, f"{label}: succeeded; the arguments were not validated against the inputSchema")
    else:
        ctx.violated(ERROR, f"{label}: error {code}, neither isError nor -32602")
    try:
        alive = await ctx.request("ping")
    except RequestFailed as err:
        ctx.report(ROBUST, "fail", f"the server stopped answering after {label}: {err}")
        if gone(err):
            raise
        return
    if code == -32603:
        ctx.violated(ROBUST, f"{label}: internal error -32603 (the input reached the tool unvalidated)", level="derived")
    elif reply.http is not None and getattr(reply.http, "status", 200) >= 500:
        ctx.violated(ROBUST, f"{label}: HTTP {reply.http.status}")
    else:
        ctx.verdict(ROBUST, still_answers(alive, before), f"{label}: answered, and the server still answers ping"
                    + ("" if alive.ok else f" as before (error {alive.error_code()})"),
                    f"ping after {label} answered an error")


async def _tasks(ctx, run_) -> None:
    if ctx.revision != "2025-11-25":
        return
    declared = tasks_declared(ctx)
    call_tools = ctx.options.call_tools
    tools = [p.tool for p in run_.plans]
    if not declared:
        for check in (TASK_REQUIRED, TASK_FORBIDDEN):
            ctx.skipped(check, "the server does not declare tasks.requests.tools.call")
        await _task_ignored(ctx, run_)
        return
    ctx.skipped(TASK_IGNORED, "the server declares tasks.requests.tools.call")
    required = [t for t in tools if calls_mod.task_support(t) == "required"]
    callable_required = [t for t in required if calls_mod.may_call(t, call_tools)]
    if not callable_required:
        ctx.skipped(TASK_REQUIRED, "no tool requires tasks" if not required
                    else f"{len(required)} tool(s) require tasks, none may be called under --call-tools {call_tools}")
    else:
        tool = callable_required[0]
        plan = calls_mod.arguments_for(tool, ctx.revision)
        try:
            reply = await ctx.request("tools/call", {"name": tool["name"], "arguments": plan.arguments or {}})
        except RequestFailed as err:
            ctx.no_answer(TASK_REQUIRED, err)
        else:
            code = reply.error_code()
            ctx.verdict(TASK_REQUIRED, code == -32601, f"{q(tool['name'])} without a task: error -32601",
                        f"{q(tool['name'])} (taskSupport required) called without a task was answered "
                        f"{'with a result' if reply.ok else f'error {code}'} instead of -32601")
    plain = [c for c in run_.calls if c.reply is not None and calls_mod.task_support(c.plan.tool) in (None, "forbidden")]
    called = await _as_task(ctx, TASK_FORBIDDEN, plain, "no tool without task support was called")
    if called is None:
        return
    plan, reply = called
    code = reply.error_code()
    if code == -32601:
        ctx.passed(TASK_FORBIDDEN, f"{q(plan.name)} called as a task: error -32601")
        return
    created = reply.ok and isinstance(reply.result, dict) and isinstance(reply.result.get("task"), dict)
    ctx.violated(TASK_FORBIDDEN, f"{q(plan.name)} (taskSupport {calls_mod.task_support(plan.tool) or 'absent'}) called as a task "
                                 f"was answered {'with a created task' if created else 'with a result' if reply.ok else f'error {code}'} "
                                 "instead of -32601")
    if created and isinstance((ctx.capability("tasks") or {}).get("cancel"), dict):
        try:  # do not leave a task of ours running
            await ctx.request("tasks/cancel", {"taskId": reply.result["task"].get("taskId")})
        except RequestFailed:
            pass


async def _as_task(ctx, check, calls: list, none_why: str):
    """Call the first of CALLS' tools again, task-augmented: (plan, reply), or None when reported."""
    if not calls:
        ctx.skipped(check, none_why)
        return None
    plan = calls[0].plan
    try:
        reply = await ctx.request("tools/call", {"name": plan.name, "arguments": plan.arguments, "task": TASK_PARAM})
    except RequestFailed as err:
        ctx.no_answer(check, err)
        return None
    return plan, reply


async def _task_ignored(ctx, run_) -> None:
    done = [c for c in run_.calls if c.result is not None and isinstance(c.result.get("content"), list)]
    called = await _as_task(ctx, TASK_IGNORED, done, "no tool call returned a result to compare with")
    if called is None:
        return
    plan, reply = called
    result = reply.result if reply.ok and isinstance(reply.result, dict) else None
    if result is not None and isinstance(result.get("content"), list) and "task" not in result:
        ctx.passed(TASK_IGNORED, f"{q(plan.name)} with task metadata: processed as a plain call")
    elif result is not None and "task" in result:
        ctx.violated(TASK_IGNORED, f"{q(plan.name)}: a task was created although tasks are not declared")
    else:
        ctx.violated(TASK_IGNORED, f"{q(plan.name)} with task metadata was answered "
                                   f"{'error ' + str(reply.error_code()) if not reply.ok else 'without content'} "
                                   "instead of being processed normally")


SCENARIO = Scenario(SC, "Tools called per --call-tools with synthesized arguments; results, errors, tasks",
                    (RESULT, ACCEPTS, CONTENT, IMAGE, AUDIO, EMBEDDED, EMBEDDED_CAP, LINK, STRUCTURED, STRUCTURED_VALID,
                     STRUCTURED_OBJECT, STRUCTURED_TEXT, UNKNOWN, ERROR, ROBUST, TASK_REQUIRED, TASK_FORBIDDEN, TASK_IGNORED), run)
