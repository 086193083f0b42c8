"""Interoperability with the official Python SDK client (derived).

A server can satisfy every probe we send by hand and still fail the client most
hosts embed; this connects the `mcp` SDK's `Client` (legacy handshake, chosen
explicitly) over the same transport and lists every declared primitive through it.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization
"""

from __future__ import annotations

import asyncio

from validator.conformance.checks import S25, Check, Scenario, revisions

SDK = Check("sdk-client-interop", "sdk-interop", "LIFE-001", "derived", revisions("L"),
            f"{S25}/basic/lifecycle#initialization",
            "the official Python SDK client connects and lists every declared primitive")


async def run_sdk(ctx) -> None:
    from validator.conformance import sdk

    listed = []

    async def go():
        async with sdk.connect(ctx.state.target, ctx.transport, ctx.timeout) as (client, _errlog):
            caps = client.server_capabilities
            if getattr(caps, "tools", None) is not None:
                listed.append(f"{len((await client.list_tools()).tools)} tool(s)")
            if getattr(caps, "resources", None) is not None:
                listed.append(f"{len((await client.list_resources()).resources)} resource(s)")
            if getattr(caps, "prompts", None) is not None:
                listed.append(f"{len((await client.list_prompts()).prompts)} prompt(s)")
            return client.protocol_version

    try:
        version = await asyncio.wait_for(go(), ctx.budget.bound(max(ctx.timeout * 3, 20.0)))
    except asyncio.TimeoutError:
        ctx.warned(SDK, f"the mcp {sdk.sdk_version()} client did not finish connecting and listing in time")
        return
    except Exception as err:  # noqa: BLE001 - any SDK failure is the finding
        text = str(err).splitlines()[0][:300] if str(err) else type(err).__name__
        ctx.warned(SDK, f"the mcp {sdk.sdk_version()} client failed: {type(err).__name__}: {text}")
        return
    ctx.passed(SDK, f"mcp {sdk.sdk_version()} client connected ({version}) and listed {', '.join(listed) or 'nothing (no primitives declared)'}")


SCENARIOS = [
    Scenario("sdk-interop", "The official Python SDK client connects and lists", (SDK,), run_sdk, phase="negotiation"),
]
