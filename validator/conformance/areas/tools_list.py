"""Scenario `tools-list` (the official suite's name): the listing, names, annotations and
task support of every tool. Pagination of every list (tools/list included) is judged by the
`pagination` scenario, icons everywhere by `icons`: one check per requirement, not per list.
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#listing-tools
"""

from __future__ import annotations

import re
from collections import Counter

from validator.conformance.observe.quote import q
from validator.conformance.observe.tools import TOOLS, gate, tasks_declared
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
SC = "tools-list"
TASKS = f"{S25}/basic/utilities/tasks#tool-level-negotiation"

LIST = Check("tools-list", SC, "TOOL-001", "MUST", L, f"{TOOLS}#listing-tools",
             "tools/list answers every page with a tools array of objects with a string name and an object inputSchema")
NAME_FORMAT = Check("tools-name-format", SC, "TOOL-003", "SHOULD", revisions("25c+"), f"{TOOLS}#tool-names",
                    "tool names are 1-128 characters of A-Z, a-z, 0-9, _, - and . (the spec page's rule)")
NAME_UNIQUE = Check("tools-name-unique", SC, "TOOL-004", "derived", L, f"{TOOLS}#tool-names",
                    "tool names are unique within the server")
ANNOTATIONS = Check("tools-annotations-valid", SC, "TOOL-017", "derived", revisions("25a+"), f"{TOOLS}#tool",
                    "annotations is an object whose hints (readOnlyHint, destructiveHint, idempotentHint, "
                    "openWorldHint) are booleans and whose title is a string")
TASK_SUPPORT = Check("tools-execution-task-support", SC, "TOOL-018", "derived", revisions("25c"), TASKS,
                     "execution.taskSupport is forbidden, optional or required, and not forbidden only on a "
                     "server that declares tasks.requests.tools.call")

SPEC_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")


def _label(tool, index: int) -> str:
    name = tool.get("name") if isinstance(tool, dict) else None
    return repr(name) if isinstance(name, str) else f"tool #{index}"


async def run(ctx) -> None:
    found = await gate(ctx)
    if found is None:
        return
    tools = found.items
    problems = list(found.shape)
    for index, tool in enumerate(tools):
        if not isinstance(tool, dict):
            problems.append(f"tool #{index} is not an object")
            continue
        if not isinstance(tool.get("name"), str):
            problems.append(f"tool #{index} has no string name")
        if not isinstance(tool.get("inputSchema"), dict):
            problems.append(f"{_label(tool, index)}: inputSchema is missing or not an object")
    names = [t["name"] for t in found.named]
    kept = f" (only the first {len(tools)} of {len(tools) + found.dropped} were kept and checked)" if found.dropped else ""
    ctx.verdict(LIST, not problems, f"{len(tools)} tool(s) on {found.pages} page(s){kept}", "; ".join(problems[:5]) + kept,
                details={"tools": names[:200], "pages": found.pages, "problems": problems[:20] or None})
    _names(ctx, names)
    _annotations(ctx, found.named)
    _task_support(ctx, found.named)


def _names(ctx, names: list[str]) -> None:
    if NAME_FORMAT.applies(ctx.revision, ctx.transport):
        bad = [n for n in names if not SPEC_NAME.match(n)]
        # The spec page says SHOULD 1-128 of [A-Za-z0-9_.-]; SEP-986's text (1-64, also '/') differs
        # and older official-suite releases failed on it: we follow the spec page and warn.
        ctx.verdict(NAME_FORMAT, not bad, f"{len(names)} name(s) follow the tool-name rules",
                    f"{len(bad)} name(s) outside 1-128 characters of [A-Za-z0-9_.-]: {', '.join(q(n) for n in bad[:5])}",
                    details={"invalid": bad[:50]} if bad else None)
    counts = Counter(names)
    dupes = sorted(n for n, c in counts.items() if c > 1)
    ctx.verdict(NAME_UNIQUE, not dupes, f"{len(counts)} distinct name(s)",
                f"duplicate tool name(s): {', '.join(q(n) for n in dupes[:5])} (clients keep only one, or reject the list)")


def _annotations(ctx, tools: list[dict]) -> None:
    if not ANNOTATIONS.applies(ctx.revision, ctx.transport):
        return
    problems, seen = [], 0
    for tool in tools:
        if "annotations" not in tool:
            continue
        seen += 1
        annotations = tool["annotations"]
        if not isinstance(annotations, dict):
            problems.append(f"{q(tool['name'])}: annotations is not an object")
            continue
        for hint in HINTS:
            if hint in annotations and not isinstance(annotations[hint], bool):
                problems.append(f"{q(tool['name'])}: {hint} is {annotations[hint]!r}, not a boolean")
        # readOnlyHint and destructiveHint both true is no contradiction: destructiveHint "is meaningful only
        # when readOnlyHint == false" and defaults to true (schema, ToolAnnotations), as mcp-go writes it out
        if "title" in annotations and not isinstance(annotations["title"], str):
            problems.append(f"{q(tool['name'])}: annotations.title is not a string")
    if not seen:
        ctx.passed(ANNOTATIONS, "no tool carries annotations (all optional)")
        return
    ctx.verdict(ANNOTATIONS, not problems, f"{seen} tool(s) with well-typed annotations", "; ".join(problems[:5]),
                details={"problems": problems[:30]} if problems else None)


def _task_support(ctx, tools: list[dict]) -> None:
    if not TASK_SUPPORT.applies(ctx.revision, ctx.transport):
        return
    declared = tasks_declared(ctx)
    problems, seen = [], 0
    for tool in tools:
        if "execution" not in tool:
            continue
        seen += 1
        execution = tool["execution"]
        if not isinstance(execution, dict):
            problems.append(f"{q(tool['name'])}: execution is not an object")
            continue
        support = execution.get("taskSupport", "forbidden")
        if support not in ("forbidden", "optional", "required"):
            problems.append(f"{q(tool['name'])}: taskSupport {support!r}")
        elif support != "forbidden" and not declared:
            problems.append(f"{q(tool['name'])}: taskSupport {support!r} but tasks.requests.tools.call is not declared, "
                            "so clients must not call it as a task" + (" (it cannot be called at all)" if support == "required" else ""))
    if not seen:
        ctx.passed(TASK_SUPPORT, "no tool declares execution (task support forbidden by default)")
        return
    ctx.verdict(TASK_SUPPORT, not problems, f"{seen} tool(s) with a consistent execution.taskSupport", "; ".join(problems[:4]))


SCENARIO = Scenario(SC, "tools/list: names, annotations, task support (pagination and icons: the pagination and icons scenarios)",
                    (LIST, NAME_FORMAT, NAME_UNIQUE, ANNOTATIONS, TASK_SUPPORT), run)
