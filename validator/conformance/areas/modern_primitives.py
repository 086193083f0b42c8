"""Tools and resources under 2026-07-28 (TOOL-001/003/004/010, RES-002/005/006).

The same observations as the handshake-era areas (`observe.tools`, `observe.primitives`:
one listing, one sample of reads, prompt gets with synthesized arguments, the read-only
tool calls), made on the revision's own connection, where every request carries the
per-request `_meta`. What changes in this revision is judged here: a not-found resource is
`-32602` (a MUST; legacy revisions said SHOULD `-32002`), results may be `input_required`
(multi round-trip; not a failure of the call), and each result carries `resultType`
(judged on every message by `modern-messages`). Prompts, the other resource checks, completion
and pagination are the handshake-era areas' own checks, which run under 2026-07-28 too.
https://modelcontextprotocol.io/specification/2026-07-28/server/tools
https://modelcontextprotocol.io/specification/2026-07-28/server/resources#error-handling
"""

from __future__ import annotations

import json
from collections import Counter

from validator.conformance.areas.tools_list import SPEC_NAME
from validator.conformance.observe import tools as observe_tools
from validator.conformance.observe import xmcpheader
from validator.conformance.observe.listing import listing
from validator.conformance.observe.primitives import judge, resource_reads, undeclared
from validator.conformance.observe.quote import q
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check, Scenario

S26 = "https://modelcontextprotocol.io/specification/2026-07-28"
M = MODERN_REVISIONS
MISSING_URI = "agentconform-missing://no/such/resource"

TOOLS_LIST = Check("modern-tools-list", "modern-tools", "TOOL-001", "MUST", M, f"{S26}/server/tools#listing-tools",
                   "tools/list returns tools with a name and an object inputSchema")
X_HEADER = Check("modern-tools-x-mcp-header-valid", "modern-tools", "TOOL-015", "MUST", M, f"{S26}/server/tools#x-mcp-header",
                 "x-mcp-header annotations are unique HTTP tokens on primitive properties reachable through properties")
X_SECRET = Check("modern-tools-x-mcp-header-no-secrets", "modern-tools", "TOOL-016", "SHOULD", M,
                 f"{S26}/server/tools#x-mcp-header", "no password, token or key parameter is mirrored into a header")
NAME_FORMAT = Check("tools-name-format", "modern-tools", "TOOL-003", "SHOULD", M, f"{S26}/server/tools#tool-names",
                    "tool names are 1-128 characters of A-Z, a-z, 0-9, _, - and .")
NAME_UNIQUE = Check("tools-name-unique", "modern-tools", "TOOL-004", "SHOULD", M, f"{S26}/server/tools#tool-names",
                    "tool names are unique within the server")
TOOLS_CALL = Check("modern-tools-call-result", "modern-tools", "TOOL-010", "MUST", M, f"{S26}/server/tools#tool-result",
                   "a called tool answers a CallToolResult (content array) or an input_required result")
READ = Check("modern-resources-read", "modern-resources", "RES-002", "MUST", M, f"{S26}/server/resources#reading-resources",
             "resources/read of a listed resource answers a contents array")
NF_CODE = Check("sep-2164-error-code", "modern-resources", "RES-005", "MUST", M, f"{S26}/server/resources#error-handling",
                "a resource that does not exist is refused with -32602")
NF_EMPTY = Check("sep-2164-no-empty-contents", "modern-resources", "RES-006", "MUST", M,
                 f"{S26}/server/resources#error-handling", "a resource that does not exist is not answered with empty contents")


def _input_required(result) -> bool:
    return isinstance(result, dict) and result.get("resultType") == "input_required"


