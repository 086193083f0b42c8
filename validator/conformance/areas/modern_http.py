"""2026-07-28 over Streamable HTTP (HTTP-015..023, VER-005): status codes and the request headers.

Raw POSTs on the revision's sessionless channel: an unsupported version is 400 + -32022,
a malformed `_meta` 400 + -32602, an unknown method 404 + -32601, a header that does not
match the body (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`) 400 + -32020; header
names compare case-insensitively and a Base64-sentinel `Mcp-Name` is decoded first; every
error body carries the request's id; legacy traffic (GET, DELETE, `Mcp-Session-Id`) is not
served by a modern-only server. Probes name only tools that do not exist, so nothing runs,
except the `Mcp-Param-*` probe: it repeats a call the tools scenario already made (allowed by
`--call-tools`, read-only by default) with a wrong or missing custom header.
Ids are the official suite's (`sep-2575-http-*`, `sep-2243-*`) where the meaning is the same.
https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
"""

from __future__ import annotations

import base64
import json

from validator.conformance.observe import tools as observe_tools
from validator.conformance.protocol.modern import HEADER_MISMATCH, UNSUPPORTED_VERSION, VERSION_KEY, envelope, param_value
from validator.conformance.protocol.revisions import MODERN_REVISIONS, UNKNOWN_REVISION
from validator.conformance.suite.checks import Check, Scenario

HTTP = f"https://modelcontextprotocol.io/specification/{MODERN_REVISIONS[0]}/basic/transports/streamable-http"
M = MODERN_REVISIONS
T = ("streamable-http",)
SC = "http-header-validation"  # the official suite's scenario names, so its baselines carry over
SC_STATELESS = "server-stateless"  # the sep-2575-http-* checks: run by modern_core's scenario of that name
SC_CUSTOM = "http-custom-header-server-validation"
SC_LEGACY = "modern-http-legacy-traffic"
NO_TOOL = "agentconform_no_such_tool"
"""The tool the header probes name: none exists, so a server that ignores the headers runs nothing."""

UNSUPPORTED_400 = Check("sep-2575-http-server-unsupported-version-400", SC_STATELESS, "HTTP-016", "MUST", M,
                        f"{HTTP}#protocol-version-header", "an unsupported version is refused with HTTP 400", transports=T)
META_400 = Check("sep-2575-http-server-meta-invalid-400", SC_STATELESS, "VER-005", "MUST", M,
                 "https://modelcontextprotocol.io/specification/2026-07-28/basic#meta",
                 "a request missing required _meta fields is refused with HTTP 400", transports=T)
VERSION_MISMATCH = Check("sep-2575-http-server-header-mismatch-400", SC_STATELESS, "HTTP-015", "MUST", M,
                         f"{HTTP}#protocol-version-header",
                         "MCP-Protocol-Version unlike _meta's protocolVersion is refused with 400 + -32020", transports=T)
NOT_FOUND = Check("sep-2575-http-server-method-not-found-404", SC_STATELESS, "HTTP-016", "MUST", M, f"{HTTP}#protocol-version-header",
                  "an unknown or retired method (ping, logging/setLevel, resources/subscribe, and initialize on a "
                  "modern-only server) is answered 404 with a -32601 JSON-RPC error", transports=T)
HEADER_REJECT = Check("sep-2243-server-reject-error-code", SC, "HTTP-018", "MUST", M, f"{HTTP}#server-validation",
                      "a missing or mismatched Mcp-Method / Mcp-Name is refused with a -32020 HeaderMismatch error",
                      transports=T)
HEADER_STATUS = Check("sep-2243-server-reject-invalid-headers", SC, "HTTP-018", "MUST", M, f"{HTTP}#server-validation",
                      "a request whose Mcp-Method or Mcp-Name is missing or unlike the body is refused with HTTP 400",
                      transports=T)
WHITESPACE = Check("sep-2243-server-accepts-whitespace-header-value", SC, "HTTP-018", "MUST", M, f"{HTTP}#server-validation",
                   "an Mcp-Name with leading or trailing whitespace is compared without it (RFC 9110 section 5.5)",
                   transports=T)
HEADER_CASE = Check("sep-2243-header-name-case-insensitive", SC, "HTTP-018", "MUST", M, f"{HTTP}#case-sensitivity",
                    "header names are matched case-insensitively", transports=T)
NAME_BASE64 = Check("modern-mcp-name-base64-decoded", SC, "HTTP-018", "MUST", M, f"{HTTP}#value-encoding",
                    "a Base64-sentinel Mcp-Name is decoded before it is compared with the body", transports=T)
