"""Path globs (`.gitignore`, `exclude`, per-file ignores) matched in time linear in the path.

A repository under lint is untrusted, and so are its patterns: `*a*a*a*a*a*a*b` against
a long file name makes a backtracking regex engine take exponential time. One
tokenizer reads a glob; simple globs (few unbounded wildcards, the usual case) become a
compiled regex, which is fastest and cannot blow up with so few; the others run on a
bit-parallel NFA (shift-and with wildcard self-loops), whose cost is one step per
character of the path whatever the pattern.

Syntax, as gitignore(5) and ruff's `exclude`: `*` any run without `/`, `?` one
character but `/`, `[...]` a class (`!` or `^` negates), `\\x` a literal, `**` spanning
folders when it stands alone between slashes (`**/x`, `a/**/b`, `x/**`).
"""

from __future__ import annotations

import re

from validator.records import record

_MAX_REGEX_STARS = 2
"""Globs with at most this many `[^/]*` runs use `re` (backtracking is at worst quadratic)."""
_MAX_REGEX_SPANS = 3
"""... and at most this many `.*` spans (each anchored by a `/`, so bounded by the path's depth)."""


@record(frozen=True)
class Token:
    kind: str
    """`lit` (one given character), `one` (any but `/`), `cls` (a class), `star` ([^/]*), `any` (.*)."""
    value: str = ""
    optional_pair: bool = False
    """This token and the next form an optional group (`(?:.*/)?`, `(?:/.*)?`)."""


