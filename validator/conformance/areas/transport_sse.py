"""Legacy HTTP+SSE transport (HTTP-024, HTTP-002, BASE-002): the endpoint event, POSTs, Origin,
and each connection's answers kept to its own stream.

The 2024-11-05 transport: the client GETs an event stream whose first event,
`endpoint`, names the URI to POST messages to; answers come back as `message`
events. Later revisions deprecate it, but servers still offer it to old clients.
https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
"""

from __future__ import annotations

import asyncio

from validator.conformance.areas.transport_http import EVIL, is_loopback
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S24, Check, Scenario

SSE = ("sse",)
L = revisions("L")
T = f"{S24}/basic/transports#http-with-sse"
SC = "sse-transport"

ENDPOINT = Check("sse-endpoint-event", SC, "HTTP-024", "MUST", L, T,
                 "the SSE stream's first event is `endpoint`, naming the POST URI", SSE)
POST_ACCEPTED = Check("sse-post-accepted", SC, "HTTP-024", "MUST", L, T,
                      "messages POSTed to the endpoint are accepted (2xx) and answered on the stream", SSE)
ORIGIN = Check("sse-origin-rejected", SC, "HTTP-002", "MUST", L, T,
               "a stream request from a foreign Origin is rejected with a 4xx", SSE)

ISOLATED = Check("sse-responses-on-own-stream", "sse-isolation", "BASE-002", "MUST", L,
                 "https://www.jsonrpc.org/specification#response_object",
                 "a response reaches only the stream of the connection whose request it answers, never another "
                 "client's stream", SSE)


async def run_sse(ctx) -> None:
    channel = ctx.session.channel
    first = channel.events[0] if channel.events else None
    ctx.verdict(ENDPOINT, first is not None and first.event == "endpoint" and bool(first.data.strip()),
                f"endpoint event: {channel.endpoint}",
                f"the first event is {first.event!r}, not `endpoint`" if first else "no event at all")
    bad = [f"HTTP {r.status}" for r in channel.posts if not 200 <= r.status < 300]
    answered = sum(1 for r in ctx.session.replies)
    ctx.verdict(POST_ACCEPTED, not bad and answered > 0, f"{len(channel.posts)} POST(s) accepted, {answered} answered on the stream",
                f"{len(bad)} POST(s) refused ({', '.join(bad[:3])})" if bad else "no request was answered on the stream")
    from validator.conformance.transport.http11 import HttpError
    from validator.conformance.transport.streamable_http import make_client

    client = make_client(ctx.state.target, ctx.timeout)
    try:
        async with asyncio.timeout(ctx.budget.bound(ctx.timeout)):
            response = await client.send("GET", ctx.state.target.url,
                                         headers={"Accept": "text/event-stream", "Origin": f"http://{EVIL}"})
        status = response.status_code
    except (HttpError, TimeoutError) as err:  # a refused connection is a rejection too
        ctx.passed(ORIGIN, f"a stream request from Origin http://{EVIL} was refused ({type(err).__name__})")
        return
    finally:
        await client.aclose()
    if 400 <= status < 500:
        ctx.passed(ORIGIN, f"Origin http://{EVIL} rejected with {status}")
    elif is_loopback(ctx.state.target.url):
        ctx.violated(ORIGIN, f"a stream request from Origin http://{EVIL} was accepted (HTTP {status}) by a localhost server")
    else:
        ctx.warned(ORIGIN, f"a stream request from Origin http://{EVIL} was accepted (HTTP {status}); which origins are valid is server policy")


async def run_isolation(ctx) -> None:
    """Two connections of their own, a ping on each in turn: a server that writes every answer to
    every open stream (supergateway's SSE gateway does) hands the second connection the first's
    answer before its own. Request ids are unique across the run (`RequestIds`), so such an answer
    is told from the connection's own, and every connection of the run is read, not only these two.
    A client numbering its requests from 1, as clients do, would take another client's answer for
    its own: JSON-RPC pairs each response with the request of the same connection."""
    from validator.conformance.protocol.session import RequestFailed
    from validator.conformance.transport.base import TransportError

    try:
        first = await ctx.open_session()
        second = await ctx.open_session()
        for session in (first, second, first):
            await session.request("ping", scenario=ctx.scenario.name)
    except (RequestFailed, TransportError) as err:
        ctx.skipped(ISOLATED, f"two connections could not each complete a ping: {err}")
        return
    foreign = [i for s in ctx.state.sessions for i in s.inbound if i.kind == "foreign-response"]
    example = foreign[0].message if foreign else {}
    ctx.verdict(ISOLATED, not foreign, "two connections open at once: each stream carried only its own answers",
                f"{len(foreign)} response(s) to another connection's requests arrived on a stream (the first: "
                f"id {example.get('id')!r}); a client numbering its requests as that connection did takes them "
                "for its own answers")


SCENARIOS = [
    Scenario(SC, "The HTTP+SSE endpoint event, POSTs and Origin validation", (ENDPOINT, POST_ACCEPTED, ORIGIN), run_sse,
             phase="collect", transports=SSE, revisions=L),
    Scenario("sse-isolation", "Each HTTP+SSE connection receives only the answers to its own requests", (ISOLATED,),
             run_isolation, phase="isolated", transports=SSE, revisions=L),
]
