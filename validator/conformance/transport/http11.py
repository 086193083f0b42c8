"""A lean HTTP/1.1 client for the conformance transports, on plain asyncio.

Owns what the Streamable HTTP and HTTP+SSE channels need from HTTP and nothing more:
keep-alive connections in a small per-origin pool (concurrent requests open more),
`Content-Length`, chunked and close-delimited bodies read as a stream (SSE) or whole,
redirects as browsers follow them (307/308 keep the method and body; 301/302 turn a
POST into a GET, 303 anything but HEAD), explicit `Host`/`Origin` headers sent as given
(the DNS-rebinding probes), and TLS through one shared context. A general client's
layers (httpx → httpcore → anyio → h11) cost about 1.5 ms of CPU per request; a run
sends hundreds, so this one parses heads with a regex and reads bodies straight from
the socket buffer.

Every wait is bounded by the client's timeout (connect, each read, each write) and
every size by a limit (the response head, a chunk-size line, the trailers, a whole
body read at once): a hostile server gets an `HttpError` naming what it did, never a
hang. https://www.rfc-editor.org/rfc/rfc9112 (message syntax, framing, chunked coding)
The limits, error kinds, one connection's bytes and head parsing are `http11_wire`'s.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from validator.conformance.transport.http11_wire import (  # noqa: F401 - the error kinds are part of this module's face
    BAD_FIELD,
    BLANK_LINE,
    KEEP_IDLE,
    MAX_HEAD_BYTES,
    MAX_INTERIM,
    MAX_LINE_BYTES,
    MAX_REDIRECTS,
    MAX_TRAILER_BYTES,
    READ_SIZE,
    REDIRECTS,
    TOKEN,
    BodyTooLarge,
    ConnectError,
    ConnectTimeout,
    HttpError,
    LocalProtocolError,
    ReadError,
    ReadTimeout,
    RemoteProtocolError,
    Stale,
    TooManyRedirects,
    UnsupportedProtocol,
    Wire,
    WriteError,
    WriteTimeout,
    latin1,
    merge_headers,
    parse_head,
    split_url,
    ssl_context,
)


# ---- responses -------------------------------------------------------------------------------
class Response:
    """Status and headers are read; the body is read by `aiter_raw()` or `read()`."""

    def __init__(self, client: Client, conn: Wire, origin, url: str, status: int, reason: str,
                 headers: dict[str, str], framing: str, length: int, keep: bool) -> None:
        self._client = client
        self._conn: Wire | None = conn
        self._origin = origin
        self.url = url
        self.status_code = status
        self.reason = reason
        self.headers = headers
        """Lower-case names; a field sent several times is joined with ", " (as httpx does)."""
        self._framing = framing  # "none" | "length" | "chunked" | "close"
        self._left = length
        self._keep = keep
        self._done = framing == "none"
        self.content = b""
        if self._done:
            self._finish()

    def _finish(self) -> None:
        self._done = True
        conn, self._conn = self._conn, None
        if conn is not None:
            self._client._release(self._origin, conn, self._keep)

    async def aiter_raw(self) -> AsyncIterator[bytes]:
        """The body as it arrives (chunked coding removed, nothing decoded)."""
        if self._done or self._conn is None:
            return
        conn, timeout = self._conn, self._client.timeout
        try:
            if self._framing == "length":
                while self._left > 0:
                    if not conn.buffer:
                        await conn.more(timeout)
                        if not conn.buffer:
                            raise RemoteProtocolError(f"the server closed the connection with {self._left} byte(s) "
                                                      f"of the body (Content-Length) not sent")
                    data = conn.take(min(self._left, READ_SIZE))
                    self._left -= len(data)
                    yield data
            elif self._framing == "chunked":
                async for data in self._chunked(conn, timeout):
                    yield data
            else:  # close-delimited
                while True:
                    if not conn.buffer:
                        if conn.eof:
                            break
                        await conn.more(timeout)
                        continue
                    yield conn.take(READ_SIZE)
                if isinstance(conn.error, OSError):
                    raise ReadError(f"the connection broke: {conn.error}")
        except BaseException:
            self._abandon()
            raise
        self._finish()

    async def _line(self, conn: Wire, timeout: float, what: str) -> bytes:
        while True:
            cut = conn.buffer.find(b"\n")
            if cut >= 0:
                if cut > MAX_LINE_BYTES:
                    raise RemoteProtocolError(f"{what} longer than {MAX_LINE_BYTES} bytes")
                return conn.take(cut + 1).rstrip(b"\r\n")
            if len(conn.buffer) > MAX_LINE_BYTES:
                raise RemoteProtocolError(f"{what} longer than {MAX_LINE_BYTES} bytes")
            if conn.eof:
                raise RemoteProtocolError(f"the server closed the connection inside the chunked body ({what})")
            await conn.more(timeout)

    async def _chunked(self, conn: Wire, timeout: float) -> AsyncIterator[bytes]:
        # https://www.rfc-editor.org/rfc/rfc9112#section-7.1
        while True:
            line = await self._line(conn, timeout, "a chunk-size line")
            digits = line.split(b";", 1)[0].strip()
            if not digits or len(digits) > 16 or not all(c in b"0123456789abcdefABCDEF" for c in digits):
                raise RemoteProtocolError(f"invalid chunk-size line {line[:40]!r}")
            size = int(digits, 16)
            if size == 0:
                trailer = 0
                while True:
                    field = await self._line(conn, timeout, "a trailer field")
                    if not field:
                        return
                    trailer += len(field)
                    if trailer > MAX_TRAILER_BYTES:
                        raise RemoteProtocolError(f"trailer section over {MAX_TRAILER_BYTES} bytes")
            while size > 0:
                if not conn.buffer:
                    await conn.more(timeout)
                    if not conn.buffer:
                        raise RemoteProtocolError("the server closed the connection inside a chunk")
                data = conn.take(min(size, READ_SIZE))
                size -= len(data)
                yield data
            if await self._line(conn, timeout, "the end of a chunk"):
                raise RemoteProtocolError("a chunk is longer than its chunk-size")

    async def read(self, limit: int) -> bytes:
        """The whole body; BodyTooLarge past LIMIT bytes (the connection is then dropped)."""
        if self._framing == "length" and self._left > limit:
            self._abandon()
            raise BodyTooLarge(f"body of {self._left} bytes (Content-Length) exceeds {limit} bytes")
        data = bytearray()
        async for chunk in self.aiter_raw():
            data += chunk
            if len(data) > limit:
                self._abandon()
                raise BodyTooLarge(f"body exceeds {limit} bytes")
        self.content = bytes(data)
        return self.content

    def _abandon(self) -> None:
        self._done = True
        conn, self._conn = self._conn, None
        if conn is not None:
            self._client._release(self._origin, conn, False)

    async def aclose(self) -> None:
        """Release the connection: a body not read to its end closes it."""
        if not self._done:
            self._abandon()


CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
"""Never sent across origins, whoever set them."""


def _back_to_connected(url: str, new_url: str, headers: dict[str, str]) -> str:
    """NEW_URL, unless it names the Host header we forged: then the same path on the address we
    connected to. The DNS-rebinding probes send `Host: evil.example:PORT` to a loopback server; a
    server that redirects (Starlette's `/mcp` → `/mcp/`) builds its Location from that Host, and in
    the attack that name resolves to the server itself. Following it to the name would look the
    name up and leave the machine, and report no answer (HTTP 0) instead of what the server does."""
    forged = next((str(v) for k, v in headers.items() if k.lower() == "host"), None)
    here, there = urlsplit(url), urlsplit(new_url)
    if forged is None or there.netloc.lower() != forged.lower() or here.netloc.lower() == forged.lower():
        return new_url
    return urlunsplit((here.scheme, here.netloc, there.path, there.query, there.fragment))

# ---- the client ------------------------------------------------------------------------------
class Client:
    """Requests to any origin with keep-alive; HEADERS go on every request (the user's `--header`)."""

    def __init__(self, headers: dict[str, str] | None = None, timeout: float = 10.0, *,
                 max_redirects: int = MAX_REDIRECTS, user_agent: str | None = None,
                 return_redirects: bool = False) -> None:
        from validator.version import __version__

        self.timeout = timeout
        self.max_redirects = max_redirects
        self.return_redirects = return_redirects
        """Hand a redirect back to the caller instead of following it (the authorization-code flow
        follows them itself, to stop at its loopback listener and keep cookies per host)."""
        self._defaults = {"Accept": "*/*", "User-Agent": user_agent or f"agentconform/{__version__}"}
        self._headers = dict(headers or {})
        self.cross_origin_redirects: list[tuple[str, str, str]] = []
        """(method, from URL, to URL) of every redirect that changed the origin (user headers dropped)."""
        self._idle: dict[tuple, list[Wire]] = {}
        self._open: set[Wire] = set()
        self._closed = False

    # connections
    async def _connect(self, origin: tuple) -> Wire:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        tls = ssl_context() if scheme == "https" else None
        try:
            async with asyncio.timeout(self.timeout):
                _transport, wire = await loop.create_connection(
                    lambda: Wire(loop), host, port, ssl=tls, server_hostname=host if tls else None,
                    ssl_handshake_timeout=self.timeout if tls else None)
        except TimeoutError:
            raise ConnectTimeout(f"no connection to {host}:{port} within {self.timeout:.1f}s") from None
        except OSError as err:  # refused, unreachable, DNS, TLS (ssl.SSLError is an OSError)
            raise ConnectError(f"cannot connect to {host}:{port}: {err}") from None
        self._open.add(wire)
        return wire

    def _release(self, origin: tuple, conn: Wire, keep: bool) -> None:
        idle = self._idle.setdefault(origin, [])
        if keep and not self._closed and conn.idle_ok and len(idle) < KEEP_IDLE:
            idle.append(conn)
            return
        conn.close()
        self._open.discard(conn)

    def _reuse(self, origin: tuple) -> Wire | None:
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if conn.idle_ok:
                return conn
            conn.close()
            self._open.discard(conn)
        return None

    # requests
    def _head(self, method: str, target: str, host: str, userinfo: str | None, headers: dict | None,
              content: bytes | None) -> bytes:
        fields = merge_headers({"Host": host}, self._defaults, headers)
        if userinfo and "authorization" not in fields:
            token = base64.b64encode(unquote(userinfo).encode("utf-8")).decode("ascii")
            fields["authorization"] = ("Authorization", f"Basic {token}")
        if content is not None:
            fields["content-length"] = ("Content-Length", str(len(content)))
            fields.pop("transfer-encoding", None)
        lines = [f"{method} {target} HTTP/1.1"]
        for name, value in fields.values():
            value = str(value)
            if not TOKEN.fullmatch(name.encode("latin-1", "replace")) or BAD_FIELD.search(value):
                raise LocalProtocolError(f"invalid header field {name!r}: {value[:60]!r}")
            lines.append(f"{name}: {value}")
        return latin1("\r\n".join(lines) + "\r\n\r\n")

    async def send(self, method: str, url: str, *, headers: dict[str, str] | None = None,
                   content: bytes | None = None) -> Response:
        """Send a request, following redirects; returns at the final response's headers."""
        if self._closed:
            raise HttpError("the client is closed")
        headers = dict(merge_headers(self._headers, headers).values())  # the client's, then the request's
        for _hop in range(self.max_redirects + 1):
            response = await self._send_once(method, url, headers, content)
            location = response.headers.get("location")
            if response.status_code not in REDIRECTS or location is None or self.return_redirects:
                return response
            await self._drain(response)
            new_url = _back_to_connected(url, urljoin(url, location.strip()), headers)
            new_method = method
            if response.status_code == 303 and method != "HEAD":
                new_method = "GET"
            elif response.status_code == 302 and method not in ("HEAD",):
                new_method = "GET"
            elif response.status_code == 301 and method == "POST":
                new_method = "GET"
            old_origin, new_origin = split_url(url)[0], split_url(new_url)[0]
            if old_origin != new_origin:
                # another origin never sees what the user gave us for this one: every --header
                # (X-Api-Key as much as Authorization), cookies and credentials are dropped
                # (https://fetch.spec.whatwg.org/#http-redirect-fetch strips only Authorization;
                # a CLI's custom headers are credentials as often as not)
                if len(self.cross_origin_redirects) < 20:
                    self.cross_origin_redirects.append((method, url, new_url))
                private = {name.lower() for name in self._headers} | CREDENTIAL_HEADERS
                headers = {k: v for k, v in headers.items() if k.lower() not in private and k.lower() != "host"}
            if new_method != method:
                content = None
                headers = {k: v for k, v in headers.items() if k.lower() not in ("content-length", "transfer-encoding")}
            method, url = new_method, new_url
        raise TooManyRedirects(f"more than {self.max_redirects} redirects")

    async def _drain(self, response: Response) -> None:
        """Read a redirect's (small) body so its connection can be reused; drop it otherwise."""
        try:
            await response.read(64 * 1024)
        except HttpError:
            pass
        await response.aclose()

    async def _send_once(self, method: str, url: str, headers: dict, content: bytes | None) -> Response:
        origin, target, host, userinfo = split_url(url)
        head = self._head(method, target, host, userinfo, headers, content)
        payload = head + content if content else head
        conn = self._reuse(origin)
        if conn is not None:
            try:
                return await self._exchange(conn, origin, url, method, payload, reused=True)
            except Stale:
                pass  # the server closed the idle connection as we reused it: nothing was processed
        conn = await self._connect(origin)
        return await self._exchange(conn, origin, url, method, payload, reused=False)

    async def _exchange(self, conn: Wire, origin: tuple, url: str, method: str, payload: bytes, *, reused: bool) -> Response:
        try:
            await conn.write(payload, self.timeout)
            for _interim in range(MAX_INTERIM + 1):
                head = await self._read_head(conn, reused)
                reused = False
                status, reason, version, fields = parse_head(head)
                if 100 <= status < 200 and status != 101:
                    continue  # 100 Continue, 103 Early Hints: the final response follows
                return self._response(conn, origin, url, method, status, reason, version, fields)
            raise RemoteProtocolError(f"more than {MAX_INTERIM} interim (1xx) responses")
        except BaseException:
            conn.close()
            self._open.discard(conn)
            raise

    async def _read_head(self, conn: Wire, reused: bool) -> bytes:
        scanned = 0
        while True:
            found = BLANK_LINE.search(conn.buffer, max(0, scanned - 3))
            if found is not None:
                if found.end() > MAX_HEAD_BYTES:
                    raise RemoteProtocolError(f"response head over {MAX_HEAD_BYTES} bytes")
                head = conn.take(found.end())
                if head[:1] in (b"\r", b"\n"):  # a stray empty line before the status line (RFC 9112 §2.2)
                    stripped = head.lstrip(b"\r\n")
                    if not stripped:
                        scanned = 0
                        continue
                    conn.buffer[:0] = stripped
                    scanned = 0
                    continue
                return head
            scanned = len(conn.buffer)
            if scanned > MAX_HEAD_BYTES:
                raise RemoteProtocolError(f"response head over {MAX_HEAD_BYTES} bytes")
            if conn.eof:
                if not conn.buffer:
                    if reused:
                        raise Stale()
                    raise RemoteProtocolError("the server closed the connection without sending a response")
                raise RemoteProtocolError(f"the server closed the connection inside the response head ({len(conn.buffer)} bytes)")
            await conn.more(self.timeout)

    def _response(self, conn: Wire, origin: tuple, url: str, method: str, status: int, reason: str,
                  version: tuple, fields: list[tuple[str, str]]) -> Response:
        headers: dict[str, str] = {}
        for name, value in fields:
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        tokens = {t.strip().lower() for t in headers.get("connection", "").split(",")}
        keep = version >= (1, 1) and "close" not in tokens
        # https://www.rfc-editor.org/rfc/rfc9112#section-6.3 (message body length)
        length = 0
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            framing = "none"
            keep = keep and status != 101
        elif "transfer-encoding" in headers:
            codings = [c.strip().lower() for c in headers["transfer-encoding"].split(",") if c.strip()]
            framing = "chunked" if codings and codings[-1] == "chunked" else "close"
        elif "content-length" in headers:
            values = {v.strip() for v in headers["content-length"].split(",")}
            if len(values) != 1 or not next(iter(values)).isdigit() or not next(iter(values)).isascii():
                raise RemoteProtocolError(f"invalid Content-Length {headers['content-length'][:40]!r}")
            length = int(values.pop())
            framing = "length" if length else "none"
        else:
            framing = "close"
        if framing == "close":
            keep = False
        return Response(self, conn, origin, url, status, reason, headers, framing, length, keep)

    async def request(self, method: str, url: str, *, headers: dict[str, str] | None = None,
                      content: bytes | None = None, limit: int) -> Response:
        """Send and read the whole body (into `response.content`, at most LIMIT bytes)."""
        response = await self.send(method, url, headers=headers, content=content)
        try:
            await response.read(limit)
        finally:
            await response.aclose()
        return response

    async def aclose(self) -> None:
        self._closed = True
        for conn in list(self._open):
            conn.close()
        self._open.clear()
        self._idle.clear()
