"""Strings that match a JSON Schema `pattern` (ECMA-262 regular expressions, unanchored).

Walks Python's parse tree of the pattern (close enough to ECMA-262 for the patterns
tool schemas use) and builds matching strings: literals, classes, categories,
alternation, groups, back-references and bounded repetition. Lookarounds are ignored
here; every candidate is checked with `re.search` by the caller, as JSON Schema does.
https://json-schema.org/draft/2020-12/json-schema-validation#name-pattern
"""

from __future__ import annotations

import os
import re
import select
import signal
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
    """A string of the given length bounds in which PATTERN finds a match, or None.
    Raises UnsafePattern when a risky pattern (see `risky`) could not be searched in bounded time."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "possible nested set": the server's pattern, not our problem
            re.compile(pattern)
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
                found = safe_search(pattern, candidate)
                if found is None:
                    raise UnsafePattern(pattern)
                if found:
                    return candidate
            if tried > limit:
                return None
    return None


SAFE_LENGTH = 16
"""Strings up to this long are searched even with a risky pattern: backtracking, however
nested, costs at most about 2**16 steps on them."""

SEARCH_SECONDS = 0.5
"""A risky pattern on a longer string is searched in a forked child killed after this long."""

_HANGS: set[str] = set()
"""Risky patterns that once outlived SEARCH_SECONDS: never searched again in this process."""


class UnsafePattern(ValueError):
    """A schema pattern that backtracks catastrophically (nested or ambiguous repetition)."""

    def __init__(self, pattern: str):
        super().__init__(f"pattern {pattern[:120]!r} has nested or ambiguous repetition and did not "
                         f"finish within {SEARCH_SECONDS}s: not used for synthesis")
        self.pattern = pattern


def _repeats(tree, *, inside: bool) -> bool:
    """True when TREE holds a repetition (max > 1) nested in another one (INSIDE: already under
    one), or an alternation under one: the shapes whose backtracking is exponential."""
    for op, value in tree:
        name = op.name
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _low, high, sub = value
            many = high > 1
            if inside and many:
                return True
            if _repeats(sub, inside=inside or many):
                return True
        elif name == "BRANCH":
            if inside:
                return True
            if any(_repeats(alt, inside=inside) for alt in value[1]):
                return True
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if _repeats(value[-1], inside=inside):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _repeats(value[1], inside=inside):
                return True
        elif name == "GROUPREF_EXISTS":
            if any(part is not None and _repeats(part, inside=inside) for part in value[1:]):
                return True
    return False


_RISKY: dict[str, bool] = {}


def risky(pattern: str) -> bool:
    """Whether PATTERN has nested quantifiers or a quantified alternation (e.g. `(a+)+`, `(a|aa)*`);
    Python's backtracking `re` can take exponential time on such a pattern (issue 17)."""
    known = _RISKY.get(pattern)
    if known is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                known = _repeats(list(sre_parse.parse(pattern)), inside=False)
        except (re.error, TypeError, ValueError, RecursionError, OverflowError):
            known = False  # re.compile reports it as it always did
        if len(_RISKY) < 4096:
            _RISKY[pattern] = known
    return known


def safe_search(pattern: str, text: str) -> bool | None:
    """`re.search(PATTERN, TEXT) is not None` in bounded time, or None when that could not be
    decided: a risky pattern on a string over SAFE_LENGTH is searched in a forked child that is
    killed after SEARCH_SECONDS (CPython's re holds the GIL and cannot be interrupted; a pattern
    that timed out once is not tried again). Raises re.error as re does."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the server's pattern: its FutureWarnings are not ours to print
        compiled = re.compile(pattern)
    if not risky(pattern) or len(text) <= SAFE_LENGTH:
        return compiled.search(text) is not None
    if pattern in _HANGS:
        return None
    found = _search_in_child(compiled, text)
    if found is None:
        _HANGS.add(pattern)
    return found


def _search_in_child(compiled: re.Pattern, text: str) -> bool | None:
    if not hasattr(os, "fork"):
        return None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: search, answer one byte, leave without any clean-up
        try:
            os.write(write, b"1" if compiled.search(text) else b"0")
        finally:
            os._exit(0)
    os.close(write)
    answer = b""
    try:
        ready, _, _ = select.select([read], [], [], SEARCH_SECONDS)
        answer = os.read(read, 1) if ready else b""
    finally:
        os.close(read)
        if not answer:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(pid, 0)
    return {b"1": True, b"0": False}.get(answer)


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
