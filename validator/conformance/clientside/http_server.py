"""The scripted server over Streamable HTTP, on loopback, in a background thread.

Owns the HTTP side: each POST is recorded with its headers and handed to the
`ScriptedServer`; notifications and responses get 202; a request whose answer sends
messages first (a tools/call that plays server-initiated requests) gets an SSE stream,
others a JSON body. Each `initialize` opens a session of its own (`Mcp-Session-Id`). GET gets 405 (no
standalone stream is offered, which the spec allows) except in the SSE retry script,
where the tools/call stream sends a priming event with `retry`, closes, and the result is
delivered on the client's GET reconnection. A 2026-07-28 `subscriptions/listen` gets an SSE
stream held open until the client closes it. DELETE is recorded and accepted. When the script
puts the server behind OAuth, every request first passes the `AuthWorld`'s gate (other paths of
the origin are its metadata, or in the 2025-03-26 layout its authorization server).
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
"""

from __future__ import annotations

import json
import secrets
import select
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from validator.conformance.clientside import authserver
from validator.conformance.clientside.script import ScriptedServer

MAX_BODY = 4 * 1024 * 1024
PATH = "/mcp"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that resets its connection is recorded by what it did not send, not by a
        traceback on our stderr."""


class ScriptedHTTPServer:
    def __init__(self, scripted: ScriptedServer) -> None:
        self.scripted = scripted
        self.sessions: list[str] = []
        """Every session id assigned (one per initialize), in order."""
        self.event_ids = iter(range(1, 1 << 30))
        self.retry_pending: dict | None = None
        """SSE retry script: the tools/call response held back for the GET reconnection."""
        self.retry_closed = False
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        auth = scripted.script.auth
        self.auth = authserver.AuthWorld(auth, scripted.recorder) if auth is not None else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{PATH}"

    def start(self) -> ScriptedHTTPServer:
        if self.auth is not None:
            self.auth.start(f"http://127.0.0.1:{self.httpd.server_address[1]}")
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.auth is not None:
            self.auth.stop()


def _handler(owner: ScriptedHTTPServer) -> type[BaseHTTPRequestHandler]:
    scripted, recorder = owner.scripted, owner.scripted.recorder

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # the recorder keeps what matters; stderr stays quiet
            pass

        def _headers(self) -> dict:
            return {name.lower(): value for name, value in self.headers.items()}

        def _send(self, status: int, body: bytes = b"", content_type: str | None = None, extra: dict | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _json(self, message: Any, extra: dict | None = None) -> None:
            self._send(200, json.dumps(message).encode(), "application/json", extra)

        def _open_stream(self, extra: dict | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.close_connection = True

        def _event(self, text: str) -> None:
            try:
                self.wfile.write(text.encode())
                self.wfile.flush()
            except OSError:
                pass

        def _message_event(self, message: dict) -> None:
            self._event(f"id: ev-{next(owner.event_ids)}\nevent: message\ndata: {json.dumps(message)}\n\n")

        def _guarded(self, verb: str, raw: bytes = b"", message: Any = None) -> bool:
            """Behind OAuth: answer what is not the MCP endpoint, and refuse what the gate refuses."""
            world = owner.auth
            if world is None:
                return False
            if self.path.split("?")[0] != PATH:
                authserver.send(self, world.serve(verb, self.path, self._headers(), raw))
                return True
            refusal = world.gate(verb, self.path, self._headers(), message)
            if refusal is not None:
                authserver.send(self, refusal)
                return True
            return False

        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(min(length, MAX_BODY)) if length else b""
            try:
                message, unparsed = json.loads(raw), False
            except ValueError:
                message, unparsed = None, True
            if self._guarded("POST", raw, message):
                return
            if unparsed:
                recorder.record("in", None, http="POST", headers=self._headers(), unparsed=raw[:200].decode("utf-8", "replace"))
                self._send(400, json.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}}).encode(),
                           "application/json")
                return
            recorder.record("in", message, http="POST", headers=self._headers())
            session = {}
            if isinstance(message, dict) and message.get("method") == "initialize":
                session_id = secrets.token_hex(16)  # every initialize opens a session of its own
                owner.sessions.append(session_id)
                session = {"Mcp-Session-Id": session_id}
            if isinstance(message, list):  # a 2025-03-26 batch
                answers = [a for a in (scripted.handle(item, lambda _m: None) for item in message) if a is not None]
                for answer in answers:
                    recorder.record("out", answer)
                if answers:
                    self._json(answers, session)
                else:
                    self._send(202, extra=session)
                return
            if isinstance(message, dict) and message.get("method") == "tools/call" and "id" in message \
                    and scripted.script.sse_retry_ms:
                self._retry_stream(message, session)
                return
            if scripted.streams(message):
                self._open_stream(session)
                answer = scripted.handle(message, self._message_event)
                if answer is not None:
                    recorder.record("out", answer)
                    self._message_event(answer)
                elif message.get("method") == "subscriptions/listen":
                    self._hold_open()
                return
            answer = scripted.handle(message, lambda _m: None)
            if answer is None:
                self._send(202, extra=session)
                return
            recorder.record("out", answer)
            self._json(answer, session)

        def _hold_open(self) -> None:
            """A listen stream stays open until the client closes it (its cancellation over HTTP,
            subscriptions#cancellation) or the server's bounded wait ends."""
            deadline = time.monotonic() + scripted.timeout
            while time.monotonic() < deadline:
                readable, _, _ = select.select([self.connection], [], [], 0.1)
                if readable:  # the client sends nothing more here: readable means closed (or done)
                    return

        def _retry_stream(self, message: dict, session: dict) -> None:
            """SEP-1699: prime the stream with an event id and `retry`, close it, answer on the GET."""
            answer = scripted.handle(message, lambda _m: None)
            owner.retry_pending = answer
            self._open_stream(session)
            event_id = f"ev-{next(owner.event_ids)}"
            self._event(f"id: {event_id}\nretry: {scripted.script.sse_retry_ms}\ndata: \n\n")
            recorder.record("out", None, sse="priming", event_id=event_id, retry_ms=scripted.script.sse_retry_ms)
            time.sleep(0.05)
            recorder.record("out", None, sse="closed")
            owner.retry_closed = True

        def do_GET(self) -> None:  # noqa: N802
            if self._guarded("GET"):
                return
            recorder.record("in", None, http="GET", headers=self._headers())
            if not scripted.script.sse_retry_ms:
                self._send(405, extra={"Allow": "POST, DELETE"})
                return
            self._open_stream()
            if not owner.retry_closed:
                # a standalone stream opened before the call's stream closed: it MUST NOT carry the
                # response (transports#listening-for-messages-from-the-server); hold it, quiet
                time.sleep(scripted.timeout)
                return
            pending, owner.retry_pending = owner.retry_pending, None
            if pending is not None:
                recorder.record("out", pending)
                self._message_event(pending)

        def do_DELETE(self) -> None:  # noqa: N802
            if self._guarded("DELETE"):
                return
            recorder.record("in", None, http="DELETE", headers=self._headers())
            self._send(200)

    return Handler
