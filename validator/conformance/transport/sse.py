"""A small incremental parser for `text/event-stream` (the WHATWG SSE format).

Owns turning bytes into events (`event`, `data`, `id`, `retry`) with a size bound,
so both HTTP channels can inspect ids and retry fields (HTTP-008, HTTP-009) that
an off-the-shelf client would hide.
https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Event:
    event: str = "message"
    data: str = ""
    id: str | None = None
    retry: int | None = None
    raw_data: bytes = b""


class SSEParser:
    def __init__(self, max_event_bytes: int) -> None:
        self.max_event_bytes = max_event_bytes
        self._buffer = bytearray()
        self._data: list[bytes] = []
        self._size = 0
        self._event = ""
        self._id: str | None = None
        self._retry: int | None = None
        self._this_id: str | None = None
        self.oversized = 0
        self._skipping = False  # inside an over-long line: discard until its end

    def feed(self, chunk: bytes) -> list[Event]:
        if self._skipping:
            ends = [pos for pos in (chunk.find(b"\n"), chunk.find(b"\r")) if pos >= 0]
            if not ends:
                return []
            self._skipping = False
            chunk = chunk[min(ends) + 1:]
        self._buffer += chunk
        events: list[Event] = []
        while True:
            cut = -1
            for sep in (b"\n", b"\r"):
                pos = self._buffer.find(sep)
                if pos >= 0 and (cut < 0 or pos < cut):
                    cut = pos
            if cut < 0:
                if len(self._buffer) > self.max_event_bytes:
                    self.oversized += 1
                    self._buffer.clear()
                    self._reset()
                    self._skipping = True  # the rest of this line is not a new line
                break
            line = bytes(self._buffer[:cut])
            width = 2 if self._buffer[cut:cut + 2] == b"\r\n" else 1
            if self._buffer[cut:cut + 1] == b"\r" and cut + 1 == len(self._buffer):
                break  # a lone CR at the end may be the first half of CRLF
            del self._buffer[:cut + width]
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def _reset(self) -> None:
        self._data, self._size, self._event, self._retry, self._this_id = [], 0, "", None, None

    def _line(self, line: bytes) -> Event | None:
        if not line:
            if not self._data and not self._event and self._retry is None and self._this_id is None:
                return None
            raw = b"\n".join(self._data)
            event = Event(self._event or "message", raw.decode("utf-8", "replace"), self._this_id, self._retry, raw)
            self._reset()
            return event
        if line.startswith(b":"):
            return None
        name, _, value = line.partition(b":")
        if value.startswith(b" "):
            value = value[1:]
        if name == b"data":
            self._size += len(value)
            if self._size > self.max_event_bytes:
                self.oversized += 1
                self._data = []
                return None
            self._data.append(value)
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
        elif name == b"id":
            if b"\0" not in value:
                self._id = self._this_id = value.decode("utf-8", "replace")
        elif name == b"retry":
            if value.isdigit():
                self._retry = int(value)
        return None
