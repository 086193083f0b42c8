"""2026-07-28 core (VER-*, UTIL-008, TOOL-014): discovery, the per-request `_meta`, versions, statelessness.

Runs only under 2026-07-28, on the revision's own connection (`ModernSession`: every
request carries the envelope). Check ids reuse the official suite's `server-stateless`
ids (`sep-2575-*`) where the meaning is the same, so its baselines carry over.
https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
https://modelcontextprotocol.io/specification/2026-07-28/basic#meta
"""

from __future__ import annotations

import json
import re

from validator.conformance.areas import modern_http, modern_listen
from validator.conformance.observe.listing import LISTS
from validator.conformance.protocol.modern import (
    CAPABILITIES_KEY,
    CLIENT_INFO_KEY,
    LOG_LEVEL_KEY,
    MODERN,
    UNSUPPORTED_VERSION,
    VERSION_KEY,
    envelope,
)
from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, MODERN_REVISIONS, UNKNOWN_REVISION
from validator.conformance.protocol.session import RequestFailed
from validator.conformance.suite.checks import Check, Scenario

S26 = "https://modelcontextprotocol.io/specification/2026-07-28"
M = MODERN_REVISIONS
SC = "server-stateless"  # the official suite's scenario for these checks

DISCOVER = Check("sep-2575-server-implements-discover", SC, "VER-001", "MUST", M, f"{S26}/server/discover",
                 "server/discover answers supportedVersions (naming 2026-07-28), capabilities and resultType")
EXTENSIONS = Check("modern-extension-ids", SC, "VER-010", "MUST", M, f"{S26}/basic/versioning#extension-negotiation",
                   "extension ids in capabilities.extensions follow the _meta key grammar, prefix required")
META_MISSING = Check("sep-2575-request-meta-invalid-missing-meta", SC, "VER-005", "MUST", M, f"{S26}/basic#meta",
                     "a request without _meta is refused with -32602")
META_VERSION = Check("sep-2575-request-meta-invalid-missing-protocol-version", SC, "VER-005", "MUST", M,
                     f"{S26}/basic#meta", "a request whose _meta lacks protocolVersion is refused with -32602")
META_CAPS = Check("sep-2575-request-meta-invalid-missing-client-capabilities", SC, "VER-005", "MUST", M,
                  f"{S26}/basic#meta", "a request whose _meta lacks clientCapabilities is refused with -32602")
CLIENT_INFO_OPTIONAL = Check("sep-2575-request-meta-client-info-optional", SC, "VER-007", "derived", M, f"{S26}/basic#meta",
                             "a request whose _meta omits clientInfo (optional) is served")
UNSUPPORTED = Check("sep-2575-server-unsupported-version-error", SC, "VER-004", "MUST", M,
                    f"{S26}/basic/versioning#protocol-version-negotiation",
                    "an unsupported protocolVersion gets -32022 with data.supported and data.requested")
CAPS_MATCH = Check("sep-2575-discover-capabilities-match-handlers", SC, "VER-003", "MUST", M, f"{S26}/server/discover",
                   "tools/resources/prompts are served exactly when server/discover declares them")
LOG_LEVEL = Check("modern-log-level-invalid", SC, "UTIL-008", "SHOULD", M, f"{S26}/server/utilities/logging#error-handling",
                  "an unrecognized io.modelcontextprotocol/logLevel is refused with -32602")
RETIRED = Check("modern-retired-methods", SC, "BASE-009", "derived", M, f"{S26}/changelog",
                "ping, logging/setLevel and resources/(un)subscribe with modern _meta are unknown methods (-32601)")
INIT_NAMES = Check("modern-initialize-names-versions", SC, "VER-009", "SHOULD", M,
                   f"{S26}/basic/versioning#backward-compatibility-with-initialization-based-versions",
                   "a modern-only server names its supported versions in its answer to initialize")
STATELESS = Check("modern-lists-stateless", "modern-stateless-lists", "VER-008", "MUST", M, f"{S26}/server/tools#capabilities",
                  "tools/list, resources/list and prompts/list do not vary across connections (processes)")
TOOLS_ORDER = Check("modern-tools-order-deterministic", "modern-stateless-lists", "TOOL-014", "SHOULD", M,
                    f"{S26}/server/tools#listing-tools", "tools/list returns its tools in the same order every time")


