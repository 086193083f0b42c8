"""Reading a SKILL.md's fenced code blocks: where each block starts and ends, and where its commands run.

Skills quote commands and sample files in code blocks; a path in one resolves from the folder the
commands run in, which is the skill folder only until a command moves elsewhere or the text says the
folder is one the user's project gets.
"""

from __future__ import annotations

from validator.records import lazy

_FENCE_RUN = lazy(r"^[ \t]*(`{3,}|~{3,})(.*)$")


def fenced_blocks(lines: list[str]) -> list[tuple[int | None, bool]]:
    """For each line: the index of the opening line of the outermost fenced block holding it (None outside), and
    whether the line is itself a fence. A fence closes a block only as CommonMark closes one (the same character,
    at least as long, nothing after it), the innermost such block; a fence with an info string inside a block opens a nested one, as its
    author meant (a ```markdown sample reply holding a ```scss snippet), so the snippet's closing fence does not
    end the sample, and a shorter fence inside a longer one (```` around ```) nests too."""
    out: list[tuple[int | None, bool]] = []
    stack: list[tuple[str, int]] = []
    outer: int | None = None
    for number, line in enumerate(lines):
        match = _FENCE_RUN.match(line.rstrip("\r\n"))
        if match is None or (match.group(1)[0] == "`" and "`" in match.group(2)):
            out.append((outer, False))  # ```inline``` code on one line is no fence (CommonMark: no backtick in the info)
            continue
        run, info = match.group(1), match.group(2).strip()
        closes = [depth for depth, (char, length) in enumerate(stack) if char == run[0] and len(run) >= length]
        if closes and not info:
            del stack[closes[-1]:]  # the innermost block it can close; a ``` left open inside ~~~ was content
            out.append((outer, True))
            if not stack:
                outer = None
            continue
        if not stack:
            outer = number
        stack.append((run[0], len(run)))
        out.append((outer, True))
    return out


def fence_info(line: str) -> str:
    """The language of a fence line (```` ```yaml title=x ```` gives `yaml`), '' when it names none."""
    match = _FENCE_RUN.match(line.rstrip("\r\n"))
    return (match.group(2).strip().split(" ", 1)[0].lower() if match else "").lstrip("{.")


_MKDIR = lazy(r"\bmkdir\s+(?:-\S+\s+)*([^\n;&|)`]+)")
_CREATE_CUE = lazy(r"(?i)\b(?:creat(?:e|es|ing)|scaffold(?:s|ing)?|sets?\s+up|setting\s+up)\b")
_FOLDER_SPAN = lazy(r"`(?:\./)?([\w.-]+)/[^`\s]*`")


_SHOWN_FILE = lazy(r"(?m)^[ \t]*(?:`{3,}|~{3,})[^\n]*\n[ \t]*(?://|#|--|/\*|<!--)[ \t]*(?:file(?:name)?:[ \t]*)?"
                   r"(?:\./)?([\w.@-]+)/[\w.@/-]*\.\w+[ \t]*(?:\*/|-->)?[ \t]*$")
"""A code block whose first line is a comment naming its file (`// scripts/codegen.ts`, `# tools/check.py`): the
contents of a file the reader writes in their project; group 1 is its top folder."""


def created_folders(text: str) -> frozenset[str]:
    """Top folders the text creates (`mkdir -p scripts/lib`, "Creating directory structure (`specs/`, `scripts/`)",
    a code block headed `// scripts/codegen.ts`): what the skill's setup makes in the user's project, so a command
    that runs a file there later (`source scripts/lib/nr_of_tries.sh`, `pnpm tsx scripts/codegen.ts`) runs the
    user's file, not one the skill lacks."""
    found = {token.strip("\"'").removeprefix("./").split("/", 1)[0]
             for match in _MKDIR.finditer(text) for token in match.group(1).split()}
    found.update(match.group(1) for match in _SHOWN_FILE.finditer(text))
    for line in text.splitlines():
        if _CREATE_CUE.search(line):
            found.update(match.group(1) for match in _FOLDER_SPAN.finditer(line))
    return frozenset(found - {"", ".", ".."})


_CD = lazy(r"(?:^|[\s;&|(`])(?:cd|pushd)\s+(\"[^\"\n]+\"|'[^'\n]+'|[^\s;&|)`]+)")
_SKILL_VARIABLE = lazy(r"(?i)skill|dirname|base_?dir|script_?dir|\bhere\b|\$0")


def cd_elsewhere(commands: str, skill_dir: str) -> bool:
    """COMMANDS change into a folder that is not the skill's (`cd Documentation/web`, `cd ~/project`, `cd
    "$PROJECT_ROOT"`): a relative path after it resolves from there. `cd .`, `cd ..`, a folder named like the skill
    (`cd ~/.claude/skills/pdf`) or a variable for it (`cd "$SKILL_DIR"`, `cd "$(dirname "$0")"`) keep the skill's."""
    own = skill_dir.rsplit("/", 1)[-1]
    for match in _CD.finditer(commands):
        target = match.group(1).strip("\"'").rstrip("/")
        if target in ("", ".", "..", "-") or target.rsplit("/", 1)[-1] == own:
            continue
        if ("$" in target or "{" in target) and _SKILL_VARIABLE.search(target):
            continue
        return True
    return False
