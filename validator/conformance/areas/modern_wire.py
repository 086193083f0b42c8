"""2026-07-28 on every message (BASE-013/014, VER-002, C26-001/002, STDIO-005, HTTP-020, UTIL-009/013).

A collect scenario: it sends nothing and judges every answer and message the 2026-07-28
connections carried (`resultType`, `serverInfo`, cache hints, error codes, no server
requests, no log messages without `logLevel`, no `notifications/cancelled` without a
listen stream). Cache-hint ids are the official suite's `caching` scenario's.
https://modelcontextprotocol.io/specification/2026-07-28/basic#result-responses
https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/caching
"""

from __future__ import annotations

import json

from validator.conformance.protocol.modern import MODERN_CODES, SERVER_INFO_KEY
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.suite.checks import Check, Scenario

S26 = "https://modelcontextprotocol.io/specification/2026-07-28"
M = MODERN_REVISIONS
SC = "modern-messages"
SC_CACHING = "caching"  # the official suite's scenario for the cache hints
INPUT_ALLOWED = ("tools/call", "prompts/get", "resources/read")
INPUT_KINDS = {"elicitation/create": "elicitation", "sampling/createMessage": "sampling", "roots/list": "roots"}
CACHEABLE = ("server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "resources/read")
"""The operations whose complete results carry cache hints (caching#cacheable-results)."""

RESULT_TYPE = Check("modern-result-type", SC, "BASE-013", "MUST", M, f"{S26}/basic#result-responses",
                    "every result carries resultType (\"complete\", \"input_required\" or an extension's value)")
SERVER_INFO = Check("sep-2575-server-identifies-in-result-meta", SC, "VER-002", "SHOULD", M, f"{S26}/basic#meta",
                    "every result names the server in _meta[\"io.modelcontextprotocol/serverInfo\"]")
TTL = Check("sep-2549-ttl-non-negative", SC_CACHING, "C26-001", "MUST", M, f"{S26}/server/utilities/caching#cacheable-results",
            "cacheable complete results carry ttlMs, an integer >= 0")
SCOPE = Check("sep-2549-cache-scope-valid", SC_CACHING, "C26-001", "MUST", M, f"{S26}/server/utilities/caching#cacheable-results",
              "cacheable complete results carry cacheScope \"public\" or \"private\"")
SCOPE_PAGES = Check("modern-cache-scope-pages", SC_CACHING, "C26-002", "MUST", M,
                    f"{S26}/server/utilities/caching#interaction-with-pagination",
                    "all pages of one list carry the same cacheScope")
INPUT_METHODS = Check("input-required-result-unsupported-methods", SC, "C26-003", "MUST", M,
                      f"{S26}/basic/patterns/mrtr#supported-requests",
                      "input_required answers only tools/call, prompts/get and resources/read")
INPUT_SHAPE = Check("input-required-result-basic", SC, "C26-004", "MUST", M,
                    f"{S26}/basic/patterns/mrtr#server-requirements-basic-workflow",
                    "an input_required result carries inputRequests or requestState; its requests are elicitation, "
                    "sampling or roots requests")
INPUT_CAPABILITY = Check("input-required-result-capability-check", SC, "C26-005", "MUST", M,
                         f"{S26}/basic/patterns/mrtr#server-requirements-basic-workflow",
                         "no input request for a capability the request's clientCapabilities did not declare")
ERROR_CODES = Check("modern-error-codes", SC, "BASE-014", "MUST", M, f"{S26}/basic#error-codes",
                    "error codes in -32020..-32099 are the defined ones, with their data; no retired -32002/-32042")
NO_REQUESTS_STDIO = Check("modern-stdio-no-server-requests", SC, "STDIO-005", "MUST", M,
                          f"{S26}/basic/transports/stdio#receiving-messages",
                          "the server writes no JSON-RPC requests (input requests ride in InputRequiredResult)",
                          transports=("stdio",))
NO_REQUESTS_HTTP = Check("sep-2575-http-server-no-independent-requests-on-stream", SC, "HTTP-020", "MUST", M,
                         f"{S26}/basic/transports/streamable-http#receiving-messages",
                         "response streams carry no independent JSON-RPC requests", transports=("streamable-http",))
NO_LOG = Check("sep-2575-server-no-log-without-loglevel", SC, "UTIL-009", "MUST", M,
               f"{S26}/server/utilities/logging#per-request-log-level",
               "no notifications/message for requests without io.modelcontextprotocol/logLevel")
NO_CANCELLED = Check("modern-no-cancelled-notifications", SC, "UTIL-013", "MUST", M, f"{S26}/basic/patterns/cancellation",
                     "no notifications/cancelled except to end a subscriptions/listen stream")


def _sessions(ctx) -> list:
    return [s for s in ctx.state.sessions if getattr(s, "modern", False) and s.negotiated_version == ctx.revision]


def _problem_list(problems: list[str]) -> str:
    return "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")