def _code(answer) -> int | None:
    error = answer.get("error") if isinstance(answer, dict) else None
    return error.get("code") if isinstance(error, dict) else None


def _said(answer) -> str:
    if answer is None:
        return "no answer"
    if "error" in answer:
        return f"error {json.dumps(answer['error'])[:160]}"
    return f"result {json.dumps(answer.get('result'))[:120]}"


async def run_discover(ctx) -> None:
    reply = ctx.session.discover_reply
    result = reply.result if reply is not None else None
    problems = []
    if reply is None or not isinstance(result, dict):
        problems.append(f"server/discover: {_said(reply.message if reply else None)}")
    else:
        versions = result.get("supportedVersions")
        if not isinstance(versions, list) or not all(isinstance(v, str) for v in versions):
            problems.append("supportedVersions is not an array of strings")
        elif MODERN not in versions:
            problems.append(f"supportedVersions {versions} does not name {MODERN}, the version of the request")
        if not isinstance(result.get("capabilities"), dict):
            problems.append("capabilities is missing or not an object")
        if result.get("resultType") != "complete":
            problems.append(f"resultType is {json.dumps(result.get('resultType'))}, not \"complete\"")
    _extensions(ctx, result.get("capabilities") if isinstance(result, dict) else None)
    ctx.verdict(DISCOVER, not problems, f"supportedVersions {result.get('supportedVersions') if isinstance(result, dict) else None}",
                "; ".join(problems), details=result if problems else None)


