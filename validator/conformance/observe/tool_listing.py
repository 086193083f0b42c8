"""Every page of `tools/list`, followed to the end with a loop guard (UTIL-005, UTIL-006).

The listing is fetched once per revision and shared by the tools scenarios through
`ctx.memo`. It stops at the first page without `nextCursor`, at a repeated cursor, at a
`nextCursor` that is not a string, or after MAX_PAGES pages.
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from validator.conformance.observe.quote import q
from validator.conformance.protocol.session import Reply, RequestFailed

MAX_PAGES = 100
MAX_TOOLS = 5000


@dataclass
class Listing:
    tools: list = field(default_factory=list)
    """Every item of every page, as received (normally objects)."""
    pages: int = 0
    replies: list[Reply] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Pages whose result is not `{tools: [...]}`."""
    cursor_problems: list[str] = field(default_factory=list)
    loop: str | None = None
    repeated: list[str] = field(default_factory=list)
    """Tools repeated, identical, on a later page."""
    error: dict | None = None
    """A JSON-RPC error answer (the listing stops there)."""
    failure: RequestFailed | None = None
    """No answer at all."""
    cursors: list[str] = field(default_factory=list)

    @property
    def named(self) -> list[dict]:
        return [t for t in self.tools if isinstance(t, dict) and isinstance(t.get("name"), str)]

    def by_name(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for tool in self.named:
            out.setdefault(tool["name"], tool)
        return out


async def list_all(request) -> Listing:
    """REQUEST is `ctx.request` (or a session's `request`): every page of tools/list."""
    listing = Listing()
    seen_cursors: set[str] = set()
    seen_tools: dict[str, int] = {}
    cursor = None
    while True:
        try:
            reply = await request("tools/list", {"cursor": cursor} if cursor is not None else {})
        except RequestFailed as err:
            listing.failure = err
            return listing
        listing.pages += 1
        listing.replies.append(reply)
        if not reply.ok:
            listing.error = reply.error if isinstance(reply.error, dict) else {"error": reply.error}
            return listing
        result = reply.result if isinstance(reply.result, dict) else {}
        tools = result.get("tools")
        if not isinstance(tools, list):
            listing.problems.append(f"page {listing.pages}: result.tools is {_kind(tools)}, not an array")
            tools = []
        for tool in tools:
            if len(listing.tools) >= MAX_TOOLS:
                break
            key = json.dumps(tool, sort_keys=True, default=str)
            if key in seen_tools and seen_tools[key] != listing.pages:
                name = tool.get("name") if isinstance(tool, dict) else None
                listing.repeated.append(f"{q(name)} (pages {seen_tools[key]} and {listing.pages})")
                continue
            seen_tools.setdefault(key, listing.pages)
            listing.tools.append(tool)
        if "nextCursor" not in result:
            return listing
        nxt = result.get("nextCursor")
        if nxt is None:
            listing.cursor_problems.append(f"page {listing.pages}: nextCursor is null (omit it on the last page)")
            return listing
        if not isinstance(nxt, str):
            listing.cursor_problems.append(f"page {listing.pages}: nextCursor is {_kind(nxt)}, not a string")
            return listing
        if nxt in seen_cursors:
            listing.loop = f"page {listing.pages} repeats the cursor {nxt[:60]!r}: the listing would never end"
            return listing
        if listing.pages >= MAX_PAGES:
            listing.loop = f"still a nextCursor after {MAX_PAGES} pages"
            return listing
        seen_cursors.add(nxt)
        listing.cursors.append(nxt)
        cursor = nxt


def _kind(value) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(type(value), type(value).__name__)
