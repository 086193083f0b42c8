"""The legacy HTTP+SSE channel (2024-11-05): a GET event stream plus a POST endpoint.

Owns opening the stream, waiting for the `endpoint` event that names the URI to
POST to (resolved against the stream URL), and routing every `message` event to
the session; POSTs carry the messages and answer 202 (or another 2xx).
https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urljoin, urlsplit

from validator.conformance.transport import base
from validator.conformance.transport.base import Channel, Target, TransportError, parse_frame
from validator.conformance.transport.http11 import HttpError
from validator.conformance.transport.sse import Event, SSEParser
from validator.conformance.transport.streamable_http import HttpReply, make_client


class SseChannel(Channel):
    transport = "sse"

    def __init__(self, target: Target, *, timeout: float, budget) -> None:
        super().__init__()
        if not target.url:
            raise TransportError("HTTP+SSE needs a URL")
        self.target = target
        self.url = target.url
        self.timeout = timeout
        self.budget = budget
        self.client = None
        self.endpoint: str | None = None
        self.foreign_endpoint: str | None = None
        """An `endpoint` event naming another origin than the stream's: never POSTed to."""
        self.endpoint_event: Event | None = None
        self.stream_status: int | None = None
        self.stream_content_type: str | None = None
        self.events: list[Event] = []
        self.posts: list[HttpReply] = []  # replies to POSTs of one well-formed message each
        self._end_wait_left = 3.0
        """Seconds left for waiting, after a 404, to see whether the stream ended with the session."""
        self._endpoint_seen = asyncio.Event()
        self._reader: asyncio.Task | None = None
        self._response = None

    async def start(self) -> None:
        self.client = make_client(self.target, self.timeout)
        wait = self.budget.bound(self.timeout)
        try:
            async with asyncio.timeout(wait):
                self._response = await self.client.send("GET", self.url, headers={"Accept": "text/event-stream"})
        except TimeoutError:
            raise TransportError(f"the SSE stream did not answer within {wait:.1f}s") from None
        except HttpError as err:
            raise TransportError(f"cannot open the SSE stream: {type(err).__name__}: {err}") from None
        self.stream_status = self._response.status_code
        self.stream_content_type = self._response.headers.get("content-type", "")
        if self.stream_status != 200 or "text/event-stream" not in self.stream_content_type.lower():
            await self._response.aclose()
            raise TransportError(f"GET answered HTTP {self.stream_status} {self.stream_content_type or ''}, not an SSE stream".rstrip())
        self._reader = asyncio.get_running_loop().create_task(self._read())
        try:
            await asyncio.wait_for(self._endpoint_seen.wait(), self.budget.bound(self.timeout))
        except TimeoutError:
            raise TransportError("the SSE stream sent no `endpoint` event") from None
        if self.foreign_endpoint is not None:
            raise TransportError(f"sse-endpoint-event (HTTP-024) fails: the `endpoint` event names another origin "
                                 f"({_origin(self.foreign_endpoint)}) than the SSE stream's ({_origin(self.url)}); "
                                 "refused to POST there (it would receive every --header)")
        if self.endpoint is None:
            raise TransportError(self.closed_reason or "the SSE stream closed before an `endpoint` event")

    async def _read(self) -> None:
        parser = SSEParser(base.MAX_MESSAGE_BYTES)
        try:
            async for chunk in self._response.aiter_raw():
                for event in parser.feed(chunk):
                    if len(self.events) < 1000:
                        self.events.append(event)
                    if event.event == "endpoint" and self.endpoint is None and self.foreign_endpoint is None:
                        self.endpoint_event = event
                        endpoint = urljoin(self.url, event.data.strip())
                        if _origin(endpoint) != _origin(self.url):
                            # the POST endpoint is the same server's second endpoint (2024-11-05
                            # transports, HTTP with SSE); POSTing elsewhere would hand another
                            # origin every --header: refused
                            # https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
                            self.foreign_endpoint = endpoint
                        else:
                            self.endpoint = endpoint
                        self._endpoint_seen.set()
                    elif event.event == "message" and event.raw_data.strip():
                        self.deliver(parse_frame(event.raw_data, "sse-stream"))
            self.closed_reason = "the server closed the SSE stream"
        except asyncio.CancelledError:
            self.closed_reason = self.closed_reason or "closed by the harness"
            raise
        except Exception as err:  # noqa: BLE001 - a broken stream ends the conversation, reported
            self.closed_reason = f"SSE stream broke: {type(err).__name__}: {err}"
        finally:
            self._endpoint_seen.set()
            from validator.conformance.transport.base import Frame

            self.on_message(Frame("sse-stream", b"", error="eof", validate=False))

    async def send(self, payload: bytes, *, context: dict | None = None) -> HttpReply:
        return await self.post(payload)

    async def post(self, payload: bytes, *, headers: dict[str, str] | None = None) -> HttpReply:
        if self.endpoint is None or self.client is None:
            raise TransportError("no POST endpoint")
        if not self.alive:
            raise TransportError(self.closed_reason or "stream closed")
        merged = {"Content-Type": "application/json"}
        merged.update(headers or {})
        wait = self.budget.bound(self.timeout)
        try:
            async with asyncio.timeout(wait):
                response = await self.client.request("POST", self.endpoint, content=payload, headers=merged,
                                                     limit=base.MAX_MESSAGE_BYTES)
        except TimeoutError:
            raise TransportError(f"POST not answered within {wait:.1f}s") from None
        except HttpError as err:
            raise TransportError(f"POST failed: {type(err).__name__}: {err}") from None
        reply = HttpReply(response.status_code, response.headers, response.headers.get("content-type", ""),
                          body=response.content[:65536])
        reply.done.set()
        if reply.status == 404 and await self._stream_ended_soon():
            # the server ended the session (its stream closed) as this POST went out: its "no such
            # session" is the end of the conversation, which the request that lost its answer reports,
            # not a POST refused on a live session (sse-post-accepted)
            return reply
        if len(self.posts) < 500 and _one_message(payload):
            self.posts.append(reply)
        return reply

    async def _stream_ended_soon(self) -> bool:
        """Whether the SSE stream has ended, or ends within a moment (its end may reach us after a 404)."""
        if self._reader is None or self._reader.done():
            return True
        wait = self.budget.bound(min(1.0, self._end_wait_left))  # a server refusing every POST costs 3 s at most
        if wait <= 0:
            return False
        started = asyncio.get_running_loop().time()
        done, _ = await asyncio.wait({self._reader}, timeout=wait)
        self._end_wait_left -= asyncio.get_running_loop().time() - started
        return bool(done)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            try:
                await asyncio.wait_for(self._reader, 2.0)
            except BaseException:  # noqa: BLE001 - never raise from close
                pass
        if self._response is not None:
            await self._response.aclose()
        if self.client is not None:
            await self.client.aclose()
        self.closed_reason = self.closed_reason or "closed by the harness"

    def diagnostics(self) -> dict:
        return {"url": self.url, "endpoint": self.endpoint}


async def probe_sse(target: Target, *, timeout: float, budget) -> tuple[bool, str]:
    channel = SseChannel(target, timeout=timeout, budget=budget)
    try:
        await channel.start()
        return True, f"SSE stream with endpoint {channel.endpoint}"
    except TransportError as err:
        return False, str(err)
    finally:
        await channel.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:  # a port that is no number: compared as written
        port = parts.netloc.rpartition(":")[2]
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def _one_message(payload: bytes) -> bool:
    """Whether PAYLOAD is one JSON-RPC request or notification: what the endpoint must accept
    (HTTP-024). The negative probes (unparseable JSON, a request without a method, batches)
    may fairly be refused with a 400; their answer is judged by the jsonrpc-* checks."""
    try:
        message = json.loads(payload)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("jsonrpc") == "2.0" and isinstance(message.get("method"), str)
