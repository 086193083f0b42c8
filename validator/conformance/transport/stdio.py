"""The stdio channel: newline-delimited JSON-RPC over a launched process's pipes.

Owns reading stdout into frames without ever trusting the server: lines are split
by hand (no unbounded `readline`), an over-long line is reported and skipped, bytes
after the last newline at EOF are a truncated message, and a run of lines that do
not parse alone but do parse together is recognised as pretty-printed JSON (an
embedded-newline violation) so the conversation can go on and be judged.
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import weakref

from validator.conformance.transport import base
from validator.conformance.transport import process as harness
from validator.conformance.transport.base import Channel, Frame, ServerGone, Target, TransportError, parse_frame

CHUNK = 256 * 1024
MAX_JOIN_LINES = 2000
"""Lines held while trying to reassemble a pretty-printed message."""
MAX_JOIN_BYTES = 2 * 1024 * 1024
"""Bytes held for that: each held line re-joins and re-parses what is held, so the cap keeps
300 held lines of 20 MB (or 2000 of 8 KB) from costing gigabytes of copies."""


_STARTING: weakref.WeakSet = weakref.WeakSet()
"""Channels whose process has been launched (each knows whether its start-up is over)."""
STARTING_AT_ONCE = max(2, os.cpu_count() or 2)
"""Server processes allowed to be starting at the same time. A run starts a process per revision
and per malformed-input probe; started all at once, servers whose start-up is CPU-bound (a
fastmcp 2 server imports for 2-8 s) share the cores and miss the per-request timeout on
`initialize`. One start-up per core keeps each as fast as it is alone and the run no slower."""
STARTUP_CAP = 15.0
"""A process silent this long no longer counts as starting (it cannot hold up the others)."""


def _starting() -> int:
    return sum(1 for ch in list(_STARTING) if ch.starting())


async def startups_settled(seconds: float) -> None:
    """Wait (at most SECONDS) until no server process launched by this run is still starting:
    each has written its first line, closed its stdout or been closed."""
    deadline = time.monotonic() + seconds
    while _starting() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


async def _start_slot(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while _starting() >= STARTING_AT_ONCE and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


class StdioChannel(Channel):
    transport = "stdio"

    def __init__(self, target: Target, *, budget) -> None:
        super().__init__()
        self.target = target
        self.budget = budget
        self.server: harness.ServerProcess | None = None
        self._reader: asyncio.Task | None = None
        self._held: list[bytes] = []  # lines that did not parse alone
        self._held_bytes = 0
        self.blank_lines = 0
        self.eof_at: float | None = None
        self.eof = asyncio.Event()
        self.started = asyncio.Event()
        """Set once the process wrote its first line or closed stdout: its start-up is over."""
        self.launched_at = 0.0

    def starting(self) -> bool:
        return not self.started.is_set() and time.monotonic() - self.launched_at < STARTUP_CAP

    async def start(self) -> None:
        if not self.target.command:
            raise TransportError("stdio needs a command")
        await _start_slot(self.budget.bound(STARTUP_CAP))
        self.launched_at = time.monotonic()
        _STARTING.add(self)  # before the next await: the slot is taken the moment the wait ends
        try:
            self.server = await harness.launch(self.target.command, env=self.target.env or None, cwd=self.target.cwd)
        except OSError as err:
            self.started.set()
            raise TransportError(f"cannot start {self.target.command[0]!r}: {err.strerror or err}") from None
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        assert self.server is not None
        stream = self.server.process.stdout
        buffer = bytearray()
        skipping = False  # inside an over-long line, discarding until its newline
        skipped = 0
        try:
            while True:
                chunk = await stream.read(CHUNK)
                if not chunk:
                    break
                await asyncio.sleep(0)  # a server that writes without pause must not starve the loop
                start = 0
                while True:
                    nl = chunk.find(b"\n", start)
                    piece = chunk[start:] if nl < 0 else chunk[start:nl]
                    if skipping:
                        skipped += len(piece)
                    else:
                        buffer += piece
                        if len(buffer) > base.MAX_MESSAGE_BYTES:
                            skipping, skipped = True, len(buffer)
                            head = bytes(buffer[:4096])
                            buffer.clear()
                    if nl < 0:
                        break
                    if skipping:
                        self._emit(Frame("stdout", head, error=f"line of more than {skipped} bytes exceeds the {base.MAX_MESSAGE_BYTES}-byte limit"))
                        skipping = False
                    else:
                        self._line(bytes(buffer))
                        buffer.clear()
                    start = nl + 1
        except (OSError, ValueError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            return
        if skipping:
            self._emit(Frame("stdout", head, error="over-long line cut off at end of output"))
        elif buffer:
            self._flush_held()
            self._emit(Frame("stdout", bytes(buffer), error="truncated message: output ended without a newline"))
        self._flush_held()
        self.eof_at = time.monotonic()
        # stdout closing usually means the process is exiting: give it a moment so
        # the report can say how it ended (exit code or signal)
        try:
            await harness.wait_exit(self.server, 0.5)
        except asyncio.CancelledError:
            return
        self.closed_reason = self.closed_reason or "server closed stdout"
        self.started.set()
        self.eof.set()
        self.on_message(Frame("stdout", b"", error="eof", validate=False))

    def _line(self, line: bytes) -> None:
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            self.blank_lines += 1
            return
        frame = parse_frame(line, "stdout")
        if self._held:
            if frame.error is None and isinstance(frame.message, (dict, list)) and not line.lstrip().startswith((b"}", b"]")):
                self._flush_held()
            elif self._held_bytes + len(line) > min(MAX_JOIN_BYTES, base.MAX_MESSAGE_BYTES):
                self._flush_held()  # together they would exceed the message cap: not one message
            else:
                self._held.append(line)
                self._held_bytes += len(line)
                joined = b"\n".join(self._held)
                whole = parse_frame(joined, "stdout")
                if whole.error is None:
                    whole.warnings += ("message spans several lines (embedded newlines)",)
                    self._held.clear()
                    self._held_bytes = 0
                    self._emit(whole)
                elif len(self._held) > MAX_JOIN_LINES:
                    self._flush_held()
                return
        if frame.error is not None and line.lstrip()[:1] in (b"{", b"["):
            self._held.append(line)  # maybe the first line of a pretty-printed message
            self._held_bytes = len(line)
            return
        self._emit(frame)

    def _flush_held(self) -> None:
        held, self._held = self._held, []
        self._held_bytes = 0
        for line in held:
            self._emit(parse_frame(line, "stdout"))

    def _emit(self, frame: Frame) -> None:
        self.started.set()
        self.deliver(frame)

    def stdin_broken(self) -> bool:
        """The server's end of its stdin is gone (an earlier write hit a broken pipe): the process has died,
        even while its exit and its stdout's end are still on their way."""
        stdin = self.server.process.stdin if self.server is not None else None
        return stdin is not None and stdin.is_closing()

    async def send(self, payload: bytes, *, context: dict | None = None) -> None:
        if self.server is None or self.server.process.stdin is None:
            raise TransportError("not started")
        if self.eof.is_set() or self.server.returncode is not None:
            raise ServerGone(f"server is gone ({self.server.describe_exit()})")
        stdin = self.server.process.stdin
        if stdin.is_closing():
            # the pipe broke on an earlier write: asyncio would drop this one and, past a few,
            # log "pipe closed by peer" on our stderr for each
            raise ServerGone(f"server is gone (its stdin is closed; {self.server.describe_exit()})")
        try:
            stdin.write(payload if payload.endswith(b"\n") else payload + b"\n")
            await asyncio.wait_for(stdin.drain(), self.budget.bound(10.0) or 0.1)
        except TimeoutError:
            raise TransportError("server does not read its stdin (write blocked)") from None
        except (OSError, ConnectionError, RuntimeError) as err:
            raise TransportError(f"cannot write to the server's stdin: {err}") from None
        return None

    async def close_stdin_and_wait(self, seconds: float) -> float | None:
        """Close stdin and wait for exit; returns seconds taken, or None if it stayed."""
        if self.server is None:
            return None
        start = time.monotonic()
        await harness.close_stdin(self.server)
        if await harness.wait_exit(self.server, self.budget.bound(seconds)):
            return time.monotonic() - start
        return None

    async def close(self) -> None:
        self.started.set()
        if self.server is not None:
            await harness.terminate(self.server)
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 1.0)
            except (TimeoutError, asyncio.CancelledError, Exception):  # noqa: BLE001 - never raise from close
                self._reader.cancel()
        if self.closed_reason is None:
            self.closed_reason = "closed by the harness"

    def diagnostics(self) -> dict:
        if self.server is None:
            return {}
        return {
            "pid": self.server.pid,
            "exit": self.server.describe_exit(),
            "killed_with": self.server.killed_with,
            "frames_not_kept": self.unkept,
            "stderr": self.server.stderr.text(),
        }


def encode(message) -> bytes:
    """Compact single-line JSON (what every stdio peer must accept)."""
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
