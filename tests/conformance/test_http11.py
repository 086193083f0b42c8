"""The conformance suite's HTTP/1.1 client against a scripted asyncio server: framing
(Content-Length, chunked, close-delimited), keep-alive and the pool, redirects, streaming,
explicit Host/Origin, and hostile answers (oversize, hangs, cut or invalid bodies)."""

from __future__ import annotations

import asyncio
import time

import pytest

from validator.conformance.transport import http11
from validator.conformance.transport.http11 import Client


class Scripted:
    """A raw HTTP server: RESPOND(request) returns the bytes to write (or an async callable
    taking the writer); requests are recorded as (method, target, headers dict, body)."""

    def __init__(self, respond) -> None:
        self.respond = respond
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.connections = 0
        self.server = None

    async def __aenter__(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    async def __aexit__(self, *exc):
        self.server.close()
        if hasattr(self.server, "close_clients"):
            self.server.close_clients()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ")
                headers = {}
                for line in lines[1:]:
                    if line:
                        name, _, value = line.partition(":")
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                request = (method, target, headers, body)
                self.requests.append(request)
                answer = self.respond(request)
                if callable(answer):
                    if await answer(writer) == "close":
                        break
                else:
                    writer.write(answer)
                    await writer.drain()
                if headers.get("connection") == "close":
                    break
        except ConnectionError:
            pass
        finally:
            writer.close()


def ok(body: bytes = b"{}", ctype: str = "application/json", extra: str = "") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}\r\n").encode() + body


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 20))


def test_content_length_and_keep_alive():
    async def main():
        async with Scripted(lambda r: ok(b'{"a":1}')) as srv:
            client = Client(timeout=2)
            for _ in range(3):
                response = await client.request("POST", srv.url + "/mcp", content=b"{}", limit=1000)
                assert response.status_code == 200 and response.content == b'{"a":1}'
                assert response.headers["content-type"] == "application/json"
            await client.aclose()
            return srv

    srv = run(main())
    assert srv.connections == 1, "sequential requests reuse one kept-alive connection"
    method, target, headers, body = srv.requests[0]
    assert (method, target, body) == ("POST", "/mcp", b"{}")
    assert headers["content-length"] == "2" and headers["host"] == srv.url.split("//")[1]


def test_chunked_with_extensions_and_trailers():
    raw = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
           b"4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: yes\r\n\r\n")

    async def main():
        async with Scripted(lambda r: raw) as srv:
            client = Client(timeout=2)
            first = await client.request("GET", srv.url, limit=100)
            second = await client.request("GET", srv.url, limit=100)
            await client.aclose()
            return srv, first, second

    srv, first, second = run(main())
    assert first.content == second.content == b'{"a":1}'
    assert srv.connections == 1


def test_close_delimited_body():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello ")
        await writer.drain()
        await asyncio.sleep(0.05)
        writer.write(b"world")
        return "close"

    async def main():
        async with Scripted(lambda r: respond) as srv:
            client = Client(timeout=2)
            one = await client.request("GET", srv.url, limit=100)
            two = await client.request("GET", srv.url, limit=100)
            await client.aclose()
            return srv, one, two

    srv, one, two = run(main())
    assert one.content == two.content == b"hello world"
    assert srv.connections == 2, "a close-delimited body cannot leave its connection reusable"


def test_concurrent_requests_open_several_connections_then_reuse_them():
    async def respond(writer):
        await asyncio.sleep(0.1)
        writer.write(ok())

    async def main():
        async with Scripted(lambda r: respond) as srv:
            client = Client(timeout=2)
            replies = await asyncio.gather(*(client.request("POST", srv.url, content=b"{}", limit=100) for _ in range(4)))
            again = await asyncio.gather(*(client.request("POST", srv.url, content=b"{}", limit=100) for _ in range(4)))
            await client.aclose()
            return srv, replies + again

    srv, replies = run(main())
    assert all(r.status_code == 200 for r in replies)
    assert srv.connections == 4


def test_redirects_keep_or_change_the_method():
    def respond(request):
        method, target, headers, body = request
        if target == "/307":
            return b"HTTP/1.1 307 Temporary Redirect\r\nLocation: /final\r\nContent-Length: 3\r\n\r\nabc"
        if target == "/303":
            return b"HTTP/1.1 303 See Other\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n"
        if target == "/loop":
            return b"HTTP/1.1 308 Permanent Redirect\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n"
        return ok(f"{method} {body.decode()}".encode(), "text/plain")

    async def main():
        async with Scripted(respond) as srv:
            client = Client(timeout=2)
            kept = await client.request("POST", srv.url + "/307", content=b"payload", limit=100)
            changed = await client.request("POST", srv.url + "/303", content=b"payload", limit=100)
            with pytest.raises(http11.TooManyRedirects):
                await client.request("GET", srv.url + "/loop", limit=100)
            await client.aclose()
            return kept, changed

    kept, changed = run(main())
    assert kept.content == b"POST payload"
    assert changed.content == b"GET "


