"""HTTP/1.1 below the client: limits, errors, one connection's bytes, URL and head parsing.

Owns what `http11.Client` builds on: the size limits a hostile server meets, the error
types (`HttpError` and its kinds, re-exported by `http11`), the run's one TLS context,
`Wire` (a TCP or TLS connection's buffer, EOF and write flow control), splitting a URL
into origin, request target and `Host`, case-insensitive header merging, and parsing a
response head (status line, fields, obsolete line folding).
https://www.rfc-editor.org/rfc/rfc9112 (message syntax, framing, chunked coding)
"""

from __future__ import annotations

import asyncio
import functools
import re
from urllib.parse import quote, urlsplit

MAX_HEAD_BYTES = 100 * 1024
"""Status line plus header fields (the limit httpcore gives h11)."""
MAX_LINE_BYTES = 4096
"""A chunk-size line or a trailer field."""
MAX_TRAILER_BYTES = 64 * 1024
MAX_INTERIM = 10
"""1xx responses skipped before the final one."""
MAX_REDIRECTS = 20
KEEP_IDLE = 20
"""Idle connections kept per origin."""
READ_SIZE = 65536
HIGH_WATER = 256 * 1024
"""Buffered bytes at which the socket stops being read until the consumer catches up."""

BLANK_LINE = re.compile(rb"\n\r?\n")
STATUS = re.compile(rb"HTTP/(\d)\.(\d) ([0-9]{3})(?: ([^\r\n]*))?")
TOKEN = re.compile(rb"[-!#$%&'*+.^_`|~0-9A-Za-z]+")
BAD_FIELD = re.compile(r"[\r\n\0]")
REDIRECTS = (301, 302, 303, 307, 308)


class HttpError(Exception):
    """The exchange failed below HTTP semantics; the class name says how (it is shown to users)."""


class ConnectError(HttpError):
    pass


class ConnectTimeout(HttpError):
    pass


class ReadTimeout(HttpError):
    pass


class WriteTimeout(HttpError):
    pass


class ReadError(HttpError):
    pass


class WriteError(HttpError):
    pass


class RemoteProtocolError(HttpError):
    """The server broke HTTP/1.1 framing (a bad status line, chunk, length, or a cut body)."""


class LocalProtocolError(HttpError):
    """A request we were asked to send is not valid HTTP (a CR or LF inside a header)."""


class UnsupportedProtocol(HttpError):
    pass


class TooManyRedirects(HttpError):
    pass


class BodyTooLarge(HttpError):
    pass


@functools.lru_cache(maxsize=1)
def ssl_context():
    """The run's one TLS context (loading the CA store costs ~30 ms of CPU; a run opens ~20
    clients). The same trust as the `mcp` SDK's client: httpx2's context without the
    environment's proxy or CA variables, and only HTTP/1.1 offered by ALPN."""
    import httpx2  # only https targets pay for this import

    context = httpx2.create_ssl_context(trust_env=False)
    context.set_alpn_protocols(["http/1.1"])
    return context


# ---- one connection --------------------------------------------------------------------------
class Wire(asyncio.Protocol):
    """A TCP (or TLS) connection's bytes: a buffer the reader drains, EOF, write flow control."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.error: BaseException | None = None
        self._waiter: asyncio.Future | None = None
        self._drain: asyncio.Future | None = None
        self._paused = False

    # protocol callbacks
    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > HIGH_WATER and not self._paused:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self):
        self.eof = True
        self._wake()
        return False  # close the transport

    def connection_lost(self, exc) -> None:
        self.eof = True
        self.error = self.error or exc
        self._wake()
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)

    def pause_writing(self) -> None:
        self._drain = self.loop.create_future()

    def resume_writing(self) -> None:
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)
        self._drain = None

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # for the reader
    async def more(self, timeout: float) -> None:
        """Wait (bounded) until more bytes or EOF arrive."""
        if self.eof:
            return
        if self._paused:
            self._paused = False
            self.transport.resume_reading()
        self._waiter = self.loop.create_future()
        try:
            async with asyncio.timeout(timeout):
                await self._waiter
        except TimeoutError:
            raise ReadTimeout(f"no data from the server within {timeout:.1f}s") from None
        finally:
            self._waiter = None

    def take(self, size: int) -> bytes:
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        if self._paused and len(self.buffer) < HIGH_WATER // 2:
            self._paused = False
            self.transport.resume_reading()
        return data

    async def write(self, data: bytes, timeout: float) -> None:
        if self.transport is None or self.transport.is_closing():
            raise WriteError("the connection is closed")
        self.transport.write(data)
        if self._drain is not None:
            try:
                async with asyncio.timeout(timeout):
                    await self._drain
            except TimeoutError:
                raise WriteTimeout(f"the server did not read the request within {timeout:.1f}s") from None
            if self.eof:
                raise WriteError("the server closed the connection while the request was being sent")

    @property
    def idle_ok(self) -> bool:
        """Reusable: open, no EOF, and nothing unsolicited waiting in the buffer."""
        return not self.eof and not self.buffer and self.transport is not None and not self.transport.is_closing()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.eof = True


@functools.lru_cache(maxsize=64)
def split_url(url: str) -> tuple[tuple[str, str, int], str, str, str | None]:
    """URL → (origin, request target, Host header value, userinfo)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise UnsupportedProtocol(f"invalid URL {url!r}: {err}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsupportedProtocol(f"unsupported URL scheme {parts.scheme!r} in {url!r}")
    host = parts.hostname or ""
    if not host:
        raise UnsupportedProtocol(f"no host in URL {url!r}")
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    default = 443 if scheme == "https" else 80
    port = port or default
    shown = f"[{host}]" if ":" in host else host
    host_header = shown if port == default else f"{shown}:{port}"
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else None
    return (scheme, host, port), target, host_header, userinfo


def merge_headers(*layers: dict | None) -> dict[str, tuple[str, str]]:
    """Case-insensitive merge (later layers win): lower name → (name as given, value)."""
    out: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for name, value in (layer or {}).items():
            out[name.lower()] = (name, value)
    return out


def latin1(text: str) -> bytes:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def decode_field(value: bytes) -> str:
    try:
        return value.decode("ascii")
    except UnicodeDecodeError:
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")


class Stale(Exception):
    """A reused idle connection was closed by the server before any byte of a response."""


def parse_head(head: bytes) -> tuple[int, str, tuple[int, int], list[tuple[str, str]]]:
    lines = head.split(b"\n")
    status_line = lines[0].rstrip(b"\r")
    match = STATUS.fullmatch(status_line)
    if match is None:
        raise RemoteProtocolError(f"invalid HTTP status line {status_line[:80]!r}")
    version = (int(match.group(1)), int(match.group(2)))
    fields: list[tuple[str, str]] = []
    for raw in lines[1:]:
        line = raw.rstrip(b"\r")
        if not line:
            continue
        if line[:1] in (b" ", b"\t"):  # obsolete line folding: a continuation of the previous field
            if not fields:
                raise RemoteProtocolError("a header continuation line before any header field")
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {decode_field(line.strip())}".strip())
            continue
        name, sep, value = line.partition(b":")
        if not sep or not TOKEN.fullmatch(name):
            raise RemoteProtocolError(f"invalid header line {line[:80]!r}")
        fields.append((name.decode("ascii").lower(), decode_field(value.strip(b" \t"))))
    return int(match.group(3)), decode_field(match.group(4) or b""), version, fields
