"""`.gitignore` matching, as git does it, without running git.

`check` never executes anything from the repository it lints, and `git` itself would
read the repository's own config (`core.fsmonitor` runs a program), so the patterns
are interpreted here. Semantics follow gitignore(5): blank lines and `#` comments are
skipped, `!` negates, a trailing `/` matches directories only, a `/` at the start or
in the middle anchors the pattern to the directory of its `.gitignore`, `**` spans
directories, and the last matching pattern wins (deeper files win over shallower).
A test holds the results against `git check-ignore`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    regex: re.Pattern
    negate: bool
    dir_only: bool


def _translate(glob: str) -> str:
    """Regex source for one gitignore glob (already stripped of `!`, `/` markers)."""
    out = []
    i, n = 0, len(glob)
    while i < n:
        ch = glob[i]
        if ch == "*":
            if glob.startswith("**", i):
                at_start = i == 0 or glob[i - 1] == "/"
                at_end = i + 2 == n or glob[i + 2] == "/"
                if at_start and at_end:
                    if i + 2 == n:
                        out.append(".*")  # `x/**` : everything inside x
                        i += 2
                    else:
                        out.append("(?:.*/)?")  # `**/x` or `a/**/b`
                        i += 3
                    continue
                out.append("[^/]*")
                i += 2
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = i + 1
            if end < n and glob[end] in "!^":
                end += 1
            if end < n and glob[end] == "]":
                end += 1
            while end < n and glob[end] != "]":
                end += 1
            if end >= n:
                out.append(re.escape(ch))
            else:
                body = glob[i + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[IgnoreRule]:
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
        source = _translate(line)
        if not anchored:
            source = "(?:.*/)?" + source
        rules.append(IgnoreRule(re.compile(source + r"\Z", re.DOTALL), negate, dir_only))
    return rules


class IgnoreStack:
    """The `.gitignore` rule sets that apply at one point of a tree walk."""

    __slots__ = ("layers",)

    def __init__(self, layers: tuple = ()) -> None:
        self.layers: tuple[tuple[str, list[IgnoreRule]], ...] = layers

    def push(self, base: str, rules: list[IgnoreRule]) -> IgnoreStack:
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
                if rule.regex.match(local):
                    verdict = not rule.negate
        return verdict