def test_cross_origin_redirect_drops_authorization():
    async def main():
        async with Scripted(lambda r: ok(r[2].get("authorization", "none").encode(), "text/plain")) as final:
            async with Scripted(lambda r: f"HTTP/1.1 307 X\r\nLocation: {final.url}/x\r\nContent-Length: 0\r\n\r\n".encode()) as first:
                client = Client({"Authorization": "Bearer secret"}, timeout=2)
                response = await client.request("GET", first.url, limit=100)
                await client.aclose()
                return response, first, final

    response, first, final = run(main())
    assert first.requests[0][2]["authorization"] == "Bearer secret"
    assert response.content == b"none"
    assert final.requests[0][2]["host"] == final.url.split("//")[1]


def test_host_and_origin_are_sent_as_given_and_headers_merge_case_insensitively():
    async def main():
        async with Scripted(lambda r: ok()) as srv:
            client = Client({"X-User": "a", "accept": "text/plain"}, timeout=2)
            await client.request("POST", srv.url, content=b"{}", limit=100,
                                 headers={"Host": "evil.example:1", "Origin": "http://evil.example", "x-user": "b"})
            with pytest.raises(http11.LocalProtocolError):
                await client.request("GET", srv.url, headers={"X-Bad": "a\r\nInjected: 1"}, limit=100)
            await client.aclose()
            return srv

    srv = run(main())
    headers = srv.requests[0][2]
    assert headers["host"] == "evil.example:1" and headers["origin"] == "http://evil.example"
    assert headers["x-user"] == "b" and headers["accept"] == "text/plain"
    assert len(srv.requests) == 1


def test_response_headers_are_case_insensitive_and_repeated_fields_joined():
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-A: 1\r\nx-a: 2\r\nMcp-Session-Id: abc\r\nContent-Length: 0\r\n\r\n"

    async def main():
        async with Scripted(lambda r: raw) as srv:
            client = Client(timeout=2)
            response = await client.request("GET", srv.url, limit=100)
            await client.aclose()
            return response

    response = run(main())
    assert response.headers["x-a"] == "1, 2"
    assert response.headers["mcp-session-id"] == "abc"
    assert response.content == b""


def test_sse_body_streams_as_it_arrives():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
        writer.write(b"10\r\nid: 1\ndata: {}\n\n\r\n")
        await writer.drain()
        await asyncio.sleep(0.5)
        writer.write(b"0\r\n\r\n")

    async def main():
        async with Scripted(lambda r: respond) as srv:
            client = Client(timeout=2)
            response = await client.send("GET", srv.url)
            start = time.monotonic()
            chunks = response.aiter_raw()
            first = await chunks.__anext__()
            took = time.monotonic() - start
            rest = [c async for c in chunks]
            await response.aclose()
            await client.aclose()
            return first, took, rest

    first, took, rest = run(main())
    assert first == b"id: 1\ndata: {}\n\n"
    assert took < 0.4, "the first event is delivered before the stream ends"
    assert rest == []


def test_interim_responses_are_skipped():
    raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n" + ok(b"done", "text/plain")

    async def main():
        async with Scripted(lambda r: raw) as srv:
            client = Client(timeout=2)
            response = await client.request("GET", srv.url, limit=100)
            await client.aclose()
            return response

    response = run(main())
    assert response.status_code == 200 and response.content == b"done"


def test_a_stale_kept_alive_connection_is_replaced():
    async def respond(writer):
        writer.write(ok())  # claims keep-alive, then closes the idle connection
        return "close"

    async def main():
        async with Scripted(lambda r: respond) as srv:
            client = Client(timeout=2)
            await client.request("GET", srv.url, limit=100)
            await asyncio.sleep(0.05)
            second = await client.request("POST", srv.url, content=b"{}", limit=100)
            await client.aclose()
            return srv, second

    srv, second = run(main())
    assert second.status_code == 200
    assert srv.connections == 2 and len(srv.requests) == 2


# ---- hostile servers: bounded, never a hang ------------------------------------------------------------
def _fails(respond, error, *, timeout=0.5, limit=1000, method="GET"):
    async def main():
        async with Scripted(lambda r: respond) as srv:
            client = Client(timeout=timeout)
            start = time.monotonic()
            with pytest.raises(error) as raised:
                await client.request(method, srv.url, limit=limit)
            await client.aclose()
            return time.monotonic() - start, raised.value

    return run(main())


