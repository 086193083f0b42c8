"""Resources (RES-*): listing, reading, templates, not-found errors, subscriptions.

Capability-gated: a server that does not declare `resources` has these checks
skipped (serving them undeclared is `capabilities-undeclared-not-served`). Scenario
and check ids reuse the official suite's where the meaning is the same
(`resources-list`, `resources-read-text`, `resources-read-binary`,
`resources-templates-read`, `resources-subscribe`, `resources-unsubscribe`,
`sep-2164-resource-not-found`), so its baselines carry over; none needs a fixture
resource: the listed resources, a varied sample of them, and template expansions
with synthesized values are what is read (see `validator.conformance.observe.primitives`).
https://modelcontextprotocol.io/specification/2025-11-25/server/resources
"""

from __future__ import annotations

import weakref

from validator.conformance.observe import uritemplate
from validator.conformance.observe.content import (
    annotations_problems,
    essence,
    is_base64,
    media_type_ok,
    resource_contents_problems,
    typed,
    uri_problem,
)
from validator.conformance.observe.listing import listing
from validator.conformance.observe.primitives import judge, notifications, resource_reads, template_reads, undeclared, valid_templates
from validator.conformance.protocol.revisions import revisions
from validator.conformance.protocol.session import RequestFailed, empty_result
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LM = revisions("all")
"""The handshake revisions and 2026-07-28 (its resources page keeps these; a missing resource and
subscriptions changed, so those stay handshake-only: 2026-07-28 judges the former in modern_primitives)."""
RES = f"{S25}/server/resources"
SC_LIST, SC_READ, SC_TEXT, SC_BINARY = "resources-list", "resources-read", "resources-read-text", "resources-read-binary"
SC_TPL, SC_TPL_READ, SC_NF = "resources-templates-list", "resources-templates-read", "sep-2164-resource-not-found"
SC_SUB, SC_UNSUB, SC_NOTIFY = "resources-subscribe", "resources-unsubscribe", "resources-notifications"

LIST = Check("resources-list", SC_LIST, "RES-001", "MUST", LM, f"{RES}#listing-resources",
             "resources/list answers resources[] on every page; each has a string uri and name, optional fields well typed")
URI = Check("resources-uri-valid", SC_LIST, "RES-003", "MUST", LM, f"{RES}#custom-uri-schemes",
            "every listed resource URI is an absolute RFC 3986 URI (MUST from 2025-06-18, warning before)")
ANNOTATIONS = Check("resources-annotations-valid", SC_LIST, "RES-001", "MUST", LM, f"{RES}#annotations",
                    "annotations of resources, templates and contents: audience user/assistant, priority 0-1, ISO 8601 lastModified")
READ = Check("resources-read-contents", SC_READ, "RES-002", "MUST", L, f"{RES}#reading-resources",
             "resources/read of listed resources answers contents[] (an empty one warns); each item has a uri and one of text/blob")
URI_MATCH = Check("resources-read-uri-match", SC_READ, "RES-002", "derived", LM, f"{RES}#reading-resources",
                  "each contents item's uri is the URI read, or one beneath it")
MIME = Check("resources-mime-type-valid", SC_READ, "RES-001", "derived", LM, f"{RES}#resource",
             "mimeType values are media types, and what a read returns agrees with the listing or template")
TEXT = Check("resources-read-text", SC_TEXT, "RES-002", "MUST", LM, f"{RES}#text-content",
             "text contents carry their text as a string that UTF-8 can encode")
BINARY = Check("resources-read-binary", SC_BINARY, "RES-002", "MUST", LM, f"{RES}#binary-content",
               "binary contents carry their blob as valid base64")
TPL_LIST = Check("resources-templates-list", SC_TPL, "RES-004", "MUST", LM, f"{RES}#resource-templates",
                 "resources/templates/list answers resourceTemplates[]; each has a string uriTemplate and name")
TPL_SYNTAX = Check("resources-template-syntax", SC_TPL, "RES-004", "MUST", LM, f"{RES}#resource-templates",
                   "every uriTemplate is a valid RFC 6570 URI template")