async def run_tools(ctx) -> None:
    found = await observe_tools.gate(ctx)
    if found is None:
        return
    bad = []
    for tool in found.items:
        name = tool.get("name") if isinstance(tool, dict) else None
        schema = tool.get("inputSchema") if isinstance(tool, dict) else None
        if not isinstance(name, str):
            bad.append(f"an item without a string name: {json.dumps(tool)[:80]}")
        elif not isinstance(schema, dict) or schema.get("type") != "object":
            bad.append(f"{name}: inputSchema is not an object schema of type \"object\"")
    bad += found.shape
    judge(ctx, TOOLS_LIST, f"{len(found.items)} tool(s)", bad)
    names = [t["name"] for t in found.items if isinstance(t, dict) and isinstance(t.get("name"), str)]
    wrong = [n for n in names if not SPEC_NAME.match(n)]
    ctx.verdict(NAME_FORMAT, not wrong, f"{len(names)} name(s) follow the tool-name rules",
                f"{len(wrong)} name(s) outside 1-128 characters of [A-Za-z0-9_.-]: {', '.join(q(n) for n in wrong[:5])}")
    dupes = sorted(n for n, c in Counter(names).items() if c > 1)
    ctx.verdict(NAME_UNIQUE, not dupes, f"{len(set(names))} distinct name(s)",
                f"duplicate tool name(s): {', '.join(q(n) for n in dupes[:5])} (clients keep only one, or reject the list)")
    invalid, secrets = [], []
    for name, tool in found.by_name().items():
        wrong, secret = xmcpheader.problems(tool.get("inputSchema"))
        invalid += [f"{name}: {w}" for w in wrong]
        secrets += [f"{name}: {w}" for w in secret]
        if not wrong and hasattr(ctx.session, "param_headers"):
            ctx.session.param_headers[name] = xmcpheader.mirrored(tool.get("inputSchema"))  # mirrored on calls
    # conforming HTTP clients drop such a tool from tools/list (streamable-http#schema-extension)
    judge(ctx, X_HEADER, "no invalid x-mcp-header annotation", invalid)
    judge(ctx, X_SECRET, "no secret parameter mirrored into a header", secrets)
    if ctx.options.call_tools == "none":
        ctx.skipped(TOOLS_CALL, "--call-tools none: no tool is called")
        return
    run = await observe_tools.call_run(ctx, found)
    answered = [c for c in run.calls if c.reply is not None and c.reply.ok]
    if not answered:
        ctx.skipped(TOOLS_CALL, f"no tool was called with a result ({len(run.calls)} call(s); "
                                f"--call-tools {ctx.options.call_tools} calls only read-only tools)")
        return
    bad = []
    for call in answered:
        result = call.reply.result
        if _input_required(result) or (isinstance(result, dict) and result.get("resultType") == "task"):
            continue  # a CreateTaskResult is the tasks extension's (modern_tasks.py judges it and whether it was allowed)
        if not isinstance(result, dict) or not isinstance(result.get("content"), list):
            bad.append(f"{call.plan.name}: result has no content array")
        elif "isError" in result and not isinstance(result["isError"], bool):
            bad.append(f"{call.plan.name}: isError is not a boolean")
    judge(ctx, TOOLS_CALL, f"{len(answered)} call(s) answered a CallToolResult", bad)


async def run_resources(ctx) -> None:
    if undeclared(ctx, "resources"):
        return
    # resources/templates/list is requested for the result-wide checks (its cache hints, resultType)
    await listing(ctx, "resources/templates/list")
    reads = await resource_reads(ctx)
    answered = [r for r in reads if r.reply is not None]
    if not answered:
        ctx.skipped(READ, "no listed resource to read")
    else:
        # A listed URI refused as unknown or invalid (-32602, the legacy -32002) contradicts the list: the MUST fails
        # (1password-mcp). Any other error (a backend down: -32603, as the resources page prescribes for internal
        # errors) breaks no MUST, and is a warning only when no listed resource could be read, as the legacy twin
        # `resources-read-contents` judges it (holdout 13: gitlab-mcp-server with its backend unreachable).
        refused = (-32602, -32002)
        failed = [f"{r.uri}: {json.dumps(r.reply.error)[:100]}" for r in answered
                  if r.reply.error and r.reply.error_code() not in refused]
        bad = [f"{r.uri}: {json.dumps(r.reply.error)[:100] if r.reply.error else 'no contents array'}" for r in answered
               if (r.reply.error_code() in refused if r.reply.error else r.contents is None and not _input_required(r.reply.result))]
        if not bad and failed and len(failed) == len(answered):
            ctx.warned(READ, f"no listed resource could be read: {'; '.join(failed[:3])}")
        else:
            judge(ctx, READ, f"{len(answered) - len(failed)} resource(s) read"
                  + (f" ({len(failed)} answered an error)" if failed else ""), bad)
    try:
        reply = await ctx.request("resources/read", {"uri": MISSING_URI})
    except RequestFailed as err:
        ctx.no_answer(NF_CODE, err)
        ctx.no_answer(NF_EMPTY, err)
        return
    contents = reply.result.get("contents") if isinstance(reply.result, dict) else None
    ctx.verdict(NF_EMPTY, not (reply.ok and contents == []), "no empty contents for a missing resource",
                f"{MISSING_URI} was answered with an empty contents array")
    ctx.verdict(NF_CODE, reply.error_code() == -32602, f"{MISSING_URI}: -32602",
                f"{MISSING_URI}: " + (f"error {reply.error_code()}" if reply.error is not None else "a result")
                + ", not -32602 (the 2026-07-28 code for a missing resource)")


SCENARIOS = [
    Scenario("modern-tools", "2026-07-28: tools/list and read-only tool calls",
             (TOOLS_LIST, NAME_FORMAT, NAME_UNIQUE, X_HEADER, X_SECRET, TOOLS_CALL), run_tools, revisions=M),
    Scenario("modern-resources", "2026-07-28: resources/read, and a missing resource", (READ, NF_CODE, NF_EMPTY),
             run_resources, revisions=M),
]