VERSION_REQUIRED = Check("modern-http-version-header-required", SC, "HTTP-017", "MUST", M, f"{HTTP}#server-validation",
                         "a modern-only server refuses a request without MCP-Protocol-Version (400 + -32020)", transports=T)
PARAM_MATCH = Check("sep-2243-server-validate-param-match", SC_CUSTOM, "HTTP-019", "MUST", M,
                    f"{HTTP}#server-behavior-for-custom-headers",
                    "an Mcp-Param header unlike its argument, or missing while the argument is present, gets 400 + -32020",
                    transports=T)
ERROR_ID = Check("sep-2575-http-server-error-jsonrpc-id", SC_STATELESS, "HTTP-023", "MUST", M, "https://modelcontextprotocol.io/"
                 "specification/2026-07-28/basic#error-responses", "a JSON-RPC error sent with a 4xx carries the request's id",
                 transports=T)
LEGACY_TRAFFIC = Check("modern-http-legacy-traffic", SC_LEGACY, "HTTP-022", "SHOULD", M, f"{HTTP}#earlier-streamable-http-revisions",
                       "no Mcp-Session-Id is minted; a modern-only server answers GET and DELETE with 405", transports=T)


def _code(answer) -> int | None:
    error = answer.get("error") if isinstance(answer, dict) else None
    return error.get("code") if isinstance(error, dict) else None


