"""Inline elements of the Markdown view, found on the source so each has exact offsets.

The parser (markdown-it-pyrs or markdown-it-py, see `markdown.py`) decides the block
structure and hands over each inline block as source segments; this module scans them
for code spans, HTML comments, autolinks and link destinations, finds HTML comments in
HTML blocks and the destinations of reference definitions. A link destination is kept
only when the parser also saw a link to it (`SawLink`), so the two views cannot disagree
on what is a link. Shared by both parsers, so they give the same view.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from validator.records import lazy
from validator.standards.agents_md.markdown_model import CodeSpan, InlineBlock, Link, MarkdownView

SawLink = Callable[[str, str], bool]
"""(destination as written, with its angle brackets; destination unescaped) -> the parser made a link of it."""

_NEWLINE = lazy(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(body: str) -> tuple[list[str], list[int]]:
    """BODY's lines (with their endings) and the offset where each starts, plus the end.

    Lines end where CommonMark ends them (LF, CRLF or CR), not where `str.splitlines`
    does (it also splits at form feeds, NEL and U+2028), so line numbers match the parser's.
    """
    lines = _NEWLINE.findall(body)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return lines, starts


def finish(view: MarkdownView, body: str, lines: list[str], starts: list[int], saw_link: SawLink) -> None:
    """Inline elements, comments and reference destinations, once the blocks are in VIEW."""
    text = view.text
    for block in view.inlines:
        _scan_inline(view, block, saw_link)
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


_SPECIAL = lazy(r"[\\`<]")
"""What the inline scan acts on: a backslash escape, a backtick run, or `<` (comment, autolink, tag)."""
_AUTOLINK = lazy(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_EMAIL_AUTOLINK = lazy(r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
_HTML_TAG = lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>")


def _scan_inline(view: MarkdownView, block: InlineBlock, saw_link: SawLink) -> None:
    """Code spans, comments, autolinks and link destinations of one inline block."""
    if not block.segments:
        return
    if not any("`" in seg.text or "<" in seg.text or "]" in seg.text for seg in block.segments):
        return  # no code span, comment, tag, autolink or link destination can start here
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
    while True:
        # Jump to the next character that can start something: stepping one by one in Python was
        # most of a large repository's Markdown time.
        special = _SPECIAL.search(s, i)
        if special is None:
            break
        i = special.start()
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
    _links(view, s, src, taken, saw_link)


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


def _links(view: MarkdownView, s: str, src, taken, saw_link: SawLink) -> None:
    def free(a: int) -> bool:
        return not any(x <= a < y for x, y in taken)

    for m in _LINK_DEST.finditer(s):
        if not free(m.start()):
            continue
        dest = m.group(1) if m.group(1) is not None else m.group(2)
        group = 1 if m.group(1) is not None else 2
        unescaped = re.sub(r"\\(.)", r"\1", dest)
        if not saw_link(f"<{dest}>" if group == 1 else dest, unescaped):
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
