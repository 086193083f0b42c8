"""The `mcp` SDK as a client of the server under test (the only module importing `mcp`).

Owns building the official Python SDK's transport for a target — `stdio_client`
(stderr captured into a temporary file), `streamable_http_client` over an httpx2
client carrying the user's headers, or the legacy `sse_client` — and connecting
with `Client(mode="legacy")`: chosen explicitly, never `auto`, so a handshake-era
check never silently runs on the 2026-07-28 wire (the SDK's `auto` probes
`server/discover` first). `mcp` costs most of a second to import, so the interop
check runs `python -m validator.conformance.areas.sdk_child` in a child process (`main` below): on
a second core that import overlaps with the rest of the run instead of stalling it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import asynccontextmanager


def sdk_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mcp")
    except PackageNotFoundError:
        return "?"


def _transport(target, transport: str, timeout: float, errlog):
    if transport == "stdio":
        from mcp import StdioServerParameters
        from mcp.client.stdio import stdio_client

        env = dict(os.environ)
        env.update(target.env or {})
        params = StdioServerParameters(command=target.command[0], args=list(target.command[1:]), env=env, cwd=target.cwd)
        return stdio_client(params, errlog=errlog)
    if transport == "streamable-http":
        import httpx2
        from mcp.client.streamable_http import streamable_http_client

        client = httpx2.AsyncClient(headers=dict(target.headers), timeout=httpx2.Timeout(timeout), follow_redirects=True)
        return streamable_http_client(target.url, http_client=client)
    if transport == "sse":
        from mcp.client.sse import sse_client

        return sse_client(target.url, headers=dict(target.headers), timeout=timeout, sse_read_timeout=timeout * 4)
    raise ValueError(f"no SDK transport for {transport!r}")


@asynccontextmanager
async def connect(target, transport: str, timeout: float):
    """Yield a connected `mcp.Client` (legacy initialize handshake) and its stderr file."""
    from mcp import Client

    with tempfile.TemporaryFile(mode="w+") as errlog:
        async with Client(_transport(target, transport, timeout, errlog), mode="legacy",
                          read_timeout_seconds=timeout) as client:
            yield client, errlog


async def probe(target, transport: str, timeout: float) -> dict:
    """Connect, list every declared primitive, and say what happened (never raises)."""
    listed: list[str] = []
    try:
        async with connect(target, transport, timeout) as (client, _errlog):
            caps = client.server_capabilities
            if getattr(caps, "tools", None) is not None:
                listed.append(f"{len((await client.list_tools()).tools)} tool(s)")
            if getattr(caps, "resources", None) is not None:
                listed.append(f"{len((await client.list_resources()).resources)} resource(s)")
            if getattr(caps, "prompts", None) is not None:
                listed.append(f"{len((await client.list_prompts()).prompts)} prompt(s)")
            return {"ok": True, "version": client.protocol_version, "listed": listed, "sdk": sdk_version()}
    except BaseException as err:  # noqa: BLE001 - any SDK failure is the finding
        text = str(err).splitlines()[0][:300] if str(err) else ""
        return {"ok": False, "error": f"{type(err).__name__}: {text}".rstrip(": "), "sdk": sdk_version()}


def main() -> int:
    """`python -m validator.conformance.areas.sdk_child`: read {target, transport, timeout} on stdin, print the probe's JSON."""
    import asyncio
    import json
    import signal
    import sys

    from validator.conformance.transport.base import Target

    # SIGTERM from the harness must still run the SDK's clean-up (it kills the stdio
    # server it started, which lives in a session of its own)
    def _interrupt(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)
    # The parent starts this process early; import the SDK while it negotiates, then read the spec.
    # The import builds ~550 pydantic model classes (~0.5 s of CPU); the cyclic garbage collector
    # would walk the growing heap again and again meanwhile (~10 % of it) and has nothing to
    # free yet: it is paused for the import, and what the import built is then frozen out of
    # every later collection (gc.freeze), so the SDK runs with a collector that only sees its own work.
    import gc

    gc.disable()
    try:
        import mcp  # noqa: F401
        import mcp.client.sse  # noqa: F401
        import mcp.client.stdio  # noqa: F401
        import mcp.client.streamable_http  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()

    spec = json.loads(sys.stdin.readline())
    target = Target(command=spec.get("command"), url=spec.get("url"), headers=spec.get("headers") or {},
                    env=spec.get("env") or {}, cwd=spec.get("cwd"))
    outcome = asyncio.run(probe(target, spec["transport"], spec["timeout"]))
    sys.stdout.write(json.dumps(outcome) + "\n")
    sys.stdout.flush()
    # The probe has closed everything it opened (the SDK's transports kill the stdio server they
    # started, the stderr file is closed): tearing down the interpreter's ~600 modules would
    # only spend ~0.1 s of CPU the parent's run competes for.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
