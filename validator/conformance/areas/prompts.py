"""Prompts (PROMPT-*): listing, getting every sampled prompt, messages, errors.

Capability-gated on `prompts`. Each sampled prompt is fetched with its required
arguments synthesized (completion values when `completions` is declared, otherwise
harmless values chosen by argument name; see `validator.conformance.observe.primitives`), so
no fixture prompt is needed. Scenario and check ids reuse the official suite's
(`prompts-list`, `prompts-get-simple`, `prompts-get-with-args`,
`prompts-get-embedded-resource`, `prompts-get-with-image`) where the meaning matches.
https://modelcontextprotocol.io/specification/2025-11-25/server/prompts
"""

from __future__ import annotations

from validator.conformance.observe.content import ROLES, block_payload_problems, block_shape_problems, typed
from validator.conformance.observe.listing import listing
from validator.conformance.observe.primitives import get_prompt, judge, prompt_gets, required_arguments, undeclared
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LM = revisions("all")
"""The handshake revisions and 2026-07-28, whose prompts page keeps these requirements."""
PROMPTS = f"{S25}/server/prompts"
SC_LIST, SC_SIMPLE, SC_ARGS = "prompts-list", "prompts-get-simple", "prompts-get-with-args"
SC_MESSAGES, SC_EMBEDDED, SC_IMAGE, SC_ERRORS = ("prompts-messages", "prompts-get-embedded-resource", "prompts-get-with-image",
                                                "prompts-get-errors")

LIST = Check("prompts-list", SC_LIST, "PROMPT-001", "MUST", LM, f"{PROMPTS}#listing-prompts",
             "prompts/list answers prompts[] on every page; each has a string name and arguments [{name, required: boolean}]")
ARGS_UNIQUE = Check("prompts-arguments-unique", SC_LIST, "PROMPT-001", "derived", LM, f"{PROMPTS}#prompt",
                    "argument names are unique within each prompt")
SIMPLE = Check("prompts-get-simple", SC_SIMPLE, "PROMPT-002", "MUST", LM, f"{PROMPTS}#getting-a-prompt",
               "prompts/get of each sampled prompt without required arguments answers messages[]")
WITH_ARGS = Check("prompts-get-with-args", SC_ARGS, "PROMPT-002", "MUST", LM, f"{PROMPTS}#getting-a-prompt",
                  "prompts/get with synthesized values for the required arguments answers messages[]")
MESSAGES = Check("prompts-messages-valid", SC_MESSAGES, "PROMPT-002", "MUST", LM, f"{PROMPTS}#promptmessage",
                 "every message has role user/assistant and one content block of a type its revision defines")
EMBEDDED = Check("prompts-get-embedded-resource", SC_EMBEDDED, "PROMPT-002", "MUST", LM, f"{PROMPTS}#embedded-resources",
                 "embedded resources in messages carry a uri, a media type and exactly one of text / base64 blob")
IMAGE = Check("prompts-get-with-image", SC_IMAGE, "PROMPT-002", "MUST", LM, f"{PROMPTS}#image-content",
              "image and audio content carries base64 data and an image/* (audio/*) mimeType")
MISSING = Check("prompts-get-missing-argument", SC_ERRORS, "PROMPT-003", "SHOULD", LM, f"{PROMPTS}#error-handling",
                "prompts/get without a required argument is answered with error -32602")
UNKNOWN = Check("prompts-get-unknown", SC_ERRORS, "PROMPT-003", "SHOULD", LM, f"{PROMPTS}#error-handling",
                "prompts/get of an unknown prompt name is answered with error -32602")

UNKNOWN_NAME = "agentconform-no-such-prompt"


async def _listed(ctx, *checks):
    """The prompts listing, or None after reporting why CHECKS cannot be judged."""
    prompts = await listing(ctx, "prompts/list")
    if prompts.error is not None or prompts.shape:
        for check in checks:
            ctx.skipped(check, "prompts/list did not answer a prompts array")
        return None
    return prompts


# ---- prompts-list -----------------------------------------------------------------------------------
def _prompt_problems(prompt, revision: str, where: str) -> list[str]:
    if not isinstance(prompt, dict):
        return [f"{where}: not an object"]
    out = [] if isinstance(prompt.get("name"), str) else [f"{where}: name is missing or not a string"]
    out += typed(prompt, "description", str, where)
    if revision >= "2025-06-18":
        out += typed(prompt, "title", str, where)
    args = prompt.get("arguments")
    if args is None:
        return out
    if not isinstance(args, list):
        return out + [f"{where}: arguments is {type(args).__name__}, not an array"]
    for j, arg in enumerate(args):
        at = f"{where}.arguments[{j}]"
        if not isinstance(arg, dict):
            out.append(f"{at}: not an object")
            continue
        if not isinstance(arg.get("name"), str):
            out.append(f"{at}: name is missing or not a string")
        out += typed(arg, "required", bool, at) + typed(arg, "description", str, at)
        if revision >= "2025-06-18":
            out += typed(arg, "title", str, at)
    return out


