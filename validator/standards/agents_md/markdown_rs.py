"""Block structure of the Markdown view from markdown-it-pyrs (markdown-it.rs, CommonMark).

markdown-it-pyrs gives a node tree whose every node maps to a span of the source in
UTF-8 bytes (`srcmap`); they are turned into character offsets here. The view built
from it equals markdown-it-py's (`markdown_py`) field for field on the corpus, so the
blocks are cut the way markdown-it-py's line maps cut them: whole lines, a fence from
its opening line, a heading's text as its inline content. Differences between the two
parsers, and which follows the CommonMark spec, are listed in
tests/test_agents_md_markdown_pyrs.py.
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from functools import lru_cache

from validator.records import lazy
from validator.standards.agents_md.markdown_inline import SawLink
from validator.standards.agents_md.markdown_model import Fence, Heading, InlineBlock, MarkdownView, Segment
from validator.standards.agents_md.markdown_py import FENCE_CLOSE, line_count

# The container prefix of a continuation line of a paragraph: indentation and block
# quote markers (a lazy line has none). What follows is the line's inline content.
_CONTINUATION = lazy(r"(?:[ \t]*>)*[ \t]*")
_LIST_MARKER = lazy(r"[ \t]*(?:[-+*]|[0-9]{1,9}[.)])[ \t]*")
_ATX_OPEN = lazy(r"[ \t]*#{1,6}[ \t]*")
_NON_ASCII = lazy(r"[^\x00-\x7f]")
_BLOCKS = frozenset({
    "root", "paragraph", "heading", "lheading", "fence", "code_block", "html_block", "blockquote",
    "bullet_list", "ordered_list", "list_item", "hr", "table", "thead", "tbody", "trow", "tcell",
    "definition",
})


@lru_cache(maxsize=1)
def _parser():
    from markdown_it_pyrs import MarkdownIt

    # CommonMark plus GFM tables (as GitHub renders instruction files); no typographer,
    # no linkify: a bare URL in text is not a link destination we resolve.
    return MarkdownIt("commonmark").enable("table")


def build(view: MarkdownView, body: str, lines: list[str], starts: list[int]) -> SawLink:
    """Fill VIEW's blocks, headings, inline blocks and references from BODY's tree."""
    tree = _tree(body)
    if tree is None:
        from validator.standards.agents_md import markdown_py

        return markdown_py.build(view, body, lines, starts)
    walker = _Walker(view, body, lines, starts)
    walker.visit(tree, quoted=False)
    hrefs = walker.hrefs
    normalized: dict[str, str | None] = {}

    def saw_link(written: str, unescaped: str) -> bool:
        if unescaped in hrefs:
            return True
        if written not in normalized:
            normalized[written] = _normalized_destination(written)
        return normalized[written] in hrefs

    return saw_link


def _tree(body: str):
    """markdown-it-pyrs's tree of BODY, or None where markdown-it.rs cannot parse it
    (then markdown-it-py does).

    markdown-it.rs 0.6 (in markdown-it-pyrs 0.4) panics on an unclosed backtick inside a
    link label (`[`, `[a `b`: code_pair.rs index out of bounds); such a document is parsed
    by markdown-it-py instead. Rust's panic message goes straight to file descriptor 2,
    so it is pointed at the null device for the call (about a millisecond; the descriptor
    is process-wide, so another thread's writes to it in that window are lost): a user
    sees a finding, never a Rust backtrace.
    """
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    try:
        saved: int | None = os.dup(2)
        os.dup2(_devnull(), 2)
    except OSError:  # no standard error to silence
        saved = None
    try:
        return _parser().tree(body)
    except UnicodeEncodeError:  # a lone surrogate (text decoded with surrogateescape): no UTF-8 for Rust
        return None
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if type(exc).__name__ != "PanicException":
            raise
        return None
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)


@lru_cache(maxsize=1)
def _devnull() -> int:
    return os.open(os.devnull, os.O_WRONLY)


def _normalized_destination(written: str) -> str | None:
    """The URL markdown-it-pyrs makes of a link destination written as WRITTEN."""
    tree = _tree(f"[]({written})")
    for node in tree.walk() if tree is not None else ():
        if node.name == "link":
            return node.meta.get("url")
    return None


def _char_offsets(text: str):
    """Byte offset into TEXT's UTF-8 -> character offset."""
    if text.isascii():
        return None
    byte_starts: list[int] = []
    extra_after: list[int] = []
    extra = 0
    for m in _NON_ASCII.finditer(text):
        byte_starts.append(m.start() + extra)
        extra += len(m.group().encode("utf-8", "surrogatepass")) - 1
        extra_after.append(extra)

    def char(offset: int) -> int:
        i = bisect.bisect_left(byte_starts, offset)  # characters that start before OFFSET
        return offset - (extra_after[i - 1] if i else 0)

    return char


class _Walker:
    def __init__(self, view: MarkdownView, body: str, lines: list[str], starts: list[int]) -> None:
        self.view, self.body, self.lines, self.starts = view, body, lines, starts
        self.char = _char_offsets(body)
        self.hrefs: set[str] = set()

    # -- offsets -----------------------------------------------------------------------
    def span(self, node) -> tuple[int, int] | None:
        srcmap = node.srcmap
        if srcmap is None:
            return None
        if self.char is None:
            return srcmap
        return self.char(srcmap[0]), self.char(srcmap[1])

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_start(self, n: int) -> int:
        return self.starts[min(n, len(self.starts) - 1)]

    def rows(self, span: tuple[int, int]) -> tuple[int, int]:
        """markdown-it-py's line map of a block spanning SPAN: first line, line after the last."""
        start, end = span
        return self.line_of(start), self.line_of(max(end - 1, start)) + 1

    # -- tree --------------------------------------------------------------------------
    def visit(self, node, quoted: bool) -> None:
        name = node.name
        if name == "fence":
            self.fence(node, quoted)
        elif name == "code_block":
            self.block(node, self.view.indented_code)
        elif name == "html_block":
            self.block(node, self.view.html_blocks)
        elif name in ("heading", "lheading"):
            self.heading(node)
        elif name == "paragraph":
            span = self.span(node)
            if span is not None:
                self.inline_block(node.children, span[0], self.line_of(max(span[1] - 1, span[0])))
        elif name == "table":
            self.table(node)
        elif name == "definition":
            self.definition(node)
        else:
            quoted = quoted or name == "blockquote"
            run: list = []  # a tight list item holds its paragraphs' inline nodes directly
            for child in node.children:
                if child.name in _BLOCKS:
                    if run:
                        self.tight_paragraph(node, run, child)
                        run = []
                    self.visit(child, quoted)
                else:
                    run.append(child)
            if run:
                self.tight_paragraph(node, run, None)

    def tight_paragraph(self, item, run, following) -> None:
        """The paragraph of a tight list item: from its first inline node to the line
        before the next block of the item (or the item's last non-blank line).

        The inline nodes' own spans are not trusted for this: markdown-it.rs 0.4 shifts
        some (`**bold**` at a paragraph start, text before a hard break)."""
        item_span, first_span = self.span(item), self.span(run[0])
        if item_span is None or first_span is None:
            return
        row = self.line_of(first_span[0])
        if row == self.line_of(item_span[0]):
            start = _LIST_MARKER.match(self.body, item_span[0]).end()
        else:
            start = _CONTINUATION.match(self.body, self.line_start(row), self.line_start(row + 1)).end()
        following_span = self.span(following) if following is not None else None
        if following_span is not None:
            last = self.line_of(following_span[0]) - 1
        else:
            last = self.line_of(max(item_span[1] - 1, item_span[0]))
        while last > row and not self.lines[last].strip(" \t\r\n>"):
            last -= 1  # blank, or blank inside a block quote
        self.inline_block(run, start, max(last, row))

    def block(self, node, into: list[tuple[int, int]]) -> None:
        span = self.span(node)
        if span is not None:
            first, last = self.rows(span)
            # An unterminated HTML block runs on to the end of its container, blank lines
            # included; the node's span stops at its last non-blank line, its content does not.
            last = max(last, first + line_count(str(node.meta.get("content", ""))))
            into.append((self.line_start(first), self.line_start(last)))

    def fence(self, node, quoted: bool) -> None:
        span = self.span(node)
        if span is None:
            return
        meta = node.meta
        markup = str(meta.get("marker", "`")) * int(meta.get("marker_len", 3))
        first, last = self.rows(span)
        lines = self.lines
        closed = False
        # Closed: the last line closes it, and is not content (`> ``` ` inside a fence
        # at top level is content; the node's span ends before trailing blank lines).
        content_lines = line_count(str(meta.get("content", "")))
        if last - 1 > first and last - 1 < len(lines) and last - first - 2 == content_lines:
            m = FENCE_CLOSE.match(lines[last - 1].rstrip("\r\n"))
            closed = bool(m and m.group(1)[0] == markup[0] and len(m.group(1)) >= len(markup))
        if not closed and not quoted:
            # An unclosed fence runs on over blank lines to the end of its container
            # (a block quote ends at a blank line, so none are taken there).
            while last < len(lines) and not lines[last].strip():
                last += 1
        opener = lines[first] if first < len(lines) else ""
        start = self.line_start(first) + (len(opener) - len(opener.lstrip(" \t>")))
        content_end = self.line_start(last - 1) if closed else self.line_start(last)
        self.view.fences.append(Fence(start, self.line_start(last), self.line_start(first + 1), content_end,
                                      str(meta.get("info", "")).strip(), markup, closed, first + 1))

    def heading(self, node) -> None:
        span = self.span(node)
        if span is None:
            return
        first, last = self.rows(span)
        children = node.children
        line = self.lines[first].rstrip("\r\n") if first < len(self.lines) else ""
        if not children:
            segments = [Segment("", self.line_start(first) + len(line))]
        elif node.name == "lheading":  # the text lines above the underline
            segments = self.segments(span[0], max(last - 2, first))
        else:
            # markdown-it's ATX heading content: after the opening #s, without a closing sequence
            opener = _ATX_OPEN.match(self.body, span[0])
            segments = [Segment(_atx_content(line[opener.end() - self.line_start(first):]), opener.end())]
        self.collect_hrefs(children)
        self.view.inlines.append(InlineBlock("heading", segments, first + 1))
        self.view.headings.append(Heading(int(node.meta.get("level", 1)), _plain(children, self.body, self),
                                          first + 1, self.line_start(first), self.line_start(last)))

    def inline_block(self, children, start: int, last: int) -> None:
        self.collect_hrefs(children)
        self.view.inlines.append(InlineBlock("paragraph", self.segments(start, last), self.line_of(start) + 1))

    def segments(self, start: int, last: int) -> list[Segment]:
        """The lines of an inline block from START to the end of line LAST: the first from
        START, each next one after its container prefix (as markdown-it-py's inline content,
        up to indentation that markdown-it-py keeps and the inline parser skips)."""
        body, lines = self.body, self.lines
        out = []
        row, at = self.line_of(start), start
        while True:
            content_end = self.line_start(row) + len(lines[row].rstrip("\r\n")) if row < len(lines) else len(body)
            if row >= last or row + 1 >= len(lines):
                piece = body[at:content_end]
                out.append(Segment(piece.strip() if not out else piece.rstrip(), at))
                return out
            out.append(Segment(body[at:content_end], at))
            row += 1
            at = _CONTINUATION.match(body, self.line_start(row), self.line_start(row + 1)).end()

    def table(self, node) -> None:
        for part in node.children:
            for row in part.children:
                span = self.span(row)
                if span is None:
                    continue
                line = self.line_of(span[0])
                source = self.lines[line].rstrip("\r\n") if line < len(self.lines) else ""
                for cell in row.children:
                    cell_span = self.span(cell)
                    # markdown-it-py's cell content: trimmed, an escaped pipe unescaped.
                    piece = self.body[cell_span[0]:cell_span[1]].strip().replace("\\|", "|") if cell_span else ""
                    at = source.find(piece)
                    segments = [] if at == -1 else [Segment(piece, self.line_start(line) + at)]
                    self.collect_hrefs(cell.children)
                    self.view.inlines.append(InlineBlock("table", segments, line + 1))

    def definition(self, node) -> None:
        meta = node.meta
        label = _normalize_reference(str(meta.get("label", "")))
        if label and label not in self.view.references:  # the first definition of a label wins
            self.view.references[label] = str(meta.get("destination", ""))

    def collect_hrefs(self, nodes) -> None:
        for node in nodes:
            if node.name in ("link", "image", "autolink"):
                url = node.meta.get("url")
                if isinstance(url, str):
                    self.hrefs.add(url)
            if node.name != "text":
                self.collect_hrefs(node.children)


def _atx_content(rest: str) -> str:
    """An ATX heading's content from the rest of its line (after the opening #s)."""
    rest = rest.rstrip(" \t")
    bare = rest.rstrip("#")
    if bare != rest and (not bare or bare[-1] in " \t"):
        rest = bare
    return rest.strip()


def _plain(nodes, body: str, walker: _Walker) -> str:
    """A heading's text as markdown-it-py's inline token gives it: text, code and image
    labels as written, line breaks as spaces, markup and HTML dropped."""
    parts: list[str] = []
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            parts.append(str(node.meta.get("content", "")))
        elif name in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif name == "code_inline":
            parts.append("".join(str(child.meta.get("content", "")) for child in node.children))
        elif name == "image":
            parts.append(_image_label(node, body, walker))
        elif name != "html_inline":
            parts.append(_plain(node.children, body, walker))
    return "".join(parts)


def _image_label(node, body: str, walker: _Walker) -> str:
    """The source of an image's label (between `![` and `]`), as markdown-it-py keeps it."""
    span = walker.span(node)
    if span is None:
        return ""
    children = [s for s in (walker.span(child) for child in node.children) if s is not None]
    if not children:
        return ""
    return body[span[0] + 2:max(e for _, e in children)]


def _normalize_reference(label: str) -> str:
    # markdown-it-py's normalizeReference: the key of env["references"]
    return re.sub(r"\s+", " ", label.strip()).lower().upper()
