"""The Markdown view of one instruction file: the records rules read and their queries.

Built by `markdown.parse_markdown` (block structure from markdown-it-pyrs or
markdown-it-py, inline elements from `markdown_inline`); every element carries source
offsets into the decoded text.
"""

from __future__ import annotations

import bisect

from validator.parsing.text import TextIndex
from validator.records import field, record


@record
class FrontMatter:
    start: int
    end: int
    """Offsets of the whole block including both `---` lines (end: after the closing line)."""
    body_start: int
    body_end: int
    closed: bool

    def body(self, text: str) -> str:
        return text[self.body_start:self.body_end]


@record
class Fence:
    start: int
    """Offset of the opening fence characters."""
    end: int
    """Offset just after the block (after the closing fence line, or the end of the file)."""
    content_start: int
    content_end: int
    info: str
    marker: str
    closed: bool
    line: int
    """1-based line of the opening fence."""

    @property
    def language(self) -> str:
        return self.info.split()[0].lower() if self.info.split() else ""


@record
class Heading:
    level: int
    text: str
    """Plain text as rendered (inline markup removed), for anchors."""
    line: int
    start: int
    end: int
    """Offsets of the heading's line (or lines, for a setext heading)."""


@record
class Link:
    dest: str
    """The destination as written (angle brackets removed)."""
    start: int
    end: int
    """Offsets of the destination in the source."""
    image: bool = False
    reference: bool = False


@record
class CodeSpan:
    start: int
    end: int
    """Offsets of the whole span including the backticks."""
    content_start: int
    content_end: int

    def content(self, text: str) -> str:
        raw = text[self.content_start:self.content_end].replace("\r\n", " ").replace("\n", " ")
        if len(raw) >= 2 and raw[0] == " " and raw[-1] == " " and raw.strip():
            raw = raw[1:-1]
        return raw


@record
class Segment:
    """One line of an inline block: its text and where it starts in the source."""

    text: str
    offset: int


@record
class InlineBlock:
    kind: str
    """`paragraph`, `heading` or `table` (a paragraph that markdown-it saw as a GFM table row)."""
    segments: list[Segment]
    line: int


@record
class MarkdownView:
    text: str
    index: TextIndex
    front_matter: FrontMatter | None = None
    fences: list[Fence] = field(default_factory=list)
    indented_code: list[tuple[int, int]] = field(default_factory=list)
    html_blocks: list[tuple[int, int]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    inlines: list[InlineBlock] = field(default_factory=list)
    code_spans: list[CodeSpan] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    _code: list[tuple[int, int]] = field(default_factory=list)
    _code_starts: list[int] = field(default_factory=list)
    _comment_starts: list[int] = field(default_factory=list)

    # -- queries ---------------------------------------------------------------------
    def in_code(self, offset: int) -> bool:
        """OFFSET lies in a fenced or indented code block or a code span (CommonMark)."""
        return _inside(self._code, self._code_starts, offset)

    def code_ranges(self) -> list[tuple[int, int]]:
        """Offsets of every code block and code span, in order."""
        return list(self._code)

    def in_comment(self, offset: int) -> bool:
        return _inside(self.comments, self._comment_starts, offset)

    def in_front_matter(self, offset: int) -> bool:
        fm = self.front_matter
        return fm is not None and fm.start <= offset < fm.end

    def is_prose(self, offset: int) -> bool:
        """Neither code nor an HTML comment nor front matter."""
        return not (self.in_code(offset) or self.in_comment(offset) or self.in_front_matter(offset))

    def fence_at(self, offset: int) -> Fence | None:
        for fence in self.fences:
            if fence.start <= offset < fence.end:
                return fence
        return None

    def heading_before(self, offset: int) -> Heading | None:
        best = None
        for heading in self.headings:
            if heading.start <= offset:
                best = heading
            else:
                break
        return best

    def section_bounds(self, offset: int) -> tuple[int, int]:
        """Offsets of the section (between headings) holding OFFSET."""
        start, end = 0, len(self.text)
        for heading in self.headings:
            if heading.start <= offset:
                start = heading.start
            else:
                end = heading.start
                break
        return start, end


def _inside(ranges: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]
