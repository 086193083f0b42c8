"""The glob engine: the bit-parallel NFA agrees with the regex backend on every glob, and
hostile globs from a repository cost time linear in the path."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.engine.files import glob_match
from validator.engine.gitignore import IgnoreStack, parse_gitignore
from validator.engine.wildmatch import Matcher, _ShiftAnd, path_glob_tokens, regex_source, tokenize

_PIECES = st.sampled_from(["a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "\\*", ".", "**/", "/**"])
_PATHS = st.text(alphabet="ab/.*", max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=7).map("".join), _PATHS, st.booleans())
def test_nfa_agrees_with_regex(glob: str, path: str, children: bool) -> None:
    tokens = path_glob_tokens(glob, children=children)
    regex = re.compile(regex_source(tokens) + r"\Z", re.DOTALL)
    assert _ShiftAnd(tokens).fullmatch(path) == (regex.match(path) is not None), (glob, path, regex.pattern)


def test_simple_globs_use_the_regex_and_hostile_ones_the_nfa() -> None:
    assert Matcher(path_glob_tokens("*.py", children=True)).backend == "regex"
    assert Matcher(path_glob_tokens("**/node_modules/**", children=True)).backend == "regex"
    assert Matcher(tokenize("*a*a*a*a*b")).backend == "nfa"


def test_hostile_gitignore_pattern_is_fast() -> None:
    pattern = "*a" * 40 + "*b"
    name = "a" * 200
    rules = parse_gitignore(pattern + "\n")
    stack = IgnoreStack().push("", rules)
    started = time.perf_counter()
    for _ in range(100):
        assert not stack.ignored(name, False)
        assert not glob_match(name, pattern)
    assert time.perf_counter() - started < 2.0


def test_nfa_matches_like_git() -> None:
    nfa = _ShiftAnd(path_glob_tokens("*a*b*c*d", children=False))
    assert nfa.fullmatch("xaybzcwd") and nfa.fullmatch("deep/abcd") and not nfa.fullmatch("abc/d")


def test_set_syntax_in_a_class_is_literal_and_silent() -> None:
    """`[[]` and doubled `&`, `~`, `|` are literal in a glob class; Python's re would warn
    (FutureWarning on stderr, seen on a real repository's .gitignore) or read set operations."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stack = IgnoreStack().push("", parse_gitignore("api/[[][[].*.js\n[a&&b]x\n"))
        assert stack.ignored("api/[[.x.js", False) and not stack.ignored("api/a.js", False)
        assert stack.ignored("&x", False) and not stack.ignored("cx", False)


def test_required_literal_never_rejects_a_match() -> None:
    """The `in` prefilter of engine.files.glob_match: its literal is in every matching path."""
    import random

    from validator.engine.wildmatch import required_literal

    rng = random.Random(7)
    checked = 0
    for _ in range(20000):
        pattern = "".join(rng.choice("ab./*?[]!\\") for _ in range(rng.randint(1, 8)))
        try:
            matcher = Matcher(path_glob_tokens(pattern, children=True))
        except ValueError:
            continue
        needle = required_literal(path_glob_tokens(pattern, children=True))
        for _ in range(6):
            rel = "".join(rng.choice("ab./") for _ in range(rng.randint(1, 8))).strip("/")
            if rel and matcher.fullmatch(rel):
                checked += 1
                assert needle in rel, (pattern, rel, needle)
    assert checked > 1000
    assert required_literal(path_glob_tokens("**/.github/copilot-instructions.md", children=True)) == "copilot-instructions.md"
    assert required_literal(path_glob_tokens("a/[!]x]bc/d", children=True)) == "bc"
    assert required_literal(path_glob_tokens("*.recipe.yaml", children=True)) == ".recipe.yaml"


def test_gitignore_needle_never_hides_a_match() -> None:
    """IgnoreStack tests each rule's required literal before its matcher: the verdicts must not change."""
    import random

    rng = random.Random(11)
    for _ in range(3000):
        lines = ["".join(rng.choice("ab./*?!") for _ in range(rng.randint(1, 6))) for _ in range(3)]
        rules = parse_gitignore("\n".join(lines))
        for _ in range(10):
            rel = "/".join("".join(rng.choice("ab.") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3)))
            is_dir = rng.random() < 0.3
            expected = False
            for rule in rules:
                if not (rule.dir_only and not is_dir) and rule.matcher.fullmatch(rel):
                    expected = not rule.negate
            assert IgnoreStack((("", rules),)).ignored(rel, is_dir) == expected, (lines, rel)