TPL_READ = Check("resources-templates-read", SC_TPL_READ, "RES-004", "MUST", LM, f"{RES}#resource-templates",
                 "an expansion of a template (values from a listed URI, completion or safe defaults) reads as valid contents")
NF_CODE = Check("sep-2164-error-code", SC_NF, "RES-005", "SHOULD", L, f"{RES}#error-handling",
                "reading a URI that does not exist is answered with error -32002 (or -32602, the 2026-07-28 code)")
NF_EMPTY = Check("sep-2164-no-empty-contents", SC_NF, "RES-005", "SHOULD", L, f"{RES}#error-handling",
                 "reading a URI that does not exist is not answered with an empty contents array")
SUBSCRIBE = Check("resources-subscribe", SC_SUB, "RES-008", "derived", L, f"{RES}#subscriptions",
                  "with resources.subscribe declared, resources/subscribe to a listed resource is answered {}")
SUB_UNDECLARED = Check("resources-subscribe-undeclared", SC_SUB, "LIFE-006", "derived", L, f"{RES}#capabilities",
                       "without resources.subscribe declared, resources/subscribe is refused with an error")
UNSUBSCRIBE = Check("resources-unsubscribe", SC_UNSUB, "RES-008", "derived", L, f"{RES}#subscriptions",
                    "resources/unsubscribe of a subscribed resource is answered {}")
UPDATED = Check("resources-updated-only-subscribed", SC_NOTIFY, "LIFE-005", "MUST", L, f"{RES}#subscriptions",
                "notifications/resources/updated come only with resources.subscribe declared, for a subscribed URI")

