"""Bytes to text, and text offsets to 1-based line/column positions.

Every front end (JSON, JSONC, YAML, TOML, Markdown) reports offsets into the decoded
text; `TextIndex` turns them into the positions findings carry. Columns count Unicode
code points (SARIF `columnKind: unicodeCodePoints`). `outside_quotes` walks a line's
characters that no single or double quote encloses (shell comments, comma lists);
`lines_above` walks a text's lines upward from one (the label or parent above a list item).
"""

from __future__ import annotations

import bisect

from validator.records import lazy, record

_LINE_BREAK = lazy(r"\r\n|\r|\n")

UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
)


@record(frozen=True)
class Region:
    """A 1-based, end-inclusive-line / end-exclusive-column range in a file."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def file_start(cls) -> Region:
        return cls(1, 1, 1, 1)


class TextIndex:
    """Maps character offsets of one text to (line, column), both 1-based."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def region(self, start: int, end: int | None = None) -> Region:
        line, column = self.position(start)
        if end is None or end <= start:
            return Region(line, column, line, column + 1 if start < len(self.text) else column)
        end_line, end_column = self.position(end)
        return Region(line, column, end_line, end_column)

    def line_offset(self, line: int) -> int:
        """Offset of the first character of 1-based LINE."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    def line_text(self, line: int) -> str:
        start = self.line_offset(line)
        match = _LINE_BREAK.search(self.text, start)
        return self.text[start : match.start() if match else len(self.text)]

    def line_region(self, line: int) -> Region:
        text = self.line_text(line)
        return Region(line, 1, line, len(text) + 1)


@record(frozen=True)
class DecodeProblem:
    """Why bytes could not be taken as UTF-8 text (or what was odd about them)."""

    kind: str
    """`bom` (UTF-8 BOM, text still usable), `utf16` (other BOM), `binary`, `invalid-utf8`."""
    message: str
    line: int = 1
    column: int = 1


@record(frozen=True)
class DecodedText:
    text: str | None
    """The text without a UTF-8 BOM, or None when the bytes are not UTF-8 text."""
    problems: tuple[DecodeProblem, ...] = ()
    had_bom: bool = False


def decode(raw: bytes) -> DecodedText:
    """Decode RAW as UTF-8, describing a BOM, other encodings, binary data and bad bytes."""
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            return DecodedText(
                None, (DecodeProblem("utf16", f"file is encoded as {name}; expected UTF-8"),)
            )
    had_bom = raw.startswith(UTF8_BOM)
    body = raw[3:] if had_bom else raw
    if b"\x00" in body[:8192]:
        return DecodedText(None, (DecodeProblem("binary", "file contains NUL bytes; it looks like binary data, not text"),))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        good = body[: err.start].decode("utf-8", errors="replace")
        index = TextIndex(good)
        line, column = index.position(len(good))
        byte = body[err.start : err.start + 1].hex()
        return DecodedText(
            None,
            (DecodeProblem("invalid-utf8", f"invalid UTF-8 byte 0x{byte} at byte offset {err.start + (3 if had_bom else 0)}", line, column),),
        )
    problems = (DecodeProblem("bom", "file starts with a UTF-8 byte order mark"),) if had_bom else ()
    return DecodedText(text, problems, had_bom)


def outside_quotes(text: str):
    """(offset, character) for each character of TEXT outside '...' and "..." (the quotes themselves left out;
    no escapes: a shell word or a front-matter value, not a string literal)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        else:
            yield i, ch


def lines_above(text: str, line_start: int):
    """The lines of TEXT above the line that starts at LINE_START, nearest first, without their line ends."""
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        yield text[prev_start:pos - 1]
        pos = prev_start


def enclosed_on_line(text: str, start: int, end: int, openers: str, closers: str) -> bool:
    """TEXT[START:END] sits between a pair of marks on its own line: more OPENERS than separate CLOSERS before it
    (an odd count when a mark both opens and closes, as a backtick or a straight quote does) and a closer after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end:len(text) if line_end == -1 else line_end]
    opened = sum(before.count(mark) for mark in openers) - sum(before.count(mark) for mark in closers if mark not in openers)
    return opened % 2 == 1 and any(mark in after for mark in closers)
