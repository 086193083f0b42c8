"""One instruction file as Markdown, with source offsets for everything rules look at.

A CommonMark parser decides the block structure: fenced and indented code, HTML blocks,
headings, paragraphs inside lists and quotes, GFM table cells. markdown-it-pyrs (Rust,
byte offsets for every node) is used where its wheel is installed: it imports in ~1 ms
and parses a 20 KB file in under 1 ms (the whole view: ~4 ms), against 25-40 ms and
~7 ms (view ~8 ms) for markdown-it-py, which stays the fallback (`markdown_py`) and
parses the rare document markdown-it.rs panics on. Both feed the same inline scanner
(`markdown_inline`); tests/test_agents_md_markdown_pyrs.py keeps the two views equal.

Front matter (`---` ... `---` at the very top) is cut out before parsing and kept as
text with its own offsets; the text handed to the parser keeps every offset (the front
matter is blanked, not removed).

Imported by the checks only: importing it costs the parser's import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from validator.parsing.text import TextIndex
from validator.records import lazy
from validator.standards.agents_md.markdown_inline import SawLink, finish, split_lines
from validator.standards.agents_md.markdown_model import (
    CodeSpan,
    Fence,
    FrontMatter,
    Heading,
    InlineBlock,
    Link,
    MarkdownView,
    Segment,
)

__all__ = ["CodeSpan", "Fence", "FrontMatter", "Heading", "InlineBlock", "Link", "MarkdownView", "Segment",
           "front_matter", "parse_markdown", "parser_name"]

_FRONT_OPEN = lazy(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = lazy(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

Builder = Callable[[MarkdownView, str, list, list], SawLink]


_YAML_LINE = lazy(r"^(?:[ \t]*#.*|[ \t]*|[A-Za-z_$][\w$.-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t].*|-)$")


def _yamlish(body: str) -> bool:
    """BODY reads as a YAML mapping: `key:` lines, with indented or list continuation lines."""
    lines = body.splitlines()
    if not any(re.match(r"^[A-Za-z_$][\w$.-]*[ \t]*:", line) for line in lines):
        return False
    return all(_YAML_LINE.match(line) for line in lines)


def front_matter(text: str) -> FrontMatter | None:
    """A YAML front matter block at the very top of TEXT (closed or not).

    Only a block whose lines read as YAML counts: a file may open with `---` as a
    thematic break followed by prose, which is Markdown, not front matter.
    """
    opener = _FRONT_OPEN.match(text)
    if not opener:
        return None
    close = _FRONT_CLOSE.search(text, opener.end())
    if close is None:
        body = text[opener.end():]
        head = body.split("\n\n", 1)[0]
        if not _yamlish(head):
            return None
        return FrontMatter(0, len(text), opener.end(), len(text), closed=False)
    if not _yamlish(text[opener.end():close.start()]):
        return None
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end) or text.startswith("\r", end):
        end += 1
    return FrontMatter(0, end, opener.end(), close.start(), closed=True)


def parse_markdown(text: str, *, front_matter_allowed: bool = True, parser: str | None = None) -> MarkdownView:
    """The Markdown view of TEXT (already decoded, BOM removed).

    PARSER forces `"rs"` (markdown-it-pyrs) or `"py"` (markdown-it-py); by default the
    fastest one installed (tests compare the two).
    """
    index = TextIndex(text)
    view = MarkdownView(text, index)
    body = text
    if front_matter_allowed:
        fm = front_matter(text)
        if fm is not None and fm.closed:
            view.front_matter = fm
            body = _blank(text, fm.start, fm.end)
    lines, starts = split_lines(body)
    saw_link = _builder(parser or parser_name())(view, body, lines, starts)
    finish(view, body, lines, starts, saw_link)
    return view


@lru_cache(maxsize=1)
def parser_name() -> str:
    """`rs` when markdown-it-pyrs is installed, else `py`."""
    try:
        import markdown_it_pyrs  # noqa: F401 - ~2 ms, and the parse needs it anyway
    except ImportError:
        return "py"
    return "rs"


def _builder(name: str) -> Builder:
    if name == "rs":
        from validator.standards.agents_md import markdown_rs

        return markdown_rs.build
    if name == "py":
        from validator.standards.agents_md import markdown_py

        return markdown_py.build
    raise ValueError(f"unknown Markdown parser {name!r}")


def _blank(text: str, start: int, end: int) -> str:
    middle = "".join(ch if ch in "\r\n" else " " for ch in text[start:end])
    return text[:start] + middle + text[end:]
