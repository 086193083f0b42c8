"""The vocabulary every channel shares: `Target`, `Frame`, `Channel`, `TransportError`.

Owns what a channel is and the frame parser (strict UTF-8, size limit, JSON). The
channels (`stdio`, `streamable_http`, `legacy_sse`) import this module; the factory
that picks one of them (`factory`) sits above them, so nothing here imports a channel.

Channels speak raw JSON-RPC so that probes the SDK refuses to send (malformed JSON,
invalid envelopes, notifications that must not be answered) travel over the same
byte streams as ordinary traffic. The `mcp` SDK client itself is used by
`validator.conformance.areas.sdk_child` for the interoperability check (`Client(mode="legacy")`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024
MAX_MESSAGE_BYTES = DEFAULT_MAX_MESSAGE_BYTES
"""A message larger than this is reported and dropped, never buffered whole (readers discard
the rest of an over-long line or event as it arrives). `--max-message-size` sets it per run
(`set_message_limit`); readers look it up at read time, so import the module, not the name."""

KEEP_FRAMES = 2000
"""Frames kept per channel for checks and reports; later ones are only counted."""

KEEP_BYTES = 96 * 1024 * 1024
"""Bytes of frames a channel keeps (raw and parsed) for the checks that read them afterwards.
Past this a frame is still dispatched (a response still reaches its request) but not kept,
so 250 notifications of 15 MB cost one message's memory at a time, not 4 GB."""


def set_message_limit(limit: int | None) -> None:
    """The per-message cap for this process's runs (None: the default)."""
    global MAX_MESSAGE_BYTES
    MAX_MESSAGE_BYTES = int(limit) if limit else DEFAULT_MAX_MESSAGE_BYTES

TRANSPORTS = ("stdio", "streamable-http", "sse")


class TransportError(Exception):
    """The channel could not be opened or broke; the message says why, in one line."""


class ServerGone(TransportError):
    """Nothing can be sent: the server had already exited (a stdio process that closed its stdout or stdin)."""


@dataclass
class Target:
    """What to test: a command (stdio) or a URL (HTTP), plus how to reach it."""

    command: list[str] | None = None
    url: str | None = None
    transport: str = "auto"
    headers: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None

    def describe(self) -> dict:
        out: dict[str, Any] = {"transport": self.transport}
        if self.command:
            out["command"] = list(self.command)
        if self.url:
            out["url"] = self.url
        return out


@dataclass
class Frame:
    """One message as received, before and after parsing.

    `error` names what is wrong with the bytes themselves (not JSON, invalid UTF-8,
    too large, truncated); `message` is the parsed JSON value when there is one.
    """

    via: str
    raw: bytes
    message: Any = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    at: float = field(default_factory=time.monotonic)
    scenario: str | None = None
    answers: str | None = None
    """The method of the request this frame answers, when known (for wire validation)."""
    validate: bool = True
    """False for replies to deliberately broken probes (checked by their own checks)."""
    kept: bool = True
    """False when the channel's retention budget (KEEP_BYTES) was spent: dispatched, not recorded."""

    def preview(self, limit: int = 200) -> str:
        text = self.raw[:limit].decode("utf-8", "replace")
        return text + ("…" if len(self.raw) > limit else "")


def parse_frame(data: bytes, via: str) -> Frame:
    """Parse one transport unit (a stdio line, an HTTP body, an SSE data field)."""
    if len(data) > MAX_MESSAGE_BYTES:
        return Frame(via, data[:4096], error=f"message of {len(data)} bytes exceeds the {MAX_MESSAGE_BYTES}-byte limit")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # keep going with a lossy decode so the conversation can continue; the
        # encoding violation itself is reported by the transport checks
        text = data.decode("utf-8", "replace")
        warnings.append(f"invalid UTF-8 at byte {err.start}")
    if text.startswith("\ufeff"):
        warnings.append("starts with a byte-order mark")
        text = text[1:]
    try:
        message = json.loads(text)
    except (ValueError, RecursionError) as err:
        return Frame(via, data, error=f"not JSON ({_short(err)})", warnings=tuple(warnings))
    return Frame(via, data, message=message, warnings=tuple(warnings))


def _short(err: Exception) -> str:
    text = str(err)
    return text if len(text) < 120 else text[:117] + "..."


class Channel:
    """A bidirectional JSON-RPC byte channel to one server connection.

    Subclasses deliver every inbound unit to `self.deliver(frame)`, which records it
    and hands parsed messages to the session's `on_message` callback.
    """

    transport = "?"

    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.frame_count = 0
        self.kept_bytes = 0
        self.unkept = 0
        """Frames dispatched but not kept (KEEP_FRAMES or KEEP_BYTES reached)."""
        self.on_message: Callable[[Frame], None] = lambda frame: None
        self.closed_reason: str | None = None

    def deliver(self, frame: Frame) -> None:
        self.frame_count += 1
        # a parsed message costs several times its bytes: count it twice
        size = len(frame.raw) * (3 if frame.message is not None else 1)
        if len(self.frames) < KEEP_FRAMES and self.kept_bytes + size <= KEEP_BYTES:
            self.kept_bytes += size
            self.frames.append(frame)
        else:
            frame.kept = False
            self.unkept += 1
        self.on_message(frame)
        if not frame.kept:
            frame.raw = frame.raw[:4096]

    async def start(self) -> None:
        """Open the connection (spawn, GET the SSE stream, ...)."""

    async def send(self, payload: bytes, *, context: dict | None = None) -> Any:
        """Send one encoded message; returns transport details (an HTTP reply) or None."""
        raise NotImplementedError

    async def close(self) -> None:
        """Release the connection; never raises."""

    @property
    def alive(self) -> bool:
        return self.closed_reason is None

    def diagnostics(self) -> dict:
        """What the report shows about this connection (stderr, exit, URLs)."""
        return {}
