"""Version negotiation and era classification, before any scenario runs.

Owns the opening probes: one legacy handshake per requested revision (each on its
own connection, since initialize happens once per connection), one handshake with
a version no server supports (LIFE-003), and a `server/discover` probe that tells
whether the server also speaks the 2026-07-28 (modern) era. The era is never read
from one error code: a `DiscoverResult`, or a recognized modern error (-32022 with
`data.supported`, -32020, -32021, also in the body of an HTTP 400), is modern; any
other error or silence is not, and the `initialize` probes say whether it is legacy.
From these it derives the set of revisions the server supports, the era (legacy |
modern | dual), and the sessions the revision runs continue on: each legacy revision
on its handshake's connection, 2026-07-28 on a fresh connection (a new process on
stdio) of its own. When nothing answers, it says why.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation
https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from validator.conformance.protocol import crashline
from validator.conformance.protocol.modern import MODERN, modern_error
from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, MODERN_REVISIONS, UNKNOWN_REVISION
from validator.conformance.protocol.session import CLIENT_INFO, Reply, RequestFailed, Session, died_starting
from validator.conformance.transport.base import TransportError

"""Seconds the HTTP discover probe may take (a stateless POST: no fence is possible)."""
FENCE_GRACE = 0.3
"""Seconds after the fence ping's answer for a late server/discover answer."""


@dataclass
class Probe:
    requested: str
    session: Session | None = None
    reply: Reply | None = None
    error: str | None = None

    @property
    def negotiated(self) -> str | None:
        if self.reply is None or not isinstance(self.reply.result, dict):
            return None
        value = self.reply.result.get("protocolVersion")
        return value if isinstance(value, str) else None

    def summary(self) -> dict:
        out: dict = {"requested": self.requested}
        if self.reply is not None:
            if self.reply.ok:
                out["answered"] = self.negotiated
            else:
                out["error"] = self.reply.error
        elif self.error:
            out["failure"] = self.error
        return out


@dataclass
class Negotiation:
    probes: dict[str, Probe] = field(default_factory=dict)
    discover: dict = field(default_factory=dict)
    supported: list[str] = field(default_factory=list)
    era: str = "none"
    fatal: str | None = None
    sessions: dict[str, Session] = field(default_factory=dict)
    modern_skipped: str | None = None
    """Why a server that speaks 2026-07-28 is not tested under it (asked for another revision, HTTP+SSE, ...)."""

    def to_dict(self) -> dict:
        return {"probes": [p.summary() for p in self.probes.values()], "discover": self.discover,
                "supported": self.supported, "era": self.era}


def discover_message(request_id: int) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": "server/discover", "params": {"_meta": {
        "io.modelcontextprotocol/protocolVersion": MODERN_REVISIONS[0],
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": CLIENT_INFO,
    }}}


async def _probe_discover(state, session: Session) -> dict:
    """Send `server/discover` (the stdio era probe; on HTTP a stateless POST)."""
    message = discover_message(session.new_id())
    channel = session.channel
    try:
        if channel.transport == "streamable-http":
            reply = await channel.post(json.dumps(message).encode(), deliver=False, wait_body=True,
                                       headers={"MCP-Protocol-Version": MODERN_REVISIONS[0], "Mcp-Method": "server/discover"},
                                       drop=("Mcp-Session-Id",))
            # the body of a 4xx is read too: a modern server refuses with a JSON-RPC error there
            answer = next((m for m in reply.messages if isinstance(m, dict) and m.get("id") == message["id"]), None)
            if answer is None:
                return {"ok": False, "status": reply.status, "detail": reply.error or f"HTTP {reply.status}, no JSON-RPC answer"}
        else:
            answer = await _discover_with_fence(state, session, message)
    except RequestFailed as err:
        return {"ok": False, "detail": str(err), "kind": err.kind}
    result = answer.get("result") if isinstance(answer, dict) else None
    versions = result.get("supportedVersions") if isinstance(result, dict) else None
    ok = isinstance(versions, list) and any(v in MODERN_REVISIONS for v in versions)
    out = {"ok": ok, "supportedVersions": versions if isinstance(versions, list) else None,
           "detail": "answered" if ok else ("error " + json.dumps(answer.get("error"))[:200] if isinstance(answer, dict) and "error" in answer else "no DiscoverResult")}
    if isinstance(result, dict) and not ok and {"resultType", "capabilities", "supportedVersions"} & set(result) \
            and not isinstance(versions, list):
        # a result shaped like a DiscoverResult that names no versions: the server is modern, its discover result is
        # what sep-2575-server-implements-discover judges. One that lists its versions, none of them a 2026 one, says
        # the server does not speak 2026-07-28 (holdout 12: kubernetes-mcp-server over HTTP refuses every 2026-07-28
        # request with -32022, as it should once its result said so)
        out["modern_result"] = True
    code = modern_error(answer)
    if code is not None:
        # a recognized modern error: the server is modern, it only refused this request
        # (stdio#backward-compatibility: "Do not fall back to initialize")
        out["modern_error"] = code
        data = answer["error"].get("data")
        if isinstance(data, dict) and isinstance(data.get("supported"), list):
            out["supportedVersions"] = data["supported"]
    return out


