"""Scenario `tools-list` (the official suite's name): the listing, its pagination, names,
annotations, icons and task support of every tool.
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#listing-tools
"""

from __future__ import annotations

import re
from collections import Counter

from validator.conformance.checks import S25, Check, Scenario, revisions
from validator.conformance.session import RequestFailed
from validator.conformance.tools.quote import q
from validator.conformance.tools.common import TOOLS, gate, tasks_declared

L = revisions("L")
SC = "tools-list"
PAGINATION = f"{S25}/server/utilities/pagination"
TASKS = f"{S25}/basic/utilities/tasks#tool-level-negotiation"

LIST = Check("tools-list", SC, "TOOL-001", "MUST", L, f"{TOOLS}#listing-tools",
             "tools/list answers every page with a tools array of objects with a string name and an object inputSchema")
NAME_FORMAT = Check("tools-name-format", SC, "TOOL-003", "SHOULD", revisions("25c+"), f"{TOOLS}#tool-names",
                    "tool names are 1-128 characters of A-Z, a-z, 0-9, _, - and . (the spec page's rule)")
NAME_UNIQUE = Check("tools-name-unique", SC, "TOOL-004", "derived", L, f"{TOOLS}#tool-names",
                    "tool names are unique within the server")
CURSOR = Check("tools-list-cursor", SC, "UTIL-005", "MUST", L, PAGINATION,
               "nextCursor, when present, is a string that yields the next page")
TERMINATES = Check("tools-list-pagination-terminates", SC, "UTIL-006", "derived", L, PAGINATION,
                   "following nextCursor ends, with no repeated cursor and no tool repeated on a later page")
INVALID_CURSOR = Check("tools-list-invalid-cursor", SC, "UTIL-005", "SHOULD", L, f"{PAGINATION}#error-handling",
                       "an invalid cursor is answered with error -32602")
ANNOTATIONS = Check("tools-annotations-valid", SC, "TOOL-017", "derived", revisions("25a+"), f"{TOOLS}#tool",
                    "annotations is an object whose hints (readOnlyHint, destructiveHint, idempotentHint, "
                    "openWorldHint) are booleans and whose title is a string")
ICONS = Check("tools-icons-valid", SC, "BASE-018", "derived", revisions("25c+"), f"{S25}/basic#icons",
              "tool icons have an https: or data: src of an image type, sizes like 48x48 or any, theme light or dark")
TASK_SUPPORT = Check("tools-execution-task-support", SC, "TOOL-018", "derived", revisions("25c"), TASKS,
                     "execution.taskSupport is forbidden, optional or required, and not forbidden only on a "
                     "server that declares tasks.requests.tools.call")

SPEC_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
SIZE = re.compile(r"^(\d+x\d+|any)$")
INVALID_CURSOR_VALUE = "agentconform-invalid-cursor-%%"


def _label(tool, index: int) -> str:
    name = tool.get("name") if isinstance(tool, dict) else None
    return repr(name) if isinstance(name, str) else f"tool #{index}"


async def run(ctx) -> None:
    found = await gate(ctx)
    if found is None:
        return
    tools = found.tools
    problems = list(found.problems)
    for index, tool in enumerate(tools):
        if not isinstance(tool, dict):
            problems.append(f"tool #{index} is not an object")
            continue
        if not isinstance(tool.get("name"), str):
            problems.append(f"tool #{index} has no string name")
        if not isinstance(tool.get("inputSchema"), dict):
            problems.append(f"{_label(tool, index)}: inputSchema is missing or not an object")
    names = [t["name"] for t in found.named]
    ctx.verdict(LIST, not problems, f"{len(tools)} tool(s) on {found.pages} page(s)", "; ".join(problems[:5]),
                details={"tools": names[:200], "pages": found.pages, "problems": problems[:20] or None})
    _names(ctx, names)
    _pagination(ctx, found)
    await _invalid_cursor(ctx, found)
    _annotations(ctx, found.named)
    _icons(ctx, found.named)
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


