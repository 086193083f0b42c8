"""Shared observations of a server's primitives, made once per revision (`ctx.memo`).

Owns the traffic the resources, prompts, completion and pagination scenarios judge, so
each list is walked once and each sample read once however many checks look at it:
- every page of `resources/list`, `resources/templates/list` and `prompts/list`
  (through the one list walker, `observe.listing`);
- `resources/read` of a bounded, varied sample of the listed resources, and of one
  expansion per sampled template with values taken from a listed URI the template
  matches, from `completion/complete` when `completions` is declared, or from safe
  defaults by variable name (RES-002, RES-004);
- `prompts/get` of a bounded sample of prompts with their required arguments
  synthesized the same way (PROMPT-002);
- every `completion/complete` made along the way (the completion checks judge them).
Reads and gets carry a `progressToken` so progress notifications can be judged.
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
"""

from __future__ import annotations

import asyncio
import itertools
import re
from dataclasses import dataclass
from typing import Any

from validator.conformance.observe import uritemplate
from validator.conformance.observe.listing import Listing, listing
from validator.conformance.observe.synth import described
from validator.conformance.protocol.revisions import COMPLETION_CONTEXT_FROM, since
from validator.conformance.protocol.session import Reply, RequestFailed

READ_SAMPLE = 5
READ_LEAST = 2
TEMPLATE_SAMPLE = 3
PROMPT_SAMPLE = 8
LARGE = 1_000_000
"""Bytes above which a listed resource is left out of the read sample when smaller ones exist."""

_tokens = itertools.count(1)
ABORT = ("gone", "budget")
"""RequestFailed kinds that end a scenario (the server is gone, the run's budget is spent); other
failures (a timeout) are kept as the observation of that one request."""


def progress_meta(method: str) -> dict:
    """`_meta` with a fresh progressToken (the session records it; see Session.progress_tokens)."""
    return {"progressToken": f"agentconform-{method.replace('/', '-')}-{next(_tokens)}"}


# ---- argument synthesis -----------------------------------------------------------------------
@dataclass
class Completion:
    ref: dict
    argument: str
    context: dict | None
    reply: Reply | None
    error: RequestFailed | None = None

    @property
    def values(self) -> list[str]:
        result = self.reply.result if self.reply is not None and self.reply.ok else None
        completion = result.get("completion") if isinstance(result, dict) else None
        values = completion.get("values") if isinstance(completion, dict) else None
        return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


async def _new_list() -> list:
    return []


async def completions_made(ctx) -> list[Completion]:
    """Every completion/complete sent for synthesis in this revision (appended to as they happen)."""
    return await ctx.memo("completion-log", _new_list)


async def complete(ctx, ref: dict, argument: str, context: dict | None = None) -> Completion | None:
    """Ask the server to complete ARGUMENT of REF (only when `completions` is declared)."""
    if ctx.capability("completions") is None:
        return None
    params: dict[str, Any] = {"ref": ref, "argument": {"name": argument, "value": ""}}
    if context and since(ctx.revision, COMPLETION_CONTEXT_FROM):
        params["context"] = {"arguments": dict(context)}
    try:
        reply = await ctx.request("completion/complete", params, scenario="completion-complete")
        made = Completion(ref, argument, params.get("context"), reply)
    except RequestFailed as err:
        if err.kind in ABORT:
            raise
        made = Completion(ref, argument, params.get("context"), None, err)
    (await completions_made(ctx)).append(made)
    return made


_NUMERIC = {"id", "ids", "num", "number", "count", "index", "page", "limit", "size", "port", "year", "month", "day",
            "amount", "quantity", "age", "offset", "max", "min", "top", "n", "k"}
_HINTS = (("url", "https://example.com/"), ("uri", "https://example.com/"), ("email", "user@example.com"),
          ("date", "2025-01-01"), ("time", "12:00"), ("lang", "en"), ("locale", "en"), ("path", "README.md"),
          ("file", "README.md"), ("city", "London"), ("country", "France"), ("bool", "true"), ("flag", "true"))


