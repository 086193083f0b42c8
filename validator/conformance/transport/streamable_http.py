"""The Streamable HTTP channel (2025-03-26 and later): one endpoint, POST per message.

Owns the HTTP side of a conversation: the `Accept` and user headers on every
request, the `Mcp-Session-Id` minted on the initialize response and echoed after,
the `MCP-Protocol-Version` header once a version is negotiated (2025-06-18+), and
reading a reply that is either one JSON body or an SSE stream whose events carry
the messages. Raw verbs (`post`, `get`, `delete`) return the full HTTP reply so
the transport checks can judge status codes and headers.
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from validator.conformance.protocol.revisions import HEADER_VERSION_FROM, MODERN_REVISIONS, STREAMABLE_HTTP_FROM
from validator.conformance.transport import base
from validator.conformance.transport.base import Channel, Frame, Target, TransportError, parse_frame
from validator.conformance.transport.http11 import Client, HttpError
from validator.conformance.transport.sse import Event, SSEParser

ACCEPT_BOTH = "application/json, text/event-stream"


@dataclass
class HttpReply:
    """An HTTP response as the checks see it."""

    status: int
    headers: dict[str, str]
    content_type: str
    body: bytes = b""
    frames: list[Frame] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    error: str | None = None

    @property
    def messages(self) -> list:
        out = []
        for frame in self.frames:
            if isinstance(frame.message, list):
                out.extend(frame.message)
            elif frame.message is not None:
                out.append(frame.message)
        return out

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def make_client(target: Target, timeout: float) -> Client:
    """An HTTP client carrying the user's `--header`s (no proxy: the target is given explicitly)."""
    return Client(headers=dict(target.headers), timeout=timeout)


