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
from validator.secrets import find_secrets

MAX_LINES, MAX_TOKENS = 500, 5000

_FENCE_LINE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BUNDLED = re.compile(r"(?<![\w./@~$-])((?:scripts|references|assets)/[\w.@-]+(?:/[\w.@-]+)*)")
_RUNNER = re.compile(r"(?:^|[\s`$;&|(])(?:python3?|uv run|bash|sh|zsh|node|deno run|bun|npx tsx|tsx|ruby|perl|pwsh|source)"
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
    skill_dir = dirname(relpath)
    reported: set[str] = set()
    offset = body_start
    in_fence = False
    for line in text[body_start:].splitlines(keepends=True):
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
            offset += len(line)
            continue
        if not in_fence:
            spans = _code_spans(line)
            for match in _LINK.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue  # `[text](URL)` in a code span is an example, not a link
                target = match.group(1)
                path = _link_path(target)
                if not path or normpath(join(skill_dir, path)).startswith(".."):
                    continue
                if not _exists(ctx, join(skill_dir, path)) and path not in reported:
                    reported.add(path)
                    start = offset + match.start(1)
                    yield Problem(R.SKL014, f"link target {target!r} does not exist", Span(start, start + len(target)))
        for match in _BUNDLED.finditer(line):
            path = match.group(1).rstrip(".")
            if path in reported or any(mark in path for mark in "*<>{}$"):
                continue
            runs = bool(_RUNNER.search(line[:match.start()]) or line[:match.start()].endswith("./"))
            folder = path.split("/", 1)[0]
            if not (runs or _exists(ctx, join(skill_dir, folder))):
                continue
            if "." not in path.rsplit("/", 1)[-1] and not runs:
                continue  # a folder mentioned in prose
            if not _found_upwards(ctx, skill_dir, path):
                reported.add(path)
                start = offset + match.start(1)
                yield Problem(R.SKL014, f"{path!r} does not exist in the skill folder", Span(start, start + len(path)))
        offset += len(line)


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


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
