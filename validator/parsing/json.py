"""A position-tracking JSON and JSONC parser.

The standard library's `json` gives no positions, and no well-kept Python library
maps JSON values back to line and column, so this small scanner does. It is iterative
(a 20,000-deep array cannot exhaust the Python stack), decodes strings with the
standard library's own `scanstring` (so values equal `json.loads` exactly; a test
proves it on the whole real corpus), keeps the last of duplicate keys as `json.loads`
does while recording every duplicate, and in JSONC mode accepts `//` and `/* */`
comments and trailing commas (VS Code's `mcp.json`, Gemini and Zed settings).

Strict JSON follows RFC 8259: no NaN/Infinity, no comments, no trailing commas.
"""

from __future__ import annotations

import json
import json.decoder

from validator.parsing.document import Duplicate, ParseError, StructuredDocument, nesting_exceeds
from validator.parsing.text import TextIndex
from validator.records import lazy

_scanstring = json.decoder.scanstring
_WS = lazy(r"[ \t\n\r]*")
_WS_JSONC = lazy(r"(?:[ \t\n\r]+|//[^\r\n]*|/\*(?:[^*]|\*(?!/))*\*/)*")
_NUMBER = lazy(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}

DEFAULT_MAX_DEPTH = 512
"""Deeper nesting is reported, not parsed: no real manifest comes close."""


class _Frame:
    __slots__ = ("container", "pointer", "start", "key", "is_object")

    def __init__(self, container, pointer, start, is_object):
        self.container = container
        self.pointer = pointer
        self.start = start
        self.key = None
        self.is_object = is_object


def parse_json(text: str, *, jsonc: bool = False, max_depth: int = DEFAULT_MAX_DEPTH, had_bom: bool = False) -> StructuredDocument:
    """Parse TEXT; raise `ParseError` with a character offset when it is not valid.

    Strict JSON takes its value from `json.loads` (C speed) and scans for positions
    only when a finding asks for one; JSONC is scanned at once (the files are small).
    """
    index = TextIndex(text)
    fmt = "jsonc" if jsonc else "json"
    if jsonc:
        value, spans, key_spans, duplicates = scan(text, jsonc=True, max_depth=max_depth)
        return StructuredDocument(value, index, fmt, had_bom=had_bom, spans=spans, key_spans=key_spans, duplicates=duplicates)
    saw_duplicate = False

    def pairs_hook(pairs):
        nonlocal saw_duplicate
        obj = dict(pairs)
        if len(obj) != len(pairs):
            saw_duplicate = True
        return obj

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as err:
        # Re-scan for a precise message; the scanner rejects everything json.loads does.
        scan(text, jsonc=False, max_depth=max_depth)
        offset = getattr(err, "pos", 0)
        raise ParseError(str(getattr(err, "msg", err)), offset) from None
    if saw_duplicate or nesting_exceeds(value, max_depth):
        value, spans, key_spans, duplicates = scan(text, jsonc=False, max_depth=max_depth)
        return StructuredDocument(value, index, fmt, had_bom=had_bom, spans=spans, key_spans=key_spans, duplicates=duplicates)

    def positions():
        return scan(text, jsonc=False, max_depth=max_depth)[1:]

    return StructuredDocument(value, index, fmt, had_bom=had_bom, loader=positions)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def scan(text: str, *, jsonc: bool, max_depth: int = DEFAULT_MAX_DEPTH):
    """Scan TEXT fully: (value, value spans, key spans, duplicates), or raise `ParseError`."""
    parser = _Parser(text, jsonc, max_depth)
    value = parser.run()
    return value, parser.spans, parser.key_spans, parser.duplicates


