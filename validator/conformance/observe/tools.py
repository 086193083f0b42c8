"""What every tools scenario does first: the capability gate (`primitives.undeclared`), the shared listing, the
per-tool schema analysis and the shared calls (one of each per revision, via `ctx.memo`).
"""

from __future__ import annotations

from validator.conformance.observe import calls as calls_mod
from validator.conformance.observe.listing import GATHER, Listing, list_page, walk
from validator.conformance.observe.primitives import skip_rest, undeclared
from validator.conformance.protocol.session import RequestFailed

TOOLS = "https://modelcontextprotocol.io/specification/2025-11-25/server/tools"
K_LISTING, K_ANALYSIS, K_CALLS = "tools/list", "tools/analysis", "tools/calls"
NOT_DECLARED = "the server does not declare the tools capability"


async def listing(ctx) -> Listing:
    """Every page of tools/list under the `GATHER` rules (see `observe.listing.Rules`). The pages
    come from the revision's shared page cache: the pagination scenario walks the same cursors
    under `JUDGE`, so each page of tools/list is requested once."""
    return await ctx.memo(K_LISTING, lambda: walk(lambda cursor: list_page(ctx, "tools/list", cursor), "tools/list", GATHER))


async def gate(ctx) -> Listing | None:
    """The listing when tools are declared and listed; otherwise every check is skipped
    (an undeclared tools/list that answers is LIFE-006's `capabilities-undeclared-not-served`)."""
    if undeclared(ctx, "tools", why=NOT_DECLARED):
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