class _Probes:
    """Sends the probes of this scenario and remembers error bodies that lack the request's id."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.session = ctx.session
        self.wrong_ids: list[str] = []

    async def send(self, method: str, params: dict | None = None, *, meta: dict | None = None,
                   headers: dict | None = None, drop: tuple[str, ...] = ()) -> tuple[int | None, dict | None, str]:
        message = self.session.message(method, params, meta=meta)
        status, answer, why = await self.session.probe(message, headers=headers, drop=drop, scenario=SC)
        if answer is not None and answer.get("id") != message["id"] and "error" in answer:
            self.wrong_ids.append(f"{method}: HTTP {status} error carries id {json.dumps(answer.get('id'))}, "
                                  f"not {message['id']}")
            why = why or "the error carries another id"
            answer = None if answer.get("id") is not None else answer
        return status, answer, why


def _said(status, answer, why: str) -> str:
    if answer is None:
        return why or f"HTTP {status}, no answer"
    body = json.dumps(answer.get("error") if "error" in answer else answer.get("result"))[:140]
    return f"HTTP {status} {'error' if 'error' in answer else 'result'} {body}"


async def run_status(ctx) -> None:
    """The server-stateless checks of Streamable HTTP: status codes, the version header, error ids."""
    probes = _Probes(ctx)
    base = envelope(ctx.session.version, ctx.session.client_capabilities)
    status, answer, why = await probes.send("server/discover", meta={**base, VERSION_KEY: UNKNOWN_REVISION},
                                            headers={"MCP-Protocol-Version": UNKNOWN_REVISION})
    ctx.verdict(UNSUPPORTED_400, status == 400 and _code(answer) == UNSUPPORTED_VERSION, "HTTP 400 with -32022",
                f"unsupported version: {_said(status, answer, why)}, not HTTP 400 + -32022")
    # the header stays: it is what makes the POST modern traffic to a dual-era server
    version = {"MCP-Protocol-Version": ctx.session.version}
    status, answer, why = await probes.send("server/discover", meta={k: v for k, v in base.items() if k != VERSION_KEY},
                                            headers=version)
    other_status, other_answer, other_why = await probes.send("server/discover", meta={}, headers=version)
    bad = [f"{what}: {_said(s, a, w)}" for what, s, a, w in (("_meta without protocolVersion", status, answer, why),
                                                            ("empty _meta", other_status, other_answer, other_why))
           if s != 400]
    ctx.verdict(META_400, not bad, "HTTP 400 for a _meta without its required fields", "; ".join(bad))
    # both values are well-formed versions, so the only reason to refuse is that they differ (the header
    # is the modern one: a dual-era server may take a legacy version header for legacy traffic)
    status, answer, why = await probes.send("server/discover", meta={**base, VERSION_KEY: "2025-11-25"},
                                            headers={"MCP-Protocol-Version": MODERN_REVISIONS[0]})
    if status == 400 and _code(answer) == HEADER_MISMATCH:
        ctx.passed(VERSION_MISMATCH, "HTTP 400 with -32020")
    elif status is not None and 400 <= status < 500 and answer is not None and "error" in answer:
        ctx.warned(VERSION_MISMATCH, f"refused, but not as a header mismatch: {_said(status, answer, why)}")
    else:
        ctx.violated(VERSION_MISMATCH, f"MCP-Protocol-Version 2026-07-28 with _meta 2025-11-25: {_said(status, answer, why)}")
    await _not_found(ctx, probes)
    ctx.verdict(ERROR_ID, not probes.wrong_ids, "every error body carries its request's id", "; ".join(probes.wrong_ids[:3]))


RETIRED = (("ping", {}), ("logging/setLevel", {"level": "error"}), ("resources/subscribe", {"uri": "agentconform://x"}),
           ("resources/unsubscribe", {"uri": "agentconform://x"}))
"""Methods 2026-07-28 removed (changelog): on the modern wire they are methods the server does not implement."""


async def _not_found(ctx, probes: _Probes) -> None:
    """404 + -32601 for a method the server does not implement: an unknown one, the retired ones, and
    (modern-only server) `initialize` sent as a modern request; a dual-era server serves initialize."""
    methods = [("agentconform/no-such-method", {}), *RETIRED]
    if ctx.negotiation is not None and ctx.negotiation.era == "modern":
        methods.append(("initialize", {"protocolVersion": MODERN_REVISIONS[0], "capabilities": {},
                                       "clientInfo": {"name": "agentconform", "version": "0"}}))
    bad = []
    for method, params in methods:
        status, answer, why = await probes.send(method, params)
        if not (status == 404 and _code(answer) == -32601):
            bad.append(f"{method}: {_said(status, answer, why)}")
    ctx.verdict(NOT_FOUND, not bad, f"HTTP 404 with -32601 for {', '.join(m for m, _ in methods)}",
                "not HTTP 404 + -32601: " + "; ".join(bad))


async def run_headers(ctx) -> None:
    probes = _Probes(ctx)
    await _version_required(ctx, probes)
    await _headers(ctx, probes)


async def _version_required(ctx, probes: _Probes) -> None:
    # a server that supports clients older than 2025-06-18 MAY take a header-less request as 2025-03-26
    # (streamable-http#protocol-version-header): only a modern-only server must refuse it
    if ctx.negotiation is None or ctx.negotiation.era != "modern":
        ctx.skipped(VERSION_REQUIRED, f"{ctx.negotiation.era if ctx.negotiation else 'unknown'}-era server: "
                                      "it may serve a request without the header as 2025-03-26")
        return
    status, answer, why = await probes.send("server/discover", drop=("MCP-Protocol-Version",))
    ctx.verdict(VERSION_REQUIRED, status == 400 and _code(answer) == HEADER_MISMATCH, "HTTP 400 with -32020",
                f"no MCP-Protocol-Version header: {_said(status, answer, why)}, not HTTP 400 + -32020")


async def _headers(ctx, probes: _Probes) -> None:
    cases = (
        ("Mcp-Method prompts/list for a tools/list body", "tools/list", {}, {"Mcp-Method": "prompts/list"}, ()),
        ("Mcp-Method TOOLS/LIST (values are case-sensitive)", "tools/list", {}, {"Mcp-Method": "TOOLS/LIST"}, ()),
        ("no Mcp-Method", "tools/list", {}, {}, ("Mcp-Method",)),
        ("Mcp-Name unlike params.name", "tools/call", {"name": NO_TOOL, "arguments": {}}, {"Mcp-Name": NO_TOOL + "_other"}, ()),
        ("no Mcp-Name on tools/call", "tools/call", {"name": NO_TOOL, "arguments": {}}, {}, ("Mcp-Name",)),
    )
    # two MUSTs of #server-validation: "return HTTP status 400 Bad Request" and "include ... -32020"
    wrong_status, wrong_code = [], []
    for what, method, params, headers, drop in cases:
        status, answer, why = await probes.send(method, params, headers=headers, drop=drop)
        if status != 400:
            wrong_status.append(f"{what}: {_said(status, answer, why)}")
        if _code(answer) != HEADER_MISMATCH:
            wrong_code.append(f"{what}: {_said(status, answer, why)}")
    ctx.verdict(HEADER_STATUS, not wrong_status, f"{len(cases)} mismatched or missing headers refused with HTTP 400",
                "not HTTP 400: " + "; ".join(wrong_status))
    ctx.verdict(HEADER_REJECT, not wrong_code, f"{len(cases)} mismatched or missing headers refused with -32020",
                "not -32020 HeaderMismatch: " + "; ".join(wrong_code))
    # RFC 9110 §5.5: a field value is evaluated without its leading and trailing whitespace
    status, answer, why = await probes.send("tools/call", {"name": NO_TOOL, "arguments": {}},
                                            headers={"Mcp-Name": f"  {NO_TOOL}\t"})
    ctx.verdict(WHITESPACE, answer is not None and _code(answer) != HEADER_MISMATCH,
                f"Mcp-Name with surrounding whitespace matched params.name ({_said(status, answer, why)})",
                f"Mcp-Name with surrounding whitespace: {_said(status, answer, why)}")
    lowered = {"mcp-protocol-version": MODERN_REVISIONS[0], "mcp-method": "server/discover"}
    status, answer, why = await probes.send("server/discover", headers=lowered,
                                            drop=("MCP-Protocol-Version", "Mcp-Method"))
    ok = answer is not None and isinstance(answer.get("result"), dict)
    ctx.verdict(HEADER_CASE, ok, "lower-case header names accepted", f"lower-case header names: {_said(status, answer, why)}")
    encoded = "=?base64?" + base64.b64encode(NO_TOOL.encode()).decode() + "?="
    status, answer, why = await probes.send("tools/call", {"name": NO_TOOL, "arguments": {}}, headers={"Mcp-Name": encoded})
    ctx.verdict(NAME_BASE64, answer is not None and _code(answer) != HEADER_MISMATCH,
                f"Mcp-Name {encoded} matched params.name ({_said(status, answer, why)})",
                f"Mcp-Name {encoded} (the Base64 of params.name): {_said(status, answer, why)}")


async def run_custom(ctx) -> None:
    await _param_headers(ctx, _Probes(ctx))


async def _param_headers(ctx, probes: _Probes) -> None:
    """HTTP-019 on a tool the tools scenario already called successfully (so --call-tools allowed it,
    read-only by default) with an argument its schema mirrors into an Mcp-Param header."""
    calls = await observe_tools.existing_calls(ctx)
    mirrored = ctx.session.param_headers
    chosen = None
    for call in (calls.calls if calls else []):
        if call.reply is None or not call.reply.ok:
            continue
        for path, name in mirrored.get(call.plan.name, ()):
            value = call.plan.arguments
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, str) and param_value(value) == value:
                chosen = (call, name, value)
                break
        if chosen:
            break
    if chosen is None:
        ctx.skipped(PARAM_MATCH, "no tool with a string x-mcp-header argument was called (with --call-tools "
                                 f"{ctx.options.call_tools}); the headers are mirrored on every call all the same")
        return
    call, name, value = chosen
    params = {"name": call.plan.name, "arguments": call.plan.arguments}
    header = f"Mcp-Param-{name}"
    bad = []
    for what, headers, drop in ((f"{header}: {value}-mismatch", {header: value + "-mismatch"}, ()),
                                (f"no {header}", {}, (header,))):
        status, answer, why = await probes.send("tools/call", params, headers=headers, drop=drop)
        if not (status == 400 and _code(answer) == HEADER_MISMATCH):
            bad.append(f"{call.plan.name} with {what}: {_said(status, answer, why)}")
    ctx.verdict(PARAM_MATCH, not bad, f"{call.plan.name}: a mismatched and a missing {header} refused with 400 + -32020",
                "; ".join(bad))


async def run_legacy(ctx) -> None:
    channel = ctx.session.channel
    minted = sorted({r.header("mcp-session-id") for r in channel.replies if r.header("mcp-session-id")})
    problems = [f"Mcp-Session-Id {minted[0]!r} minted on a 2026-07-28 response"] if minted else []
    if ctx.negotiation is not None and ctx.negotiation.era == "modern":
        for verb in ("GET", "DELETE"):
            reply = await (channel.get(read_for=0.3) if verb == "GET" else channel.delete())
            if reply.status != 405:
                problems.append(f"{verb} answered HTTP {reply.status or reply.error}, not 405")
        scope = "no session id; GET and DELETE answered 405"
    else:
        scope = "no session id on 2026-07-28 responses (GET and DELETE serve the legacy era of a dual server)"
    ctx.verdict(LEGACY_TRAFFIC, not problems, scope, "; ".join(problems))


STATELESS_CHECKS = (UNSUPPORTED_400, META_400, VERSION_MISMATCH, NOT_FOUND, ERROR_ID)
"""Listed by modern_core's `server-stateless` scenario (the official suite files them there)."""

SCENARIOS = [
    Scenario(SC, "2026-07-28 over Streamable HTTP: the request headers are validated against the body",
             (VERSION_REQUIRED, HEADER_STATUS, HEADER_REJECT, WHITESPACE, HEADER_CASE, NAME_BASE64), run_headers, phase="probe", transports=T,
             revisions=M),
    Scenario(SC_CUSTOM, "2026-07-28 over Streamable HTTP: Mcp-Param headers from x-mcp-header arguments", (PARAM_MATCH,),
             run_custom, phase="probe", transports=T, revisions=M),
    Scenario(SC_LEGACY, "2026-07-28 over Streamable HTTP: no sessions, no GET or DELETE on a modern-only server",
             (LEGACY_TRAFFIC,), run_legacy, phase="probe", transports=T, revisions=M),
]
