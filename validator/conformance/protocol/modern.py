"""The 2026-07-28 ("modern", stateless) wire: per-request `_meta`, request headers, sessions.

Owns what a modern client puts on every request and what marks a modern answer:
- the per-request `_meta` fields (`io.modelcontextprotocol/protocolVersion` and
  `clientCapabilities`, required; `clientInfo`, recommended)
  https://modelcontextprotocol.io/specification/2026-07-28/basic#meta
- the Streamable HTTP request headers mirrored from the body (`MCP-Protocol-Version`,
  `Mcp-Method`, `Mcp-Name`, with the `=?base64?...?=` sentinel for unsafe values)
  https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#request-metadata
- the error codes that identify a modern server (`-32020`/`-32021`/`-32022`): the era
  probe never keys on one code, but a recognized modern error means "modern, retry"
  https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions
- `ModernSession`: a `Session` with no handshake whose every request carries the
  envelope, whose HTTP channel never sends or adopts `Mcp-Session-Id`, and whose server
  capabilities and identity come from `server/discover`.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import CLIENT_INFO, Reply, RequestFailed, Session

MODERN = MODERN_REVISIONS[0]
VERSION_KEY = "io.modelcontextprotocol/protocolVersion"
CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities"
CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo"
LOG_LEVEL_KEY = "io.modelcontextprotocol/logLevel"
SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo"

HEADER_MISMATCH = -32020
MISSING_CAPABILITY = -32021
UNSUPPORTED_VERSION = -32022
MODERN_CODES = {HEADER_MISMATCH: "HeaderMismatch", MISSING_CAPABILITY: "MissingRequiredClientCapability",
                UNSUPPORTED_VERSION: "UnsupportedProtocolVersion"}
"""The codes 2026-07-28 defines in its reserved range -32020..-32099 (basic#error-codes)."""

NAMED_BY = {"tools/call": "name", "prompts/get": "name", "resources/read": "uri",
            "tasks/get": "taskId", "tasks/update": "taskId", "tasks/cancel": "taskId"}
"""Requests whose `Mcp-Name` header mirrors a body field (streamable-http#standard-request-headers; the tasks
extension's methods name their taskId, SEP-2663 "Streamable HTTP: Routing Headers")."""


def envelope(version: str = MODERN, capabilities: dict | None = None, *, client_info: bool = True) -> dict:
    """The per-request `_meta` fields of a modern request."""
    meta: dict[str, Any] = {VERSION_KEY: version, CAPABILITIES_KEY: dict(capabilities or {})}
    if client_info:
        meta[CLIENT_INFO_KEY] = CLIENT_INFO
    return meta


def with_envelope(params: dict | None, version: str = MODERN, capabilities: dict | None = None) -> dict:
    """PARAMS with the envelope merged under `_meta` (fields the caller set win)."""
    out = dict(params or {})
    meta = out.get("_meta")
    out["_meta"] = {**envelope(version, capabilities), **(meta if isinstance(meta, dict) else {})}
    return out


def header_value(value: str) -> str:
    """A header-safe rendering of VALUE: as is, or the Base64 sentinel (streamable-http#value-encoding)."""
    safe = all(0x20 <= ord(c) <= 0x7E for c in value) and value == value.strip() and value != ""
    if safe and not (value.startswith("=?base64?") and value.endswith("?=")):
        return value
    return "=?base64?" + base64.b64encode(value.encode("utf-8")).decode("ascii") + "?="


def param_value(value: Any) -> str | None:
    """The `Mcp-Param-*` rendering of an argument (streamable-http#value-encoding); None: no header."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return header_value(value) if isinstance(value, str) else None


def _at(arguments: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(arguments, dict):
            return None
        arguments = arguments.get(key)
    return arguments


def request_headers(message: dict, param_headers: dict | None = None) -> dict[str, str]:
    """The headers a modern Streamable HTTP POST of MESSAGE carries; PARAM_HEADERS (tool name →
    [(argument path, header name)]) adds the `Mcp-Param-*` a client MUST mirror for tools/call."""
    headers: dict[str, str] = {}
    params = message.get("params") if isinstance(message.get("params"), dict) else {}
    meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
    version = meta.get(VERSION_KEY)
    if isinstance(version, str):
        headers["MCP-Protocol-Version"] = version
    method = message.get("method")
    if isinstance(method, str):
        headers["Mcp-Method"] = method
        field = NAMED_BY.get(method)
        if field and isinstance(params.get(field), str):
            headers["Mcp-Name"] = header_value(params[field])
        if method == "tools/call" and param_headers and isinstance(params.get("name"), str):
            for path, name in param_headers.get(params["name"], ()):
                value = param_value(_at(params.get("arguments"), path))
                if value is not None:
                    headers[f"Mcp-Param-{name}"] = value
    return headers


def modern_error(answer: Any) -> int | None:
    """The modern error code ANSWER (a JSON-RPC response) carries, if it is one a modern server sends."""
    error = answer.get("error") if isinstance(answer, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    if code == UNSUPPORTED_VERSION:
        data = error.get("data") if isinstance(error, dict) else None
        return code if isinstance(data, dict) and isinstance(data.get("supported"), list) else None
    return code if code in (HEADER_MISMATCH, MISSING_CAPABILITY) else None


class ModernSession(Session):
    """A stateless 2026-07-28 conversation: no handshake; the envelope on every request."""

    def __init__(self, channel, *, timeout: float, budget, version: str = MODERN,
                 capabilities: dict | None = None, ids=None) -> None:
        super().__init__(channel, timeout=timeout, budget=budget, ids=ids)
        self.modern = True
        self.version = version
        self.requested_version = version
        self.negotiated_version = version
        self.client_capabilities = dict(capabilities or {})
        self.initialized_sent = True  # nothing to wait for: every message is "after initialization"
        self.discover_reply: Reply | None = None
        self.param_headers: dict[str, list] = {}
        """Tool name → [(argument path, header name)] from its x-mcp-header annotations (set once listed)."""
        self.listen_ids: set = set()
        """Ids of the subscriptions/listen requests sent here (a teardown may cancel them)."""
        self.declared: dict[str, dict] = {}
        """Request id (JSON) → the clientCapabilities its _meta declared."""
        self.probed: set[str] = set()
        """Ids (JSON) of the requests sent by `probe`: their answers are judged by the probe's own check (on
        stdio they reach `replies` too; a check over all replies may leave them out)."""
        if channel.transport == "streamable-http":
            channel.sessionless = True  # 2026-07-28 has no Mcp-Session-Id (changelog, major change 1)
            channel.protocol_version = None  # the version header comes from each request's _meta

    async def request(self, method: str, params: dict | None = None, *, envelope_meta: bool = True, **kwargs) -> Reply:
        if kwargs.get("raw") is None and envelope_meta:
            params = with_envelope(params, self.version, self.client_capabilities)
        if kwargs.get("request_id") is None:
            kwargs["request_id"] = self.new_id()
        source = kwargs.get("raw") if kwargs.get("raw") is not None else {"params": params}
        meta = source.get("params", {}).get("_meta") if isinstance(source.get("params"), dict) else None
        declared = meta.get(CAPABILITIES_KEY) if isinstance(meta, dict) else None
        self.declared[json.dumps(kwargs["request_id"])] = declared if isinstance(declared, dict) else {}
        return await super().request(method, params, **kwargs)

    def declared_for(self, reply: Reply) -> dict:
        """The client capabilities the request REPLY answers declared (each request declares its own)."""
        return self.declared.get(json.dumps(reply.id), self.client_capabilities)

    async def _answer_server_request(self, request: dict) -> None:
        # 2026-07-28 servers send no requests (modern-messages flags any) and clients send no
        # responses (streamable-http#sending-messages): record it, answer nothing
        self._answering -= 1

    def context_for(self, message: Any, context: dict) -> dict:
        if self.channel.transport == "streamable-http" and isinstance(message, dict) and "headers" not in context:
            headers = request_headers(message, self.param_headers)
            if "id" not in message:  # a notification carries no _meta version: the header names the session's
                headers.setdefault("MCP-Protocol-Version", self.version)
            context = {**context, "headers": headers}
        return context

    async def discover(self, scenario: str = "server-initialize") -> Reply:
        """`server/discover`: the server's versions, capabilities and identity (server/discover)."""
        reply = await self.request("server/discover", {}, scenario=scenario)
        self.discover_reply = reply
        return reply

    @property
    def discover_result(self) -> dict:
        result = self.discover_reply.result if self.discover_reply is not None else None
        return result if isinstance(result, dict) else {}

    @property
    def server_capabilities(self) -> dict:
        caps = self.discover_result.get("capabilities")
        return caps if isinstance(caps, dict) else {}

    @property
    def server_info(self) -> dict:
        meta = self.discover_result.get("_meta")
        info = meta.get(SERVER_INFO_KEY) if isinstance(meta, dict) else None
        return info if isinstance(info, dict) else {}

    def message(self, method: str, params: dict | None = None, *, meta: dict | None = None) -> dict:
        """A request with a fresh id; META replaces the whole `_meta` (None: the session's envelope)."""
        body = dict(params or {})
        body["_meta"] = envelope(self.version, self.client_capabilities) if meta is None else meta
        return {"jsonrpc": "2.0", "id": self.new_id(), "method": method, "params": body}

    async def probe(self, message: dict, *, headers: dict[str, str] | None = None, drop: tuple[str, ...] = (),
                    scenario: str | None = None) -> tuple[int | None, dict | None, str]:
        """Send MESSAGE as it is and return (HTTP status or None on stdio, its answer, why none).

        On Streamable HTTP the headers are those MESSAGE implies, then HEADERS, minus DROP,
        and the body of an error status is read for the JSON-RPC answer; the traffic is not
        delivered to the session (a probe's refusal is judged by its own check, not by the
        result-wide checks). On stdio the answer is awaited like any request."""
        self.probed.add(json.dumps(message.get("id")))
        if self.channel.transport == "streamable-http":
            dropped = {name.lower() for name in drop}
            implied = {k: v for k, v in request_headers(message, self.param_headers).items() if k.lower() not in dropped}
            merged = {**implied, **(headers or {})}
            given = {name.lower() for name in headers or {}}
            reply = await self.channel.post(json.dumps(message).encode(), headers=merged, deliver=False,
                                            drop=tuple(d for d in drop if d.lower() not in given),
                                            wait_body=True, scenario=scenario, answers=message.get("method"), validate=False)
            answer = next((m for m in reply.messages if isinstance(m, dict) and m.get("id") == message.get("id")), None)
            if answer is None:
                wrong = next((m for m in reply.messages if isinstance(m, dict) and ("result" in m or "error" in m)), None)
                return reply.status or None, wrong, reply.error or f"HTTP {reply.status}, no JSON-RPC response with id {message.get('id')!r}"
            return reply.status, answer, ""
        try:
            answered = await super().request(message.get("method", ""), raw=message, request_id=message.get("id"),
                                             scenario=scenario)
        except RequestFailed as err:
            if err.kind in ("gone", "budget"):
                raise
            return None, None, str(err)
        return None, answered.message, ""
