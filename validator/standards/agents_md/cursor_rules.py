"""A Cursor project rule's front matter, read line by line as Cursor's documentation writes it.

Cursor's front matter is not strict YAML: the rules page (https://cursor.com/docs/rules, "Rule file
structure") writes `globs: src/**/*.ts, docs/**/*.md` unquoted, which YAML refuses (`*` opens an alias),
and Cursor reads it. So the block is read as `key: value` lines (a value may continue on indented lines
or as `- item` lines), each value kept raw with its offsets, and judged by shape: empty, plain text,
quoted, a list, a mapping. What does not read as `key: value` is reported as malformed (AGM018).

Pure and light (standard library only); `checks/cursor.py` and `checks/integrity.py` use it.
"""

from __future__ import annotations

import re

from validator.parsing.text import outside_quotes
from validator.records import field, record

KNOWN_KEYS = ("description", "globs", "alwaysApply")
"""The keys Cursor reads (https://cursor.com/docs/rules, "Rule file structure")."""

_KEY = re.compile(r"([A-Za-z_][\w.-]*|\"[^\"]*\"|'[^']*')[ \t]*:(?=[ \t]|$)")


@record
class Entry:
    key: str
    key_start: int
    key_end: int
    raw: str
    """The value on the key's line, comment removed and stripped ('' when it continues below or is empty)."""
    value_start: int
    value_end: int
    items: list[tuple[str, int, int]] = field(default_factory=list)
    """`- item` lines below the key: (raw item, start, end)."""
    nested: bool = False
    """Indented `key: value` lines below the key: a mapping."""
    continued: bool = False
    """Other indented lines below the key (a folded or literal block, or a plain value over several lines)."""

    @property
    def shape(self) -> str:
        """`empty`, `text`, `quoted`, `block` (`|`, `>`), `list` (flow or `- item` lines) or `mapping`."""
        raw = self.raw
        if self.nested or raw == "{}" or re.match(r"\{\s*[^{}]*?:(?:\s|$)", raw):
            return "mapping"  # a flow mapping; `{src,lib}/**/*.ts` is a glob
        if self.items or (raw.startswith("[") and raw.endswith("]")):
            return "list"
        if raw[:1] in ("|", ">"):
            return "block"
        if not raw:
            return "text" if self.continued else "empty"
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[0] not in raw[1:-1]:
            return "quoted"  # one quoted string (`"a", "b"` is text holding quoted patterns)
        return "text"


@record
class CursorFrontMatter:
    entries: list[Entry] = field(default_factory=list)
    malformed: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, what): lines that do not read as `key: value`."""

    def get(self, key: str) -> Entry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


def _strip_comment(value: str) -> str:
    """VALUE without a trailing ` # comment` (outside quotes), stripped."""
    quote = None
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or value[i - 1] in " \t[,"):
            quote = ch
        elif ch == "#" and (i == 0 or value[i - 1] in " \t"):
            return value[:i].rstrip()
    return value.strip()


def read(text: str, body_start: int, body_end: int) -> CursorFrontMatter:
    """The entries of the front matter whose body (between the `---` lines) is TEXT[BODY_START:BODY_END]."""
    out = CursorFrontMatter()
    current: Entry | None = None
    closer = None
    """The character that ends a quoted string or flow list left open on its key's line (YAML lets it run on)."""
    pos = body_start
    for line in text[body_start:body_end].splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if closer is not None and current is not None:
            current.raw = f"{current.raw} {stripped}".strip()
            current.value_end = start + len(content)
            if closer in stripped:
                closer = None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(content) - len(content.lstrip(" \t"))
        lead = start + indent
        if stripped.startswith("- ") or stripped == "-":
            if current is not None and not current.raw:
                item = _strip_comment(stripped[1:])
                at = lead + 1 + (len(stripped[1:]) - len(stripped[1:].lstrip()))
                current.items.append((item, at, at + len(item)))
                continue
            if current is not None and indent:
                current.continued = True
                continue
            out.malformed.append((lead, start + len(content), "a list item with no key above it"))
            continue
        if indent:
            if current is None:
                out.malformed.append((lead, start + len(content), "an indented line with no key above it"))
            elif _KEY.match(stripped) and not current.raw:
                current.nested = True
            else:
                current.continued = True
            continue
        m = _KEY.match(content)
        if m is None:
            if current is not None and current.shape in ("text", "quoted") and not current.items:
                # a plain value running onto the next line without indentation: YAML refuses it, and whether
                # Cursor reads it is not documented
                out.malformed.append((lead, start + len(content), f"'{_short(stripped)}' is not a 'key: value' line "
                                      f"(a value of {current.key} that runs onto the next line must be indented)"))
            else:
                out.malformed.append((lead, start + len(content), f"'{_short(stripped)}' is not a 'key: value' line"))
            continue
        key = m.group(1).strip("'\"")
        after = content[m.end():]
        raw = _strip_comment(after)
        value_start = start + m.end() + (len(after) - len(after.lstrip()))
        current = Entry(key, start, start + len(m.group(1)), raw, value_start, value_start + len(raw))
        out.entries.append(current)
        opener = raw[:1]
        if opener in ("'", '"') and (len(raw) == 1 or not raw.endswith(opener)):
            closer = opener
        elif opener == "[" and "]" not in raw:
            closer = "]"
    if closer is not None and current is not None:
        out.malformed.append((current.value_start, current.value_start + 1,
                              f"the {closer} opened in the value of {current.key} is never closed"))
    return out


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def always(entry: Entry | None) -> bool:
    """`alwaysApply: true` (YAML's `True`, `TRUE` too; a quoted "true" is not a boolean)."""
    return entry is not None and entry.shape == "text" and entry.raw.lower() == "true"