def test_a_server_that_never_answers_times_out():
    async def respond(writer):
        await asyncio.sleep(30)

    took, err = _fails(respond, http11.ReadTimeout)
    assert took < 2


def test_a_body_that_stalls_times_out():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
        await asyncio.sleep(30)

    took, _ = _fails(respond, http11.ReadTimeout)
    assert took < 2


def test_a_flood_is_cut_at_the_limit():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        for _ in range(10000):
            writer.write(b"x" * 65536)
            await writer.drain()

    took, _ = _fails(respond, http11.BodyTooLarge, limit=1_000_000, timeout=5)
    assert took < 5


def test_a_declared_oversize_body_is_refused_unread():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n")
        await asyncio.sleep(30)

    took, _ = _fails(respond, http11.BodyTooLarge)
    assert took < 1


def test_huge_headers_are_refused():
    async def respond(writer):
        writer.write(b"HTTP/1.1 200 OK\r\n")
        for i in range(10000):
            writer.write(f"X-Flood-{i}: {'y' * 100}\r\n".encode())
            await writer.drain()
        await asyncio.sleep(30)

    took, err = _fails(respond, http11.RemoteProtocolError, timeout=5)
    assert "head over" in str(err) and took < 5


@pytest.mark.parametrize("raw,words", [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "not sent"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "invalid chunk-size"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n", "longer than its chunk-size"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "inside a chunk"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"f" * 5000, "longer than"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd", "invalid Content-Length"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
    (b"ICY 200 OK\r\n\r\n", "invalid HTTP status line"),
    (b"HTTP/1.1 200 OK\r\nBad Header Line\r\n\r\n", "invalid header line"),
    (b"HTTP/1.1 200 OK\r\nContent-Le", "inside the response head"),
    (b"", "without sending a response"),
])
def test_broken_framing_is_a_protocol_error(raw, words):
    async def respond(writer):
        writer.write(raw)
        return "close"

    _took, err = _fails(respond, http11.RemoteProtocolError)
    assert words in str(err), str(err)


def test_connection_refused_is_a_connect_error():
    async def main():
        client = Client(timeout=2)
        with pytest.raises(http11.ConnectError) as raised:
            await client.request("GET", "http://127.0.0.1:9/mcp", limit=10)
        await client.aclose()
        return raised.value

    assert "127.0.0.1:9" in str(run(main()))


def test_unsupported_scheme():
    async def main():
        client = Client(timeout=2)
        with pytest.raises(http11.UnsupportedProtocol):
            await client.request("GET", "ftp://127.0.0.1/x", limit=10)

    run(main())


# ---- the whole suite against hostile HTTP servers --------------------------------------------------------
class Threaded:
    """A Scripted server on its own event loop in a thread (the suite runs its own loop)."""

    def __init__(self, respond) -> None:
        import threading

        self.scripted = Scripted(respond)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.scripted.__aenter__(), self.loop).result(5)
        return self.scripted.url + "/mcp"

    def __exit__(self, *exc):
        async def shutdown():
            await self.scripted.__aexit__()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def _hang(writer):
    return asyncio.sleep(30)


async def _flood(writer):
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
    for _ in range(2000):
        writer.write(b"data: " + b"x" * 65530 + b"\n")
        await writer.drain()


async def _huge_headers(writer):
    writer.write(b"HTTP/1.1 200 OK\r\n" + b"X-Flood: " + b"y" * 200_000 + b"\r\n\r\n")
    await writer.drain()
    await asyncio.sleep(30)


def _raw(data):
    async def respond(writer):
        writer.write(data)
        return "close"
    return respond


@pytest.mark.parametrize("name,respond", [
    ("hang", _hang),
    ("flood", _flood),
    ("huge headers", _huge_headers),
    ("truncated body", _raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"jsonrpc\"")),
    ("invalid chunking", _raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n")),
    ("not HTTP", _raw(b"SSH-2.0-OpenSSH\r\n\r\n")),
])
def test_hostile_http_servers_end_the_run_with_a_reason(name, respond):
    from . import refserver

    with Threaded(lambda r: respond) as url:
        start = time.monotonic()
        report = refserver.run(url=url, spec_version="2025-11-25", timeout=1.5, budget=20)
        took = time.monotonic() - start
    assert report.exit_code() == 2, (name, report.fatal)
    assert report.fatal and url in report.fatal
    assert not report.harness_errors
    assert took < 15, f"{name} took {took:.1f}s"
