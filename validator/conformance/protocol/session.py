"""A raw JSON-RPC client session over any channel, recording everything it receives.

Owns request ids and their matching (type-exact: `1` and `"1"` are different ids,
JSON-RPC 2.0 §4), bounded waits for answers, the legacy initialize handshake with a
chosen protocol version, answers to server-to-client requests (`ping` gets `{}`;
anything the client did not declare gets `-32601`), and the log of inbound
messages that the wire-schema and lifecycle checks read afterwards.
https://modelcontextprotocol.io/specification/2025-11-25/basic#messages
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.transport.base import Channel, Frame, ServerGone, TransportError
from validator.version import __version__

CLIENT_INFO = {"name": "agentconform", "version": __version__}

MAX_SERVER_REQUESTS_IN_FLIGHT = 64
"""Server-to-client requests answered at once. One that arrives while this many answers are
still being written (a server that floods us, or one batch of 500k pings) is dropped
unanswered and counted in `Session.flooded` (judged by server-requests-bounded) instead of
queueing a task each: the backlog would grow without bound."""


class RequestFailed(Exception):
    """No answer: timeout, a dead server, or a channel error. `kind` says which."""

    def __init__(self, kind: str, message: str, *, before_send: bool = False):
        super().__init__(message)
        self.kind = kind  # "timeout" | "gone" | "transport" | "budget"
        self.before_send = before_send
        """The server was already gone when this request was to be sent: whatever killed it, this request did not."""


EMPTY_RESULT_KEYS = frozenset({"_meta", "resultType"})
"""What an empty result may still carry: `_meta`, and `resultType`, which 2026-07-28 requires in every
result and which SDKs that speak it also send under earlier revisions (whose `Result` schema allows
any further property: https://modelcontextprotocol.io/specification/2025-11-25/schema#result)."""


def empty_result(result: Any) -> bool:
    """RESULT is an EmptyResult: an object with nothing but `_meta` and `resultType`."""
    return isinstance(result, dict) and set(result) <= EMPTY_RESULT_KEYS


@dataclass
class Reply:
    """The answer to one request."""

    method: str
    id: Any
    message: dict
    elapsed: float
    http: Any = None
    frame: Frame | None = None

    @property
    def result(self):
        return self.message.get("result")

    @property
    def error(self):
        return self.message.get("error")

    @property
    def ok(self) -> bool:
        return "result" in self.message and "error" not in self.message

    def error_code(self):
        error = self.error
        return error.get("code") if isinstance(error, dict) else None


@dataclass
class Inbound:
    """A message the server sent that was not a matched response."""

    kind: str  # "notification" | "request" | "stray-response" | "foreign-response" | "invalid"
    message: Any
    frame: Frame
    at: float = field(default_factory=time.monotonic)
    after_initialized: bool = True


def _key(value) -> str:
    return json.dumps(value, sort_keys=True)


class RequestIds:
    """The request ids of one run, unique across all its connections, and which connection sent each.

    A server that writes one connection's answers to another's stream (a gateway that broadcasts
    every line of its children to every open SSE stream, say) would otherwise hand a connection an
    answer under an id it also used, and the harness would judge the wrong answer. With ids unique
    across the run, such an answer is told apart: a response to another connection's request
    ("foreign-response"), which JSON-RPC's one-to-one request/response exchange forbids.
    https://www.jsonrpc.org/specification#response_object
    """

    def __init__(self) -> None:
        self._next = 1
        self.owner: dict[str, int] = {}
        """Id key -> the id() of the session that sent it (the first one, for an id sent twice)."""

    def take(self) -> int:
        value, self._next = self._next, self._next + 1
        return value

    def sent(self, key: str, session: object) -> None:
        self.owner.setdefault(key, id(session))

    def foreign(self, key: str, session: object) -> bool:
        """True when another session of the run sent this id."""
        owner = self.owner.get(key)
        return owner is not None and owner != id(session)


def _refusal(http) -> str | None:
    """'HTTP 400 text/plain: Bad Request: …' for a complete HTTP error reply, else None."""
    status = getattr(http, "status", 0) or 0
    done = getattr(http, "done", None)
    if status < 400 or done is None or not done.is_set():
        return None
    ctype = (getattr(http, "content_type", "") or "").split(";")[0].strip() or "no Content-Type"
    body = bytes(getattr(http, "body", b"") or b"").decode("utf-8", "replace").strip()
    first = body.splitlines()[0][:200] if body else ""
    return f"HTTP {status} {ctype}" + (f": {first}" if first else ", empty body")


def _raw_ids(payload: bytes) -> list:
    """The ids a raw probe carries (also in truncated JSON, which a server may still answer by id)."""
    try:
        message = json.loads(payload)
    except ValueError:
        return [json.loads(m) for m in re.findall(rb'"id"\s*:\s*(-?\d+|"[^"\\]*")', payload)]
    items = message if isinstance(message, list) else [message]
    return [m["id"] for m in items if isinstance(m, dict) and "id" in m]


class Session:
    def __init__(self, channel: Channel, *, timeout: float, budget, label: str = "",
                 ids: RequestIds | None = None) -> None:
        self.channel = channel
        self.ids = ids or RequestIds()
        """Shared by every session of a run (the runner passes its own), so ids never repeat across connections."""
        self.timeout = timeout
        self.budget = budget
        self.label = label
        self._pending: dict[str, tuple[asyncio.Future, str, str | None]] = {}
        self.inbound: list[Inbound] = []
        self.replies: list[Reply] = []
        self.client_capabilities: dict = {}
        self.initialize_reply: Reply | None = None
        self.requested_version: str | None = None
        self.negotiated_version: str | None = None
        self.initialized_sent = False
        self.gone_reason: str | None = None
        self.replaced = False
        """It died starting beside other processes and was replaced by one started alone."""
        self.closing = False
        """Set when the harness ends the conversation on purpose (stdin close, DELETE)."""
        self.scenario: str = "server-initialize"
        self.answers: dict[str, Any] = {}
        self._sent: set[str] = set()
        """Keys of every id we sent (requests and raw probes): a response with another id answers none of them."""
        self._adopt: str | None = None
        self.id_mismatches: list[str] = []
        """'initialize (id 1) was answered with id "1"': responses matched to a request despite their id (BASE-002)."""
        """method → fn(params) -> result, for server requests a scenario declared a capability for."""
        self.server_requests = 0
        """Server-to-client requests received (answered or not)."""
        self.flooded = 0
        """Of those, how many were dropped because MAX_SERVER_REQUESTS_IN_FLIGHT answers were pending."""
        self._answering = 0
        self.progress_tokens: dict[str, dict] = {}
        """progressToken (JSON key) → {token, method, id, answered_at}: what progress may reference (UTIL-004)."""
        channel.on_message = self._on_frame

    # ---- inbound -----------------------------------------------------------------
    def _on_frame(self, frame: Frame) -> None:
        if frame.error == "eof":
            self._fail_all("gone", self._gone_text())
            return
        if frame.scenario is None:
            frame.scenario = self.scenario
        message = frame.message
        if frame.error is not None or message is None:
            self._record("invalid", message, frame)
            return
        items = message if isinstance(message, list) else [message]
        for item in items:
            self._dispatch(item, frame)

    def _dispatch(self, item, frame: Frame) -> None:
        if not isinstance(item, dict):
            self._record("invalid", item, frame)
            return
        if "method" in item:
            if "id" in item:
                self._record("request", item, frame)
                self.server_requests += 1
                if self._answering >= MAX_SERVER_REQUESTS_IN_FLIGHT:
                    self.flooded += 1
                    return
                self._answering += 1
                asyncio.get_running_loop().create_task(self._answer_server_request(item))
            else:
                self._record("notification", item, frame)
            return
        if "id" in item and ("result" in item or "error" in item):
            entry = self._pending.pop(_key(item["id"]), None)
            if entry is None and _key(item["id"]) not in self._sent:
                if self.ids.foreign(_key(item["id"]), self):
                    self._record("foreign-response", item, frame)
                    return
                entry = self._adopted(item, frame)
            if entry is not None:
                future, method, scenario = entry
                if frame.answers is None:
                    frame.answers = method
                if scenario and frame.scenario in (None, self.scenario):
                    frame.scenario = scenario
                if not future.done():
                    future.set_result((item, frame))
                return
        if "error" in item and item.get("id") is None:
            # an id-less error (parse error, invalid request): the schemas disagree on
            # null vs absent ids (mcp-requirements.md BASE-007); judged by its own check
            frame.validate = False
        self._record("stray-response" if ("result" in item or "error" in item) else "invalid", item, frame)

    def _adopted(self, item: dict, frame: Frame):
        """The pending request a response carrying an id we never sent answers, if it can only be
        that one: the same id spelled as another JSON type ("1" for 1), or the handshake while it
        is the only request pending. JSON-RPC requires the request's id (BASE-002), so the match is
        kept as a violation to report, not a silent timeout."""
        stray = item["id"]
        loose = [k for k in self._pending if str(json.loads(k)) == str(stray) and stray is not None]
        if len(loose) != 1 and self._adopt in self._pending and len(self._pending) == 1 and stray is not None:
            loose = [self._adopt]
        if len(loose) != 1:
            return None
        entry = self._pending.pop(loose[0])
        self.id_mismatches.append(f"{entry[1]} (id {json.loads(loose[0])!r}) was answered with id {stray!r}")
        self._record("mismatched-response", item, frame)
        return entry

    def _record(self, kind: str, message, frame: Frame) -> None:
        # a frame the channel did not keep (its byte budget is spent) is not kept here either
        if len(self.inbound) < 5000 and frame.kept:
            self.inbound.append(Inbound(kind, message, frame, after_initialized=self.initialized_sent))

    async def _answer_server_request(self, request: dict) -> None:
        # The shared session declares no client capabilities, so the only request it
        # serves is ping (which either side may send at any time); a scenario that opens
        # a session with capabilities registers answers for them in `self.answers`.
        # https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/ping
        handler = self.answers.get(request.get("method"))
        if request.get("method") == "ping":
            answer = {"jsonrpc": "2.0", "id": request["id"], "result": {}}
        elif handler is not None:
            params = request.get("params")
            answer = {"jsonrpc": "2.0", "id": request["id"], "result": handler(params if isinstance(params, dict) else {})}
        else:
            answer = {"jsonrpc": "2.0", "id": request["id"],
                      "error": {"code": -32601, "message": "the conformance client declares no such capability"}}
        try:
            await asyncio.wait_for(self._send(answer, {"scenario": self.scenario, "method": None}),
                                   self.budget.bound(self.timeout) or 0.1)
        except (TransportError, RequestFailed, TimeoutError):
            pass
        finally:
            self._answering -= 1

    def _gone_text(self) -> str:
        diag = self.channel.diagnostics()
        text = self.channel.closed_reason or "connection closed"
        if diag.get("exit") and diag["exit"] != "still running":
            text += f"; server {diag['exit']}"
        return text

    def _fail_all(self, kind: str, text: str) -> None:
        self.gone_reason = self.gone_reason or text
        for key, (future, _method, _scenario) in list(self._pending.items()):
            if not future.done():
                future.set_exception(RequestFailed(kind, text))
            self._pending.pop(key, None)

    # ---- outbound ----------------------------------------------------------------
    def new_id(self) -> int:
        return self.ids.take()

    def context_for(self, message: Any, context: dict) -> dict:
        """The channel context of MESSAGE (a modern session adds its HTTP request headers)."""
        return context

    async def _send(self, message, context: dict) -> Any:
        payload = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return await self.channel.send(payload, context=self.context_for(message, context))

    async def request(self, method: str, params: dict | None = None, *, timeout: float | None = None,
                      request_id=None, scenario: str | None = None, raw: dict | None = None,
                      adopt_stray: bool = False) -> Reply:
        """Send a request and wait (bounded) for the response with the same id."""
        if self.gone_reason:
            raise RequestFailed("gone", self.gone_reason, before_send=True)
        rid = self.new_id() if request_id is None else request_id
        message = raw if raw is not None else {"jsonrpc": "2.0", "id": rid, "method": method}
        if raw is None and params is not None:
            message["params"] = params
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._pending[_key(rid)] = (future, method, scenario)
        self._sent.add(_key(rid))
        self.ids.sent(_key(rid), self)
        if adopt_stray:
            self._adopt = _key(rid)
        strays_before = len(self.inbound)
        meta = message.get("params", {}).get("_meta") if isinstance(message.get("params"), dict) else None
        token = meta.get("progressToken") if isinstance(meta, dict) else None
        if token is not None:
            self.progress_tokens[_key(token)] = {"token": token, "method": method, "id": rid, "answered_at": None}
        wait = self.budget.bound(self.timeout if timeout is None else timeout)
        if wait <= 0:
            self._pending.pop(_key(rid), None)
            raise RequestFailed("budget", "the run's time budget is exhausted")
        start = time.monotonic()
        try:
            http = await asyncio.wait_for(self._send(message, {"scenario": scenario, "method": method}), wait)
        except TimeoutError:
            self._drop(rid, future)
            raise RequestFailed("timeout", f"{method}: could not be sent within {wait:.1f}s") from None
        except TransportError as err:
            self._drop(rid, future)
            if isinstance(err, ServerGone):  # dead before this request: it did not kill the server
                raise RequestFailed("gone", f"{method}: {err}", before_send=True) from None
            raise RequestFailed("transport", f"{method}: {err}") from None
        except BaseException:
            self._drop(rid, future)  # cancelled while sending
            raise
        refused = _refusal(http)
        if refused and not future.done():
            # an HTTP refusal whose body answers nothing (400 text/plain, say): say what came
            # back now, rather than "no response" after the whole timeout
            await asyncio.sleep(0)
            if not future.done():
                self._drop(rid, future)
                raise RequestFailed("transport", f"{method}: {refused}")
        try:
            item, frame = await asyncio.wait_for(future, max(0.01, wait - (time.monotonic() - start)))
        except TimeoutError:
            self._drop(rid, future)
            if http is not None and getattr(http, "status", 200) >= 400 and not getattr(http, "frames", None):
                raise RequestFailed("transport", f"{method}: HTTP {http.status} without a JSON-RPC body") from None
            strays = [i.message.get("id") for i in self.inbound[strays_before:] if i.kind == "stray-response"]
            came = f"; a response with id {strays[0]!r} came back instead (JSON-RPC: a response carries its request's id)" \
                if strays else ""
            raise RequestFailed("timeout", f"{method}: no response with id {rid!r} within {wait:.1f}s{came}") from None
        except asyncio.CancelledError:
            self._drop(rid, future)  # cancelled in the very iteration the server died
            raise
        reply = Reply(method, rid, item, time.monotonic() - start, http=http, frame=frame)
        if token is not None:
            self.progress_tokens[_key(token)]["answered_at"] = frame.at
        if len(self.replies) < 5000:
            self.replies.append(reply)
        return reply

    def _drop(self, rid, future: asyncio.Future) -> None:
        """Forget a request nobody will wait for. A dying server's _fail_all may already have set
        an exception on its future (while the request was being written, say): retrieve it, or
        asyncio prints "Future exception was never retrieved" on our stderr."""
        self._pending.pop(_key(rid), None)
        if future.done() and not future.cancelled():
            future.exception()

    async def notify(self, method: str, params: dict | None = None, *, scenario: str | None = None) -> Any:
        message: dict = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        try:
            return await asyncio.wait_for(self._send(message, {"scenario": scenario, "method": method}),
                                          self.budget.bound(self.timeout) or 0.1)
        except TimeoutError:
            raise RequestFailed("timeout", f"{method}: could not be sent") from None
        except TransportError as err:
            raise RequestFailed("transport", f"{method}: {err}") from None

    async def send_raw(self, payload: bytes, *, scenario: str | None = None) -> Any:
        """Send bytes as they are (a probe the SDK would refuse to send)."""
        for rid in _raw_ids(payload):
            self._sent.add(_key(rid))
            self.ids.sent(_key(rid), self)
        try:
            return await asyncio.wait_for(self.channel.send(payload, context={"scenario": scenario, "validate": False}),
                                          self.budget.bound(self.timeout) or 0.1)
        except TimeoutError:
            raise RequestFailed("timeout", "probe could not be sent") from None
        except TransportError as err:
            raise RequestFailed("transport", str(err)) from None

    async def initialize(self, version: str, *, capabilities: dict | None = None, send_initialized: bool = True) -> Reply:
        """The legacy handshake: initialize with VERSION, then notifications/initialized."""
        self.requested_version = version
        self.client_capabilities = capabilities or {}
        reply = await self.request("initialize", {"protocolVersion": version, "capabilities": self.client_capabilities,
                                                  "clientInfo": CLIENT_INFO}, scenario="server-initialize",
                                 adopt_stray=True)
        self.initialize_reply = reply
        result = reply.result if isinstance(reply.result, dict) else {}
        negotiated = result.get("protocolVersion")
        self.negotiated_version = negotiated if isinstance(negotiated, str) else None
        if hasattr(self.channel, "protocol_version") and self.negotiated_version:
            self.channel.protocol_version = self.negotiated_version
        if reply.ok and send_initialized:
            # Mark before the write: a server that answers the notification at once (roots/list from its
            # oninitialized hook) can be read while the write is still awaited, and is not early.
            self.initialized_sent = True
            await self.notify("notifications/initialized", scenario="server-initialize")
        return reply

    # ---- introspection -----------------------------------------------------------
    @property
    def server_capabilities(self) -> dict:
        result = self.initialize_reply.result if self.initialize_reply else None
        caps = result.get("capabilities") if isinstance(result, dict) else None
        return caps if isinstance(caps, dict) else {}

    @property
    def server_info(self) -> dict:
        result = self.initialize_reply.result if self.initialize_reply else None
        info = result.get("serverInfo") if isinstance(result, dict) else None
        return info if isinstance(info, dict) else {}

    def received(self, kind: str | None = None) -> list[Inbound]:
        return [i for i in self.inbound if kind is None or i.kind == kind]

    async def quiet(self, seconds: float) -> None:
        """Wait SECONDS (bounded by the budget) for unsolicited traffic to arrive."""
        await asyncio.sleep(self.budget.bound(seconds))


def died_starting(session: Session) -> bool:
    """A stdio server process that exited before it wrote a single message: it died starting
    (possibly of a start-up lock it shares with processes launched beside it). Its stdin's broken
    pipe counts as its death: under load the write fails before its exit is seen (mcp-cron)."""
    broken = getattr(session.channel, "stdin_broken", None)
    gone = session.gone_reason is not None or (broken is not None and broken())
    if session.channel.transport == "stdio" and gone and not session.inbound:
        session.replaced = True
        return True
    return False


def still_starting(session: Session, error: RequestFailed) -> bool:
    """A stdio server process that has not written a single message when its first request timed
    out: it is still starting (a CPU-bound start-up beside others on a loaded machine)."""
    if session.channel.transport == "stdio" and error.kind == "timeout" and not session.inbound \
            and session.gone_reason is None:
        session.replaced = True
        return True
    return False