NOT_FOUND_URI = "agentconform-test://does-not-exist/agentconform-probe"
_SUBSCRIBED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""session → URIs subscribed on it (notifications/resources/updated may name them or what lies beneath)."""
NOT_FOUND_CODES = (-32002, -32602)


# ---- resources-list -------------------------------------------------------------------------------
def _resource_problems(resource, revision: str, where: str) -> list[str]:
    if not isinstance(resource, dict):
        return [f"{where}: not an object"]
    out = []
    for name in ("uri", "name"):
        if not isinstance(resource.get(name), str):
            out.append(f"{where}: {name} is missing or not a string")
    out += typed(resource, "description", str, where) + typed(resource, "mimeType", str, where)
    out += typed(resource, "size", int, where)
    if revision >= "2025-06-18":
        out += typed(resource, "title", str, where)
    return out


async def run_list(ctx) -> None:
    if undeclared(ctx, "resources", LIST, URI, ANNOTATIONS):
        return
    resources = await listing(ctx, "resources/list")
    if resources.error is not None:
        msg = f"resources is declared but resources/list answered error {resources.error.get('code')}"
        ctx.violated(LIST, msg, level="derived")  # declared ⇒ served is derived in L (LIFE-006)
        ctx.skipped(URI, msg)
        ctx.skipped(ANNOTATIONS, msg)
        return
    problems = list(resources.shape)
    for i, item in enumerate(resources.items):
        problems += _resource_problems(item, ctx.revision, f"resources[{i}]")
    judge(ctx, LIST, f"{len(resources.items)} resource(s) on {resources.pages} page(s)", problems)
    if resources.shape:
        ctx.skipped(URI, "resources/list did not answer a resources array")
        ctx.skipped(ANNOTATIONS, "resources/list did not answer a resources array")
        return
    bad_uris = [p for p in (uri_problem(r.get("uri")) for r in resources.objects() if isinstance(r.get("uri"), str)) if p]
    # RFC 3986 is an explicit MUST from 2025-06-18; before, only the schema's `format: uri` (RES-003)
    level = "MUST" if ctx.revision >= "2025-06-18" else "derived"
    if bad_uris:
        ctx.violated(URI, "; ".join(bad_uris[:3]), details=bad_uris[:20], level=level)
    elif not resources.objects():
        ctx.skipped(URI, "no resources are listed")
    else:
        ctx.passed(URI, f"{len(resources.objects())} URI(s) are absolute RFC 3986 URIs")
    await _annotations(ctx, resources)


async def _annotations(ctx, resources) -> None:
    problems, seen = [], 0
    for i, item in enumerate(resources.objects()):
        if "annotations" in item:
            seen += 1
            problems += annotations_problems(item["annotations"], ctx.revision, f"resources[{i}]")
    templates = await listing(ctx, "resources/templates/list")
    for i, item in enumerate(templates.objects() if templates is not None else []):
        if "annotations" in item:
            seen += 1
            problems += annotations_problems(item["annotations"], ctx.revision, f"resourceTemplates[{i}]")
    for got in await resource_reads(ctx) + await template_reads(ctx):
        for j, content in enumerate(got.contents or []):
            if isinstance(content, dict) and "annotations" in content:
                seen += 1
                problems += annotations_problems(content["annotations"], ctx.revision, f"{got.uri} contents[{j}]")
    if not seen and not problems:
        ctx.skipped(ANNOTATIONS, "no annotations on listed resources, templates or read contents")
        return
    judge(ctx, ANNOTATIONS, f"{seen} annotations object(s) well formed", problems)


# ---- reads -----------------------------------------------------------------------------------------
def _successful(reads) -> list:
    return [r for r in reads if r.contents is not None]


def _under(uri: str, item_uri) -> bool:
    if not isinstance(item_uri, str):
        return True  # judged by resources-read-contents
    return item_uri == uri or item_uri.startswith(uri.rstrip("/") + "/") or item_uri.startswith(uri + "#")


async def run_read(ctx) -> None:
    if undeclared(ctx, "resources", READ, URI_MATCH, MIME):
        return
    reads = await resource_reads(ctx)
    tpl_reads = [r for r in await template_reads(ctx) if r.contents is not None]
    if not reads and not tpl_reads:
        for check in (READ, URI_MATCH, MIME):
            ctx.skipped(check, "no resource is listed, and no template expansion could be read")
        return
    failures, warnings = [], []
    for got in reads:
        if got.error is not None:
            failures.append(f"{got.uri}: no answer ({got.error})")
        elif not got.reply.ok:
            warnings.append(f"{got.uri} is listed but reading it answered error {got.reply.error_code()}")
        elif got.contents is None:
            failures.append(f"{got.uri}: result.contents is missing or not an array")
        elif not got.contents:
            warnings.append(f"{got.uri} is listed but reading it answered an empty contents array")
    for got in reads + tpl_reads:
        for j, item in enumerate(got.contents or []):
            where = f"{got.uri} contents[{j}]"
            if not isinstance(item, dict):
                failures.append(f"{where}: not an object")
                continue
            if not isinstance(item.get("uri"), str):
                failures.append(f"{where}: uri is missing or not a string")
            has_text, has_blob = item.get("text") is not None, item.get("blob") is not None  # a null is an absent field
            if has_text == has_blob:
                failures.append(f"{where}: has {'both' if has_text else 'neither'} text and blob (exactly one is required)")
    done = _successful(reads + tpl_reads)
    if READ.applies(ctx.revision, ctx.transport):  # 2026-07-28: modern-resources-read (a refused listed read is a MUST there)
        judge(ctx, READ, f"{len(done)} read(s) answered well-formed contents", failures, warnings,
              details={"read": [r.uri for r in reads + tpl_reads]})
    mismatched = [f"{r.uri} answered contents for {c.get('uri')!r}" for r in done for c in r.contents
                  if isinstance(c, dict) and not _under(r.uri, c.get("uri"))]
    judge(ctx, URI_MATCH, f"every item of {len(done)} read(s) names the URI read (or one beneath it)", [], mismatched)
    _mime(ctx, reads + tpl_reads)


def _mime(ctx, reads) -> None:
    problems, checked = [], 0
    for got in reads:
        declared = got.source.get("mimeType") if isinstance(got.source, dict) else None
        what = f"template {got.template!r}" if got.template else "listing"
        if declared is not None:
            checked += 1
            if not media_type_ok(declared):
                problems.append(f"{what} of {got.uri}: mimeType {declared!r} is not a media type")
                declared = None
        for j, item in enumerate(got.contents or []):
            mime = item.get("mimeType") if isinstance(item, dict) else None
            if mime is None:
                continue
            checked += 1
            if not media_type_ok(mime):
                problems.append(f"{got.uri} contents[{j}]: mimeType {mime!r} is not a media type")
            elif declared and item.get("uri") == got.uri and essence(mime) != essence(declared):
                problems.append(f"{got.uri}: the {what} says {declared!r} but reading it answers {mime!r}")
    if not checked:
        ctx.skipped(MIME, "no media types were listed or read")
        return
    judge(ctx, MIME, f"{checked} media type(s) well formed and consistent", [], problems)


async def run_text(ctx) -> None:
    await _payload(ctx, TEXT, "text", lambda v: isinstance(v, str) and _utf8(v), "is not a string UTF-8 can encode")


async def run_binary(ctx) -> None:
    await _payload(ctx, BINARY, "blob", is_base64, "is not valid base64 (RFC 4648, padded)")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escaped in the JSON (\ud800)
        return False
    return True


async def _payload(ctx, check, field: str, valid, why: str) -> None:
    if undeclared(ctx, "resources", check):
        return
    done = _successful(await resource_reads(ctx) + await template_reads(ctx))
    items = [(r.uri, j, c) for r in done for j, c in enumerate(r.contents) if isinstance(c, dict) and c.get(field) is not None]
    if not items:
        ctx.skipped(check, f"no read answered {field} contents")
        return
    bad = [f"{uri} contents[{j}]: {field} {why}" for uri, j, c in items if not valid(c[field])]
    judge(ctx, check, f"{len(items)} {field} item(s) well formed", bad)


# ---- templates -------------------------------------------------------------------------------------
async def run_templates(ctx) -> None:
    if undeclared(ctx, "resources", TPL_LIST, TPL_SYNTAX):
        return
    templates = await listing(ctx, "resources/templates/list")
    if templates.error is not None:
        code = templates.error.get("code")
        if code == -32601:  # templates are optional within the resources capability
            for check in (TPL_LIST, TPL_SYNTAX):
                ctx.skipped(check, "resources/templates/list is not implemented (-32601); templates are optional")
            return
        ctx.violated(TPL_LIST, f"resources/templates/list answered error {code}", level="derived")
        ctx.skipped(TPL_SYNTAX, "no templates listed")
        return
    problems = list(templates.shape)
    for i, item in enumerate(templates.items):
        where = f"resourceTemplates[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: not an object")
            continue
        for name in ("uriTemplate", "name"):
            if not isinstance(item.get(name), str):
                problems.append(f"{where}: {name} is missing or not a string")
        problems += typed(item, "description", str, where) + typed(item, "mimeType", str, where)
        if ctx.revision >= "2025-06-18":
            problems += typed(item, "title", str, where)
    judge(ctx, TPL_LIST, f"{len(templates.items)} template(s) on {templates.pages} page(s)", problems)
    patterns = [t["uriTemplate"] for t in templates.objects() if isinstance(t.get("uriTemplate"), str)]
    if not patterns:
        ctx.skipped(TPL_SYNTAX, "no templates listed")
        return
    bad = [f"{p!r}: {'; '.join(uritemplate.parse(p)[1])}" for p in patterns if uritemplate.parse(p)[1]]
    judge(ctx, TPL_SYNTAX, f"{len(patterns)} valid RFC 6570 template(s)", bad)


async def run_template_read(ctx) -> None:
    if undeclared(ctx, "resources", TPL_READ):
        return
    templates = valid_templates(await listing(ctx, "resources/templates/list"))
    if not templates:
        ctx.skipped(TPL_READ, "no valid template with variables is listed")
        return
    reads = await template_reads(ctx)
    failures, warnings, refused, good = [], [], [], []
    for got in reads:
        how = ", ".join(f"{k}={v!r} ({got.sources.get(k)})" for k, v in (got.values or {}).items())
        if got.error is not None:
            failures.append(f"{got.uri} ({got.template}): no answer ({got.error})")
        elif not got.reply.ok:
            refused.append(f"{got.template} with {how} → error {got.reply.error_code()}")
        elif got.contents is None:
            failures.append(f"{got.uri}: result.contents is missing or not an array")
        else:
            problems = [p for j, c in enumerate(got.contents)
                        for p in resource_contents_problems(c, ctx.revision, f"{got.uri} contents[{j}]")]
            if not got.contents:  # like a not-found answered with a result (RES-005, a SHOULD)
                warnings.append(f"{got.uri}: empty contents array for {got.template} with {how}")
            failures += problems
            good.append(f"{got.template} → {got.uri}")
    if failures or warnings:
        judge(ctx, TPL_READ, "", failures, warnings, details={"reads": good, "refused": refused})
    elif good:
        ctx.passed(TPL_READ, f"read {len(good)} expansion(s): {'; '.join(good[:3])}", details={"refused": refused or None})
    else:
        # values we invented may simply name nothing (mcp-requirements.md RES-004): not a failure
        ctx.skipped(TPL_READ, f"no synthesized expansion was readable: {'; '.join(refused[:3])}", details=refused)


# ---- not found -----------------------------------------------------------------------------------
async def run_not_found(ctx) -> None:
    if undeclared(ctx, "resources", NF_CODE, NF_EMPTY):
        return
    try:
        reply = await ctx.request("resources/read", {"uri": NOT_FOUND_URI})
    except RequestFailed as err:
        ctx.no_answer(NF_CODE, err)
        ctx.no_answer(NF_EMPTY, err)
        return
    code = reply.error_code()
    contents = reply.result.get("contents") if isinstance(reply.result, dict) else None
    if reply.ok:
        empty = isinstance(contents, list) and not contents
        ctx.verdict(NF_EMPTY, not empty, f"answered {len(contents or [])} contents item(s), not an empty array",
                    f"{NOT_FOUND_URI} answered an empty contents array instead of an error")
        ctx.violated(NF_CODE, f"{NOT_FOUND_URI} answered a result ({len(contents) if isinstance(contents, list) else 'no'} "
                              "contents) instead of a not-found error")
        return
    ctx.passed(NF_EMPTY, f"answered error {code}")
    if code == -32002:
        ctx.passed(NF_CODE, "error -32002 (resource not found)")
    elif code == -32602:
        ctx.passed(NF_CODE, "error -32602 (the code 2026-07-28 standardizes; clients accept both)")
    else:
        ctx.violated(NF_CODE, f"{NOT_FOUND_URI} answered error {code}, not -32002 (resource not found) or -32602")


# ---- subscriptions ---------------------------------------------------------------------------------
_SUBSCRIBE_TRIES = 3
"""Resources tried before a refusal counts: which resources can be watched is the server's policy (holdout 13:
gitlab-mcp-server refuses its static guides with -32602 and accepts its project resources)."""


async def _subscription(ctx):
    """(uri, reply) of the first resources/subscribe the server accepts, of up to three listed resources, on the shared
    session (memoized); the first refusal when it accepts none; (None, why) when nothing is listed."""
    async def run():
        reads = await resource_reads(ctx) + await template_reads(ctx)
        uris = list(dict.fromkeys([r.uri for r in reads if r.contents] + [r.uri for r in reads]))
        if not uris:
            return None, "no resource is listed or readable to subscribe to"
        first = None
        for uri in uris[:_SUBSCRIBE_TRIES]:
            reply = await ctx.request("resources/subscribe", {"uri": uri})
            if reply.ok:
                _SUBSCRIBED.setdefault(ctx.session, set()).add(uri)
                return uri, reply
            first = first or (uri, reply)
        return first
    return await ctx.memo("subscription", run)


async def run_subscribe(ctx) -> None:
    if undeclared(ctx, "resources", SUBSCRIBE, SUB_UNDECLARED):
        return
    declared = ctx.capability("resources").get("subscribe") is True
    if declared:  # the gating rule binds only servers that do not declare it (as capabilities-undeclared-not-served)
        ctx.passed(SUB_UNDECLARED, "resources.subscribe is declared; the rule binds servers that do not declare it")
    uri, reply = await _subscription(ctx)
    if uri is None:
        ctx.skipped(SUBSCRIBE, reply)
        if not declared:
            ctx.skipped(SUB_UNDECLARED, reply)
        return
    if declared:
        ok = reply.ok and empty_result(reply.result)
        tried = min(_SUBSCRIBE_TRIES, len(await resource_reads(ctx) + await template_reads(ctx)))
        ctx.verdict(SUBSCRIBE, ok, f"subscribed to {uri}",
                    (f"resources/subscribe {uri} answered {reply.error or reply.result!r}" if reply.ok else
                     f"every resources/subscribe tried ({tried}) was refused; {uri}: {reply.error!r}")[:300])
    else:
        ctx.skipped(SUBSCRIBE, "resources.subscribe is not declared")
        ctx.verdict(SUB_UNDECLARED, not reply.ok, f"refused with error {reply.error_code()}",
                    f"resources/subscribe {uri} succeeded although resources.subscribe is not declared")


async def run_unsubscribe(ctx) -> None:
    if undeclared(ctx, "resources", UNSUBSCRIBE):
        return
    if ctx.capability("resources").get("subscribe") is not True:
        ctx.skipped(UNSUBSCRIBE, "resources.subscribe is not declared")
        return
    uri, reply = await _subscription(ctx)
    if uri is None or not reply.ok:
        ctx.skipped(UNSUBSCRIBE, "nothing was subscribed" if uri is None else "the subscription was refused")
        return
    try:
        answer = await ctx.request("resources/unsubscribe", {"uri": uri})
    except RequestFailed as err:
        ctx.no_answer(UNSUBSCRIBE, err)
        return
    ok = answer.ok and empty_result(answer.result)
    ctx.verdict(UNSUBSCRIBE, ok, f"unsubscribed from {uri}",
                f"resources/unsubscribe {uri} answered {answer.error or answer.result!r}"[:300])


async def run_notifications(ctx) -> None:
    declared = (ctx.capability("resources") or {}).get("subscribe") is True
    level = "MUST" if ctx.revision >= "2025-06-18" else "SHOULD"  # LIFE-005: SHOULD in 24/25a
    undeclared_sent, unsubscribed, count = [], [], 0
    for session, _item, params in notifications(ctx, "notifications/resources/updated"):
        count += 1
        uri = params.get("uri")
        subscribed = _SUBSCRIBED.get(session, set())
        if not declared:
            undeclared_sent.append(f"updated for {uri!r} without resources.subscribe declared")
        elif not isinstance(uri, str) or not any(uri == s or uri.startswith(s.rstrip("/") + "/") for s in subscribed):
            unsubscribed.append(f"updated for {uri!r}, which this session never subscribed to")
    if not count:
        ctx.passed(UPDATED, "no notifications/resources/updated were sent unasked")
    elif undeclared_sent:
        ctx.violated(UPDATED, "; ".join(undeclared_sent[:3]), details=undeclared_sent[:20], level=level)
    else:
        judge(ctx, UPDATED, f"{count} update(s), all for subscribed URIs", [], unsubscribed)


SCENARIOS = [
    Scenario(SC_LIST, "resources/list to the end: item shape, URIs, annotations", (LIST, URI, ANNOTATIONS), run_list, revisions=LM),
    Scenario(SC_READ, "resources/read of a sample of listed resources", (READ, URI_MATCH, MIME), run_read, revisions=LM),
    Scenario(SC_TEXT, "Text contents of the reads", (TEXT,), run_text, revisions=LM),
    Scenario(SC_BINARY, "Binary contents of the reads", (BINARY,), run_binary, revisions=LM),
    Scenario(SC_TPL, "resources/templates/list to the end: shape and RFC 6570 syntax", (TPL_LIST, TPL_SYNTAX), run_templates, revisions=LM),
    Scenario(SC_TPL_READ, "Reading a template expansion with synthesized values", (TPL_READ,), run_template_read, revisions=LM),
    Scenario(SC_NF, "Reading a URI that does not exist", (NF_CODE, NF_EMPTY), run_not_found),
    Scenario(SC_SUB, "resources/subscribe, gated on resources.subscribe", (SUBSCRIBE, SUB_UNDECLARED), run_subscribe),
    Scenario(SC_UNSUB, "resources/unsubscribe", (UNSUBSCRIBE,), run_unsubscribe),
    Scenario(SC_NOTIFY, "notifications/resources/updated only when subscribed", (UPDATED,), run_notifications,
             phase="collect"),
]
