"""Block structure of the Markdown view from markdown-it-py (pure Python, CommonMark).

The fallback parser: used where markdown-it-pyrs has no wheel (CPython 3.13 and later,
musl Linux, Windows on ARM), and the oracle of the differential test that keeps the two
views equal (tests/test_agents_md_markdown_pyrs.py). markdown-it-py's tokens carry line
maps, not offsets: each inline token's content is located line by line in the source.
Importing it costs ~25-40 ms.
"""

from __future__ import annotations

from functools import lru_cache

from validator.records import lazy
from validator.standards.agents_md.markdown_inline import SawLink
from validator.standards.agents_md.markdown_model import Fence, Heading, InlineBlock, MarkdownView, Segment

FENCE_CLOSE = lazy(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
def line_count(content: str) -> int:
    return content.count("\n") + (1 if content and not content.endswith("\n") else 0)


_PREFIX_CHARS = set(" \t>-*+#.)0123456789")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # CommonMark plus GFM tables (as GitHub renders instruction files); no typographer,
    # no linkify: a bare URL in text is not a link destination we resolve.
    return MarkdownIt("commonmark").enable("table")


def build(view: MarkdownView, body: str, lines: list[str], starts: list[int]) -> SawLink:
    """Fill VIEW's blocks, headings, inline blocks and references from BODY's tokens."""
    env: dict = {}
    tokens = _parser().parse(body, env)

    def line_start(n: int) -> int:
        return starts[min(n, len(starts) - 1)]

    pending_heading = None
    for i, token in enumerate(tokens):
        if token.type == "fence" and token.map:
            first, last = token.map
            opener_line = lines[first] if first < len(lines) else ""
            start = line_start(first) + (len(opener_line) - len(opener_line.lstrip(" \t>")))
            closed = False
            # The last line closes the fence only when it is not content: `> ``` ` ends a
            # fence opened inside a block quote, but is content of a fence opened outside one.
            if last - 1 > first and last - 1 < len(lines) and last - first - 2 == line_count(token.content):
                m = FENCE_CLOSE.match(lines[last - 1].rstrip("\r\n"))
                closed = bool(m and m.group(1)[0] == token.markup[0] and len(m.group(1)) >= len(token.markup))
            content_end = line_start(last - 1) if closed else line_start(last)
            view.fences.append(Fence(start, line_start(last), line_start(first + 1), content_end,
                                     token.info.strip(), token.markup, closed, first + 1))
        elif token.type == "code_block" and token.map:
            view.indented_code.append((line_start(token.map[0]), line_start(token.map[1])))
        elif token.type == "html_block" and token.map:
            view.html_blocks.append((line_start(token.map[0]), line_start(token.map[1])))
        elif token.type == "heading_open" and token.map:
            pending_heading = token
        elif token.type == "inline" and token.map:
            parent = tokens[i - 1].type if i else ""
            kind = "heading" if parent == "heading_open" else ("table" if parent in ("th_open", "td_open") else "paragraph")
            block = InlineBlock(kind, _segments(token.content, lines, starts, token.map, kind == "table"), token.map[0] + 1)
            view.inlines.append(block)
            if kind == "heading" and pending_heading is not None:
                first, last = pending_heading.map
                view.headings.append(Heading(int(pending_heading.tag[1]), _plain(token), first + 1,
                                             line_start(first), line_start(last)))
                pending_heading = None
    hrefs = _hrefs(tokens)
    view.references = {label: ref.get("href", "") for label, ref in env.get("references", {}).items()}

    def saw_link(written: str, unescaped: str) -> bool:
        from markdown_it.common.normalize_url import normalizeLink

        return unescaped in hrefs or normalizeLink(unescaped) in hrefs

    return saw_link


def _segments(content: str, lines: list[str], starts: list[int], line_map, anywhere: bool = False) -> list[Segment]:
    """Map each line of an inline token's content back to its source offset."""
    out = []
    first = line_map[0]
    for n, piece in enumerate(content.split("\n")):
        row = first + n
        if row >= len(lines):
            break
        source = lines[row].rstrip("\r\n")
        at = source.find(piece) if anywhere else _locate(piece, source)
        at = None if at == -1 else at
        if at is None and not anywhere and piece[:1] == " ":
            # markdown-it-py expands a tab of the indentation partly into spaces
            # (`- a\n\tb` gives `  b`): the line's text starts after them.
            piece = piece.lstrip(" ")
            at = _locate(piece, source)
        if at is None:
            continue  # odd container prefix: leave this line out rather than guess
        out.append(Segment(piece, starts[row] + at))
    return out


def _locate(piece: str, source: str) -> int | None:
    if not piece:
        return len(source)
    at = source.find(piece)
    while at != -1:
        if all(ch in _PREFIX_CHARS for ch in source[:at]):
            return at
        at = source.find(piece, at + 1)
    return None


def _plain(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _hrefs(tokens) -> set[str]:
    out = set()
    for token in tokens:
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                href = child.attrs.get("href") if child.type == "link_open" else child.attrs.get("src")
                if isinstance(href, str):
                    out.add(href)
    return out