_ALTERNATIVES = re.compile(r"(?<![\w|/-])([A-Za-z0-9][\w.-]*)(?:\s*\|\s*[A-Za-z0-9][\w.-]*)+(?![\w|/-])")
_ONE_OF = re.compile(r"\bone of\b[:\s]*\(?\s*([A-Za-z0-9][\w.-]*)\s*,", re.I)


def described_value(description: str) -> str | None:
    """A value an argument's DESCRIPTION offers, the way a model reads it: a quoted example or a
    format placeholder (`synth.described`), else the first of listed alternatives ("list | get |
    run", "one of: brief, detailed"). nomad-mcp describes its prompts' `action` as
    "list | get | run | stop | scale" and refuses anything else."""
    if not description:
        return None
    quoted = described({"description": description})
    if quoted:
        return quoted[0]
    found = _ALTERNATIVES.search(description) or _ONE_OF.search(description)
    return found.group(1) if found else None


def default_value(name: str, description: str = "") -> str:
    """A harmless value for an argument called NAME (used when nothing better is known)."""
    low = re.sub(r"[^a-z0-9]", "", name.lower())
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+", name)}
    for hint, value in _HINTS:
        if hint in low:
            return value
    if words & _NUMERIC or re.search(r"\b(integer|number|numeric)\b", (description or "").lower()):
        return "1"
    return "example"


async def synthesize(ctx, ref: dict, names: list[tuple[str, str]]) -> tuple[dict, dict]:
    """Values for NAMES ((name, description) pairs) of REF, in order: (values, source by name)."""
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name, description in names:
        made = await complete(ctx, ref, name, values)
        hinted = described_value(description)
        if made is not None and made.values:
            values[name], sources[name] = made.values[0], "completion"
        elif hinted is not None:
            values[name], sources[name] = hinted, "description"
        else:
            values[name], sources[name] = default_value(name, description), "default"
    return values, sources


def interim(reply: Reply | None) -> bool:
    """A 2026-07-28 `input_required` result: no contents or messages yet, which the shared judges must
    not take for a malformed result (modern-messages judges it; basic/patterns/mrtr#supported-requests)."""
    result = reply.result if reply is not None and reply.ok else None
    return isinstance(result, dict) and result.get("resultType") == "input_required"


# ---- reads ------------------------------------------------------------------------------------
@dataclass
class Read:
    uri: str
    source: dict | None
    """The listed resource, or the template whose expansion this is."""
    template: str | None = None
    values: dict | None = None
    sources: dict | None = None
    reply: Reply | None = None
    error: RequestFailed | None = None

    @property
    def contents(self) -> list | None:
        result = self.reply.result if self.reply is not None and self.reply.ok else None
        contents = result.get("contents") if isinstance(result, dict) else None
        return contents if isinstance(contents, list) else None


async def read(ctx, uri: str, **kw) -> Read:
    out = Read(uri, **kw)
    scenario = "resources-templates-read" if out.template else "resources-read"
    try:
        out.reply = await ctx.request("resources/read", {"uri": uri, "_meta": progress_meta("resources/read")},
                                      scenario=scenario)
    except RequestFailed as err:
        if err.kind in ABORT:
            raise
        out.error = err
    return out


def sample(resources: list[dict], limit: int = READ_SAMPLE, least: int = READ_LEAST) -> list[dict]:
    """Up to LIMIT resources, one per media type and URI scheme, topped up in listing order to LEAST.

    Resources of a kind already read add little, so a server listing a hundred markdown
    files costs LEAST reads, not LIMIT. Resources declared larger than LARGE bytes are
    read only when nothing smaller is listed.
    """
    usable = [r for r in resources if isinstance(r.get("uri"), str)]
    small = [r for r in usable if not (isinstance(r.get("size"), (int, float)) and r["size"] > LARGE)]
    usable = small or usable
    chosen, kinds = [], set()
    for resource in usable:
        kind = (str(resource.get("mimeType")), resource["uri"].split(":", 1)[0])
        if kind not in kinds and len(chosen) < limit:
            kinds.add(kind)
            chosen.append(resource)
    for resource in usable:
        if len(chosen) >= least:
            break
        if resource not in chosen:
            chosen.append(resource)
    return chosen


