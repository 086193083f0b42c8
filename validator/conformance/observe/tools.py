"""What every tools scenario does first: the capability gate, the shared listing, the
per-tool schema analysis and the shared calls (one of each per revision, via `ctx.memo`).
"""

from __future__ import annotations

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe.tool_listing import Listing, list_all
from validator.conformance.protocol.session import RequestFailed

TOOLS = "https://modelcontextprotocol.io/specification/2025-11-25/server/tools"
K_LISTING, K_ANALYSIS, K_CALLS = "tools/list", "tools/analysis", "tools/calls"


def skip_rest(ctx, why: str) -> None:
    """Skip every check of the scenario that applies and has not been reported yet."""
    for check in ctx.scenario.checks:
        if check.id not in ctx.reported and check.applies(ctx.revision, ctx.transport):
            ctx.skipped(check, why)


async def listing(ctx) -> Listing:
    # the pages come from the revision's shared page cache: the pagination scenario walks the
    # same cursors (primitives.listing), so each page of tools/list is requested once
    from validator.conformance.observe.primitives import list_page

    async def page(method: str, params: dict):
        return await list_page(ctx, method, params.get("cursor"))

    return await ctx.memo(K_LISTING, lambda: list_all(page))


async def gate(ctx) -> Listing | None:
    """The listing when tools are declared and listed; otherwise every check is skipped
    (an undeclared tools/list that answers is LIFE-006's `capabilities-undeclared-not-served`)."""
    if ctx.capability("tools") is None:
        skip_rest(ctx, "the server does not declare the tools capability")
        return None
    found = await listing(ctx)
    if found.failure is not None:
        if found.failure.kind in ("gone", "transport"):
            raise found.failure
        skip_rest(ctx, f"tools/list was not answered ({found.failure})")
        return None
    if found.error is not None:
        skip_rest(ctx, f"tools/list answered an error: {str(found.error)[:120]}")
        return None
    return found


async def call_gate(ctx) -> Listing | None:
    """`gate`, and under --call-tools none every check skipped too (nothing may be called)."""
    found = await gate(ctx)
    if found is not None and ctx.options.call_tools == "none":
        skip_rest(ctx, "--call-tools none: no tool is called")
        return None
    return found


def tasks_declared(ctx) -> bool:
    """The server declared `tasks.requests.tools.call` (task-augmented tool calls, 2025-11-25)."""
    tasks = ctx.capability("tasks") or {}
    requests = tasks.get("requests") if isinstance(tasks.get("requests"), dict) else {}
    tools = requests.get("tools") if isinstance(requests.get("tools"), dict) else {}
    return isinstance(tools.get("call"), dict)


async def analysis(ctx, found: Listing) -> list:
    """Per named tool: its dialect, validator and synthesized arguments (no --call-tools filter)."""
    async def build():
        return [calls_mod.arguments_for(tool, ctx.revision) for tool in found.by_name().values()]

    return await ctx.memo(K_ANALYSIS, build)


class CallRun:
    """The calls of one revision on the shared session: plans, calls, summary."""

    def __init__(self, plans: list, made: list) -> None:
        self.plans = plans
        self.calls = made
        self.info = calls_mod.summary(plans, made)


async def call_run(ctx, found: Listing) -> CallRun:
    async def run() -> CallRun:
        plans = calls_mod.plan_calls(await analysis(ctx, found), ctx.options.call_tools)
        made = await calls_mod.call_all(ctx.session, plans, scenario=ctx.scenario.name, timeout=ctx.timeout)
        return CallRun(plans, made)

    return await ctx.memo(K_CALLS, run)


async def existing_calls(ctx) -> CallRun | None:
    """The calls if the tools-call scenario ran in this revision (None otherwise); sends nothing."""
    async def absent():
        return None

    return await ctx.memo(K_CALLS, absent)


def gone(err: RequestFailed) -> bool:
    return err.kind in ("gone", "transport")