class StreamableHttpChannel(Channel):
    transport = "streamable-http"

    def __init__(self, target: Target, *, timeout: float, budget) -> None:
        super().__init__()
        if not target.url:
            raise TransportError("Streamable HTTP needs a URL")
        self.target = target
        self.url = target.url
        self.timeout = timeout
        self.budget = budget
        self.client: Client | None = None
        self.session_id: str | None = None
        self.protocol_version: str | None = None
        self.send_version_header = True
        self.sessionless = False
        """2026-07-28 traffic: never send nor adopt an `Mcp-Session-Id`."""
        self.deleted: str | None = None
        """The session id an explicit DELETE was answered for."""
        self._tasks: set[asyncio.Task] = set()
        self.replies: list[HttpReply] = []

    async def start(self) -> None:
        self.client = make_client(self.target, self.timeout)

    def base_headers(self, *, session: bool = True, version: bool = True) -> dict[str, str]:
        headers = {"Accept": ACCEPT_BOTH, "Content-Type": "application/json"}
        if session and self.session_id and not self.sessionless:
            headers["Mcp-Session-Id"] = self.session_id
        if version and self.send_version_header and self.protocol_version and self.protocol_version >= HEADER_VERSION_FROM:
            headers["MCP-Protocol-Version"] = self.protocol_version
        return headers

    async def send(self, payload: bytes, *, context: dict | None = None) -> HttpReply:
        context = context or {}
        reply = await self.post(payload, deliver=True, scenario=context.get("scenario"), headers=context.get("headers"),
                                answers=context.get("method"), validate=context.get("validate", True))
        if reply.error and reply.status == 0:
            raise TransportError(reply.error)
        return reply

    async def post(self, payload: bytes, *, headers: dict[str, str] | None = None, drop: tuple[str, ...] = (),
                   deliver: bool = True, scenario: str | None = None, answers: str | None = None,
                   validate: bool = True, wait_body: bool = False) -> HttpReply:
        """POST PAYLOAD; the reply's messages go to the session when DELIVER.

        An SSE body is read in the background (the call returns at the headers)
        unless WAIT_BODY; `reply.done` is set when the body has been read.
        """
        merged = self.base_headers()
        merged.update(headers or {})
        for name in drop:
            for key in [k for k in merged if k.lower() == name.lower()]:
                del merged[key]
        return await self._exchange("POST", merged, payload, deliver=deliver, scenario=scenario,
                                    answers=answers, validate=validate, wait_body=wait_body)

    async def get(self, *, headers: dict[str, str] | None = None, read_for: float = 0.0, deliver: bool = False) -> HttpReply:
        """GET the endpoint (the server-to-client stream); read events for READ_FOR seconds.

        With DELIVER the call returns once the headers are in and the stream's messages
        (server requests and notifications) reach the session in the background, as a
        client that listens for them would.
        """
        merged = {"Accept": "text/event-stream"}
        if self.session_id:
            merged["Mcp-Session-Id"] = self.session_id
        if self.protocol_version and self.protocol_version >= HEADER_VERSION_FROM:
            merged["MCP-Protocol-Version"] = self.protocol_version
        merged.update(headers or {})
        return await self._exchange("GET", merged, None, deliver=deliver, read_for=read_for, wait_body=not deliver)

    async def delete(self, *, headers: dict[str, str] | None = None) -> HttpReply:
        merged = {}
        if self.session_id:
            merged["Mcp-Session-Id"] = self.session_id
        if self.protocol_version and self.protocol_version >= HEADER_VERSION_FROM:
            merged["MCP-Protocol-Version"] = self.protocol_version
        merged.update(headers or {})
        reply = await self._exchange("DELETE", merged, None, deliver=False, wait_body=True)
        if reply.status and merged.get("Mcp-Session-Id") == self.session_id:
            self.deleted = self.session_id  # answered (ended, or refused with 405): close() need not ask again
        return reply

    async def _exchange(self, method: str, headers: dict[str, str], payload: bytes | None, *, deliver: bool,
                        scenario=None, answers=None, validate=True, wait_body=False, read_for: float = 0.0) -> HttpReply:
        if self.client is None:
            raise TransportError("not started")
        wait = self.budget.bound(self.timeout)
        if wait <= 0:
            return HttpReply(0, {}, "", error="run budget exhausted")
        try:
            async with asyncio.timeout(wait):
                response = await self.client.send(method, self.url, headers=headers, content=payload)
        except TimeoutError:
            return HttpReply(0, {}, "", error=f"no HTTP response within {wait:.1f}s")
        except HttpError as err:
            return HttpReply(0, {}, "", error=f"{type(err).__name__}: {err}")
        headers_out = response.headers
        ctype = headers_out.get("content-type", "")
        reply = HttpReply(response.status_code, headers_out, ctype)
        if len(self.replies) < 500:
            self.replies.append(reply)
        if method == "POST" and "mcp-session-id" in headers_out and self.session_id is None and deliver and not self.sessionless:
            self.session_id = headers_out["mcp-session-id"]
        tags = dict(scenario=scenario, answers=answers, validate=validate)
        if ctype.split(";")[0].strip().lower() == "text/event-stream":
            task = asyncio.get_running_loop().create_task(self._read_sse(response, reply, deliver, tags, read_for))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            if wait_body:
                try:
                    await asyncio.wait_for(asyncio.shield(reply.done.wait()), max(read_for, wait) + 1)
                except TimeoutError:
                    pass
            return reply
        try:
            async with asyncio.timeout(wait):
                body = await response.read(base.MAX_MESSAGE_BYTES)
        except TimeoutError:
            reply.error = "body not complete within the timeout"
            body = b""
        except HttpError as err:
            reply.error = f"body unreadable: {err}"
            body = b""
        finally:
            await response.aclose()
        reply.body = body
        looks_json = body.lstrip()[:1] in (b"{", b"[")
        if body.strip() and ("json" in ctype.lower() or (method == "POST" and (response.status_code >= 400 or looks_json))):
            frame = parse_frame(body, "http-json")
            self._tag(frame, tags)
            reply.frames.append(frame)
            if deliver:
                self.deliver(frame)
        reply.done.set()
        return reply

    async def _read_sse(self, response, reply: HttpReply, deliver: bool, tags: dict, read_for: float) -> None:
        parser = SSEParser(base.MAX_MESSAGE_BYTES)
        loop = asyncio.get_running_loop()
        limit = loop.time() + (read_for if read_for > 0 else self.budget.bound(max(self.timeout * 4, 60.0)))
        try:
            iterator = response.aiter_raw().__aiter__()
            while True:
                left = limit - loop.time()
                if left <= 0:
                    break
                try:
                    async with asyncio.timeout(left):
                        chunk = await iterator.__anext__()
                except (StopAsyncIteration, TimeoutError):
                    break
                for event in parser.feed(chunk):
                    reply.events.append(event)
                    if event.event != "message" or not event.raw_data.strip():
                        continue
                    frame = parse_frame(event.raw_data, "http-sse")
                    self._tag(frame, tags)
                    reply.frames.append(frame)
                    if deliver:
                        self.deliver(frame)
            if parser.oversized:
                reply.error = f"{parser.oversized} SSE event(s) exceeded the size limit"
        except Exception as err:  # noqa: BLE001 - a broken stream is a finding, not a crash
            reply.error = f"SSE stream broke: {type(err).__name__}: {err}"
        finally:
            await response.aclose()
            reply.done.set()

    @staticmethod
    def _tag(frame: Frame, tags: dict) -> None:
        frame.scenario = tags.get("scenario")
        frame.answers = tags.get("answers")
        frame.validate = tags.get("validate", True)

    async def close(self) -> None:
        if self.session_id and self.session_id != self.deleted and self.client is not None and self.closed_reason is None:
            # end the server-side session as a well-behaved client does (a 405 is fine)
            # https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
            try:
                async with asyncio.timeout(2.0):
                    await self.client.request("DELETE", self.url, headers={"Mcp-Session-Id": self.session_id}, limit=65536)
            except Exception:  # noqa: BLE001 - best effort
                pass
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.client is not None:
            await self.client.aclose()
        self.closed_reason = self.closed_reason or "closed by the harness"

    def diagnostics(self) -> dict:
        return {"url": self.url, "session_id": self.session_id}


