"""Lifecycle (LIFE-*, UTIL-001): the handshake, version negotiation, ping, capabilities.

Scenario names reuse the official suite's (`server-initialize`, `ping`) so its
expected-failures baselines carry over; the others are ours.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
"""

from __future__ import annotations

from validator.conformance.observe.primitives import ping_before, still_answers
from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, KNOWN_REVISIONS, UNKNOWN_REVISION, revisions
from validator.conformance.protocol.session import MAX_SERVER_REQUESTS_IN_FLIGHT, RequestFailed, empty_result
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LIFECYCLE = f"{S25}/basic/lifecycle"

# ---- server-initialize --------------------------------------------------------------
INIT = Check("server-initialize", "server-initialize", "LIFE-001", "MUST", L, f"{LIFECYCLE}#initialization",
             "initialize is answered with protocolVersion, capabilities and serverInfo")
SESSION_ID_ASCII = Check("server-session-id-visible-ascii", "server-initialize", "HTTP-010", "MUST", revisions("25a-25c"),
                         f"{S25}/basic/transports#session-management",
                         "Mcp-Session-Id holds only visible ASCII (0x21-0x7E)", transports=("streamable-http",))


async def run_initialize(ctx) -> None:
    reply = ctx.session.initialize_reply
    result = reply.result if reply is not None else None
    problems = []
    if not isinstance(result, dict):
        problems.append("the answer has no result object")
    else:
        if not isinstance(result.get("protocolVersion"), str):
            problems.append("protocolVersion is missing or not a string")
        if not isinstance(result.get("capabilities"), dict):
            problems.append("capabilities is missing or not an object")
        info = result.get("serverInfo")
        if not isinstance(info, dict):
            problems.append("serverInfo is missing or not an object")
        else:
            for key in ("name", "version"):
                if not isinstance(info.get(key), str):
                    problems.append(f"serverInfo.{key} is missing or not a string")
    ctx.verdict(INIT, not problems, f"initialize answered in {reply.elapsed * 1000:.0f} ms with protocolVersion {result.get('protocolVersion')!r}" if not problems else "",
                "; ".join(problems), details={"result_keys": sorted(result) if isinstance(result, dict) else None})
    if ctx.transport == "streamable-http":
        sid = getattr(ctx.session.channel, "session_id", None)
        if sid is None:
            ctx.skipped(SESSION_ID_ASCII, "the server issued no Mcp-Session-Id (sessionless)")
        else:
            bad = [c for c in sid if not 0x21 <= ord(c) <= 0x7E]
            ctx.verdict(SESSION_ID_ASCII, bool(sid) and not bad, f"session id of {len(sid)} visible ASCII characters",
                        f"session id {sid!r} contains {len(bad) or 'no'} characters outside 0x21-0x7E" if sid else "empty session id")


# ---- version negotiation (run-level) ---------------------------------------------------
NEGOTIATE = Check("server-version-negotiation", "version-negotiation", "LIFE-002", "MUST", L, f"{LIFECYCLE}#version-negotiation",
                  "each requested revision is answered with itself or another revision the server supports")
UNKNOWN = Check("server-unknown-version", "version-negotiation", "LIFE-003", "MUST", L, f"{LIFECYCLE}#version-negotiation",
                "an unsupported requested version is answered with a version the server supports")
ERA = Check("era-consistent", "version-negotiation", "VER-011", "derived", L,
            "https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning",
            "the era the server advertises (server/discover) matches what it answers")


