"""A parsed structured file (JSON, JSONC, YAML, TOML) with positions for its values.

Paths into a document are tuples of keys and indexes (`("packages", 0, "version")`),
the same shape as `jsonschema`'s `absolute_path`. `locate()` answers with the region
of the value at a path or, for a path that does not exist (a missing key), the region
of its nearest existing ancestor: the parent object, as findings require.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from validator.parsing.text import Region, TextIndex
from validator.records import record

Pointer = tuple  # tuple[str | int, ...]


def pointer_text(pointer: Pointer) -> str:
    """RFC 6901 JSON Pointer of POINTER, e.g. `/packages/0/version`."""
    if not pointer:
        return ""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in pointer)


def dotted(pointer: Pointer) -> str:
    """The registry's style of path, e.g. `packages[0].transport.url`."""
    out = ""
    for part in pointer:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


@record
class Duplicate:
    pointer: Pointer
    """Path of the member whose key appears more than once (the later occurrence wins)."""
    key_start: int
    key_end: int
    first_start: int


class StructuredDocument:
    """A decoded, parsed structured file.

    Positions are computed on first use: most files have no finding, and for JSON
    the value itself comes from the C-accelerated `json.loads`.
    """

    __slots__ = ("value", "index", "format", "had_bom", "_spans", "_key_spans", "_duplicates", "_loader")

    def __init__(self, value: Any, index: TextIndex, format: str, *, had_bom: bool = False,
                 spans: dict | None = None, key_spans: dict | None = None,
                 duplicates: list | None = None, loader: Callable[[], tuple[dict, dict, list]] | None = None) -> None:
        self.value = value
        self.index = index
        self.format = format
        """`json`, `jsonc`, `yaml` or `toml`."""
        self.had_bom = had_bom
        self._spans = spans
        self._key_spans = key_spans
        self._duplicates = duplicates
        self._loader = loader

    def _load(self) -> None:
        if self._spans is None:
            if self._loader is None:
                self._spans, self._key_spans, self._duplicates = {}, {}, []
            else:
                self._spans, self._key_spans, self._duplicates = self._loader()
                self._loader = None

    @property
    def spans(self) -> dict[Pointer, tuple[int, int]]:
        """Value spans as character offsets (start, end), by path."""
        self._load()
        return self._spans

    @property
    def key_spans(self) -> dict[Pointer, tuple[int, int]]:
        """For object members: the span of the key, by the member's path."""
        self._load()
        return self._key_spans

    @property
    def duplicates(self) -> list[Duplicate]:
        self._load()
        return self._duplicates

    @property
    def text(self) -> str:
        return self.index.text

    def has(self, pointer: Pointer) -> bool:
        return pointer in self.spans

    def span(self, pointer: Pointer) -> tuple[int, int] | None:
        """Span of the value at POINTER, or of its nearest located ancestor."""
        pointer = tuple(pointer)
        while True:
            span = self.spans.get(pointer)
            if span is not None:
                return span
            if not pointer:
                return None
            pointer = pointer[:-1]

    def locate(self, pointer: Pointer, *, key: bool = False) -> Region:
        """Region of the value at POINTER (of its key with KEY=True), else of its parent."""
        pointer = tuple(pointer)
        if key and pointer in self.key_spans:
            return self.index.region(*self.key_spans[pointer])
        span = self.span(pointer)
        if span is None:
            return Region.file_start()
        return self.index.region(*span)

    def get(self, pointer: Pointer, default: Any = None) -> Any:
        node = self.value
        for part in pointer:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node


class ParseError(Exception):
    """The text is not well-formed; OFFSET says where (character offset)."""

    def __init__(self, message: str, offset: int, *, kind: str = "syntax") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.kind = kind
        """`syntax`, `depth` (nesting too deep) or `number` (out of range)."""


def nesting_exceeds(value: Any, limit: int) -> bool:
    """VALUE nests objects/arrays more than LIMIT levels deep (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