async def run_list(ctx) -> None:
    if undeclared(ctx, "prompts", LIST, ARGS_UNIQUE):
        return
    prompts = await listing(ctx, "prompts/list")
    if prompts.error is not None:
        ctx.violated(LIST, f"prompts is declared but prompts/list answered error {prompts.error.get('code')}", level="derived")
        ctx.skipped(ARGS_UNIQUE, "prompts/list did not answer")
        return
    problems = list(prompts.shape)
    for i, item in enumerate(prompts.items):
        problems += _prompt_problems(item, ctx.revision, f"prompts[{i}]")
    judge(ctx, LIST, f"{len(prompts.items)} prompt(s) on {prompts.pages} page(s)", problems)
    duplicated = []
    for prompt in prompts.objects():
        names = [a.get("name") for a in prompt.get("arguments") or [] if isinstance(a, dict)] \
            if isinstance(prompt.get("arguments"), list) else []
        twice = sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
        if twice:
            duplicated.append(f"prompt {prompt.get('name')!r} lists argument(s) {twice} more than once")
    with_args = sum(1 for p in prompts.objects() if p.get("arguments"))
    if not with_args and not duplicated:
        ctx.skipped(ARGS_UNIQUE, "no prompt declares arguments")
    else:
        judge(ctx, ARGS_UNIQUE, f"argument names unique in {with_args} prompt(s)", [], duplicated)


# ---- prompts/get ---------------------------------------------------------------------------------------
async def run_simple(ctx) -> None:
    await _gets(ctx, SIMPLE, lambda g: not g.required, "without required arguments")


async def run_with_args(ctx) -> None:
    await _gets(ctx, WITH_ARGS, lambda g: bool(g.required), "with required arguments")


async def _gets(ctx, check, which, what: str) -> None:
    if undeclared(ctx, "prompts", check) or await _listed(ctx, check) is None:
        return
    gets = [g for g in await prompt_gets(ctx) if which(g)]
    if not gets:
        ctx.skipped(check, f"no prompt {what} is listed")
        return
    failures, refusals, good = [], [], []
    for got in gets:
        if got.error is not None:
            failures.append(f"{got.name}: no answer ({got.error})")
        elif not got.reply.ok:
            args = ", ".join(f"{k}={v!r} ({got.sources.get(k)})" for k, v in got.arguments.items())
            guessed = any(source != "completion" for source in got.sources.values())
            # without required arguments the request omits `arguments`, which GetPromptRequest makes optional
            refusals.append((got.reply.error_code(), guessed, f"{got.name} → error {got.reply.error_code()}"
                             + (f" for {args}" if args else " (sent without `arguments`, which are optional)")))
        elif got.messages is None:
            failures.append(f"{got.name}: result.messages is missing or not an array")
        else:
            good.append(got.name)
    # An error for values we guessed (not the server's own completions) says the values were wrong,
    # not that the prompt is broken: -32602 as the prompts page asks, or what an SDK makes of the
    # handler's exception (-32603 from the TypeScript SDK and mcp-go, 0 from the Python SDK 1.x;
    # nomad-mcp refuses action 'example' with -32603). Those codes are judged by
    # prompts-get-missing-argument and jsonrpc-invalid-params, not here.
    rejected = [text for code, guessed, text in refusals if check is WITH_ARGS and (code == -32602 or guessed)]
    broken = [text for _code, _guessed, text in refusals if text not in rejected]
    if failures:
        judge(ctx, check, "", failures)
    elif broken:
        ctx.violated(check, f"listed prompt(s) {what} could not be got: {'; '.join(broken[:3])}",
                     details={"failed": broken, "rejected": rejected, "got": good}, level="derived")
    elif good:
        ctx.passed(check, f"got {len(good)} prompt(s) {what}: {', '.join(good[:5])}", details={"rejected": rejected} if rejected else None)
    else:
        ctx.skipped(check, f"the synthesized arguments were rejected: {'; '.join(rejected[:3])}", details=rejected)