async def resource_reads(ctx) -> list[Read]:
    """Reads of a sample of the listed resources (memoized)."""
    async def run() -> list[Read]:
        resources = await listing(ctx, "resources/list")
        if resources is None or not resources.served:
            return []
        reads = await asyncio.gather(*(read(ctx, r["uri"], source=r) for r in sample(resources.objects())))
        return [r for r in reads if not interim(r.reply)]
    return await ctx.memo("resource-reads", run)


def valid_templates(templates: Listing | None) -> list[dict]:
    if templates is None or not templates.served:
        return []
    return [t for t in templates.objects() if isinstance(t.get("uriTemplate"), str)
            and not uritemplate.parse(t["uriTemplate"])[1] and uritemplate.variables(t["uriTemplate"])]


async def template_reads(ctx) -> list[Read]:
    """One read per sampled template, of an expansion with synthesized values (memoized)."""
    async def run() -> list[Read]:
        templates = valid_templates(await listing(ctx, "resources/templates/list"))[:TEMPLATE_SAMPLE]
        if not templates:
            return []
        resources = await listing(ctx, "resources/list")
        listed = [r["uri"] for r in resources.objects() if isinstance(r.get("uri"), str)] if resources and resources.served else []
        reads = await asyncio.gather(*(_template_read(ctx, t, listed) for t in templates))
        return [r for r in reads if not interim(r.reply)]
    return await ctx.memo("template-reads", run)


async def _template_read(ctx, template: dict, listed: list[str]) -> Read:
    pattern = template["uriTemplate"]
    for uri in listed:
        values = uritemplate.match(pattern, uri)
        if values:
            return await read(ctx, uri, source=template, template=pattern, values=values,
                              sources={k: "listed resource" for k in values})
    names = [(name, template.get("description") or "") for name in uritemplate.variables(pattern)]
    values, sources = await synthesize(ctx, {"type": "ref/resource", "uri": pattern}, names)
    return await read(ctx, uritemplate.expand(pattern, values), source=template, template=pattern, values=values,
                      sources=sources)


# ---- prompts --------------------------------------------------------------------------------
@dataclass
class PromptGet:
    prompt: dict
    arguments: dict
    sources: dict
    reply: Reply | None = None
    error: RequestFailed | None = None

    @property
    def name(self) -> str:
        return str(self.prompt.get("name"))

    @property
    def required(self) -> list[dict]:
        return required_arguments(self.prompt)

    @property
    def messages(self) -> list | None:
        result = self.reply.result if self.reply is not None and self.reply.ok else None
        messages = result.get("messages") if isinstance(result, dict) else None
        return messages if isinstance(messages, list) else None


def required_arguments(prompt: dict) -> list[dict]:
    args = prompt.get("arguments")
    return [a for a in args if isinstance(a, dict) and a.get("required") is True and isinstance(a.get("name"), str)] \
        if isinstance(args, list) else []


async def get_prompt(ctx, name: str, arguments: dict | None, scenario: str | None = None
                     ) -> tuple[Reply | None, RequestFailed | None]:
    params: dict[str, Any] = {"name": name, "_meta": progress_meta("prompts/get")}
    if arguments is not None:
        params["arguments"] = arguments
    try:
        scenario = scenario or ("prompts-get-with-args" if arguments else "prompts-get-simple")
        return await ctx.request("prompts/get", params, scenario=scenario), None
    except RequestFailed as err:
        if err.kind in ABORT:
            raise
        return None, err


