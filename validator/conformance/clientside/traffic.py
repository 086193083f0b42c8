"""The recorder of a scripted server and the read-only view of its traffic that judges use.

Owns `Recorder` (thread-safe, one event per message or HTTP exchange, dumped as JSON lines
by the stdio fixture server so the runner reads what a client-launched server saw) and
`Traffic`: the events of one run (every connection the client made for it), the client's
process outcome, and the questions every judge asks (what the client sent, in order; its
initialize; its declared capabilities; the answer to a server-initiated request).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.protocol.revisions import MODERN_REVISIONS


class Recorder:
    def __init__(self) -> None:
        self.events: list[dict] = []
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def record(self, direction: str, message: Any = None, **extra: Any) -> dict:
        """DIRECTION is `in` (from the client) or `out` (to it); EXTRA carries HTTP facts."""
        event = {"t": round(time.monotonic() - self.started, 4), "wall": time.time(), "dir": direction, "msg": message, **extra}
        with self.lock:
            self.events.append(event)
        return event

    def dump_line(self, event: dict, handle) -> None:
        handle.write(json.dumps(event, default=str) + "\n")
        handle.flush()


def read_events(path: str) -> list[dict]:
    """Events a fixture server wrote; a torn last line (killed mid-write) is dropped."""
    events = []
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    events.append(json.loads(line))
                except ValueError:
                    continue
    except OSError:
        return []
    return events


def _is_request(msg: Any) -> bool:
    return isinstance(msg, dict) and isinstance(msg.get("method"), str) and "id" in msg


def _is_notification(msg: Any) -> bool:
    return isinstance(msg, dict) and isinstance(msg.get("method"), str) and "id" not in msg


def _is_response(msg: Any) -> bool:
    return isinstance(msg, dict) and "method" not in msg and ("result" in msg or "error" in msg)


@dataclass
class Traffic:
    revision: str
    transport: str
    events: list[dict] = field(default_factory=list)
    exit_code: int | None = None
    timed_out: bool = False
    stderr: str = ""
    launched: bool = True
    """stdio: whether the client started the fixture server at all."""
    server_capabilities: dict = field(default_factory=dict)
    """What the scripted server declared."""
    sessions: list = field(default_factory=list)
    """Streamable HTTP: the Mcp-Session-Id values the scripted server assigned (one per initialize)."""

    def incoming(self) -> list[Any]:
        """Every JSON-RPC message the client sent, in order (batches flattened)."""
        out: list[Any] = []
        for event in self.events:
            if event.get("dir") != "in" or event.get("msg") is None:
                continue
            msg = event["msg"]
            out.extend(msg if isinstance(msg, list) else [msg])
        return out

    def outgoing(self) -> list[Any]:
        return [e["msg"] for e in self.events if e.get("dir") == "out" and e.get("msg") is not None]

    def requests(self, method: str | None = None) -> list[dict]:
        return [m for m in self.incoming() if _is_request(m) and (method is None or m["method"] == method)]

    def notifications(self, method: str | None = None) -> list[dict]:
        return [m for m in self.incoming() if _is_notification(m) and (method is None or m["method"] == method)]

    def responses(self) -> list[dict]:
        return [m for m in self.incoming() if _is_response(m)]

    def oauth(self) -> list[dict]:
        """Behind OAuth: every HTTP exchange the protected resource and its authorization server saw,
        in order (see `authserver.AuthWorld`)."""
        return [e["oauth"] | {"t": e["t"]} for e in self.events if e.get("dir") == "in" and isinstance(e.get("oauth"), dict)]

    def http(self, verb: str | None = None) -> list[dict]:
        """HTTP exchanges (Streamable HTTP): each has `http` (verb), `headers` (lower-case names)."""
        return [e for e in self.events if e.get("dir") == "in" and e.get("http") and (verb is None or e["http"] == verb)]

    @property
    def initialize(self) -> dict | None:
        found = self.requests("initialize")
        return found[0] if found else None

    @property
    def client_capabilities(self) -> dict:
        params = (self.initialize or {}).get("params")
        caps = params.get("capabilities") if isinstance(params, dict) else None
        return caps if isinstance(caps, dict) else {}

    @property
    def client_info(self) -> dict:
        params = (self.initialize or {}).get("params")
        info = params.get("clientInfo") if isinstance(params, dict) else None
        if not isinstance(info, dict):  # 2026-07-28: in every request's _meta
            info = next((m["params"]["_meta"].get("io.modelcontextprotocol/clientInfo") for m in self.modern_requests()), None)
        return info if isinstance(info, dict) else {}

    def declared(self, capability: str) -> bool:
        return isinstance(self.client_capabilities.get(capability), dict)

    def sent_requests(self, method: str) -> list[dict]:
        """Server-initiated requests of METHOD that the scripted server sent."""
        return [m for m in self.outgoing() if _is_request(m) and m["method"] == method]

    def answer_to(self, request_id: Any) -> dict | None:
        for msg in self.responses():
            if msg.get("id") == request_id and type(msg.get("id")) is type(request_id):
                return msg
        return None

    @property
    def modern(self) -> bool:
        return self.revision in MODERN_REVISIONS

    def modern_requests(self) -> list[dict]:
        """Requests that state a protocol version in `_meta` (the 2026-07-28 way)."""
        return [m for m in self.requests() if isinstance(m.get("params"), dict) and isinstance(m["params"].get("_meta"), dict)
                and "io.modelcontextprotocol/protocolVersion" in m["params"]["_meta"]]

    def declined_revision(self) -> bool:
        """The client offered another version, got ours, and sent nothing after: it does not
        support this revision and disconnected, as it SHOULD (lifecycle#version-negotiation)."""
        init = self.initialize
        if init is None:
            return False
        offered = (init.get("params") or {}).get("protocolVersion") if isinstance(init.get("params"), dict) else None
        after = self.incoming()
        later = after[after.index(init) + 1:]
        return offered != self.revision and not [m for m in later if isinstance(m, dict)]