async def run_negotiation(ctx) -> None:
    nego = ctx.negotiation
    probes = [p for v, p in nego.probes.items() if v != UNKNOWN_REVISION]
    bad, seen = [], []
    for probe in probes:
        if probe.reply is None:
            bad.append(f"{probe.requested}: {probe.error or 'no answer'}")
            continue
        if not probe.reply.ok:
            seen.append(f"{probe.requested}→error")
            continue  # refusing with an error is judged by server-unknown-version's rules, not here
        got = probe.negotiated
        seen.append(f"{probe.requested}→{got}")
        if got not in KNOWN_REVISIONS:
            bad.append(f"asked {probe.requested}, answered {got!r}, which is no MCP revision")
        elif got != probe.requested and len(probes) > 1 and got in HANDSHAKE_REVISIONS and got not in nego.supported:
            bad.append(f"asked {probe.requested}, answered {got}, yet asking for {got} itself is not answered with {got}")
    ctx.verdict(NEGOTIATE, not bad, "; ".join(seen), "; ".join(bad), details={"probes": [p.summary() for p in probes]})

    probe = nego.probes.get(UNKNOWN_REVISION)
    if probe is None or probe.reply is None:
        ctx.no_answer(UNKNOWN, (probe.error if probe else None) or "initialize with an unknown version was not answered")
    elif probe.reply.ok:
        got = probe.negotiated
        if got == UNKNOWN_REVISION:
            ctx.violated(UNKNOWN, f"asked for {UNKNOWN_REVISION}, the server echoed it back instead of offering a version it supports")
        elif got not in KNOWN_REVISIONS:
            ctx.violated(UNKNOWN, f"asked for {UNKNOWN_REVISION}, the server offered {got!r}, which is no MCP revision")
        else:
            ctx.passed(UNKNOWN, f"asked for {UNKNOWN_REVISION}, the server offered {got}")
    else:
        # The lifecycle page's own error example shows -32602 with data.supported: a
        # warning, not a failure (mcp-requirements.md LIFE-003).
        ctx.warned(UNKNOWN, f"asked for {UNKNOWN_REVISION}, the server answered an error instead of offering a version: "
                            f"{probe.reply.error}", details=probe.reply.error)

    discover = nego.discover or {}
    if not discover.get("ok"):
        ctx.passed(ERA, f"legacy era: server/discover not answered ({discover.get('detail', 'no probe')})")
    else:
        listed = {v for v in discover.get("supportedVersions") or [] if v in HANDSHAKE_REVISIONS}
        tested = {p.requested for p in probes}
        missing = sorted((listed & tested) - set(nego.supported))
        ctx.verdict(ERA, not missing, f"dual era: server/discover lists {sorted(discover.get('supportedVersions') or [])}",
                    f"server/discover lists {missing} but initialize does not accept them", details=discover)


# ---- ping ---------------------------------------------------------------------------------
PING = Check("ping", "ping", "UTIL-001", "MUST", L, f"{S25}/basic/utilities/ping", "ping is answered promptly with an empty result")


async def run_ping(ctx) -> None:
    try:
        reply = await ctx.request("ping")
    except RequestFailed as err:
        ctx.no_answer(PING, err)
        return
    if reply.error is not None:
        ctx.violated(PING, f"ping answered with an error: {reply.error}")
    elif not empty_result(reply.result):
        ctx.violated(PING, f"ping result is not empty: {reply.result!r}"[:300])
    else:
        ctx.passed(PING, f"answered in {reply.elapsed * 1000:.0f} ms")


# ---- capabilities: declared ⇒ served, served ⇒ declared -----------------------------------
CAPS_DECLARED = Check("capabilities-declared-served", "server-capabilities", "LIFE-006", "derived", L,
                      f"{S25}/server/tools#capabilities", "every declared capability's list/set method is served")
CAPS_UNDECLARED = Check("capabilities-undeclared-not-served", "server-capabilities", "LIFE-006", "MUST", L,
                        f"{S25}/server/tools#capabilities", "a feature the server serves is declared in its capabilities")

_PROBES = (
    # capability, method, params, first revision where the capability exists
    ("tools", "tools/list", {}, "2024-11-05"),
    ("resources", "resources/list", {}, "2024-11-05"),
    ("prompts", "prompts/list", {}, "2024-11-05"),
    ("logging", "logging/setLevel", {"level": "warning"}, "2024-11-05"),
    ("completions", "completion/complete",
     {"ref": {"type": "ref/prompt", "name": "agentconform-probe"}, "argument": {"name": "x", "value": ""}}, "2025-03-26"),
)


