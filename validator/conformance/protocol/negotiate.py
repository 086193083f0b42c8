"""Version negotiation and era classification, before any scenario runs.

Owns the opening probes: one legacy handshake per requested revision (each on its
own connection, since initialize happens once per connection), one handshake with
a version no server supports (LIFE-003), and a `server/discover` probe that tells
whether the server also speaks the 2026-07-28 (modern) era. From these it derives
the set of revisions the server supports, the era (legacy | modern | dual), and
the sessions the revision runs continue on. When nothing answers, it says why.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation
https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from validator.conformance.protocol import crashline
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
    return {"ok": ok, "supportedVersions": versions if isinstance(versions, list) else None,
            "detail": "answered" if ok else ("error " + json.dumps(answer.get("error"))[:200] if isinstance(answer, dict) and "error" in answer else "no DiscoverResult")}


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
    versions = list(HANDSHAKE_REVISIONS) if requested in ("auto", *MODERN_REVISIONS) else [requested]
    jobs = [_handshake(state, v) for v in versions]
    jobs.append(_handshake(state, UNKNOWN_REVISION, discover_first=True))
    outcomes = await asyncio.gather(*jobs)
    for probe, discover in outcomes:
        result.probes[probe.requested] = probe
        if discover is not None:
            result.discover = discover
    for version in versions:
        probe = result.probes[version]
        if probe.negotiated == version:
            result.supported.append(version)
            result.sessions[version] = probe.session
    legacy = any(p.negotiated in HANDSHAKE_REVISIONS for p in result.probes.values())
    modern = bool(result.discover.get("ok"))
    result.era = "dual" if legacy and modern else "legacy" if legacy else "modern" if modern else "none"
    # close the probe sessions no revision run continues on
    keep = {id(s) for s in result.sessions.values()}
    for probe in result.probes.values():
        if probe.session is not None and id(probe.session) not in keep:
            probe.session.closing = probe.session.gone_reason is None
            await probe.session.channel.close()
    if requested in MODERN_REVISIONS:
        result.fatal = (f"the {requested} (stateless) revision's checks are not available in this build "
                        f"(server era: {result.era})")
    elif result.era == "modern":
        result.fatal = ("modern-only server: it answers server/discover (2026-07-28) but no initialize handshake; "
                        "the 2026-07-28 checks are not available in this build")
    elif not result.supported:
        result.fatal = _why_none(result, versions)
    return result


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
