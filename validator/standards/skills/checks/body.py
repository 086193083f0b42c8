"""The SKILL.md body (SKL013-SKL015): its size, the files it references, secrets in it.

Positions are offsets into the whole file (`Span`s of the document's text index).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from posixpath import dirname, join, normpath

import validator.standards.skills.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.parsing.text import Region
from validator.records import lazy
from validator.repo.prose import EXAMPLE_CUES, placeholder_name, sentence
from validator.secrets import find_secrets

MAX_LINES, MAX_TOKENS = 500, 5000

_FENCE_LINE = lazy(r"^\s*(```|~~~)")
_LINK = lazy(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BUNDLED = lazy(r"(?<![\w./@~$-])((?:scripts|references|assets)/[\w.@-]+(?:/[\w.@-]+)*)")
_RUNNER = lazy(r"(?:^|[\s`$;&|(])(?:python3?|uv run|bash|sh|zsh|node|deno run|bun|npx tsx|tsx|ruby|perl|pwsh|source)"
                     r"\s+(?:-\S+\s+)*$")


@emits(R.SKL013, R.SKL014, R.SKL015)
def body(doc, ctx) -> Iterator[Problem]:
    text: str = doc.meta["text"]
    body_start: int = doc.meta["block"].end
    relpath = doc.relpath
    body = text[body_start:]
    lines = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    tokens = len(body) // 4
    if total_lines > MAX_LINES or tokens > MAX_TOKENS:
        what = f"{total_lines} lines" if total_lines > MAX_LINES else f"about {tokens:,} tokens ({lines} lines)"
        at = doc.text_index().position(body_start)  # where the body starts (no width)
        yield Problem(R.SKL013, f"SKILL.md is {what}; keep it under {MAX_LINES} lines and ~{MAX_TOKENS:,} tokens, "
                      "move detail to references/", Region(*at, *at))
    yield from _references(text, body_start, relpath, ctx)
    for hit in find_secrets(text):
        yield Problem(R.SKL015, f"this looks like a {hit.kind}; skills are loaded verbatim and shared, remove it",
                      Span(hit.start, hit.end))


def _references(text: str, body_start: int, relpath: str, ctx) -> Iterator[Problem]:
    """Missing files the body points at, one finding per cause: the same missing file, or
    the same missing folder, referenced N times is reported once, at its first reference."""
    skill_dir = dirname(relpath)
    causes: dict[tuple, list] = {}
    for start, shown, cause, message in _missing(text, body_start, skill_dir, ctx):
        causes.setdefault(cause, []).append((start, shown, message))
    for cause, hits in causes.items():
        start, shown, message = hits[0]
        more = len(hits) - 1
        if more and cause[0] == "folder":
            message += f"; the skill has no folder {cause[1] + '/'!r} (and {more} more reference{'s' if more > 1 else ''} into it)"
        elif more:
            message += f" (and {more} more reference{'s' if more > 1 else ''})"
        elif cause[0] == "folder":
            message += f"; the skill has no folder {cause[1] + '/'!r}"
        yield Problem(R.SKL014, message + _did_you_mean(ctx, skill_dir, cause, normpath(shown.removeprefix("./"))),
                      Span(start, start + len(shown)))


def _missing(text: str, body_start: int, skill_dir: str, ctx) -> Iterator[tuple[int, str, tuple, str]]:
    """(offset, text as written, cause, message) of every reference to a missing file."""
    offset = body_start
    in_fence = False
    for line in text[body_start:].splitlines(keepends=True):
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
            offset += len(line)
            continue
        links: list[tuple[int, int]] = []
        spans = [] if in_fence else _code_spans(line)
        if not in_fence:
            for match in _LINK.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue  # `[text](URL)` in a code span is an example, not a link
                links.append(match.span())  # its text is display text, never judged as a path
                target = match.group(1)
                path = _link_path(target)
                if not path or normpath(join(skill_dir, path)).startswith(".."):
                    continue
                if not _exists(ctx, join(skill_dir, path)):
                    yield (offset + match.start(1), target, _cause(ctx, skill_dir, path),
                           f"link target {target!r} does not exist")
        seen: list[tuple[int, int]] = []
        for match in _BUNDLED.finditer(line):
            if any(a <= match.start() < b for a, b in links):
                continue
            path = match.group(1).rstrip(".")
            seen.append(match.span(1))
            if any(mark in path for mark in "*<>{}$"):
                continue
            runs = bool(_RUNNER.search(line[:match.start()]) or line[:match.start()].endswith("./"))
            folder = path.split("/", 1)[0]
            if not (runs or _exists(ctx, join(skill_dir, folder))):
                continue
            if "." not in path.rsplit("/", 1)[-1] and not runs:
                continue  # a folder mentioned in prose
            if _illustration(text, offset, line, match.span(1), path, in_fence):
                continue
            if not _found_upwards(ctx, skill_dir, path):
                yield (offset + match.start(1), path, _cause(ctx, skill_dir, path),
                       f"{path!r} does not exist in the skill folder")
        for a, b in spans:
            # `templates/report.md`: a backticked file in a folder of the skill (agentskills.io: "any
            # additional files or directories"), judged like scripts/, references/ and assets/
            path = line[a:b].strip("`").strip()
            if (any(a <= s < b for s, _ in seen) or any(x <= a < y for x, y in links)
                    or not _SKILL_FILE.match(path) or any(mark in path for mark in "*<>{}$")):
                continue
            folder = path.removeprefix("./").split("/", 1)[0]
            if folder in ("..", ".") or not _exists(ctx, join(skill_dir, folder)) or not _exists_dir(ctx, join(skill_dir, folder)):
                continue
            at = a + line[a:b].index(path)
            if _illustration(text, offset, line, (at, at + len(path)), path, in_fence):
                continue
            if not _found_upwards(ctx, skill_dir, path.removeprefix("./")):
                yield (offset + at, path, _cause(ctx, skill_dir, path.removeprefix("./")),
                       f"{path!r} does not exist in the skill folder")
        offset += len(line)


_SKILL_FILE = lazy(r"^(?:\./)?[\w@.-]+(?:/[\w@.+-]+)*/[\w@+-][\w@.+-]*\.[A-Za-z0-9]{1,8}$")
"""A relative path of at least one folder and a file with an extension (not `owner/repo`, not a route)."""


def _illustration(text: str, offset: int, line: str, span: tuple[int, int], path: str, in_fence: bool) -> bool:
    """PATH is made up (`scripts/script_name.py`) or given as an example ("Example: `scripts/x.py` for
    ...", "e.g.", "such as", "a `references/schema.md` file ... would be helpful"): the predicates the
    instruction-file rules use (`validator.repo.prose`), with the narrow cues, since a skill's prose
    describes its own files ("generate", "template" are ordinary words there)."""
    if placeholder_name(path):
        return True
    if in_fence:
        return False  # a command in a code block is run as written
    start, end = offset + span[0], offset + span[1]
    around = text[:start] + " " * (end - start) + text[end:]
    return bool(EXAMPLE_CUES.search(sentence(around, start, end)))


def _cause(ctx, skill_dir: str, path: str) -> tuple:
    """What is missing: the first folder, when the skill has no such folder, else the file."""
    clean = normpath(path)
    folder = clean.split("/", 1)[0]
    if "/" in clean and not _exists(ctx, join(skill_dir, folder)):
        return ("folder", folder)
    return ("file", clean)


def _did_you_mean(ctx, skill_dir: str, cause: tuple, first: str) -> str:
    """'; did you mean X?' for a near name in the skill folder (`reference/` for `references/`, a case
    difference), or where the same file is in a sibling skill."""
    kind, name = cause
    from validator.repo.files import Repo

    listing = Repo.of(ctx.index).memo(("skills", "children"), lambda: _children(ctx.index))
    if kind == "folder":
        here = [child for child in listing.get(skill_dir, ()) if _exists_dir(ctx, join(skill_dir, child))]
        near = _near(name, here)
        if near:
            return f", did you mean {near + '/'!r}?"
    else:
        folder, _, base = name.rpartition("/")
        near = _near(base, listing.get(normpath(join(skill_dir, folder)) if folder else skill_dir, ()))
        if near:
            return f"; did you mean {join(folder, near)!r}?"
    name, base = first, first.rsplit("/", 1)[-1]
    if name.startswith("../"):
        return ""
    container = dirname(skill_dir)
    siblings = sorted(rel for rel in ctx.index.by_name(base)
                      if rel.endswith("/" + name) and dirname(rel[:-len(name) - 1]) == container)
    if siblings:
        return f"; it exists in another skill: {siblings[0]}"
    return ""


def _near(name: str, choices) -> str | None:
    import difflib

    choices = [c for c in choices if c != name]
    same_case = [c for c in choices if c.lower() == name.lower()]
    if same_case:
        return same_case[0]
    close = difflib.get_close_matches(name, choices, n=2, cutoff=0.85)
    return close[0] if len(close) == 1 else None


def _children(index) -> dict[str, list[str]]:
    """Folder -> names of its listed files and folders."""
    table: dict[str, list[str]] = {}
    for rel in [*index.entries, *index.dirs]:
        if rel:
            table.setdefault(dirname(rel), []).append(rel.rsplit("/", 1)[-1])
    return table


def _exists_dir(ctx, rel: str) -> bool:
    """REL is a folder inside the repository (through the run's reader, which the result cache watches)."""
    from validator.repo.files import Repo

    return Repo.of(ctx.index).is_dir(normpath(rel))


_CODE_SPAN = lazy(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Offsets of the inline code spans of LINE (CommonMark: a backtick run closed by one as long)."""
    return [match.span() for match in _CODE_SPAN.finditer(line)]


def _link_path(target: str) -> str | None:
    """The repository-relative part of a Markdown link target worth checking, or None."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("#", "/", "~", "<")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or any(mark in path for mark in "*{}$%"):
        return None
    return path


def _exists(ctx, rel: str) -> bool:
    rel = normpath(rel)
    return not rel.startswith("..") and ctx.index.exists(rel)


def _found_upwards(ctx, folder: str, path: str) -> bool:
    """PATH exists relative to FOLDER or any of its parents up to the repository root."""
    while True:
        if _exists(ctx, join(folder, path)):
            return True
        if not folder:
            return False
        folder = dirname(folder)