def _pagination(ctx, found) -> None:
    if found.cursor_problems:
        ctx.violated(CURSOR, "; ".join(found.cursor_problems))
    elif found.pages > 1:
        ctx.passed(CURSOR, f"{found.pages - 1} nextCursor string(s) followed to the last page")
    else:
        ctx.passed(CURSOR, "one page, no nextCursor")
    problems = ([found.loop] if found.loop else []) + [f"repeated on a later page: {r}" for r in found.repeated[:5]]
    ctx.verdict(TERMINATES, not problems, f"ended after {found.pages} page(s)", "; ".join(problems))


async def _invalid_cursor(ctx, found) -> None:
    cursor = INVALID_CURSOR_VALUE
    while cursor in found.cursors:
        cursor += "%"
    try:
        reply = await ctx.request("tools/list", {"cursor": cursor})
    except RequestFailed as err:
        ctx.no_answer(INVALID_CURSOR, err)
        return
    code = reply.error_code()
    if code == -32602:
        ctx.passed(INVALID_CURSOR, "error -32602")
    elif reply.ok:
        ctx.violated(INVALID_CURSOR, f"the invalid cursor {cursor!r} was answered with a result (the cursor was ignored) "
                                     "instead of error -32602")
    else:
        ctx.violated(INVALID_CURSOR, f"the invalid cursor {cursor!r} was answered with error {code} instead of -32602")


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
        if "title" in annotations and not isinstance(annotations["title"], str):
            problems.append(f"{q(tool['name'])}: annotations.title is not a string")
    if not seen:
        ctx.passed(ANNOTATIONS, "no tool carries annotations (all optional)")
        return
    ctx.verdict(ANNOTATIONS, not problems, f"{seen} tool(s) with well-typed annotations", "; ".join(problems[:5]),
                details={"problems": problems[:30]} if problems else None)


def _icons(ctx, tools: list[dict]) -> None:
    if not ICONS.applies(ctx.revision, ctx.transport):
        return
    problems, count = [], 0
    for tool in tools:
        icons = tool.get("icons")
        if icons is None:
            continue
        if not isinstance(icons, list):
            problems.append(f"{q(tool['name'])}: icons is not an array")
            continue
        for icon in icons:
            count += 1
            problems.extend(f"{q(tool['name'])}: {p}" for p in icon_problems(icon))
    if not count:
        ctx.passed(ICONS, "no tool has icons")
        return
    ctx.verdict(ICONS, not problems, f"{count} icon(s) with safe sources", "; ".join(problems[:4]),
                details={"problems": problems[:30]} if problems else None)


def icon_problems(icon) -> list[str]:
    """Why an Icon is unsafe or unusable (clients MUST reject unsafe schemes)."""
    if not isinstance(icon, dict):
        return ["an icon is not an object"]
    out = []
    src = icon.get("src")
    if not isinstance(src, str):
        return ["icon src is missing or not a string"]
    scheme = src.split(":", 1)[0].lower() if ":" in src else ""
    if scheme == "data":
        head = src[5:].split(",", 1)[0].lower()
        if not head.startswith("image/"):
            out.append(f"icon data: URI is not an image ({head[:40]!r})")
    elif scheme != "https":
        out.append(f"icon src scheme {scheme or 'none'!r} ({src[:60]!r}); clients reject anything but https: and data:")
    mime = icon.get("mimeType")
    if mime is not None and not (isinstance(mime, str) and mime.lower().startswith("image/")):
        out.append(f"icon mimeType {mime!r} is not an image type")
    sizes = icon.get("sizes")
    if sizes is not None and (not isinstance(sizes, list) or not all(isinstance(s, str) and SIZE.match(s) for s in sizes)):
        out.append(f"icon sizes {sizes!r} are not like ['48x48'] or ['any']")
    if "theme" in icon and icon["theme"] not in ("light", "dark"):
        out.append(f"icon theme {icon['theme']!r} is not light or dark")
    return out


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


SCENARIO = Scenario(SC, "tools/list: every page, names, annotations, icons, task support",
                    (LIST, NAME_FORMAT, NAME_UNIQUE, CURSOR, TERMINATES, INVALID_CURSOR, ANNOTATIONS, ICONS, TASK_SUPPORT), run)