def _judge(ctx, check: Check, problems: list[str], ok: str) -> None:
    ctx.verdict(check, not problems, ok, _problem_list(problems), details=problems[:20] or None)


def _error_problem(error: dict) -> tuple[str, str] | None:
    """(level, text) for an error code 2026-07-28 forbids or misuses; None when fine."""
    code = error.get("code")
    if not isinstance(code, int):
        return None
    data = error.get("data")
    if code in (-32002, -32042):
        return "MUST", f"{code} is retired in 2026-07-28 (resource not found is -32602; URL elicitation rides in input_required)"
    if code == -32022 and not (isinstance(data, dict) and isinstance(data.get("supported"), list)):
        return "MUST", "-32022 (UnsupportedProtocolVersion) without data.supported"
    if code == -32021 and not (isinstance(data, dict) and isinstance(data.get("requiredCapabilities"), dict)):
        return "MUST", "-32021 (MissingRequiredClientCapability) without a data.requiredCapabilities object"
    if -32099 <= code <= -32020 and code not in MODERN_CODES:
        return "MUST", f"{code} lies in the range reserved for the MCP specification (-32020..-32099) but is not defined"
    if -32019 <= code <= -32000:
        return "SHOULD", f"{code} lies in -32000..-32019, which new implementations SHOULD NOT use"
    return None


def _input_required(reply, result: dict, declared: dict, out: dict[str, list[str]]) -> None:
    """Judge one InputRequiredResult (basic/patterns/mrtr): where it may come, its shape, its capabilities."""
    if reply.method not in INPUT_ALLOWED:
        out["methods"].append(f"{reply.method} answered input_required")
    requests, state = result.get("inputRequests"), result.get("requestState")
    if requests is None and state is None:
        out["shape"].append(f"{reply.method}: input_required without inputRequests or requestState")
    if requests is None:
        return
    if not isinstance(requests, dict):
        out["shape"].append(f"{reply.method}: inputRequests is not an object keyed by request name")
        return
    for key, request in requests.items():
        method = request.get("method") if isinstance(request, dict) else None
        if method not in INPUT_KINDS:
            out["shape"].append(f"{reply.method}: inputRequests[{key!r}] is {json.dumps(method)}, not an elicitation, "
                                "sampling or roots request")
        elif not isinstance(declared.get(INPUT_KINDS[method]), dict):
            out["capability"].append(f"{reply.method}: inputRequests[{key!r}] is {method}, but the request declared no "
                                     f"{INPUT_KINDS[method]} capability")
        else:
            missing = _sub_capability(method, request.get("params"), declared[INPUT_KINDS[method]])
            if missing:
                out["capability"].append(f"{reply.method}: inputRequests[{key!r}] needs {missing}, which the request "
                                         "did not declare")


def _sub_capability(method: str, params, declared: dict) -> str | None:
    """The sub-capability an input request needs beyond the one declared: URL-mode elicitation needs
    `elicitation.url` (`elicitation: {}` means form only); tool-enabled sampling `sampling.tools`.
    https://modelcontextprotocol.io/specification/2026-07-28/client/elicitation ; .../client/sampling"""
    params = params if isinstance(params, dict) else {}
    if method == "elicitation/create" and params.get("mode") == "url" and not isinstance(declared.get("url"), dict):
        return "elicitation.url"
    if method == "sampling/createMessage" and ("tools" in params or "toolChoice" in params) \
            and not isinstance(declared.get("tools"), dict):
        return "sampling.tools"
    return None


