"""Completion (UTIL-011, UTIL-012): completion/complete on prompt arguments and template variables.

Capability-gated on `completions` (2025-03-26 on; 2024-11-05 defines no such
capability). The completions the prompts and resources scenarios make to synthesize
arguments are judged here (`primitives.completions_made`), so a server with prompts
and templates costs one extra request at most per check. The scenario name is the
official suite's `completion-complete`.
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion
"""

from __future__ import annotations

from validator.conformance.observe import uritemplate
from validator.conformance.observe.listing import listing
from validator.conformance.observe.primitives import (
    complete,
    completions_made,
    judge,
    prompt_gets,
    template_reads,
    undeclared,
    valid_templates,
)
from validator.conformance.protocol.revisions import COMPLETION_CONTEXT_FROM, revisions, since
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import S25, Check, Scenario

R = revisions("25a+")  # 2026-07-28 keeps completion/complete (server/utilities/completion)
COMPLETION = f"{S25}/server/utilities/completion"
SC, SC_ERRORS = "completion-complete", "completion-errors"

PROMPT_REF = Check("completion-complete", SC, "UTIL-011", "MUST", R, f"{COMPLETION}#completion-results",
                   "completion/complete on a prompt argument answers completion.values (strings), integer total, boolean hasMore")
RESOURCE_REF = Check("completion-resource-ref", SC, "UTIL-011", "MUST", R, f"{COMPLETION}#reference-types",
                     "completion/complete on a resource template variable (ref/resource) answers the same shape")
MAX_100 = Check("completion-values-max-100", SC, "UTIL-011", "MUST", R, f"{COMPLETION}#completion-results",
                "completion.values never holds more than 100 items")
CONTEXT = Check("completion-context-arguments", SC, "UTIL-011", "MUST", revisions("25b+"), f"{COMPLETION}#requesting-completions",
                "a completion request carrying context.arguments (2025-06-18 on) is answered")
UNKNOWN = Check("completion-unknown-ref", SC_ERRORS, "UTIL-012", "SHOULD", R, f"{COMPLETION}#error-handling",
                "completion/complete for an unknown prompt is answered with error -32602")

UNKNOWN_PROMPT = "agentconform-no-such-prompt"


def _shape(made, where: str) -> tuple[list[str], list[str]]:
    """(failures, warnings) of one completion answer."""
    if made.error is not None:
        return [f"{where}: no answer ({made.error})"], []
    if not made.reply.ok:
        return [], [f"{where}: answered error {made.reply.error_code()} (expected a result, possibly with no values)"]
    result = made.reply.result
    completion = result.get("completion") if isinstance(result, dict) else None
    if not isinstance(completion, dict):
        return [f"{where}: result.completion is missing or not an object"], []
    failures, warnings = [], []
    values = completion.get("values")
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        failures.append(f"{where}: completion.values is not an array of strings")
        values = []
    total, more = completion.get("total"), completion.get("hasMore")
    if total is not None and (isinstance(total, bool) or not isinstance(total, int)):
        failures.append(f"{where}: completion.total {total!r} is not an integer")
    elif isinstance(total, int) and total < len(values):
        warnings.append(f"{where}: completion.total {total} is less than the {len(values)} values sent")
    if more is not None and not isinstance(more, bool):
        failures.append(f"{where}: completion.hasMore {more!r} is not a boolean")
    elif more is False and isinstance(total, int) and total > len(values):
        warnings.append(f"{where}: hasMore is false but total {total} exceeds the {len(values)} values sent")
    return failures, warnings


def _where(made) -> str:
    ref = made.ref.get("name") or made.ref.get("uri")
    return f"{made.ref.get('type')} {ref!r} argument {made.argument!r}"


async def _made(ctx, kind: str) -> list:
    # the prompts and templates scenarios' synthesis, finished first so the log is complete
    if kind == "ref/prompt" and ctx.capability("prompts") is not None:
        await prompt_gets(ctx)
    elif kind == "ref/resource" and ctx.capability("resources") is not None:
        await template_reads(ctx)
    return [m for m in await completions_made(ctx) if m.ref.get("type") == kind]