def tokenize(glob: str) -> list[Token]:
    """The tokens of one glob (already stripped of gitignore's `!` and `/` markers)."""
    out: list[Token] = []
    i, n = 0, len(glob)
    while i < n:
        ch = glob[i]
        if ch == "*":
            if glob.startswith("**", i):
                at_start = i == 0 or glob[i - 1] == "/"
                at_end = i + 2 == n or glob[i + 2] == "/"
                if at_start and at_end:
                    if i + 2 == n:
                        out.append(Token("any"))  # `x/**`: everything inside x
                        i += 2
                    else:
                        out += [Token("any", optional_pair=True), Token("lit", "/")]  # `**/x`, `a/**/b`
                        i += 3
                    continue
                i += 1  # `a**b` is `a*b`
            if not out or out[-1].kind != "star":  # `**` inside a name, `*` after `*`: one run
                out.append(Token("star"))
        elif ch == "?":
            out.append(Token("one"))
        elif ch == "[":
            end = i + 1
            if end < n and glob[end] in "!^":
                end += 1
            if end < n and glob[end] == "]":
                end += 1
            while end < n and glob[end] != "]":
                end += 1
            if end >= n:
                out.append(Token("lit", ch))
            else:
                body = glob[i + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append(Token("cls", "[" + _class_body(body) + "]"))
                i = end
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(Token("lit", glob[i]))
        else:
            out.append(Token("lit", ch))
        i += 1
    return out


def _class_body(body: str) -> str:
    """A glob class body as a regex class body: `\\` and the characters Python's `re` reads
    as set syntax (`[`, and doubled `&`, `~`, `|`) taken literally, as git does."""
    head = "^" if body.startswith("^") else ""
    rest = body[len(head):].replace("\\", "\\\\")
    for char in "[&~|":
        rest = rest.replace(char, "\\" + char)
    return head + rest


ANY_FOLDER_PREFIX = [Token("any", optional_pair=True), Token("lit", "/")]
"""`(?:.*/)?`: a pattern without a `/` matches at any depth."""
ANY_CHILD_SUFFIX = [Token("lit", "/", optional_pair=True), Token("any")]
"""`(?:/.*)?`: a folder pattern also matches everything inside it."""


def regex_source(tokens: list[Token]) -> str:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.optional_pair:
            out.append("(?:" + _atom(token) + _atom(tokens[i + 1]) + ")?")
            i += 2
            continue
        out.append(_atom(token))
        i += 1
    return "".join(out)


def _atom(token: Token) -> str:
    return {"lit": lambda: re.escape(token.value), "one": lambda: "[^/]", "cls": lambda: token.value,
            "star": lambda: "[^/]*", "any": lambda: ".*"}[token.kind]()


class _ShiftAnd:
    """A full-match NFA over TOKENS: bit i set means the first i states are matched.

    An optional pair becomes three states, an entry that consumes nothing (from which
    the pair may be skipped) and the pair itself, so a star inside the pair that has
    consumed characters cannot skip back out of it."""

    __slots__ = ("tokens", "final", "empty_bits", "skip_bits", "_masks", "_classes", "start")

    def __init__(self, tokens: list[Token]) -> None:
        states: list[Token] = []
        skip = 0
        for token in tokens:
            if token.optional_pair:
                skip |= 1 << len(states)
                states.append(Token("entry"))
            states.append(token)
        self.tokens = states
        self.final = 1 << len(states)
        self.empty_bits = sum(1 << i for i, t in enumerate(states) if t.kind in ("star", "any", "entry"))
        self.skip_bits = skip
        self._classes = {t.value: re.compile(t.value, re.DOTALL) for t in states if t.kind == "cls"}
        self._masks: dict[str, tuple[int, int]] = {}
        self.start = self._closure(1)

    def _closure(self, states: int) -> int:
        while True:
            wider = states | ((states & self.empty_bits) << 1) | ((states & self.skip_bits) << 3)
            if wider == states:
                return states
            states = wider

    def _masks_for(self, ch: str) -> tuple[int, int]:
        masks = self._masks.get(ch)
        if masks is None:
            step = stay = 0
            for i, token in enumerate(self.tokens):
                kind = token.kind
                if kind == "lit":
                    step |= (token.value == ch) << i
                elif kind == "one":
                    step |= (ch != "/") << i
                elif kind == "cls":
                    step |= (self._classes[token.value].fullmatch(ch) is not None) << i
                elif kind == "star":
                    stay |= (ch != "/") << i
                elif kind == "any":
                    stay |= 1 << i
            masks = self._masks[ch] = (step, stay)
        return masks

    def fullmatch(self, text: str) -> bool:
        states = self.start
        for ch in text:
            step, stay = self._masks_for(ch)
            states = ((states & step) << 1) | (states & stay)
            if not states:
                return False
            states = self._closure(states)
        return bool(states & self.final)


class Matcher:
    """A compiled glob: `fullmatch(path)` in time linear in the path for any pattern."""

    __slots__ = ("_match", "backend")

    def __init__(self, tokens: list[Token]) -> None:
        stars = sum(t.kind == "star" for t in tokens)
        spans = sum(t.kind == "any" for t in tokens)
        if stars <= _MAX_REGEX_STARS and spans <= _MAX_REGEX_SPANS:
            regex = re.compile(regex_source(tokens) + r"\Z", re.DOTALL)
            self._match = lambda text: regex.match(text) is not None
            self.backend = "regex"
        else:
            self._match = _ShiftAnd(tokens).fullmatch
            self.backend = "nfa"

    def fullmatch(self, text: str) -> bool:
        return self._match(text)


def required_literal(tokens: list[Token]) -> str:
    """The longest run of plain characters every path matching TOKENS contains.

    Runs end at any token but a literal, at `/` (`**/` may match nothing) and around an
    optional pair. A cheap `in` test on it rejects most paths before the matcher runs
    (`engine.files.glob_match`: discovery tests every listed file against every pattern).
    """
    best = run = ""
    optional = 0
    for token in tokens:
        if token.optional_pair:
            optional = 2
        if token.kind == "lit" and token.value != "/" and not optional:
            run += token.value
        else:
            best, run = max(best, run, key=len), ""
        optional = max(0, optional - 1)
    return max(best, run, key=len)


def path_glob_tokens(pattern: str, *, children: bool) -> list[Token]:
    """A path glob as ruff's `exclude` reads it: a pattern without `/` matches the base
    name at any depth; with CHILDREN, a matching folder also matches everything inside."""
    body = pattern.strip("/")
    tokens = tokenize(body)
    if "/" not in body:
        tokens = ANY_FOLDER_PREFIX + tokens
    if children:
        tokens = tokens + ANY_CHILD_SUFFIX
    return tokens