# a _meta key with its mandatory prefix: dot-separated labels (letter first, letter/digit last), "/",
# then a name that begins and ends alphanumeric (basic#meta)
EXTENSION_ID = re.compile(r"^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*/"
                          r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")


def _extensions(ctx, capabilities) -> None:
    extensions = capabilities.get("extensions") if isinstance(capabilities, dict) else None
    if extensions is None:
        ctx.passed(EXTENSIONS, "no extension declared")
        return
    if not isinstance(extensions, dict):
        ctx.violated(EXTENSIONS, "capabilities.extensions is not an object")
        return
    bad = [key for key in extensions if not EXTENSION_ID.match(key)]
    bad += [f"{key} (settings not an object)" for key, value in extensions.items() if not isinstance(value, dict)]
    ctx.verdict(EXTENSIONS, not bad, f"extension ids {sorted(extensions)}", f"extension ids without a valid prefix: {bad}")


class _Prober:
    """Raw probes a fragile server may not survive. Over stdio they go to a connection (process) of
    their own, reopened after a crash, so that one crash fails the one check whose probe caused it
    and the shared connection lives on; over HTTP they are stateless POSTs on the revision's channel."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self._session = None

    async def connection(self):
        """The probe connection of a stdio run (a new one after the server exited). When a new process
        does not answer its server/discover in time (a slow start), the probes share the revision's
        connection rather than all failing for the one slow start."""
        if self._session is None or self._session.gone_reason or self._session.closing:
            if self._session is self.ctx.session:
                return self._session
            try:
                self._session = await self.ctx.open_session()
            except RequestFailed as err:
                if err.kind != "timeout":
                    raise
                self._session = self.ctx.session
        return self._session

    async def send(self, method: str, params: dict | None = None, *, meta: dict | None = None, bare: bool = False,
                   headers: dict | None = None, first: bool = False,
                   opened: bool = False) -> tuple[int | None, dict | None, str]:
        """FIRST: over stdio, the probe is the first request of a process of its own (see below).
        OPENED: over stdio, a process of its own opened the way a modern client opens one (a full
        server/discover), then the probe."""
        stdio = self.ctx.transport == "stdio"
        # a request without a protocolVersion claim is not modern traffic: a dual-era stdio server may
        # pin its process to the legacy era on it (the TypeScript SDK's serveStdio does), and every later
        # probe on that process would be answered as legacy. Such a probe gets a process of its own
        # (versioning#backward-compatibility-with-initialization-based-versions: the era is per process).
        # It is that process's first request, with no server/discover before it: a stdio server may also
        # keep the first version claimed on a process as its session's (the C# SDK serves a later
        # request without _meta under it and refuses another version with -32600), so a probe of what
        # a request alone gets is only judged where nothing came before it (basic#statelessness)
        claimless = bare or (meta is not None and VERSION_KEY not in meta)
        if stdio and opened:
            alone = await self.ctx.open_session()
        else:
            alone = await self.ctx.open_session(initialize=False) if stdio and (claimless or first) else None
        session = alone or (await self.connection() if stdio else self.ctx.session)
        message = session.message(method, params, meta=meta)
        if bare:
            del message["params"]["_meta"]
        try:
            return await session.probe(message, headers=headers, scenario=self.ctx.scenario.name)
        except RequestFailed as err:
            if err.kind != "gone":
                raise
            return None, None, f"the server exited on this probe ({err})"
        finally:
            if alone is not None:
                await alone.channel.close()


async def _refusal(ctx, prober: _Prober, check: Check, meta, what: str) -> None:
    # on HTTP the MCP-Protocol-Version header stays (a client MUST send it): without it and without
    # _meta, a dual-era server rightly takes the POST for legacy traffic
    status, answer, why = await prober.send("server/discover", meta=meta, bare=meta is None,
                                            headers={"MCP-Protocol-Version": ctx.session.version})
    code = _code(answer)
    # on HTTP a missing protocolVersion (alone or with the whole _meta) under a present
    # MCP-Protocol-Version header is also a header the body does not match: 400 + -32020 satisfies
    # that transport MUST (streamable-http#server-validation; mcp-requirements.md VER-005)
    allowed = {-32602, -32020} if (status is not None and check in (META_MISSING, META_VERSION)) else {-32602}
    dual_stdio = status is None and ctx.negotiation is not None and ctx.negotiation.era == "dual"
    if dual_stdio and answer is not None and code not in allowed and check in (META_MISSING, META_VERSION):
        # a dual-era stdio server takes a process's era from how it is opened: the probe as a process's
        # first request may be read as legacy traffic (the Python SDK answers -32601), so it is asked
        # again on a process opened modern (a full server/discover first); either answer satisfies
        # (versioning#backward-compatibility-with-initialization-based-versions: the era is per process)
        _, again, _ = await prober.send("server/discover", meta=meta, bare=meta is None, opened=True)
        if _code(again) in allowed:
            answer, code = again, _code(again)
    if answer is None:
        ctx.violated(check, f"{what}: {why}")
    elif code not in allowed and check in (META_MISSING, META_VERSION) and dual_stdio and code is not None:
        # on stdio nothing but _meta's protocolVersion marks a request as modern: a dual-era server may
        # read one without it as legacy traffic before initialize and refuse it as such
        # (versioning#backward-compatibility: "A request carrying modern per-request _meta is served
        # statelessly"; the TypeScript SDK's serveStdio classifies a claim-less request legacy)
        ctx.warned(check, f"{what}: {_said(answer)}, not -32602 (a dual-era server may read it as legacy traffic)")
    else:
        ctx.verdict(check, code in allowed, f"{what}: refused with {code}", f"{what}: {_said(answer)}, not -32602")


async def run_meta(ctx, prober: _Prober) -> None:
    session = ctx.session
    base = envelope(session.version, session.client_capabilities)
    await _refusal(ctx, prober, META_MISSING, None, "no _meta")
    await _refusal(ctx, prober, META_VERSION, {k: v for k, v in base.items() if k != VERSION_KEY},
                   "_meta without protocolVersion")
    await _refusal(ctx, prober, META_CAPS, {k: v for k, v in base.items() if k != CAPABILITIES_KEY},
                   "_meta without clientCapabilities")
    status, answer, why = await prober.send("server/discover", meta={k: v for k, v in base.items() if k != CLIENT_INFO_KEY})
    ok = isinstance(answer, dict) and isinstance(answer.get("result"), dict)
    ctx.verdict(CLIENT_INFO_OPTIONAL, ok, "served without clientInfo", f"without clientInfo: {_said(answer) if answer else why}")
    await _unsupported(ctx, prober, base)
    if ctx.capability("logging") is None:
        # the error handling binds servers that log: one without the capability has no levels to validate, as the
        # legacy twin `logging-invalid-level` is gated (holdout 13: biomcp and evalhub-mcp serve the request)
        ctx.skipped(LOG_LEVEL, "the server does not declare logging")
        return
    status, answer, why = await prober.send("server/discover", meta={**base, LOG_LEVEL_KEY: "verbose-agentconform"})
    ctx.verdict(LOG_LEVEL, _code(answer) == -32602, "logLevel \"verbose-agentconform\" refused with -32602",
                f"logLevel \"verbose-agentconform\": {_said(answer) if answer else why}")


async def _unsupported(ctx, prober: _Prober, base: dict) -> None:
    status, answer, why = await prober.send("server/discover", meta={**base, VERSION_KEY: UNKNOWN_REVISION},
                                            headers={"MCP-Protocol-Version": UNKNOWN_REVISION}, first=True)
    if answer is None:
        ctx.violated(UNSUPPORTED, f"protocolVersion {UNKNOWN_REVISION}: {why}")
        return
    error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
    data = error.get("data") if isinstance(error.get("data"), dict) else {}
    supported = data.get("supported")
    problems = []
    if error.get("code") != UNSUPPORTED_VERSION:
        problems.append(f"answered {_said(answer)}, not -32022")
    else:
        if not isinstance(supported, list) or not supported or not all(isinstance(v, str) for v in supported):
            problems.append("error.data.supported is not a non-empty array of versions")
        elif MODERN not in supported:
            problems.append(f"error.data.supported {supported} omits {MODERN}, which the server just served")
        if data.get("requested") != UNKNOWN_REVISION:
            problems.append(f"error.data.requested is {json.dumps(data.get('requested'))}, not the requested {UNKNOWN_REVISION}")
    ctx.verdict(UNSUPPORTED, not problems, f"-32022, supported {supported}", "; ".join(problems), details=answer)


async def run_capabilities(ctx) -> None:
    caps = ctx.session.server_capabilities
    problems, seen = [], []
    for method, capability in (("tools/list", "tools"), ("resources/list", "resources"), ("prompts/list", "prompts")):
        try:
            reply = await ctx.request(method, {}, scenario=LISTS[method][3])
        except RequestFailed as err:
            ctx.no_answer(CAPS_MATCH, err)
            return
        declared = isinstance(caps.get(capability), dict)
        field = LISTS[method][1]
        served = isinstance(reply.result, dict) and isinstance(reply.result.get(field), list)
        seen.append(f"{capability}: {'declared' if declared else 'undeclared'}, {'served' if served else reply.error_code()}")
        if declared and not served:
            problems.append(f"{capability} is declared but {method} answered {_said(reply.message)}")
        elif not declared and reply.error is None:
            # served although undeclared; any error is "not served" (-32601 is the usual one, not mandated)
            problems.append(f"{capability} is not declared but {method} answered {_said(reply.message)}")
    ctx.verdict(CAPS_MATCH, not problems, "; ".join(seen), "; ".join(problems))


async def run_retired(ctx, prober: _Prober) -> None:
    bad = []
    for method, params in (("ping", {}), ("logging/setLevel", {"level": "error"}),
                           ("resources/subscribe", {"uri": "agentconform://retired"}),
                           ("resources/unsubscribe", {"uri": "agentconform://retired"})):
        status, answer, why = await prober.send(method, params)
        if _code(answer) != -32601:
            bad.append(f"{method}: {_said(answer) if answer else why}")
    ctx.verdict(RETIRED, not bad, "ping, logging/setLevel, resources/subscribe and resources/unsubscribe: -32601",
                "; ".join(bad))
    await _initialize_names_versions(ctx)


async def _initialize_names_versions(ctx) -> None:
    nego = ctx.negotiation
    if nego is None or nego.era != "modern":
        ctx.skipped(INIT_NAMES, f"{nego.era if nego else 'unknown'}-era server: initialize is served, not refused")
        return
    replies = [p.reply for v, p in nego.probes.items() if v in HANDSHAKE_REVISIONS and p.reply is not None]
    if not replies:
        ctx.skipped(INIT_NAMES, "no initialize probe was answered (silence is judged by no check: the spec allows it)")
        return
    unnamed = [json.dumps(r.error)[:160] for r in replies
               if r.error is not None and not any(v in json.dumps(r.error) for v in MODERN_REVISIONS)]
    ctx.verdict(INIT_NAMES, not unnamed, f"{len(replies)} initialize refusal(s) name {MODERN}",
                f"initialize refused without naming a supported version: {unnamed[0] if unnamed else ''}")


async def _first_pages(session) -> dict[str, list]:
    out: dict[str, list] = {}
    for method, capability in (("tools/list", "tools"), ("resources/list", "resources"), ("prompts/list", "prompts")):
        if not isinstance(session.server_capabilities.get(capability), dict):
            continue
        reply = await session.request(method, {}, scenario="modern-stateless-lists")
        items = reply.result.get(LISTS[method][1]) if isinstance(reply.result, dict) else None
        out[method] = items if isinstance(items, list) else []
    return out


async def run_stateless(ctx) -> None:
    """VER-008: the same lists over the revision's connection and a fresh one (two processes on stdio).

    A list MAY change over time (tools#capabilities), so only a difference between connections
    that persists when each is asked again is a violation; a list that changes on one connection
    from one request to the next is reported as changing, not as per-connection."""
    try:
        shared = [await _first_pages(ctx.session), await _first_pages(ctx.session)]
        fresh = await ctx.open_session()  # the shared connection is one of its own too: two processes on stdio
        first = [await _first_pages(fresh), await _first_pages(fresh)]  # twice in a row: nothing else asks there
    except RequestFailed as err:
        ctx.no_answer(STATELESS, err)
        ctx.skipped(TOOLS_ORDER, f"not evaluated: {err}")
        return
    views = [*shared, *first]
    differ, changing = [], []
    for method in shared[0]:
        key = LISTS[method][2]
        sets = [sorted(json.dumps(i, sort_keys=True) for i in view.get(method, [])) for view in views]
        if sets[0] != sets[1] or sets[2] != sets[3]:
            changing.append(method)
        elif sets[0] != sets[2]:
            names = [[i.get(key) for i in view.get(method, []) if isinstance(i, dict)] for view in (views[0], views[2])]
            differ.append(f"{method}: {names}")
    note = f" ({', '.join(changing)} changed between requests on one connection: allowed over time)" if changing else ""
    ctx.verdict(STATELESS, not differ, f"{', '.join(shared[0]) or 'no list'} equal on 2 connections{note}",
                "lists differ between connections, each stable on its own: " + "; ".join(differ)[:400])
    if "tools/list" not in shared[0]:
        ctx.skipped(TOOLS_ORDER, "tools not declared")
        return
    orders = [[t.get("name") for t in view.get("tools/list", []) if isinstance(t, dict)] for view in views]
    flips = [o for o in orders if sorted(o) == sorted(orders[0]) and o != orders[0]]
    ctx.verdict(TOOLS_ORDER, not flips, f"{len(orders[0])} tool(s) in one order over {len(orders)} requests",
                f"the same tools came in another order: {orders[0]} then {flips[0] if flips else ''}"[:400])


async def run_core(ctx) -> None:
    prober = _Prober(ctx)
    await run_discover(ctx)
    await run_meta(ctx, prober)
    await run_capabilities(ctx)
    await run_retired(ctx, prober)
    if ctx.transport == "streamable-http":
        await modern_http.run_status(ctx)
    # on stdio the probe process has no other traffic now: the subscription's stream is its alone
    own = await prober.connection() if ctx.transport == "stdio" else None
    await modern_listen.run_listen(ctx, own if own is not ctx.session else None)


SCENARIOS = [
    Scenario(SC, "2026-07-28: server/discover, the per-request _meta, versions, retired methods",
             (DISCOVER, EXTENSIONS, META_MISSING, META_VERSION, META_CAPS, CLIENT_INFO_OPTIONAL, UNSUPPORTED, CAPS_MATCH, LOG_LEVEL,
              RETIRED, INIT_NAMES, *modern_http.STATELESS_CHECKS, *modern_listen.CHECKS),
             run_core, revisions=M),
    Scenario("modern-stateless-lists", "2026-07-28: lists equal across fresh connections (processes)",
             (STATELESS, TOOLS_ORDER), run_stateless, phase="isolated", revisions=M),
]