async def _first_prompt_argument(ctx):
    prompts = await listing(ctx, "prompts/list")
    for prompt in prompts.objects() if prompts is not None and prompts.served else []:
        args = [a for a in prompt.get("arguments") or [] if isinstance(a, dict) and isinstance(a.get("name"), str)] \
            if isinstance(prompt.get("arguments"), list) else []
        if isinstance(prompt.get("name"), str) and args:
            return {"type": "ref/prompt", "name": prompt["name"]}, [a["name"] for a in args]
    return None, []


async def _first_template_variable(ctx):
    if ctx.capability("resources") is None:
        return None, []
    templates = valid_templates(await listing(ctx, "resources/templates/list"))
    if not templates:
        return None, []
    pattern = templates[0]["uriTemplate"]
    return {"type": "ref/resource", "uri": pattern}, uritemplate.variables(pattern)


async def _judge_ref(ctx, check, kind: str, find, what: str) -> list:
    made = await _made(ctx, kind)
    if not made:
        ref, names = await find(ctx)
        if ref is None:
            ctx.skipped(check, f"no {what} to complete")
            return []
        made = [await complete(ctx, ref, names[0])]
    failures, warnings = [], []
    for one in made:
        f, w = _shape(one, _where(one))
        failures += f
        warnings += w
    values = sum(len(m.values) for m in made)
    judge(ctx, check, f"{len(made)} completion(s) of {what}s answered well formed ({values} value(s))", failures, warnings)
    return made


async def run_complete(ctx) -> None:
    if undeclared(ctx, "completions", PROMPT_REF, RESOURCE_REF, MAX_100, CONTEXT):
        return
    made = await _judge_ref(ctx, PROMPT_REF, "ref/prompt", _first_prompt_argument, "prompt argument")
    made += await _judge_ref(ctx, RESOURCE_REF, "ref/resource", _first_template_variable, "template variable")
    answered = [m for m in made if m.reply is not None and m.reply.ok]
    if not answered:
        ctx.skipped(MAX_100, "no completion was answered with a result")
    else:
        over = [f"{_where(m)}: {len(m.values)} values" for m in answered if _count(m) > 100]
        ctx.verdict(MAX_100, not over, f"at most {max(_count(m) for m in answered)} value(s) per answer",
                    "more than 100 values: " + "; ".join(over[:3]))
    if since(ctx.revision, COMPLETION_CONTEXT_FROM):
        await _context(ctx, made)


def _count(made) -> int:
    completion = made.reply.result.get("completion") if isinstance(made.reply.result, dict) else None
    values = completion.get("values") if isinstance(completion, dict) else None
    return len(values) if isinstance(values, list) else 0


async def _context(ctx, made: list) -> None:
    with_context = [m for m in made if m.context]
    if not with_context:
        ref, names = await _first_prompt_argument(ctx)
        if len(names) < 2:
            ref, names = await _first_template_variable(ctx)
        if ref is None or len(names) < 2:
            ctx.skipped(CONTEXT, "no prompt or template has two arguments to complete one in the context of the other")
            return
        with_context = [await complete(ctx, ref, names[1], {names[0]: "example"})]
    bad = [f"{_where(m)} with context {m.context}: " + (f"no answer ({m.error})" if m.error else f"error {m.reply.error_code()}")
           for m in with_context if m.error is not None or not m.reply.ok]
    judge(ctx, CONTEXT, f"{len(with_context)} completion(s) with context.arguments answered", bad)


async def run_errors(ctx) -> None:
    if undeclared(ctx, "completions", UNKNOWN):
        return
    params = {"ref": {"type": "ref/prompt", "name": UNKNOWN_PROMPT}, "argument": {"name": "x", "value": ""}}
    try:
        reply = await ctx.request("completion/complete", params)
    except RequestFailed as err:
        ctx.no_answer(UNKNOWN, err)
        return
    code = reply.error_code()
    ctx.verdict(UNKNOWN, code == -32602, "error -32602 (invalid params)",
                f"completion for unknown prompt {UNKNOWN_PROMPT!r} answered "
                + (f"error {code}" if reply.error else "a result") + " instead of error -32602")


SCENARIOS = [
    Scenario(SC, "completion/complete on prompt arguments and template variables", (PROMPT_REF, RESOURCE_REF, MAX_100, CONTEXT),
             run_complete, revisions=R),
    Scenario(SC_ERRORS, "completion/complete for an unknown prompt", (UNKNOWN,), run_errors, revisions=R),
]
