"""The channel factory: which channel a target gets, and `auto` detection for URLs.

Owns `open_channel`: stdio for a command; for a URL Streamable HTTP, or the legacy
HTTP+SSE transport (2024-11-05), or `auto`: Streamable HTTP first, then SSE (the
fallback order the 2025-03-26 backwards-compatibility section gives clients).
https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility
It sits above the three channels it imports; they import only `transport.base`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from validator.conformance.transport.base import Channel, Target, TransportError
from validator.conformance.transport.legacy_sse import SseChannel, probe_sse
from validator.conformance.transport.stdio import StdioChannel
from validator.conformance.transport.streamable_http import StreamableHttpChannel, probe_streamable


async def open_channel(target: Target, *, timeout: float, budget) -> Channel:
    """Open and start a channel for TARGET, resolving `auto` for URLs by probing."""
    transport = resolve_transport(target)
    if transport == "stdio":
        channel: Channel = StdioChannel(target, budget=budget)
    elif transport == "streamable-http":
        channel = StreamableHttpChannel(target, timeout=timeout, budget=budget)
    elif transport == "sse":
        channel = SseChannel(target, timeout=timeout, budget=budget)
    else:
        raise TransportError(f"unknown transport {transport!r}")
    try:
        await channel.start()
    except BaseException:
        await channel.close()
        raise
    return channel


def resolve_transport(target: Target) -> str:
    """`auto` → stdio for a command; URLs stay `auto` until `detect_http_transport`."""
    if target.transport != "auto":
        return target.transport
    if target.command:
        return "stdio"
    raise TransportError("internal: URL transport must be detected first")


async def detect_http_transport(target: Target, *, timeout: float, budget) -> tuple[str, str]:
    """For `--transport auto` with a URL: Streamable HTTP if an initialize POST gets a
    JSON-RPC answer, else the legacy HTTP+SSE transport if a GET opens an SSE stream
    with an `endpoint` event. Returns (transport, reason)."""
    ok, why = await probe_streamable(target, timeout=timeout, budget=budget)
    if ok:
        return "streamable-http", why
    ok_sse, why_sse = await probe_sse(target, timeout=timeout, budget=budget)
    if ok_sse:
        return "sse", why_sse
    raise TransportError(f"no MCP transport answered at {target.url}: Streamable HTTP: {why}; HTTP+SSE: {why_sse}"
                         + _host_hint(target.url, why, why_sse))


def _host_hint(url: str, *whys: str) -> str:
    """Both probes refused 403 on a loopback URL: most likely a Host allow-list (Playwright MCP
    serves only the name it is bound to, `localhost`, and refuses `127.0.0.1` with 403)."""
    host = (urlsplit(url).hostname or "").lower()
    if host not in ("localhost", "127.0.0.1", "::1") or not all("HTTP 403" in why for why in whys):
        return ""
    other = "127.0.0.1" if host == "localhost" else "localhost"
    return (f" (403 on every probe: the server may allow only another Host name; try the URL with "
            f"{other} instead of {host})")