async def _observe(ctx) -> dict:
    """Everything the 2026-07-28 connections carried, sorted into problems per check (once per revision)."""
    result_type, server_info, ttl, scope, codes, requests, logs, cancelled = ([] for _ in range(8))
    inputs: dict[str, list[str]] = {"methods": [], "shape": [], "capability": []}
    code_levels: set[str] = set()
    scopes: dict[str, set] = {}
    results = 0
    for session in _sessions(ctx):
        for reply in session.replies:
            message = reply.message
            if isinstance(message.get("error"), dict):
                found = _error_problem(message["error"])
                if found:
                    code_levels.add(found[0])
                    codes.append(f"{reply.method}: {found[1]}")
                continue
            result = message.get("result")
            if not isinstance(result, dict):
                continue
            results += 1
            kind = result.get("resultType")
            if not isinstance(kind, str):
                result_type.append(f"{reply.method}: resultType is {json.dumps(kind)}")
            meta = result.get("_meta")
            info = meta.get(SERVER_INFO_KEY) if isinstance(meta, dict) else None
            if not (isinstance(info, dict) and isinstance(info.get("name"), str) and isinstance(info.get("version"), str)):
                server_info.append(reply.method)
            if kind == "input_required":
                _input_required(reply, result, session.declared_for(reply), inputs)
            if reply.method in CACHEABLE and kind == "complete":
                value = result.get("ttlMs")
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    ttl.append(f"{reply.method}: ttlMs is {json.dumps(value) if 'ttlMs' in result else 'missing'}")
                if result.get("cacheScope") not in ("public", "private"):
                    scope.append(f"{reply.method}: cacheScope is {json.dumps(result.get('cacheScope')) if 'cacheScope' in result else 'missing'}")
                if reply.method.endswith("/list"):
                    scopes.setdefault(reply.method, set()).add(json.dumps(result.get("cacheScope")))
        for inbound in session.inbound:
            message = inbound.message if isinstance(inbound.message, dict) else {}
            if inbound.kind == "request":
                requests.append(f"{message.get('method')} (id {json.dumps(message.get('id'))})")
            elif inbound.kind == "notification" and message.get("method") == "notifications/message":
                logs.append(json.dumps(message.get("params"))[:120])
            elif inbound.kind == "notification" and message.get("method") == "notifications/cancelled":
                params = message.get("params") if isinstance(message.get("params"), dict) else {}
                if params.get("requestId") not in session.listen_ids:  # ending a listen stream is allowed
                    cancelled.append(json.dumps(params)[:120])
    mixed = [f"{m}: {sorted(v)}" for m, v in scopes.items() if len(v) > 1]
    return {"results": results, "result_type": result_type, "server_info": server_info, "ttl": ttl, "scope": scope,
            "mixed": mixed, "inputs": inputs, "codes": codes, "code_levels": code_levels, "requests": requests,
            "logs": logs, "cancelled": cancelled}


async def run_caching(ctx) -> None:
    seen = await ctx.memo("modern-observed", lambda: _observe(ctx))
    _judge(ctx, TTL, seen["ttl"], "every cacheable complete result carries ttlMs >= 0")
    _judge(ctx, SCOPE, seen["scope"], "every cacheable complete result carries a valid cacheScope")
    _judge(ctx, SCOPE_PAGES, seen["mixed"], "each list's pages share one cacheScope")


async def run_messages(ctx) -> None:
    seen = await ctx.memo("modern-observed", lambda: _observe(ctx))
    results, server_info, inputs, codes = seen["results"], seen["server_info"], seen["inputs"], seen["codes"]
    if not results:
        ctx.skipped(RESULT_TYPE, "no result was received on a 2026-07-28 connection")
    else:
        _judge(ctx, RESULT_TYPE, seen["result_type"], f"{results} result(s) carry resultType")
    if results:
        ctx.verdict(SERVER_INFO, not server_info, f"{results} result(s) name the server",
                    f"{len(server_info)} of {results} result(s) lack _meta serverInfo (name, version): "
                    f"{', '.join(sorted(set(server_info)))}")
    _judge(ctx, INPUT_METHODS, inputs["methods"], "no input_required result outside tools/call, prompts/get, resources/read")
    _judge(ctx, INPUT_SHAPE, inputs["shape"], "every input_required result is well formed")
    _judge(ctx, INPUT_CAPABILITY, inputs["capability"], "no input request the client did not declare a capability for")
    if codes and "MUST" not in seen["code_levels"]:
        ctx.warned(ERROR_CODES, _problem_list(codes), details=codes[:20])
    else:
        _judge(ctx, ERROR_CODES, codes, "every error code is a defined one")
    check = NO_REQUESTS_HTTP if ctx.transport == "streamable-http" else NO_REQUESTS_STDIO
    if check.applies(ctx.revision, ctx.transport):
        _judge(ctx, check, [f"the server sent the request {r}" for r in seen["requests"]], "no server-to-client request")
    _judge(ctx, NO_LOG, [f"notifications/message {p}" for p in seen["logs"]], "no log message (no request set logLevel)")
    _judge(ctx, NO_CANCELLED, [f"notifications/cancelled {p}" for p in seen["cancelled"]], "no notifications/cancelled")


SCENARIOS = [
    Scenario(SC_CACHING, "2026-07-28: cache hints on every cacheable result", (TTL, SCOPE, SCOPE_PAGES), run_caching,
             phase="collect", revisions=M, runs_last=True),
    Scenario(SC, "2026-07-28: resultType, serverInfo, input_required, error codes and the messages a server may not send",
             (RESULT_TYPE, SERVER_INFO, INPUT_METHODS, INPUT_SHAPE, INPUT_CAPABILITY, ERROR_CODES, NO_REQUESTS_STDIO,
              NO_REQUESTS_HTTP, NO_LOG, NO_CANCELLED),
             run_messages, phase="collect", revisions=M, runs_last=True),
]
