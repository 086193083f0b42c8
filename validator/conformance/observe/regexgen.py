"""Strings that match a JSON Schema `pattern` (ECMA-262 regular expressions, unanchored).

Walks Python's parse tree of the pattern (close enough to ECMA-262 for the patterns
tool schemas use) and builds matching strings: literals, classes, categories,
alternation, groups, back-references and bounded repetition. Lookarounds are ignored
here; every candidate is checked with `re.search` by the caller, as JSON Schema does.
https://json-schema.org/draft/2020-12/json-schema-validation#name-pattern
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
    from re._constants import MAXREPEAT  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]
    from sre_constants import MAXREPEAT  # type: ignore[no-redef]

_CATEGORY = {
    "CATEGORY_DIGIT": "0123456789",
    "CATEGORY_NOT_DIGIT": "aA_-",
    "CATEGORY_WORD": "abcXYZ019_",
    "CATEGORY_NOT_WORD": " -.",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "aA0_-",
}
_PREFERRED = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-. @:/"
MAX_UNBOUNDED = 8


def _class_chars(items) -> str:
    """Characters (in preference order) allowed by a character class."""
    negate = any(op.name == "NEGATE" for op, _ in items)
    allowed: set[str] = set()
    ordered: list[str] = []

    def add(ch: str) -> None:
        if ch not in allowed:
            allowed.add(ch)
            ordered.append(ch)

    for op, value in items:
        name = op.name
        if name == "LITERAL":
            add(chr(value))
        elif name == "RANGE":
            lo, hi = value
            for ch in _PREFERRED:
                if lo <= ord(ch) <= hi:
                    add(ch)
            for code in range(lo, min(hi, lo + 40) + 1):
                add(chr(code))
        elif name == "CATEGORY":
            for ch in _CATEGORY.get(value.name, ""):
                add(ch)
    if not negate:
        return "".join(ordered)
    return "".join(ch for ch in _PREFERRED if ch not in allowed)


def _gen(tokens, groups: dict, extra: int) -> Iterator[str]:
    """Yield strings matching the token sequence; EXTRA adds repetitions beyond the minimum."""
    if not tokens:
        yield ""
        return
    op, value = tokens[0]
    name = op.name
    rest = tokens[1:]
    heads: list[str]
    if name == "LITERAL":
        heads = [chr(value)]
    elif name == "NOT_LITERAL":
        heads = [c for c in "ab0" if ord(c) != value][:1]
    elif name == "ANY":
        heads = ["a"]
    elif name == "IN":
        chars = _class_chars(value)
        heads = list(chars[:2]) if chars else []
    elif name == "AT":
        heads = [""]
    elif name in ("ASSERT", "ASSERT_NOT"):
        heads = [""]
    elif name == "BRANCH":
        heads = []
        for branch in value[1]:
            heads.extend(_first(_gen(list(branch), groups, extra), 2))
    elif name == "SUBPATTERN":
        group, _add, _del, sub = value
        heads = []
        for text in _first(_gen(list(sub), groups, extra), 2):
            heads.append(text)
        if group is not None and heads:
            groups[group] = heads[0]
    elif name == "GROUPREF":
        heads = [groups.get(value, "")]
    elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = value
        high = low + MAX_UNBOUNDED if high == MAXREPEAT else high
        counts = list(dict.fromkeys([min(high, low + extra), min(high, max(low, 1)), low]))
        heads = []
        for count in counts:
            piece = _first(_gen(list(sub), groups, extra), 1)
            if piece or count == 0:
                heads.append((piece[0] if piece else "") * count)
    else:  # unsupported construct: contribute nothing; the caller's re.search decides
        heads = [""]
    for head in heads:
        for tail in _first(_gen(rest, groups, extra), 2):
            yield head + tail


def _first(iterator: Iterator[str], n: int) -> list[str]:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) >= n:
            break
    return out


def matching(pattern: str, *, min_length: int = 0, max_length: int | None = None, limit: int = 40) -> str | None:
    """A string of the given length bounds in which PATTERN finds a match, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "possible nested set": the server's pattern, not our problem
            compiled = re.compile(pattern)
            tokens = list(sre_parse.parse(pattern))
    except (re.error, TypeError, ValueError, RecursionError, OverflowError):
        return None
    anchored_start = bool(tokens) and tokens[0][0].name == "AT"
    anchored_end = bool(tokens) and tokens[-1][0].name == "AT"
    tried = 0
    for extra in (0, 1, 2, 4, 8, 16, 32):
        for text in _first(_gen(tokens, {}, extra), 6):
            tried += 1
            for candidate in _padded(text, min_length, anchored_start, anchored_end):
                if len(candidate) < min_length or (max_length is not None and len(candidate) > max_length):
                    continue
                if compiled.search(candidate):
                    return candidate
            if tried > limit:
                return None
    return None


def _padded(text: str, min_length: int, anchored_start: bool, anchored_end: bool) -> list[str]:
    """TEXT, and TEXT padded to MIN_LENGTH where an unanchored side leaves room."""
    out = [text]
    short = min_length - len(text)
    if short > 0:
        if not anchored_end:
            out.append(text + "a" * short)
        if not anchored_start:
            out.append("a" * short + text)
    return out
