"""Lifecycle and tools scenarios: initialize fields and the version offered, the initialized
notification, negotiated capabilities, tools/call, pagination and isError results.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
https://modelcontextprotocol.io/specification/2025-11-25/server/tools
"""

from __future__ import annotations

import re

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS, calls, exited_cleanly, not_called, trigger_tool
from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, KNOWN_REVISIONS, revisions
from validator.conformance.suite.checks import S25, Check

LIFE = f"{S25}/basic/lifecycle"
L = revisions("L")

INIT = Check("mcp-client-initialization", "initialize", "CLI-001", "MUST", L, f"{LIFE}#initialization",
             "initialize comes first and carries a known protocolVersion, clientInfo name and version, capabilities")
INITIALIZED = Check("client-initialized-notification", "initialize", "CLI-002", "MUST", L, f"{LIFE}#initialization",
                    "notifications/initialized follows a successful initialize response")
BEFORE = Check("client-initialized-before-requests", "initialize", "CLI-003", "SHOULD", L, f"{LIFE}#initialization",
               "no request but ping before initialize is answered, and none before notifications/initialized")
NEGOTIATED = Check("client-negotiated-capabilities", "initialize", "LIFE-005", "MUST", L, f"{LIFE}#operation",
                   "no request for a server capability the server did not declare (resources, prompts, logging ...)")
VALID = Check("client-messages-valid-json", "initialize", "CLI-007", "MUST", L, f"{S25}/basic/transports#stdio",
              "everything the client writes (stdio lines, POST bodies) is a JSON-RPC message in JSON")
ADD = Check("tool-add-numbers", "tools_call", "CLI-004", "MUST", L, f"{S25}/server/tools#calling-tools",
            "tools/call names add_numbers with the numbers a and b its inputSchema requires")
PAGES = Check("client-pagination-followed", "tools-list-pagination", "CLI-005", "derived", L,
              f"{S25}/server/utilities/pagination", "tools/list is followed to the last page with the opaque nextCursor unchanged")
ISERROR = Check("client-tool-error-handled", "tools-call-error", "CLI-006", "derived", L,
                f"{S25}/server/tools#error-handling",
                "a tools/call result with isError: true is taken as a result (the client goes on and exits cleanly)")

VERSION_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CAPABILITY_OF = {"resources/": "resources", "prompts/": "prompts", "logging/": "logging", "completion/": "completions",
                 "tools/": "tools"}
"""Request method prefixes and the server capability each needs (lifecycle#capability-negotiation)."""


def _capability_level(revision: str) -> str:
    # "Only use capabilities that were successfully negotiated": SHOULD in 2024-11-05 and
    # 2025-03-26, MUST from 2025-06-18 (../shared/docs/mcp-requirements.md LIFE-005)
    return "SHOULD" if revision < "2025-06-18" else "MUST"


def judge_initialize(traffic, v) -> None:
    judge_valid_json(traffic, v)
    init = traffic.initialize
    if init is None:
        for check in (INIT, INITIALIZED, BEFORE, NEGOTIATED):
            v.violated(check, "the client sent no initialize request")
        return
    sent = [m for m in traffic.incoming() if isinstance(m, dict)]
    # the 2026-07-28 revision lets a client probe with server/discover before falling back to initialize
    before = [m.get("method") for m in sent[:sent.index(init)] if m.get("method") not in ("server/discover",)]
    params = init.get("params") if isinstance(init.get("params"), dict) else {}
    info = traffic.client_info
    problems = []
    if before:
        problems.append(f"sent {', '.join(map(str, before))} before initialize")
    offered = params.get("protocolVersion")
    if not isinstance(offered, str) or not VERSION_RE.match(offered):
        # "the client MUST send a protocol version it supports": any revision identifier; one we do
        # not know (a newer revision) is the client's to support, so only its form is judged
        problems.append(f"protocolVersion {offered!r} is not a revision identifier (YYYY-MM-DD)")
    if not isinstance(info.get("name"), str) or not info.get("name"):
        problems.append("clientInfo.name missing")
    if not isinstance(info.get("version"), str):
        problems.append("clientInfo.version missing")
    if not isinstance(params.get("capabilities"), dict):
        problems.append("capabilities is not an object")
    probed = " after a server/discover probe (2026-07-28 version detection)" \
        if any(m.get("method") == "server/discover" for m in sent[:sent.index(init)]) else ""
    unknown = "" if offered in KNOWN_REVISIONS else " (a revision this tool does not know)"
    v.verdict(INIT, not problems, f"offered {offered}{unknown}, clientInfo {info.get('name')} {info.get('version')}{probed}",
              "; ".join(problems), {"protocolVersion": params.get("protocolVersion"), "clientInfo": info})
    rest = sent[sent.index(init) + 1:]
    initialized = next((i for i, m in enumerate(rest) if m.get("method") == "notifications/initialized"), None)
    v.verdict(INITIALIZED, initialized is not None, "notifications/initialized sent",
              "no notifications/initialized after the initialize response")
    early = [m["method"] for m in rest[:initialized if initialized is not None else 0]
             if "id" in m and isinstance(m.get("method"), str) and m["method"] != "ping"]
    if initialized is None:
        v.skipped(BEFORE, "no notifications/initialized to order requests against (client-initialized-notification)")
    else:
        v.verdict(BEFORE, not early, "requests only after notifications/initialized",
                  f"requested {', '.join(early)} before notifications/initialized")
    declared = traffic.server_capabilities
    # 2024-11-05 had no `completions` capability: completion/complete was not gated then
    gated = {p: c for p, c in CAPABILITY_OF.items() if not (c == "completions" and traffic.revision < "2025-03-26")}
    undeclared = sorted({m["method"] for m in traffic.requests() for prefix, cap in gated.items()
                         if m["method"].startswith(prefix) and cap not in declared})
    v.verdict(NEGOTIATED, not undeclared, "only negotiated capabilities used",
              f"requested {', '.join(undeclared)} though the server declared only {sorted(declared)}",
              level=_capability_level(traffic.revision))


