"""The scripted server's protocol logic, shared by its two transports.

Owns `ScriptedServer`: under 2026-07-28 it answers `server/discover` and requests that carry
their version in `_meta` (no handshake), and acknowledges `subscriptions/listen` (then announces
a tools list change on it); under the handshake revisions it answers `initialize` with the run's revision (a server that supports
only that one, so the client must continue under it or disconnect), serves the script's
pages of tools, plays the script's actions while a `tools/call` is in flight (server-initiated
requests only for capabilities the client declared, waiting a bounded time for each answer),
and answers anything else with -32601. It records what it sends; transports record what
arrives (with their HTTP facts) and hand each message to `handle`.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from validator.conformance.clientside.model import Script
from validator.conformance.clientside.traffic import Recorder
from validator.conformance.protocol.revisions import MODERN_REVISIONS

Emit = Callable[[dict], None]

METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602


class ScriptedServer:
    def __init__(self, script: Script, revision: str, recorder: Recorder, *, timeout: float = 10.0) -> None:
        self.script = script
        self.revision = revision
        self.recorder = recorder
        self.timeout = timeout
        self.client_capabilities: dict = {}
        self.modern = revision in MODERN_REVISIONS
        self._ids = itertools.count(1)
        self._pending: dict[Any, tuple[threading.Event, list]] = {}
        self._lock = threading.Lock()

    # ---- incoming ---------------------------------------------------------------------------
    def handle(self, message: Any, emit: Emit) -> dict | None:
        """The response to MESSAGE (None for notifications and responses); EMIT carries what the
        server sends before it (on the POST's SSE stream, or stdout)."""
        if not isinstance(message, dict):
            return self._error(None, -32600, "not a JSON-RPC object")
        if "method" not in message:
            self._resolve(message)
            return None
        if "id" not in message:
            return None
        method, params = message.get("method"), message.get("params")
        params = params if isinstance(params, dict) else {}
        request_id = message.get("id")
        if self.modern:
            return self._modern(request_id, method, params, emit)
        if method == "initialize":
            caps = params.get("capabilities")
            self.client_capabilities = caps if isinstance(caps, dict) else {}
            return self._result(request_id, {"protocolVersion": self.revision, "capabilities": self.script.capabilities,
                                             "serverInfo": {"name": self.script.server_name, "version": "1.0.0"}})
        if method == "ping":
            return self._result(request_id, {})
        if method == "tools/list" and "tools" in self.script.capabilities:
            return self._tools_list(request_id, params)
        if method == "tools/call" and "tools" in self.script.capabilities:
            self.play(params, emit)
            make = self.script.call_result or _default_result
            return self._result(request_id, make(params))
        return self._error(request_id, METHOD_NOT_FOUND, f"method not found: {method}")

    def _modern(self, request_id: Any, method: Any, params: dict, emit: Emit) -> dict | None:
        """2026-07-28: no handshake; every request states its version and capabilities in `_meta`;
        results carry `resultType` (and cache hints where the schema requires them).
        https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning"""
        meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
        caps = meta.get("io.modelcontextprotocol/clientCapabilities")
        if isinstance(caps, dict):
            self.client_capabilities = caps
        cache = {"ttlMs": 0, "cacheScope": "private"}
        if method == "server/discover":
            return self._result(request_id, {"supportedVersions": [self.revision], "capabilities": self.script.capabilities,
                                             "resultType": "complete", **cache})
        if method == "ping":
            return self._result(request_id, {"resultType": "complete"})
        if method == "tools/list" and "tools" in self.script.capabilities:
            answer = self._tools_list(request_id, params)
            if "result" in answer:
                answer["result"].update(resultType="complete", **cache)
            return answer
        if method == "tools/call" and "tools" in self.script.capabilities:
            if self.script.input_required and "requestState" not in params and "inputResponses" not in params:
                return self._result(request_id, self._input_required())
            self.play(params, emit)
            make = self.script.call_result or _default_result
            return self._result(request_id, {**make(params), "resultType": "complete"})
        if method == "subscriptions/listen" and self.script.listen:
            self._listen(request_id, params, emit)
            return None  # the stream stays open until the client ends it
        return self._error(request_id, METHOD_NOT_FOUND, f"method not found: {method}")

    def _listen(self, request_id: Any, params: dict, emit: Emit) -> None:
        """The acknowledgement first, tagged with the listen request's id, carrying the requested
        types the script honours; then one tools list change if the client asked for it.
        https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions#acknowledgment"""
        wanted = params.get("notifications") if isinstance(params.get("notifications"), dict) else {}
        honoured = {field: True for field, capability in (("toolsListChanged", "tools"), ("promptsListChanged", "prompts"),
                                                          ("resourcesListChanged", "resources"))
                    if wanted.get(field) is True and (self.script.capabilities.get(capability) or {}).get("listChanged")}
        tag = {"_meta": {"io.modelcontextprotocol/subscriptionId": request_id}}
        self.send({"jsonrpc": "2.0", "method": "notifications/subscriptions/acknowledged",
                   "params": {**tag, "notifications": honoured}}, emit)
        if honoured.get("toolsListChanged"):
            self.send({"jsonrpc": "2.0", "method": "notifications/tools/list_changed", "params": dict(tag)}, emit)

    def _input_required(self) -> dict:
        """An InputRequiredResult: one input request of a kind the client declared (servers MUST NOT
        send others), always an opaque requestState (at least one of the two is required).
        https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr"""
        result: dict = {"resultType": "input_required", "requestState": f"opaque-{next(self._ids)}:{id(self):x}"}
        declared = self.client_capabilities
        if isinstance(declared.get("elicitation"), dict):
            request = {"method": "elicitation/create", "params": {"mode": "form", "message": "Please confirm to continue",
                       "requestedSchema": {"type": "object", "properties": {"confirmed": {"type": "boolean"}}}}}
        elif isinstance(declared.get("sampling"), dict):
            request = {"method": "sampling/createMessage", "params": {
                "messages": [{"role": "user", "content": {"type": "text", "text": "Say hello"}}], "maxTokens": 20}}
        elif isinstance(declared.get("roots"), dict):
            request = {"method": "roots/list", "params": {}}
        else:
            return result
        result["inputRequests"] = {"confirm": request}
        return result

    def streams(self, message: Any) -> bool:
        """Whether answering MESSAGE sends messages before the response (an SSE stream on HTTP)."""
        if isinstance(message, dict) and message.get("method") == "subscriptions/listen" and self.script.listen:
            return "id" in message
        return isinstance(message, dict) and message.get("method") == "tools/call" and bool(self.script.on_call) \
            and "id" in message

    def _tools_list(self, request_id: Any, params: dict) -> dict:
        pages = self.script.tool_pages
        cursor = params.get("cursor")
        index = 0
        if cursor is not None:
            if not isinstance(cursor, str) or not cursor.startswith("page-") or not cursor[5:].isdigit() \
                    or not 0 < int(cursor[5:]) < len(pages):
                return self._error(request_id, INVALID_PARAMS, f"invalid cursor {cursor!r}")
            index = int(cursor[5:])
        result: dict = {"tools": list(pages[index]) if pages else []}
        if index + 1 < len(pages):
            result["nextCursor"] = f"page-{index + 1}"
        return self._result(request_id, result)

    # ---- outgoing ---------------------------------------------------------------------------
    def send(self, message: dict, emit: Emit) -> None:
        self.recorder.record("out", message)
        emit(message)

    def play(self, call_params: dict, emit: Emit) -> None:
        token = (call_params.get("_meta") or {}).get("progressToken") if isinstance(call_params.get("_meta"), dict) else None
        for action in self.script.on_call:
            if action.needs and not isinstance(self.client_capabilities.get(action.needs), dict):
                continue  # servers MUST NOT send requests for capabilities the client did not declare
            if action.kind == "request":
                self.request(action.method, dict(action.params), emit)
            elif action.kind == "notify":
                self.send({"jsonrpc": "2.0", "method": action.method, **({"params": action.params} if action.params else {})}, emit)
            elif action.kind == "progress" and isinstance(token, (str, int)) and not isinstance(token, bool):
                for step in (1, 2):
                    self.send({"jsonrpc": "2.0", "method": "notifications/progress",
                               "params": {"progressToken": token, "progress": step, "total": 2}}, emit)

    def request(self, method: str, params: dict, emit: Emit) -> dict | None:
        """Send a server-initiated request and wait (bounded) for the client's answer."""
        request_id = next(self._ids)
        done: tuple[threading.Event, list] = (threading.Event(), [])
        with self._lock:
            self._pending[request_id] = done
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}, emit)
        done[0].wait(self.timeout)
        with self._lock:
            self._pending.pop(request_id, None)
        return done[1][0] if done[1] else None

    def _resolve(self, response: dict) -> None:
        with self._lock:
            waiting = self._pending.get(response.get("id"))
        if waiting is not None:
            waiting[1].append(response)
            waiting[0].set()

    def _result(self, request_id: Any, result: dict) -> dict:
        return {"jsonrpc": "2.0", "id": request_id, "result": result}

    def _error(self, request_id: Any, code: int, message: str) -> dict:
        return {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}


def _default_result(params: dict) -> dict:
    return {"content": [{"type": "text", "text": f"called {params.get('name')}"}]}
