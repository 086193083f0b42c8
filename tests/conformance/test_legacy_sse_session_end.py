"""A POST refused because the server ended the session (its SSE stream closed) is not a refused POST.

Python mcp 1.x servers (under fastmcp 2/3, fastapi-mcp, Gradio) sometimes drop the session on a
cancelled request; the POST that follows gets 404 "Could not find session" while the stream's end
is still on its way. `sse-post-accepted` judges POSTs on a live session only; a server that 404s
while its stream stays open is still counted.
"""

from __future__ import annotations

import asyncio

from validator.conformance.transport.base import Target
from validator.conformance.transport.legacy_sse import SseChannel
from validator.conformance.transport.process import Budget

PING = b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}'


async def _serve(close_stream_on_post: bool):
    """A legacy SSE server whose POST endpoint answers 404; it closes the stream first when asked."""
    streams: list[asyncio.StreamWriter] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        request_line = head.split(b"\r\n", 1)[0].decode()
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.decode().partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length:
            await reader.readexactly(length)
        if request_line.startswith("GET"):
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
                         b"event: endpoint\ndata: /messages?session_id=1\n\n")
            await writer.drain()
            streams.append(writer)
            return  # the stream stays open until closed below
        if close_stream_on_post:
            for stream in streams:
                stream.close()  # the session ends (its stream closes) as the POST is answered
        writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n\r\n"
                     b"Could not find session\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], streams


async def _posts_recorded(close_stream_on_post: bool) -> int:
    server, port, streams = await _serve(close_stream_on_post)
    channel = SseChannel(Target(url=f"http://127.0.0.1:{port}/sse", transport="sse"), timeout=5.0, budget=Budget(20.0))
    try:
        await channel.start()
        reply = await channel.post(PING)
        assert reply.status == 404
        return len(channel.posts)
    finally:
        await channel.close()
        for stream in streams:
            stream.close()
        server.close()
        await server.wait_closed()


def test_a_404_as_the_session_ends_is_not_a_refused_post():
    assert asyncio.run(_posts_recorded(close_stream_on_post=True)) == 0


def test_a_404_on_a_live_session_is_a_refused_post():
    assert asyncio.run(_posts_recorded(close_stream_on_post=False)) == 1
