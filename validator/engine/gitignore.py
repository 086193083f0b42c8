"""`.gitignore` matching, as git does it, without running git.

`check` never executes anything from the repository it lints, and `git` itself would
read the repository's own config (`core.fsmonitor` runs a program), so the patterns
are interpreted here. Semantics follow gitignore(5): blank lines and `#` comments are
skipped, `!` negates, a trailing `/` matches directories only, a `/` at the start or
in the middle anchors the pattern to the directory of its `.gitignore`, `**` spans
directories, and the last matching pattern wins (deeper files win over shallower).
A test holds the results against `git check-ignore`; matching is linear in the path
whatever the pattern (`wildmatch`), since the patterns come from the repository.
"""

from __future__ import annotations

import functools

from validator.engine.wildmatch import ANY_FOLDER_PREFIX, Matcher, required_literal, tokenize
from validator.records import record


@record(frozen=True)
class IgnoreRule:
    matcher: Matcher
    negate: bool
    dir_only: bool
    needle: str = ""
    """Plain text every path the rule matches contains: tested first, since a path meets every rule
    of every `.gitignore` above it (a monorepo with 89 of them made 2.3 million matcher calls)."""


@functools.lru_cache(maxsize=256)
def parse_gitignore(text: str) -> tuple[IgnoreRule, ...]:
    """The rules of one ignore file (cached: bundles and folders repeat the same files and defaults)."""
    rules = []
    for raw in text.splitlines():
        line = raw
        if not line or line.startswith("#"):
            continue
        # trailing spaces are ignored unless escaped with a backslash
        stripped = line.rstrip(" ")
        if stripped.endswith("\\") and len(stripped) < len(line):
            stripped += " "
        line = stripped
        if not line:
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        elif line.startswith("\\!") or line.startswith("\\#"):
            line = line[1:]
        dir_only = line.endswith("/") and not line.endswith("\\/")
        if dir_only:
            line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        if line.startswith("/"):
            line = line[1:]
        tokens = tokenize(line)
        if not anchored:
            tokens = ANY_FOLDER_PREFIX + tokens
        rules.append(IgnoreRule(Matcher(tokens), negate, dir_only, required_literal(tokens)))
    return tuple(rules)


class IgnoreStack:
    """The `.gitignore` rule sets that apply at one point of a tree walk."""

    __slots__ = ("layers",)

    def __init__(self, layers: tuple = ()) -> None:
        self.layers: tuple[tuple[str, tuple[IgnoreRule, ...]], ...] = layers

    def push(self, base: str, rules: tuple[IgnoreRule, ...]) -> IgnoreStack:
        """A new stack with RULES from the `.gitignore` in directory BASE ('' = root)."""
        return IgnoreStack(self.layers + ((base, rules),)) if rules else self

    def ignored(self, relpath: str, is_dir: bool) -> bool:
        verdict = False
        for base, rules in self.layers:
            if base:
                if not relpath.startswith(base + "/"):
                    continue
                local = relpath[len(base) + 1 :]
            else:
                local = relpath
            for rule in rules:
                if rule.dir_only and not is_dir:
                    continue
                if rule.needle not in local:
                    continue
                if rule.matcher.fullmatch(local):
                    verdict = not rule.negate
        return verdict
