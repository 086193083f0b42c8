"""Shared observations of a server's primitives, made once per revision (`ctx.memo`).

Owns the traffic the resources, prompts, completion and pagination scenarios judge, so
each list is walked once and each sample read once however many checks look at it:
- every page of `tools/list`, `resources/list`, `resources/templates/list` and
  `prompts/list`, following `nextCursor` with a loop guard (a repeated cursor, a page
  with nothing new, a page and item limit; UTIL-005/006);
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
import json
import re
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.observe import uritemplate
from validator.conformance.protocol.revisions import COMPLETION_CONTEXT_FROM, since
from validator.conformance.protocol.session import Reply, RequestFailed

MAX_PAGES = 50
MAX_ITEMS = 5000
READ_SAMPLE = 5
READ_LEAST = 2
TEMPLATE_SAMPLE = 3
PROMPT_SAMPLE = 8
LARGE = 1_000_000
"""Bytes above which a listed resource is left out of the read sample when smaller ones exist."""

LISTS = {
    # method: (capability, result field, identity key of an item, official scenario its traffic is filed under)
    "tools/list": ("tools", "tools", "name", "tools-list"),
    "resources/list": ("resources", "resources", "uri", "resources-list"),
    "resources/templates/list": ("resources", "resourceTemplates", "uriTemplate", "resources-templates-list"),
    "prompts/list": ("prompts", "prompts", "name", "prompts-list"),
}
"""Shared traffic is filed under the scenario it belongs to (not whichever scenario asked first),
so `<scenario>:wire-schema-valid` names the same scenario whatever the order of a run."""

_tokens = itertools.count(1)
ABORT = ("gone", "budget")
"""RequestFailed kinds that end a scenario (the server is gone, the run's budget is spent); other
failures (a timeout) are kept as the observation of that one request."""


def progress_meta(method: str) -> dict:
    """`_meta` with a fresh progressToken (the session records it; see Session.progress_tokens)."""
    return {"progressToken": f"agentconform-{method.replace('/', '-')}-{next(_tokens)}"}


# ---- lists ----------------------------------------------------------------------------------
@dataclass
class Listing:
    method: str
    field: str
    key: str
    items: list = field(default_factory=list)
    pages: int = 0
    error: dict | None = None
    """The JSON-RPC error answering the first page (the list is not served)."""
    shape: list[str] = field(default_factory=list)
    cursor: list[str] = field(default_factory=list)
    loop: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    stopped: str | None = None

    @property
    def served(self) -> bool:
        return self.error is None and not self.shape

    def objects(self) -> list[dict]:
        return [item for item in self.items if isinstance(item, dict)]


async def listing(ctx, method: str) -> Listing | None:
    """All pages of METHOD (memoized per revision), or None when its capability is not declared."""
    capability = LISTS[method][0]
    if ctx.capability(capability) is None:
        return None
    return await ctx.memo(f"list:{method}", lambda: _list_all(ctx, method))


async def list_page(ctx, method: str, cursor: str | None = None) -> Reply:
    """One page of METHOD (the first when CURSOR is None), requested once per revision and
    shared (its reply, or its RequestFailed): every walk of a list (this module's, the tools
    area's, the capabilities probe's first page) follows the same cursors, so each page
    costs one request however many scenarios read it. Filed under the list's own scenario."""
    scenario = LISTS[method][3]
    params = {} if cursor is None else {"cursor": cursor}
    return await ctx.memo(f"page:{method}:{json.dumps(cursor)}", lambda: ctx.request(method, params, scenario=scenario))


async def _list_all(ctx, method: str) -> Listing:
    _cap, name, key, scenario = LISTS[method]
    out = Listing(method, name, key)
    cursor, seen_cursors, seen_keys = None, set(), set()
    while True:
        page = out.pages + 1
        try:
            reply = await list_page(ctx, method, cursor)
        except RequestFailed as err:
            if cursor is None:
                raise
            out.cursor.append(f"page {page}: the cursor {cursor!r} the server issued was not answered ({err})")
            return out
        if reply.error is not None:
            if cursor is None:
                out.error = reply.error if isinstance(reply.error, dict) else {"code": None}
            else:
                out.cursor.append(f"page {page}: the server refused its own cursor {cursor!r} with error {reply.error_code()}")
            return out
        result = reply.result
        items = result.get(name) if isinstance(result, dict) else None
        if not isinstance(items, list):
            out.shape.append(f"page {page}: result.{name} is {type(items).__name__ if items is not None else 'missing'}, not an array")
            return out
        out.pages += 1
        fresh = 0
        for item in items:
            if len(out.items) < MAX_ITEMS:
                out.items.append(item)
            ident = item.get(key) if isinstance(item, dict) else None
            if not isinstance(ident, (str, int, float)):
                fresh += 1
            elif ident in seen_keys:
                if len(out.repeats) < 20:
                    out.repeats.append(f"{key} {ident!r} (again on page {page})")
            else:
                seen_keys.add(ident)
                fresh += 1
        if "nextCursor" not in result:
            return out
        nxt = result["nextCursor"]
        if not isinstance(nxt, str):
            out.cursor.append(f"page {page}: nextCursor is {nxt!r} ({type(nxt).__name__}), not a string (omit it on the last page)")
            return out
        if nxt == cursor or nxt in seen_cursors:
            out.loop.append(f"page {page}: nextCursor {nxt!r} was already followed (a cursor loop)")
            return out
        if items and not fresh:
            out.loop.append(f"page {page}: every item was already listed, yet nextCursor {nxt!r} asks for more")
            return out
        if out.pages >= MAX_PAGES or len(out.items) >= MAX_ITEMS:
            out.stopped = f"stopped following cursors after {out.pages} page(s) and {len(out.items)} item(s)"
            return out
        seen_cursors.add(nxt)
        cursor = nxt


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
        if made is not None and made.values:
            values[name], sources[name] = made.values[0], "completion"
        else:
            values[name], sources[name] = default_value(name, description), "default"
    return values, sources


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
        return list(await asyncio.gather(*(read(ctx, r["uri"], source=r) for r in sample(resources.objects()))))
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
        return list(await asyncio.gather(*(_template_read(ctx, t, listed) for t in templates)))
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
        return list(await asyncio.gather(*(one(p) for p in chosen)))
    return await ctx.memo("prompt-gets", run)


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


def undeclared(ctx, capability: str, *checks) -> bool:
    """Skip CHECKS (capability-gated) when CAPABILITY is not declared; True when skipped."""
    if ctx.capability(capability) is None:
        for check in checks:
            ctx.skipped(check, f"the server does not declare {capability}")
        return True
    return False


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
