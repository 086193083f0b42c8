"""TOML with positions: values from `tomllib`, positions from a line scanner.

`tomllib` reports no positions, so a small scanner maps table headers (`[a.b]`,
`[[a.b]]`) and `key = value` lines (dotted and quoted keys included) to offsets.
Keys inside inline tables and multi-line arrays fall back to their nearest located
ancestor, which is the line that holds them.
"""

from __future__ import annotations

from validator.parsing.document import ParseError, StructuredDocument
from validator.parsing.text import TextIndex
from validator.records import lazy

_ERROR_POSITION = lazy(r"\(at line (\d+), column (\d+)\)")
_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_KEY_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_HEADER = lazy(rf"^[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]\]?")
_ASSIGN = lazy(rf"^[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_PART = lazy(_KEY_PART)


def parse_toml(text: str, *, had_bom: bool = False) -> StructuredDocument:
    import tomllib

    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        index = TextIndex(text)
        match = _ERROR_POSITION.search(message)
        offset = 0
        if match:
            offset = index.line_offset(int(match.group(1))) + int(match.group(2)) - 1
            message = message[: match.start()].strip()
        raise ParseError(message, offset) from None
    spans, key_spans = _scan(text, value)
    return StructuredDocument(value, TextIndex(text), "toml", had_bom=had_bom, spans=spans, key_spans=key_spans, duplicates=[])


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        raw = match.group()
        if raw.startswith('"'):
            import json

            try:
                raw = json.loads(raw)
            except ValueError:
                raw = raw[1:-1]
        elif raw.startswith("'"):
            raw = raw[1:-1]
        parts.append(raw)
    return tuple(parts)


def _scan(text: str, value: dict):
    spans: dict = {(): (0, len(text))}
    key_spans: dict = {}
    array_counts: dict[tuple, int] = {}
    table: tuple = ()
    offset = 0
    in_multiline: str | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if in_multiline:
            if stripped.count(in_multiline) % 2 == 1:
                in_multiline = None
            offset += len(line)
            continue
        header = _HEADER.match(stripped)
        if header:
            path = _split_key(header.group(2))
            if header.group(1) == "[[":
                count = array_counts.get(path, 0)
                array_counts[path] = count + 1
                # deeper arrays of tables restart below a new parent element
                for other in list(array_counts):
                    if len(other) > len(path) and other[: len(path)] == path:
                        del array_counts[other]
                path = _resolve_arrays(path, array_counts, count)
            else:
                path = _resolve_arrays(path, array_counts, None)
            table = path
            start = offset + header.start(2)
            spans.setdefault(path, (offset + len(stripped) - len(stripped.lstrip()), offset + len(stripped)))
            key_spans.setdefault(path, (start, offset + header.end(2)))
            _locate_implicit(path, header.group(2), start, spans, key_spans)
        else:
            assign = _ASSIGN.match(stripped)
            if assign:
                path = table + _split_key(assign.group(1))
                value_start = offset + assign.end()
                key_spans[path] = (offset + assign.start(1), offset + assign.end(1))
                _locate_implicit(path, assign.group(1), offset + assign.start(1), spans, key_spans, skip=len(table))
                spans[path] = (value_start, offset + len(_strip_comment(stripped)))
                rest = stripped[assign.end():]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and rest.count(quote) == 1:
                        in_multiline = quote
        offset += len(line)
    return spans, key_spans


def _locate_implicit(path: tuple, dotted: str, start: int, spans: dict, key_spans: dict, *, skip: int = 0) -> None:
    """Tables created implicitly by a dotted key (`[a.b]` creates `a`) are located at their first mention."""
    if any(isinstance(part, int) for part in path):
        return  # inside arrays of tables the prefixes are positioned by their own headers
    parts = list(_PART.finditer(dotted))
    for depth in range(1, len(parts)):
        prefix = path[: skip + depth]
        match = parts[depth - 1]
        key_spans.setdefault(prefix, (start + match.start(), start + match.end()))
        spans.setdefault(prefix, (start + parts[0].start(), start + parts[-1].end()))


def _resolve_arrays(path: tuple, array_counts: dict, own_index: int | None) -> tuple:
    """Insert array-of-tables indexes into PATH: `[[a]]` then `[a.b]` is `a[n].b`."""
    resolved: list = []
    for i, part in enumerate(path):
        resolved.append(part)
        prefix = path[: i + 1]
        if prefix in array_counts:
            if i == len(path) - 1 and own_index is not None:
                resolved.append(own_index)
            else:
                resolved.append(array_counts[prefix] - 1)
    return tuple(resolved)


def _strip_comment(line: str) -> str:
    """LINE without a trailing `# comment` (outside strings) and trailing blanks."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i].rstrip()
        i += 1
    return line.rstrip()