async def _messages(ctx):
    """(prompt name, index, message) of every successful get, or None when there is nothing to judge."""
    gets = [g for g in await prompt_gets(ctx) if g.messages is not None]
    return [(g.name, i, m) for g in gets for i, m in enumerate(g.messages)]


async def run_messages(ctx) -> None:
    if undeclared(ctx, "prompts", MESSAGES) or await _listed(ctx, MESSAGES) is None:
        return
    messages = await _messages(ctx)
    if not messages:
        ctx.skipped(MESSAGES, "no prompts/get answered messages")
        return
    problems = []
    for name, i, message in messages:
        where = f"{name} messages[{i}]"
        if not isinstance(message, dict):
            problems.append(f"{where}: not an object")
            continue
        if message.get("role") not in ROLES:
            problems.append(f"{where}: role {message.get('role')!r} is not 'user' or 'assistant'")
        content = message.get("content")
        if isinstance(content, list):
            problems.append(f"{where}: content is an array; a prompt message holds one content block")
        else:
            problems += block_shape_problems(content, ctx.revision, where)
    judge(ctx, MESSAGES, f"{len(messages)} message(s) well formed", problems)


async def run_embedded(ctx) -> None:
    await _blocks(ctx, EMBEDDED, ("resource",), "embedded resource")


async def run_image(ctx) -> None:
    await _blocks(ctx, IMAGE, ("image", "audio"), "image or audio")


async def _blocks(ctx, check, kinds: tuple[str, ...], what: str) -> None:
    if undeclared(ctx, "prompts", check) or await _listed(ctx, check) is None:
        return
    blocks = [(f"{name} messages[{i}]", m["content"]) for name, i, m in await _messages(ctx)
              if isinstance(m, dict) and isinstance(m.get("content"), dict) and m["content"].get("type") in kinds]
    if not blocks:
        ctx.skipped(check, f"no sampled prompt returned {what} content")
        return
    problems = [p for where, block in blocks for p in block_payload_problems(block, ctx.revision, where, embedded_mime=True)]
    judge(ctx, check, f"{len(blocks)} {what} block(s) well formed", problems)


# ---- errors ------------------------------------------------------------------------------------------
async def run_errors(ctx) -> None:
    if undeclared(ctx, "prompts", MISSING, UNKNOWN) or (prompts := await _listed(ctx, MISSING, UNKNOWN)) is None:
        return
    reply, error = await get_prompt(ctx, UNKNOWN_NAME, None, SC_ERRORS)
    _expect_invalid_params(ctx, UNKNOWN, reply, error, f"prompts/get {UNKNOWN_NAME!r}")
    needy = [p for p in prompts.objects() if required_arguments(p)]
    if not needy:
        ctx.skipped(MISSING, "no listed prompt has a required argument")
        return
    prompt = needy[0]
    gets = {g.name: g for g in await prompt_gets(ctx)}
    values = dict(gets[prompt["name"]].arguments) if prompt["name"] in gets else {}
    omitted = required_arguments(prompt)[0]["name"]
    values.pop(omitted, None)
    reply, error = await get_prompt(ctx, prompt["name"], values, SC_ERRORS)
    _expect_invalid_params(ctx, MISSING, reply, error, f"prompts/get {prompt['name']!r} without {omitted!r}")


def _expect_invalid_params(ctx, check, reply, error, what: str) -> None:
    if error is not None:
        ctx.no_answer(check, error)
    elif reply.ok:
        ctx.violated(check, f"{what} answered a result instead of error -32602")
    else:
        code = reply.error_code()
        ctx.verdict(check, code == -32602, f"{what} → error -32602", f"{what} answered error {code}, not -32602 (invalid params)")


SCENARIOS = [
    Scenario(SC_LIST, "prompts/list to the end: prompt and argument shape", (LIST, ARGS_UNIQUE), run_list, revisions=LM),
    Scenario(SC_SIMPLE, "prompts/get of prompts without required arguments", (SIMPLE,), run_simple, revisions=LM),
    Scenario(SC_ARGS, "prompts/get with synthesized required arguments", (WITH_ARGS,), run_with_args, revisions=LM),
    Scenario(SC_MESSAGES, "Roles and content blocks of every message got", (MESSAGES,), run_messages, revisions=LM),
    Scenario(SC_EMBEDDED, "Embedded resources in prompt messages", (EMBEDDED,), run_embedded, revisions=LM),
    Scenario(SC_IMAGE, "Image and audio content in prompt messages", (IMAGE,), run_image, revisions=LM),
    Scenario(SC_ERRORS, "Unknown prompt and missing required argument", (MISSING, UNKNOWN), run_errors, revisions=LM),
]