async def _discover_with_fence(state, session: Session, message: dict) -> dict:
    """Send server/discover, then a ping (allowed before initialize): once the ping is
    answered the server has read past the discover request, so a legacy server that
    silently drops it costs one round trip, while a slow-starting modern one still has
    the full timeout to answer."""
    discover = asyncio.ensure_future(session.request("server/discover", raw=message, request_id=message["id"],
                                                     timeout=state.timeout, scenario="server-initialize"))
    await asyncio.sleep(0)
    fence = asyncio.ensure_future(session.request("ping", timeout=state.timeout, scenario="server-initialize"))
    done, _ = await asyncio.wait({discover, fence}, return_when=asyncio.FIRST_COMPLETED)
    if discover not in done:
        try:
            await fence
        except RequestFailed:
            pass
        try:
            await asyncio.wait_for(asyncio.shield(discover), FENCE_GRACE)
        except TimeoutError:
            discover.cancel()
            raise RequestFailed("timeout", "server/discover was not answered (a later ping was)") from None
    else:
        fence.cancel()
    return (await discover).message


async def _handshake(state, version: str, *, discover_first: bool = False) -> tuple[Probe, dict | None]:
    probe = Probe(version)
    discover = None
    try:
        session = await state.open_session(initialize=False, version=None, scenario="server-initialize")
    except TransportError as err:
        probe.error = str(err)
        return probe, discover
    if discover_first:
        discover = await _probe_discover(state, session)
        died_starting(session)  # marks a process that died starting as replaced by the next one
        if session.channel.transport in ("stdio", "sse") and (discover.get("ok") or session.gone_reason):
            # on a connection (a stdio process, an HTTP+SSE stream) a dual-era server picks its
            # era from the first message, so the handshake probe needs a connection of its own
            # (the Python SDK then refuses initialize with -32022 on the discovered connection)
            try:
                session = await state.open_session(initialize=False, version=None, scenario="server-initialize")
            except TransportError as err:
                probe.error = str(err)
                return probe, discover
    probe.session = session
    try:
        probe.reply = await session.initialize(version)
    except RequestFailed as err:
        probe.error = str(err)
        if died_starting(session):
            # five processes start at once here: one that died starting is started again alone
            try:
                probe.session = await state.open_session(initialize=True, version=version, scenario="server-initialize",
                                                         alone=True)
                probe.reply, probe.error = probe.session.initialize_reply, None
            except (RequestFailed, TransportError) as again:
                probe.error = str(again)
    return probe, discover