# The MUST binds servers that *support* a feature: "Servers that support prompts MUST declare the
# prompts capability during initialization" (https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#capabilities;
# the same sentence for tools, resources, logging and, from 2025-03-26, completions, in every revision:
# https://modelcontextprotocol.io/specification/2024-11-05/server/prompts#capabilities). An SDK's default
# handler that answers an undeclared list with nothing (the Go SDK, rmcp) supports nothing: only served
# items — a non-empty list, a completion with values — show the feature is there.
_ITEMS = {"tools/list": "tools", "resources/list": "resources", "prompts/list": "prompts"}


def _serves(method: str, result) -> str:
    """What a successful answer serves ('' when it serves nothing): '2 prompts', 'completion values'."""
    if not isinstance(result, dict):
        return ""
    if method in _ITEMS:
        items = result.get(_ITEMS[method])
        return f"{len(items)} {_ITEMS[method]}" if isinstance(items, list) and items else ""
    if method == "completion/complete":
        values = (result.get("completion") or {}).get("values") if isinstance(result.get("completion"), dict) else None
        return "completion values" if isinstance(values, list) and values else ""
    # logging/setLevel: the MUST binds servers that *emit* log messages ("Servers that emit log message notifications
    # MUST declare the logging capability", https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging#capabilities);
    # accepting a level is what the Go SDK's default handler does for every server (holdout 13: evalhub-mcp). Messages
    # sent without the capability are `logging-undeclared-silent`'s to judge.
    return ""


async def run_capabilities(ctx) -> None:
    from validator.conformance.observe.listing import LISTS, list_page

    served_undeclared, declared_broken, notes = [], [], []
    for capability, method, params, since in _PROBES:
        if ctx.revision < since:
            continue
        declared = ctx.capability(capability) is not None
        try:
            if declared and method in LISTS:
                # the same request as the first page the feature scenarios list: shared, not repeated
                reply = await list_page(ctx, method)
            else:
                reply = await ctx.request(method, params)
        except RequestFailed as err:
            if declared or err.kind == "gone":
                ctx.no_answer(CAPS_DECLARED if declared else CAPS_UNDECLARED, err)
                return
            notes.append(f"{method}: no answer ({err.kind})")
            continue
        code = reply.error_code()
        if declared:
            if reply.ok or capability == "completions":
                notes.append(f"{capability}: declared, {method} answered")
            else:
                declared_broken.append(f"{capability} is declared but {method} answered error {code}")
        elif reply.ok and _serves(method, reply.result):
            served_undeclared.append(f"{method} serves {_serves(method, reply.result)} but the {capability!r} "
                                     "capability is not declared")
        elif reply.ok:
            notes.append(f"{capability}: not declared, {method} answers an empty result (an empty default handler)")
        else:
            notes.append(f"{capability}: not declared, {method} → {code}")
    ctx.verdict(CAPS_DECLARED, not declared_broken, "; ".join(n for n in notes if "declared," in n) or "no capability declared",
                "; ".join(declared_broken))
    ctx.verdict(CAPS_UNDECLARED, not served_undeclared, "; ".join(n for n in notes if "not declared" in n) or "all served features are declared",
                "; ".join(served_undeclared))


# ---- operation: what the server sends us ----------------------------------------------------
EARLY_REQUESTS = Check("no-requests-before-initialized", "server-operation", "LIFE-004", "SHOULD", L,
                       f"{LIFECYCLE}#initialization", "no requests other than ping before notifications/initialized")
UNDECLARED_REQUESTS = Check("no-undeclared-client-requests", "server-operation", "LIFE-005", "MUST", L,
                            f"{LIFECYCLE}#operation", "no sampling/elicitation/roots requests to a client that declared none")
