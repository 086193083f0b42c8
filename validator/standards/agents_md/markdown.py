"""One instruction file as Markdown, with source offsets for everything rules look at.

markdown-it-py (CommonMark) decides the block structure: fenced and indented code,
HTML blocks, headings, paragraphs inside lists and quotes. Inline content is then
scanned here, on the source, for code spans, HTML comments, links and autolinks, so
that every element carries exact offsets (markdown-it's inline tokens carry none).
Links are only kept when markdown-it also saw them (same destination), so the two
views cannot disagree on what is a link.

Front matter (`---` ... `---` at the very top) is cut out before parsing and kept as
text with its own offsets; the text handed to markdown-it keeps every offset (the
front matter is blanked, not removed).

Imported by the checks only: importing it costs markdown-it (~40 ms).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from validator.parsing.text import TextIndex
from validator.records import field, lazy, record

_FENCE_CLOSE = lazy(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
_FRONT_OPEN = lazy(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = lazy(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_PREFIX_CHARS = set(" \t>-*+#.)0123456789")


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


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # CommonMark plus GFM tables (as GitHub renders instruction files); no typographer,
    # no linkify: a bare URL in text is not a link destination we resolve.
    return MarkdownIt("commonmark").enable("table")


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


def parse_markdown(text: str, *, front_matter_allowed: bool = True) -> MarkdownView:
    """The Markdown view of TEXT (already decoded, BOM removed)."""
    index = TextIndex(text)
    view = MarkdownView(text, index)
    body = text
    if front_matter_allowed:
        fm = front_matter(text)
        if fm is not None and fm.closed:
            view.front_matter = fm
            body = _blank(text, fm.start, fm.end)
    env: dict = {}
    tokens = _parser().parse(body, env)
    lines = body.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def line_start(n: int) -> int:
        return starts[min(n, len(starts) - 1)]

    pending_heading = None
    for i, token in enumerate(tokens):
        if token.type == "fence" and token.map:
            first, last = token.map
            opener_line = lines[first] if first < len(lines) else ""
            start = line_start(first) + (len(opener_line) - len(opener_line.lstrip(" \t>")))
            closed = False
            if last - 1 > first and last - 1 < len(lines):
                m = _FENCE_CLOSE.match(lines[last - 1].rstrip("\r\n"))
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
    for block in view.inlines:
        _scan_inline(view, block, hrefs)
    for start, end in view.html_blocks:
        for m in re.finditer(r"<!--.*?(?:-->|\Z)", text[start:end], re.DOTALL):
            view.comments.append((start + m.start(), start + m.end()))
    _reference_definitions(view, body, lines, starts)
    code = [(f.start, f.end) for f in view.fences] + view.indented_code + [(s.start, s.end) for s in view.code_spans]
    code.sort()
    view._code = code
    view._code_starts = [a for a, _ in code]
    view.comments.sort()
    view._comment_starts = [a for a, _ in view.comments]
    view.code_spans.sort(key=lambda s: s.start)
    view.links.sort(key=lambda link: link.start)
    return view


def _blank(text: str, start: int, end: int) -> str:
    middle = "".join(ch if ch in "\r\n" else " " for ch in text[start:end])
    return text[:start] + middle + text[end:]


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
        if at is None:
            continue  # tabs expanded or odd container prefix: leave this line out rather than guess
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


# -- inline scanning ----------------------------------------------------------------------

_AUTOLINK = lazy(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_EMAIL_AUTOLINK = lazy(r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
_HTML_TAG = lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>")


def _scan_inline(view: MarkdownView, block: InlineBlock, hrefs: set[str]) -> None:
    """Code spans, comments, autolinks and link destinations of one inline block."""
    if not block.segments:
        return
    # Join the block's lines into one string with a map back to source offsets.
    joined = []
    offsets: list[int] = []
    for n, seg in enumerate(block.segments):
        if n:
            joined.append("\n")
            offsets.append(offsets[-1] + 1 if offsets else seg.offset)
        joined.append(seg.text)
        offsets.extend(range(seg.offset, seg.offset + len(seg.text)))
    s = "".join(joined)
    offsets.append(offsets[-1] + 1 if offsets else block.segments[0].offset)

    def src(i: int) -> int:
        return offsets[min(i, len(offsets) - 1)]

    i, n = 0, len(s)
    taken: list[tuple[int, int]] = []
    while i < n:
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = _run(s, i, "`")
            close = _find_run(s, i + run, run)
            if close is None:
                i += run  # a backtick string without its match is literal text
                continue
            view.code_spans.append(CodeSpan(src(i), src(close + run - 1) + 1, src(i + run), src(close) if close > i + run else src(i + run)))
            taken.append((i, close + run))
            i = close + run
            continue
        if ch == "<":
            if s.startswith("<!--", i):
                end = s.find("-->", i + 4)
                stop = n if end == -1 else end + 3
                view.comments.append((src(i), src(stop - 1) + 1))
                taken.append((i, stop))
                i = stop
                continue
            m = _AUTOLINK.match(s, i) or _EMAIL_AUTOLINK.match(s, i)
            if m:
                taken.append((i, m.end()))
                i = m.end()
                continue
            m = _HTML_TAG.match(s, i)
            if m:
                taken.append((i, m.end()))
                i = m.end()
                continue
        i += 1
    _links(view, s, src, taken, hrefs)


def _run(s: str, i: int, ch: str) -> int:
    j = i
    while j < len(s) and s[j] == ch:
        j += 1
    return j - i


def _find_run(s: str, i: int, length: int) -> int | None:
    while True:
        j = s.find("`", i)
        if j == -1:
            return None
        run = _run(s, j, "`")
        if run == length:
            return j
        i = j + run


_LINK_DEST = lazy(r"\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))")
_REF_LINK = lazy(r"\]\[([^\]\n]+)\]")


def _links(view: MarkdownView, s: str, src, taken, hrefs: set[str]) -> None:
    from markdown_it.common.normalize_url import normalizeLink

    def free(a: int) -> bool:
        return not any(x <= a < y for x, y in taken)

    for m in _LINK_DEST.finditer(s):
        if not free(m.start()):
            continue
        dest = m.group(1) if m.group(1) is not None else m.group(2)
        group = 1 if m.group(1) is not None else 2
        unescaped = re.sub(r"\\(.)", r"\1", dest)
        if normalizeLink(unescaped) not in hrefs and unescaped not in hrefs:
            continue
        image = _is_image(s, m.start())
        view.links.append(Link(unescaped, src(m.start(group)), src(m.end(group) - 1) + 1 if m.end(group) > m.start(group) else src(m.start(group)), image))


def _is_image(s: str, close_bracket: int) -> bool:
    depth = 0
    for j in range(close_bracket, -1, -1):
        if s[j] == "]":
            depth += 1
        elif s[j] == "[":
            depth -= 1
            if depth == 0:
                return j > 0 and s[j - 1] == "!"
    return False


_REF_DEF = lazy(r"^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*(?:<([^<>\n]*)>|(\S+))")


def _reference_definitions(view: MarkdownView, body: str, lines: list[str], starts: list[int]) -> None:
    if not view.references:
        return
    covered = [(f.start, f.end) for f in view.fences] + view.indented_code + view.html_blocks
    wanted = {_normalize_label(label) for label in view.references}
    for row, line in enumerate(lines):
        m = _REF_DEF.match(line)
        if not m:
            continue
        offset = starts[row]
        if any(a <= offset < b for a, b in covered):
            continue
        if _normalize_label(m.group(1)) not in wanted:
            continue
        group = 2 if m.group(2) is not None else 3
        view.links.append(Link(m.group(group), offset + m.start(group), offset + m.end(group), reference=True))


def _normalize_label(label: str) -> str:
    return " ".join(label.strip().casefold().split()).upper()