def globs_of(entry: Entry) -> list[tuple[str, int, int]]:
    """The patterns of a `globs` entry with their offsets: comma-separated text (commas inside `{}` kept),
    a flow list or `- item` lines; quotes around a pattern removed."""
    if entry.items:
        out = []
        for raw, start, _end in entry.items:
            out.extend(_split(raw, start))
        return out
    raw, start = entry.raw, entry.value_start
    if raw.startswith("[") and raw.endswith("]"):
        return _split(raw[1:-1], start + 1)
    if entry.shape == "quoted":
        return _split(raw[1:-1], start + 1)  # `"**/*.tsx,**/*.css"`: the quotes hold the whole list
    return _split(raw, start)


def _split(raw: str, start: int) -> list[tuple[str, int, int]]:
    out = []
    depth = 0
    begin = 0
    for i, ch in outside_quotes(raw + ","):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            piece = raw[begin:i]
            lead = len(piece) - len(piece.lstrip())
            text = piece.strip()
            at = start + begin + lead
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
                text, at = text[1:-1].strip(), at + 1
            if text:
                out.append((text, at, at + len(text)))
            begin = i + 1
    if begin < len(raw):  # a quote or a brace never closed: the rest is one pattern, as written
        piece = raw[begin:]
        at = start + begin + len(piece) - len(piece.lstrip())
        out.append((piece.strip(), at, at + len(piece.strip())))
    return out


def expand_braces(pattern: str, limit: int = 64) -> list[str]:
    """`src/**/*.{ts,tsx}` -> `src/**/*.ts`, `src/**/*.tsx` (at most LIMIT results; the rest dropped)."""
    out = [pattern]
    done: list[str] = []
    while out and len(done) + len(out) <= limit:
        p = out.pop()
        m = re.search(r"\{([^{}]*)\}", p)
        if m is None or "," not in m.group(1):
            done.append(p)
            continue
        out.extend(p[:m.start()] + alt + p[m.end():] for alt in m.group(1).split(","))
    return done + out[: max(0, limit - len(done))]


_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


def block(text: str):
    """The front matter block of a Cursor rule: a first line `---` up to the next `---` line, whatever is between
    (a `.mdc` that opens with `---` means front matter; the Markdown reader asks more of a block's lines because
    elsewhere `---` may be a thematic break). A `FrontMatter`, or None without an opening line or a closing one."""
    from validator.standards.agents_md.markdown_model import FrontMatter

    opener = _OPEN.match(text)
    if opener is None:
        return None
    close = _CLOSE.search(text, opener.end())
    if close is None:
        return None
    end = close.end()
    end += 2 if text.startswith("\r\n", end) else 1 if text.startswith(("\n", "\r"), end) else 0
    return FrontMatter(0, end, opener.end(), close.start(), closed=True)


def second_block(text: str, end: int) -> tuple[int, int] | None:
    """A second front-matter block right after the first (which ends at END): (start, end of its '---' line)."""
    m = re.compile(r"(?:[ \t]*\r?\n)*(---)[ \t]*\r?\n(?:[ \t]*#.*\r?\n|[ \t]*\r?\n)*[A-Za-z_][\w-]*[ \t]*:").match(text, end)
    if m is None:
        return None
    return m.start(1), m.end(1)
