"""The scripted server over stdio: what `agentconform fixture-server --scenario NAME` runs.

Owns the stdio loop: newline-delimited JSON-RPC on stdin/stdout, every message recorded to
the JSON-lines file the runner named (so it judges a server the client launched itself),
requests answered on worker threads (a tools/call that waits for the client's answer to a
server-initiated request must not stop the reading), writes serialized. Ends on stdin EOF.
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

from validator.conformance.clientside.script import ScriptedServer
from validator.conformance.clientside.traffic import Recorder


def serve(scripted: ScriptedServer, record_path: str | None, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    recorder: Recorder = scripted.recorder
    write_lock = threading.Lock()
    sink = open(record_path, "a", encoding="utf-8") if record_path else None  # noqa: SIM115 - closed below
    original = recorder.record

    def record(direction: str, message: Any = None, **extra: Any) -> dict:
        event = original(direction, message, **extra)
        if sink is not None:
            with write_lock:
                recorder.dump_line(event, sink)
        return event

    recorder.record = record  # type: ignore[method-assign]

    def emit(message: dict) -> None:
        with write_lock:
            stdout.write(json.dumps(message).encode() + b"\n")
            stdout.flush()

    def answer(message: Any) -> None:
        reply = scripted.handle(message, emit)
        if reply is not None:
            scripted.send(reply, emit)

    workers = []
    try:
        for line in stdin:
            if not line.strip():
                continue
            try:
                message = json.loads(line)
            except ValueError:
                record("in", None, unparsed=line[:200].decode("utf-8", "replace"))
                emit({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}})
                continue
            record("in", message)
            if isinstance(message, dict) and "method" not in message:
                scripted.handle(message, emit)  # a response: resolves a waiting server-initiated request
                continue
            worker = threading.Thread(target=answer, args=(message,), daemon=True)
            worker.start()
            workers.append(worker)
        record("in", None, eof=True)
        for worker in workers:
            worker.join(scripted.timeout)
    finally:
        if sink is not None:
            sink.close()
    return 0