async def negotiate(state, requested: str) -> Negotiation:
    """Probe the server; REQUESTED is a revision or `auto`."""
    result = Negotiation()
    # auto: every handshake revision; 2026-07-28 alone: the latest handshake is enough to tell dual from modern
    versions = list(HANDSHAKE_REVISIONS) if requested == "auto" else \
        [HANDSHAKE_REVISIONS[-1]] if requested in MODERN_REVISIONS else [requested]
    jobs = [_handshake(state, v) for v in versions]
    jobs.append(_handshake(state, UNKNOWN_REVISION, discover_first=True))
    outcomes = await asyncio.gather(*jobs)
    for probe, discover in outcomes:
        result.probes[probe.requested] = probe
        if discover is not None:
            result.discover = discover
    for version in versions:
        probe = result.probes[version]
        if probe.negotiated == version and requested not in MODERN_REVISIONS:
            result.supported.append(version)
            result.sessions[version] = probe.session
    legacy = any(p.negotiated in HANDSHAKE_REVISIONS for p in result.probes.values())
    modern = bool(result.discover.get("ok")) or "modern_error" in result.discover or "modern_result" in result.discover
    result.era = "dual" if legacy and modern else "legacy" if legacy else "modern" if modern else "none"
    modern_why = await _open_modern(state, result, requested) if modern else None
    result.modern_skipped = modern_why
    # close the probe sessions no revision run continues on
    keep = {id(s) for s in result.sessions.values()}
    for probe in result.probes.values():
        if probe.session is not None and id(probe.session) not in keep:
            probe.session.closing = probe.session.gone_reason is None
            await probe.session.channel.close()
    if requested in MODERN_REVISIONS and requested not in result.supported:
        result.fatal = (f"the server does not speak {requested} (era: {result.era}): "
                        f"{modern_why or 'server/discover ' + str(result.discover.get('detail', 'not answered'))}")
    elif requested not in MODERN_REVISIONS and requested != "auto" and result.era == "modern":
        result.fatal = (f"modern-only server: it answers server/discover (2026-07-28) but no initialize handshake, "
                        f"so {requested} cannot be tested; run with --spec-version 2026-07-28 or auto")
    elif not result.supported:
        result.fatal = (f"modern-only server whose 2026-07-28 run could not start: {modern_why}"
                        if result.era == "modern" else _why_none(result, versions))
    return result


async def _open_modern(state, result: Negotiation, requested: str) -> str | None:
    """Open the 2026-07-28 run's own connection (a fresh process on stdio) and discover on it.
    Returns why it could not, or None when the revision joined `supported`."""
    if requested not in ("auto", *MODERN_REVISIONS):
        return "not requested"
    if MODERN not in (result.discover.get("supportedVersions") or []) and not result.discover.get("modern_result"):
        return (f"it supports {result.discover.get('supportedVersions')}, not {MODERN}"
                if result.discover.get("supportedVersions") else "server/discover did not name its versions")
    if state.transport not in ("stdio", "streamable-http"):
        # 2026-07-28 defines stdio and Streamable HTTP only; HTTP+SSE is a legacy transport
        return f"2026-07-28 is not defined over {state.transport} (its transports are stdio and Streamable HTTP)"
    try:
        session = await state.open_session(initialize=True, version=MODERN, scenario="server-discover")
    except (TransportError, RequestFailed) as err:
        return f"a fresh connection for 2026-07-28 failed: {err}"
    reply = session.discover_reply
    if reply is None or not isinstance(reply.result, dict):
        return f"server/discover on a fresh connection was answered with {json.dumps(reply.error if reply else None)[:200]}"
    result.supported.append(MODERN)
    result.sessions[MODERN] = session
    return None


def _why_none(result: Negotiation, versions: list[str]) -> str:
    probe = result.probes[versions[-1]]
    if probe.reply is not None and probe.reply.ok:
        return (f"the server does not support {', '.join(versions)}: asked for {probe.requested}, "
                f"it answered protocolVersion {json.dumps(probe.negotiated)}")
    if probe.reply is not None:
        return f"initialize ({probe.requested}) was answered with an error: {json.dumps(probe.reply.error)[:300]}"
    text = probe.error or "no answer"
    if probe.session is not None:
        diag = probe.session.channel.diagnostics()
        stderr = diag.get("stderr") or ""
        reason = crashline.why(stderr)
        tail = stderr.strip().splitlines()[-3:]
        if reason:  # the line that says why, not the last stack frames
            text += " — stderr: " + reason.strip()
        elif tail:
            text += " — stderr: " + " | ".join(line.strip() for line in tail)
    return f"no MCP conversation could be established: {text}"