BOUNDED_REQUESTS = Check("server-requests-bounded", "server-operation", "BASE-006", "derived", L,
                         f"{LIFECYCLE}#operation", "server-to-client requests never outnumber what a client can answer "
                         "(no flood: the client keeps a bounded queue and drops the excess unanswered)")
CANCEL_UNKNOWN = Check("cancel-unknown-request-tolerated", "server-cancellation", "LIFE-008", "SHOULD", L,
                       f"{S25}/basic/utilities/cancellation", "a cancellation for an unknown request id is ignored")


async def run_cancel(ctx) -> None:
    before = await ping_before(ctx)
    try:
        await ctx.notify("notifications/cancelled", {"requestId": "agentconform-never-sent", "reason": "probe"})
        reply = await ctx.request("ping")
    except RequestFailed as err:
        ctx.violated(CANCEL_UNKNOWN, f"the server stopped answering after a cancellation for an unknown id: {err}")
        return
    as_before = "" if reply.ok else f" (error {reply.error_code()}, as before the cancellation)"
    ctx.verdict(CANCEL_UNKNOWN, still_answers(reply, before),
                f"still answers ping after a cancellation for an unknown id{as_before}",
                f"ping after the cancellation was answered with an error: {reply.error}")


_CLIENT_CAPABILITY = {"sampling/createMessage": "sampling", "elicitation/create": "elicitation", "roots/list": "roots"}


async def run_operation(ctx) -> None:
    sessions = [s for s in ctx.state.sessions if s.negotiated_version == ctx.revision]
    early, undeclared = [], []
    received = sum(s.server_requests for s in sessions)
    flooded = sum(s.flooded for s in sessions)
    ctx.verdict(BOUNDED_REQUESTS, not flooded, f"{received} server request(s), all within the client's queue",
                f"request flood: the server sent {received} request(s) (ping, sampling, roots, elicitation); "
                f"{flooded} arrived while {MAX_SERVER_REQUESTS_IN_FLIGHT} answers were pending and were dropped unanswered",
                details={"received": received, "dropped": flooded})
    for session in sessions:
        for item in session.received("request"):
            method = item.message.get("method")
            if not item.after_initialized and method not in ("ping",):
                early.append(method)
            needs = _CLIENT_CAPABILITY.get(method)
            if needs and not isinstance(session.client_capabilities.get(needs), dict):
                undeclared.append(method)
    ctx.verdict(EARLY_REQUESTS, not early, "no server requests before initialized",
                f"the server sent {sorted(set(early))} before notifications/initialized")
    # 2024-11-05 and 2025-03-26 say SHOULD; 2025-06-18 on say MUST (mcp-requirements.md LIFE-005)
    level = "SHOULD" if ctx.revision < "2025-06-18" else "MUST"
    ctx.verdict(UNDECLARED_REQUESTS, not undeclared, "no requests for undeclared client capabilities",
                f"the server sent {sorted(set(undeclared))} to a client that did not declare the capability", level=level)


SCENARIOS = [
    Scenario("server-initialize", "The initialize handshake result", (INIT, SESSION_ID_ASCII), run_initialize),
    Scenario("version-negotiation", "Every known revision, and an unknown one, requested in turn",
             (NEGOTIATE, UNKNOWN, ERA), run_negotiation, phase="negotiation"),
    Scenario("ping", "ping answered with {}", (PING,), run_ping),
    Scenario("server-capabilities", "Declared capabilities are served and served features declared",
             (CAPS_DECLARED, CAPS_UNDECLARED), run_capabilities),
    Scenario("server-cancellation", "Cancellation of an unknown request is tolerated", (CANCEL_UNKNOWN,), run_cancel, phase="probe"),
    Scenario("server-operation", "What the server sends during operation", (EARLY_REQUESTS, UNDECLARED_REQUESTS, BOUNDED_REQUESTS),
             run_operation, phase="collect"),
]