def initialize_body(version: str, request_id=0, client_name: str = "agentconform-probe") -> bytes:
    from validator.version import __version__

    return json.dumps({
        "jsonrpc": "2.0", "id": request_id, "method": "initialize",
        "params": {"protocolVersion": version, "capabilities": {},
                   "clientInfo": {"name": client_name, "version": __version__}},
    }).encode()


async def probe_streamable(target: Target, *, timeout: float, budget) -> tuple[bool, str]:
    """Does TARGET's URL answer an initialize POST with JSON-RPC? (for `--transport auto`)"""
    channel = StreamableHttpChannel(target, timeout=timeout, budget=budget)
    await channel.start()
    try:
        reply = await channel.post(initialize_body(STREAMABLE_HTTP_FROM), deliver=False, wait_body=True)
        if reply.status == 0:
            return False, reply.error or "no response"
        if any(isinstance(m, dict) and ("result" in m or "error" in m) for m in reply.messages) and reply.status < 400:
            if "mcp-session-id" in reply.headers:
                channel.session_id = reply.headers["mcp-session-id"]
                await channel.delete()
            return True, f"POST answered {reply.status} {reply.content_type or ''}".strip()
        legacy = f"POST answered HTTP {reply.status} without a JSON-RPC response"
        modern = await _probe_modern(channel)
        return (True, modern) if modern else (False, legacy)
    finally:
        await channel.close()


# The codes a 2026-07-28 server answers a well-formed modern request with when it refuses it
# (HeaderMismatch, MissingRequiredClientCapability, UnsupportedProtocolVersion): a 400 carrying
# one of them, with our request's id, is a modern server, not "no transport".
# https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
_MODERN_ERRORS = (-32020, -32021, -32022)


async def _probe_modern(channel: StreamableHttpChannel) -> str | None:
    """Does the endpoint answer a stateless `server/discover` POST (2026-07-28)? Reads the body of a 4xx too."""
    version = MODERN_REVISIONS[0]
    body = json.dumps({"jsonrpc": "2.0", "id": "agentconform-discover", "method": "server/discover", "params": {"_meta": {
        "io.modelcontextprotocol/protocolVersion": version, "io.modelcontextprotocol/clientCapabilities": {}}}}).encode()
    reply = await channel.post(body, deliver=False, wait_body=True, drop=("Mcp-Session-Id",),
                               headers={"MCP-Protocol-Version": version, "Mcp-Method": "server/discover"})
    answer = next((m for m in reply.messages if isinstance(m, dict) and m.get("id") == "agentconform-discover"), None)
    if answer is None:
        return None
    if isinstance(answer.get("result"), dict):
        return f"server/discover answered {reply.status} (2026-07-28)"
    error = answer.get("error")
    if isinstance(error, dict) and error.get("code") in _MODERN_ERRORS:
        return f"server/discover answered HTTP {reply.status} with modern error {error.get('code')} (2026-07-28)"
    return None