def judge_valid_json(traffic, v) -> None:
    # stdio: "The client MUST NOT write anything to the server's stdin that is not a valid MCP
    # message"; HTTP: "Every JSON-RPC message sent from the client MUST be a new HTTP POST request"
    garbage = [e.get("unparsed", "")[:40] for e in traffic.events if e.get("dir") == "in" and "unparsed" in e]
    v.verdict(VALID, not garbage, "every message parsed as JSON", f"{len(garbage)} unparsable message(s), e.g. {garbage[0]!r}"
              if garbage else "")


def judge_tools_call(traffic, v) -> None:
    if not_called(traffic, v, "add_numbers", (ADD,)):
        return
    args = (calls(traffic, "add_numbers")[0]["params"]).get("arguments")
    ok = isinstance(args, dict) and all(isinstance(args.get(k), (int, float)) and not isinstance(args.get(k), bool)
                                        for k in ("a", "b"))
    v.verdict(ADD, ok, f"called add_numbers with {args}", f"called add_numbers with arguments {args!r}, not numbers a and b")


def judge_pagination(traffic, v) -> None:
    cursors = [(m.get("params") or {}).get("cursor") for m in traffic.requests("tools/list") if isinstance(m.get("params"), dict)]
    if "page-1" in cursors:
        v.passed(PAGES, "requested the second page with the cursor given")
    elif any(c is not None for c in cursors):
        v.warned(PAGES, f"requested tools/list with cursor(s) {cursors}, not the opaque 'page-1' the server gave")
    else:
        v.warned(PAGES, "did not request the second page of tools/list (nextCursor ignored): the tool on it is never seen")


def _error_result(_params: dict) -> dict:
    return {"content": [{"type": "text", "text": "the operation failed (scripted isError result)"}], "isError": True}


def judge_error(traffic, v) -> None:
    if not_called(traffic, v, "failing_tool", (ISERROR,)):
        return
    ok, how = exited_cleanly(traffic)
    repeats = len(calls(traffic, "failing_tool"))
    if ok and repeats > 3:
        ok, how = False, f"called failing_tool {repeats} times (a retry loop on a tool error)"
    if ok:
        v.passed(ISERROR, how)
    else:
        v.warned(ISERROR, f"after an isError result {how}")


BASIC = Script(capabilities={"tools": {}}, tool_pages=((ADD_NUMBERS,),),
               call_result=lambda p: {"content": [{"type": "text", "text": _sum_text(p)}]})


def _sum_text(params: dict) -> str:
    args = params.get("arguments") if isinstance(params.get("arguments"), dict) else {}
    a, b = args.get("a"), args.get("b")
    if all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b)):
        return f"The sum of {a} and {b} is {a + b}"
    return "a and b must be numbers"


SCENARIOS = [
    ClientScenario("initialize", "the initialize handshake: fields, version offered, initialized, negotiated capabilities",
                   (INIT, INITIALIZED, BEFORE, NEGOTIATED, VALID), BASIC, judge_initialize, HANDSHAKE_REVISIONS, official=True),
    ClientScenario("tools_call", "tools/call of add_numbers with the arguments its schema requires", (ADD,), BASIC,
                   judge_tools_call, HANDSHAKE_REVISIONS, official=True),
    ClientScenario("tools-list-pagination", "tools/list in two pages: the client follows nextCursor", (PAGES,),
                   Script(capabilities={"tools": {}}, tool_pages=((ADD_NUMBERS,), (trigger_tool("second_page_tool", "on page 2"),))),
                   judge_pagination),
    ClientScenario("tools-call-error", "a tool result with isError: true", (ISERROR,),
                   Script(capabilities={"tools": {}}, tool_pages=((trigger_tool("failing_tool", "always fails"),),),
                          call_result=_error_result), judge_error),
]