class _Parser:
    __slots__ = ("text", "spans", "key_spans", "duplicates", "jsonc", "max_depth", "ws")

    def __init__(self, text, jsonc, max_depth):
        self.text = text
        self.spans = {}
        self.key_spans = {}
        self.duplicates = []
        self.jsonc = jsonc
        self.max_depth = max_depth
        self.ws = _WS_JSONC if jsonc else _WS

    def skip(self, pos: int) -> int:
        end = self.ws.match(self.text, pos).end()
        if self.jsonc and self.text.startswith("/*", end):
            raise ParseError("unterminated block comment", end)
        return end

    def fail_at(self, pos: int, expected: str):
        text = self.text
        if pos >= len(text):
            raise ParseError(f"unexpected end of file; expected {expected}", len(text))
        ch = text[pos]
        if not self.jsonc and ch == "/" and text.startswith(("//", "/*"), pos):
            raise ParseError("comments are not allowed in JSON", pos)
        shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
        raise ParseError(f"unexpected character {shown}; expected {expected}", pos)

    def key(self, frame: _Frame, pos: int) -> int:
        """Parse `"key" :` at POS; point the frame at the member; return the value offset."""
        text = self.text
        if pos >= len(text) or text[pos] != '"':
            self.fail_at(pos, "a string key")
        key, end = self._string(pos)
        pointer = frame.pointer + (key,)
        container = frame.container
        if key in container:
            first = self.key_spans.get(pointer, (pos, end))[0]
            self.duplicates.append(Duplicate(pointer, pos, end, first))
            self._forget(pointer, container[key])
        self.key_spans[pointer] = (pos, end)
        frame.key = key
        pos = self.skip(end)
        if pos >= len(text) or text[pos] != ":":
            self.fail_at(pos, "':' after an object key")
        return self.skip(pos + 1)

    def _forget(self, pointer: tuple, value) -> None:
        """Drop the spans of the value a duplicate key replaces: walking that value costs
        its own size, so a file of many duplicates parses in linear time."""
        pending = [(pointer, value)]
        while pending:
            where, node = pending.pop()
            self.spans.pop(where, None)
            self.key_spans.pop(where, None)
            if isinstance(node, dict):
                pending.extend((where + (k,), v) for k, v in node.items())
            elif isinstance(node, list):
                pending.extend((where + (i,), v) for i, v in enumerate(node))

    def _string(self, pos: int):
        try:
            return _scanstring(self.text, pos + 1, True)
        except json.decoder.JSONDecodeError as err:
            raise ParseError(err.msg.lower(), err.pos) from None

    def run(self):
        text = self.text
        n = len(text)
        spans = self.spans
        stack: list[_Frame] = []
        pointer: tuple = ()
        pos = self.skip(0)
        if pos >= n:
            raise ParseError("file is empty; expected a JSON value", pos)
        while True:
            # -- a value starts at `pos` for `pointer`
            ch = text[pos] if pos < n else ""
            if ch == "{" or ch == "[":
                if len(stack) >= self.max_depth:
                    raise ParseError(f"nesting deeper than {self.max_depth} levels", pos, kind="depth")
                is_object = ch == "{"
                frame = _Frame({} if is_object else [], pointer, pos, is_object)
                stack.append(frame)
                pos = self.skip(pos + 1)
                closer = "}" if is_object else "]"
                if pos < n and text[pos] == closer:
                    value, end = frame.container, pos + 1
                    spans[frame.pointer] = (frame.start, end)
                    stack.pop()
                elif is_object:
                    pos = self.key(frame, pos)
                    pointer = frame.pointer + (frame.key,)
                    continue
                else:
                    pointer = frame.pointer + (0,)
                    continue
            elif ch == '"':
                value, end = self._string(pos)
                spans[pointer] = (pos, end)
            elif ch == "-" or "0" <= ch <= "9":
                m = _NUMBER.match(text, pos)
                if m is None:
                    self.fail_at(pos, "a number")
                end = m.end()
                literal = m.group()
                if m.group(1) or m.group(2):
                    value = float(literal)
                else:
                    try:
                        value = int(literal)
                    except ValueError:
                        raise ParseError("integer literal too long to convert", pos, kind="number") from None
                spans[pointer] = (pos, end)
            else:
                for word, literal_value in _LITERALS.items():
                    if text.startswith(word, pos):
                        value, end = literal_value, pos + len(word)
                        spans[pointer] = (pos, end)
                        break
                else:
                    self.fail_at(pos, "a value")
            # -- a value ended at `end`: attach it to its container, then close containers
            while True:
                if not stack:
                    tail = self.skip(end)
                    if tail < n:
                        self.fail_at(tail, "end of file after the top-level value")
                    return value
                frame = stack[-1]
                if frame.is_object:
                    frame.container[frame.key] = value
                else:
                    frame.container.append(value)
                pos = self.skip(end)
                closer = "}" if frame.is_object else "]"
                if pos < n and text[pos] == ",":
                    pos = self.skip(pos + 1)
                    if pos < n and text[pos] == closer:
                        if not self.jsonc:
                            raise ParseError(f"trailing comma before {closer!r} is not allowed in JSON", pos)
                        value, end = frame.container, pos + 1
                        spans[frame.pointer] = (frame.start, end)
                        stack.pop()
                        continue
                    if frame.is_object:
                        pos = self.key(frame, pos)
                        pointer = frame.pointer + (frame.key,)
                    else:
                        pointer = frame.pointer + (len(frame.container),)
                    break
                if pos < n and text[pos] == closer:
                    value, end = frame.container, pos + 1
                    spans[frame.pointer] = (frame.start, end)
                    stack.pop()
                    continue
                self.fail_at(pos, f"',' or {closer!r}")
