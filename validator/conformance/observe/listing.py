"""The one list walker: every page of a `*/list`, following `nextCursor` with a loop guard (UTIL-005/006).

Owns `walk(fetch, method, rules)` and the `Listing` it returns (the items of every page,
with the page, cursor, loop and repeat problems met on the way), the per-revision page
cache `list_page` (each page of a list is requested once however many walkers follow its
cursors: the pagination scenario, the tools area, the capabilities probe's first page),
and `listing(ctx, method)`, the memoized judging walk the primitives areas share.
https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from validator.conformance.observe.quote import q
from validator.conformance.protocol.session import Reply, RequestFailed

LISTS = {
    # method: (capability, result field, identity key of an item, official scenario its traffic is filed under)
    "tools/list": ("tools", "tools", "name", "tools-list"),
    "resources/list": ("resources", "resources", "uri", "resources-list"),
    "resources/templates/list": ("resources", "resourceTemplates", "uriTemplate", "resources-templates-list"),
    "prompts/list": ("prompts", "prompts", "name", "prompts-list"),
}
"""Shared traffic is filed under the scenario it belongs to (not whichever scenario asked first),
so `<scenario>:wire-schema-valid` names the same scenario whatever the order of a run."""
WALKABLE = {**LISTS, "tasks/list": ("tasks", "tasks", "taskId", "tasks")}
"""Every list `walk` can follow: LISTS (the primitives, which the pagination and capability
scenarios iterate) and `tasks/list` (2025-11-25), walked by the tasks scenario alone."""


@dataclass(frozen=True)
class Rules:
    """How a walk treats what the server sends while paginating.

    The two users want different things from the same pages, so the rules are a parameter
    of the one walker rather than two walkers. The pagination page says clients MUST treat
    cursors as opaque and that a missing `nextCursor` ends the results; it says nothing of
    how a client copes with a broken page:
    https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
    - `JUDGE` (the pagination scenario, resources, prompts, completion) judges the server's
      pagination itself: it stops at the first malformed page and says why, reports an
      unanswered or refused cursor as a cursor problem (the first page's failure is the
      caller's to handle), keeps items repeated by identity key but names them, and calls a
      page that lists nothing new yet asks for more a loop;
    - `GATHER` (the tools area) wants every tool it can get to judge the tools, not the
      pagination (that is `JUDGE`'s job on the same cached pages): it reads on past a page
      whose `tools` is not an array, records an unanswered or refused page instead of raising,
      drops exact duplicates of a tool listed on an earlier page, and follows more pages.
    """

    judge: bool
    max_pages: int
    max_items: int


JUDGE = Rules(judge=True, max_pages=50, max_items=5000)
GATHER = Rules(judge=False, max_pages=100, max_items=5000)


@dataclass
class Listing:
    method: str
    field: str
    key: str
    items: list = field(default_factory=list)
    """Every item of every page, as received (normally objects)."""
    pages: int = 0
    replies: list[Reply] = field(default_factory=list)
    error: dict | None = None
    """The JSON-RPC error answering the first page (`GATHER`: any page); the list is not served."""
    failure: RequestFailed | None = None
    """`GATHER`: a page not answered at all (the walk stops there)."""
    shape: list[str] = field(default_factory=list)
    """Pages whose result does not hold an array of items."""
    cursor: list[str] = field(default_factory=list)
    loop: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    stopped: str | None = None
    dropped: int = 0
    """Items past `Rules.max_items`: counted, not kept (100k tools must not cost 100k analyses)."""
    cursors: list[str] = field(default_factory=list)
    """The cursors followed, in order."""

    @property
    def served(self) -> bool:
        return self.error is None and not self.shape

    def objects(self) -> list[dict]:
        return [item for item in self.items if isinstance(item, dict)]

    @property
    def named(self) -> list[dict]:
        return [t for t in self.items if isinstance(t, dict) and isinstance(t.get("name"), str)]

    def by_name(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for item in self.named:
            out.setdefault(item["name"], item)
        return out


Fetch = Callable[[str | None], Awaitable[Reply]]
"""One page: the cursor (None for the first page) → the reply."""


async def walk(fetch: Fetch, method: str, rules: Rules) -> Listing:
    """Every page of METHOD through FETCH, under RULES (see `Rules` for why there are two)."""
    _cap, name, key, _scenario = WALKABLE[method]
    out = Listing(method, name, key)
    cursor, seen_cursors, seen_keys, seen_items, fresh = None, set(), set(), {}, 0
    while True:
        page = out.pages + 1
        try:
            reply = await fetch(cursor)
        except RequestFailed as err:
            if not rules.judge:
                out.failure = err
            elif cursor is None:
                raise
            else:
                out.cursor.append(f"page {page}: the cursor {cursor!r} the server issued was not answered ({err})")
            return out
        if not rules.judge:
            out.pages += 1
            out.replies.append(reply)
        if rules.judge and reply.error is not None:
            if cursor is None:
                out.error = reply.error if isinstance(reply.error, dict) else {"code": None}
            else:
                out.cursor.append(f"page {page}: the server refused its own cursor {cursor!r} with error {reply.error_code()}")
            return out
        if not rules.judge and not reply.ok:
            out.error = reply.error if isinstance(reply.error, dict) else {"error": reply.error}
            return out
        result = reply.result if isinstance(reply.result, dict) else ({} if not rules.judge else reply.result)
        items = result.get(name) if isinstance(result, dict) else None
        if not isinstance(items, list):
            if rules.judge:
                out.shape.append(f"page {page}: result.{name} is {type(items).__name__ if items is not None else 'missing'}, not an array")
                return out
            out.shape.append(f"page {out.pages}: result.{name} is {_kind(items)}, not an array")
            items = []
        if rules.judge:
            out.pages += 1
            out.replies.append(reply)
            fresh = _judge_items(out, items, page, rules, seen_keys)
        else:
            _gather_items(out, items, rules, seen_items)
        if "nextCursor" not in result:
            return out
        nxt = result.get("nextCursor")
        if not rules.judge and nxt is None:
            out.cursor.append(f"page {out.pages}: nextCursor is null (omit it on the last page)")
            return out
        if not isinstance(nxt, str):
            out.cursor.append(f"page {page}: nextCursor is {nxt!r} ({type(nxt).__name__}), not a string (omit it on the last page)"
                              if rules.judge else f"page {out.pages}: nextCursor is {_kind(nxt)}, not a string")
            return out
        if nxt == cursor or nxt in seen_cursors:
            out.loop.append(f"page {page}: nextCursor {nxt!r} was already followed (a cursor loop)" if rules.judge
                            else f"page {out.pages} repeats the cursor {nxt[:60]!r}: the listing would never end")
            return out
        if rules.judge and items and not fresh:
            out.loop.append(f"page {page}: every item was already listed, yet nextCursor {nxt!r} asks for more")
            return out
        if out.pages >= rules.max_pages or (rules.judge and len(out.items) >= rules.max_items):
            if rules.judge:
                out.stopped = f"stopped following cursors after {out.pages} page(s) and {len(out.items)} item(s)"
            else:
                out.loop.append(f"still a nextCursor after {rules.max_pages} pages")
            return out
        seen_cursors.add(nxt)
        out.cursors.append(nxt)
        cursor = nxt


def _judge_items(out: Listing, items: list, page: int, rules: Rules, seen_keys: set) -> int:
    """Keep every item (up to the limit); name those whose identity key was listed before.
    Returns how many were new (an item without a usable key counts as new)."""
    fresh = 0
    for item in items:
        if len(out.items) < rules.max_items:
            out.items.append(item)
        else:
            out.dropped += 1
        ident = item.get(out.key) if isinstance(item, dict) else None
        if not isinstance(ident, (str, int, float)):
            fresh += 1
        elif ident in seen_keys:
            if len(out.repeats) < 20:
                out.repeats.append(f"{out.key} {ident!r} (again on page {page})")
        else:
            seen_keys.add(ident)
            fresh += 1
    return fresh


def _gather_items(out: Listing, items: list, rules: Rules, seen_items: dict) -> None:
    """Keep every item (up to the limit) except exact copies of one an earlier page listed."""
    for index, item in enumerate(items):
        if len(out.items) >= rules.max_items:
            out.dropped += len(items) - index
            break
        ident = json.dumps(item, sort_keys=True, default=str)
        if ident in seen_items and seen_items[ident] != out.pages:
            label = item.get("name") if isinstance(item, dict) else None
            out.repeats.append(f"{q(label)} (pages {seen_items[ident]} and {out.pages})")
            continue
        seen_items.setdefault(ident, out.pages)
        out.items.append(item)


def _kind(value) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(type(value), type(value).__name__)


async def list_page(ctx, method: str, cursor: str | None = None) -> Reply:
    """One page of METHOD (the first when CURSOR is None), requested once per revision and
    shared (its reply, or its RequestFailed): every walk of a list follows the same cursors,
    so each page costs one request however many scenarios read it. Filed under the list's
    own scenario."""
    scenario = LISTS[method][3]
    params = {} if cursor is None else {"cursor": cursor}
    return await ctx.memo(f"page:{method}:{json.dumps(cursor)}", lambda: ctx.request(method, params, scenario=scenario))


async def listing(ctx, method: str) -> Listing | None:
    """All pages of METHOD under `JUDGE` (memoized per revision), or None when its capability is not declared."""
    if ctx.capability(LISTS[method][0]) is None:
        return None
    return await ctx.memo(f"list:{method}", lambda: walk(lambda cursor: list_page(ctx, method, cursor), method, JUDGE))
