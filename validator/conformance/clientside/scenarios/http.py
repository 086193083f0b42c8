"""Streamable HTTP from the client's side: Accept, the session id echoed, MCP-Protocol-Version,
session termination, and the official SSE retry scenario (retry respected, Last-Event-ID sent).
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
"""

from __future__ import annotations

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS, not_called, trigger_tool
from validator.conformance.protocol.revisions import HEADER_VERSION_FROM, revisions, since
from validator.conformance.suite.checks import S25, Check

T = f"{S25}/basic/transports"
HTTP = ("streamable-http",)
R = revisions("L")
ACCEPT = Check("client-accept-header", "http-headers", "HTTP-005", "MUST", R, f"{T}#sending-messages-to-the-server",
               "every POST's Accept lists application/json and text/event-stream; a GET's lists text/event-stream",
               transports=HTTP)
SESSION = Check("client-session-id-echoed", "http-headers", "CLI-030", "MUST", R, f"{T}#session-management",
                "every request after initialize carries the Mcp-Session-Id the server assigned", transports=HTTP)
VERSION = Check("client-protocol-version-header", "http-headers", "CLI-031", "MUST", revisions("25b+")[:2],
                f"{T}#protocol-version-header", "every request after initialize carries MCP-Protocol-Version: the negotiated revision",
                transports=HTTP)
DELETE = Check("client-session-delete", "http-headers", "HTTP-013", "SHOULD", R, f"{T}#session-management",
               "a client done with its session sends DELETE with the session id", transports=HTTP)

RETRY_MS = 500
C = revisions("25c")
RECONNECT = Check("client-sse-graceful-reconnect", "sse-retry", "CLI-032", "SHOULD", C, f"{T}#sending-messages-to-the-server",
                  "after the server closes an SSE stream that sent an event id, the client reconnects with GET",
                  transports=HTTP)
TIMING = Check("client-sse-retry-timing", "sse-retry", "CLI-033", "MUST", C, f"{T}#sending-messages-to-the-server",
               f"the reconnection waits the retry field's {RETRY_MS} ms", transports=HTTP)
LAST_ID = Check("client-sse-last-event-id", "sse-retry", "CLI-034", "SHOULD", C, f"{T}#resumability-and-redelivery",
                "the reconnection carries Last-Event-ID: the last event id received", transports=HTTP)


def _lists(value: str, *types: str) -> bool:
    listed = {part.split(";")[0].strip().lower() for part in value.split(",")}
    return all(t in listed for t in types)


def judge_headers(traffic, v) -> None:
    exchanges = traffic.http()
    posts = [e for e in exchanges if e["http"] == "POST"]
    if not posts:
        for check in (ACCEPT, SESSION, VERSION, DELETE):
            v.violated(check, "the client sent no HTTP request")
        return
    bad_accept = [f"{e['http']} Accept: {e['headers'].get('accept')!r}" for e in exchanges
                  if (e["http"] == "POST" and not _lists(e["headers"].get("accept", ""), "application/json", "text/event-stream"))
                  or (e["http"] == "GET" and not _lists(e["headers"].get("accept", ""), "text/event-stream"))]
    v.verdict(ACCEPT, not bad_accept, f"Accept correct on {len(exchanges)} request(s)", "; ".join(sorted(set(bad_accept))[:3]))
    first = exchanges.index(next((e for e in posts if _initialize(e)), posts[0]))
    # every initialize opens a session of its own (a client may open several): a later request must
    # carry one of the ids assigned, and every request but initialize the negotiated version
    later = [e for e in exchanges[first + 1:] if not _initialize(e)]
    missing = [_name(e) for e in later if e["headers"].get("mcp-session-id") not in traffic.sessions]
    v.verdict(SESSION, not missing, f"Mcp-Session-Id echoed on {len(later)} request(s)",
              f"no or another Mcp-Session-Id on {', '.join(missing[:4])}")
    if not since(traffic.revision, HEADER_VERSION_FROM):
        v.skipped(VERSION, f"{traffic.revision} has no MCP-Protocol-Version header")
    else:
        wrong = [f"{_name(e)} ({e['headers'].get('mcp-protocol-version')!r})" for e in later
                 if e["headers"].get("mcp-protocol-version") != traffic.revision]
        v.verdict(VERSION, not wrong, f"MCP-Protocol-Version: {traffic.revision} on every later request",
                  f"missing or not {traffic.revision} on {', '.join(wrong[:4])}")
    deletes = [e for e in later if e["http"] == "DELETE"]
    v.verdict(DELETE, bool(deletes), "the session was ended with DELETE", "no DELETE ended the session")


def _initialize(event: dict) -> bool:
    return isinstance(event.get("msg"), dict) and event["msg"].get("method") == "initialize"


def _name(event: dict) -> str:
    msg = event.get("msg")
    return f"{event['http']} {msg.get('method', 'response')}" if isinstance(msg, dict) else event["http"]


def judge_retry(traffic, v) -> None:
    if not_called(traffic, v, "test_reconnection", (RECONNECT, TIMING, LAST_ID)):
        return
    closed = next((e for e in traffic.events if e.get("sse") == "closed"), None)
    priming = next((e for e in traffic.events if e.get("sse") == "priming"), None)
    if closed is None or priming is None:
        for check in (RECONNECT, TIMING, LAST_ID):
            v.skipped(check, "the stream was not primed and closed")
        return
    gets = [e for e in traffic.http("GET") if e["t"] >= closed["t"]]
    if not gets:
        v.violated(RECONNECT, "no GET reconnection after the stream closed (a graceful close is reconnectable)")
        v.skipped(TIMING, "no reconnection")
        v.skipped(LAST_ID, "no reconnection")
        return
    v.passed(RECONNECT, f"reconnected with GET {len(gets)} time(s)")
    delay = (gets[0]["t"] - closed["t"]) * 1000
    if delay < RETRY_MS - 50:  # 50 ms for the scheduler, as the official scenario allows
        v.violated(TIMING, f"reconnected after {delay:.0f} ms, before the retry field's {RETRY_MS} ms")
    elif delay > 2 * RETRY_MS + 1000:
        v.warned(TIMING, f"reconnected after {delay:.0f} ms: the retry field's {RETRY_MS} ms looks ignored")
    else:
        v.passed(TIMING, f"reconnected after {delay:.0f} ms (retry {RETRY_MS} ms)")
    sent = gets[0]["headers"].get("last-event-id")
    v.verdict(LAST_ID, sent == priming.get("event_id"), f"Last-Event-ID: {sent}",
              f"Last-Event-ID {sent!r}, not the last event id received ({priming.get('event_id')!r})")


SCENARIOS = [
    ClientScenario("http-headers", "Streamable HTTP headers: Accept, Mcp-Session-Id, MCP-Protocol-Version, DELETE",
                   (ACCEPT, SESSION, VERSION, DELETE), Script(capabilities={"tools": {}}, tool_pages=((ADD_NUMBERS,),)),
                   judge_headers, transports=HTTP),
    ClientScenario("sse-retry", "the tools/call stream closes after a priming event with retry; the result comes on the GET",
                   (RECONNECT, TIMING, LAST_ID),
                   Script(capabilities={"tools": {}}, tool_pages=((trigger_tool("test_reconnection", "closes its stream"),),),
                          sse_retry_ms=RETRY_MS), judge_retry, C, HTTP, official=True),
]
