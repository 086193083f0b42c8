"""Interoperability with the official Python SDK client (derived).

A server can satisfy every probe we send by hand and still fail the client most
hosts embed; this connects the `mcp` SDK's `Client` (legacy handshake, chosen
explicitly) over the same transport and lists every declared primitive through it.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization
"""

from __future__ import annotations

import asyncio
import json
import sys

from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check, Scenario

SDK_CHILD = (sys.executable, "-m", "validator.conformance.areas.sdk_child")
"""The child process that imports `mcp` and runs its client (see `sdk_child`)."""


def sdk_unusable() -> str | None:
    """Why the `mcp` SDK cannot serve here, or None. It is an optional extra
    (`agentconform[sdk]`): a server project pinned to mcp 1.x can still install us."""
    from importlib.metadata import PackageNotFoundError, version
    from importlib.util import find_spec

    if find_spec("mcp") is None:
        return "the mcp SDK is not installed; install agentconform[sdk] to run this check"
    try:
        installed = version("mcp")
    except PackageNotFoundError:
        return None
    major = installed.split(".", 1)[0]
    if not major.isdigit() or int(major) < 2:
        return f"mcp {installed} is installed; this check drives the mcp 2.x client (agentconform[sdk] in an environment of its own)"
    return None


UNUSABLE = sdk_unusable()

SDK = Check("sdk-client-interop", "sdk-interop", "LIFE-001", "derived", revisions("L"),
            f"{S25}/basic/lifecycle#initialization",
            "the official Python SDK client connects and lists every declared primitive")


async def run_sdk(ctx) -> None:
    from validator.conformance.transport import process as harness

    if UNUSABLE is not None:
        ctx.skipped(SDK, UNUSABLE)
        return
    target = ctx.state.target
    spec = {"command": target.command, "url": target.url, "headers": target.headers, "env": target.env,
            "cwd": target.cwd, "transport": ctx.transport, "timeout": ctx.timeout}
    pending = ctx.state.prelaunched.pop(ctx.scenario.name, None)
    child = await pending if pending is not None else await harness.launch(list(SDK_CHILD))
    try:
        child.process.stdin.write((json.dumps(spec) + "\n").encode())
        await child.process.stdin.drain()
        line = await asyncio.wait_for(child.process.stdout.readline(), ctx.budget.bound(max(ctx.timeout * 3, 20.0)))
    except (TimeoutError, OSError, ConnectionError):
        line = b""
    finally:
        await harness.terminate(child)
    try:
        outcome = json.loads(line)
    except ValueError:
        ctx.warned(SDK, "the mcp SDK client did not finish connecting and listing in time"
                   + (f" ({child.stderr_tail(3)})" if child.stderr_tail(3) else ""))
        return
    if outcome.get("ok"):
        ctx.passed(SDK, f"mcp {outcome['sdk']} client connected ({outcome['version']}) and listed "
                        f"{', '.join(outcome['listed']) or 'nothing (no primitives declared)'}")
    else:
        ctx.warned(SDK, f"the mcp {outcome.get('sdk')} client failed: {outcome.get('error')}")


SCENARIOS = [
    Scenario("sdk-interop", "The official Python SDK client connects and lists", (SDK,), run_sdk, phase="negotiation",
             prelaunch=SDK_CHILD if UNUSABLE is None else ()),
]