async def prompt_gets(ctx) -> list[PromptGet]:
    """prompts/get of a sample of the listed prompts with synthesized required arguments (memoized)."""
    async def one(prompt: dict) -> PromptGet:
        names = [(a["name"], a.get("description") or "") for a in required_arguments(prompt)]
        values, sources = await synthesize(ctx, {"type": "ref/prompt", "name": prompt["name"]}, names)
        got = PromptGet(prompt, values, sources)
        got.reply, got.error = await get_prompt(ctx, prompt["name"], values if names else None)
        return got

    async def run() -> list[PromptGet]:
        prompts = await listing(ctx, "prompts/list")
        if prompts is None or not prompts.served:
            return []
        chosen = [p for p in prompts.objects() if isinstance(p.get("name"), str)][:PROMPT_SAMPLE]
        gets = await asyncio.gather(*(one(p) for p in chosen))
        return [g for g in gets if not interim(g.reply)]
    return await ctx.memo("prompt-gets", run)


# ---- liveness -----------------------------------------------------------------------------------
async def ping_before(ctx):
    """ping on the checked session before a probe that may disturb it (a cancellation), or None.

    Checks that ask "does the server still answer?" send ping after the probe. A server that
    answers ping with an error anyway (leanspec-mcp 0.3.0: -32601, which the `ping` check fails)
    still answers; judged alone, that error would be blamed on the probe."""
    try:
        return await ctx.request("ping")
    except RequestFailed as err:
        if err.kind in ABORT:
            raise
        return None


def still_answers(after, before) -> bool:
    """AFTER (ping's reply after a probe) shows the server answering as it did BEFORE the probe:
    a result, or the very error code ping already got before it."""
    return after.ok or (before is not None and not before.ok and before.error_code() == after.error_code())


# ---- verdicts ------------------------------------------------------------------------------------
def summary(problems: list[str], limit: int = 3) -> str:
    text = "; ".join(problems[:limit])
    return text + (f" (+{len(problems) - limit} more)" if len(problems) > limit else "")


def judge(ctx, check, ok_message: str, failures: list[str], warnings: list[str] = (), details: Any = None) -> None:
    """FAILURES break the check's own level; WARNINGS are derived (interop) problems, never worse than warn."""
    if failures:
        ctx.violated(check, summary(failures), details=details or (failures + list(warnings))[:20])
    elif warnings:
        ctx.violated(check, summary(list(warnings)), details=details or list(warnings)[:20], level="derived")
    else:
        ctx.passed(check, ok_message, details)


def skip_rest(ctx, why: str) -> None:
    """Skip every check of the scenario that applies and has not been reported yet."""
    for check in ctx.scenario.checks:
        if check.id not in ctx.reported and check.applies(ctx.revision, ctx.transport):
            ctx.skipped(check, why)


def undeclared(ctx, capability: str, *checks, why: str | None = None) -> bool:
    """The capability gate: when CAPABILITY is not declared, skip CHECKS (or, given none, every
    check of the scenario still unreported) and return True. WHY replaces the default reason."""
    if ctx.capability(capability) is not None:
        return False
    why = why or f"the server does not declare {capability}"
    if not checks:
        skip_rest(ctx, why)
    for check in checks:
        ctx.skipped(check, why)
    return True


def revision_sessions(ctx) -> list:
    """Every connection that negotiated this revision (the shared one, probes, isolated ones)."""
    return [s for s in ctx.state.sessions if s.negotiated_version == ctx.revision]


def notifications(ctx, pattern: str):
    """(session, item, params) of every notification whose method matches PATTERN (a regex), in order."""
    wanted = re.compile(pattern)
    for session in revision_sessions(ctx):
        for item in session.received("notification"):
            if wanted.fullmatch(str(item.message.get("method"))):
                params = item.message.get("params")
                yield session, item, params if isinstance(params, dict) else {}
