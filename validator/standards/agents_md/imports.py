"""`@path` imports as Claude Code and Gemini CLI see them (they differ).

- Claude Code (memory docs, "Import additional files"): `@path/to/file`, relative
  to the importing file, `~/` and absolute paths allowed, recursive to 5 hops, and
  "not evaluated inside Markdown code spans and code blocks" -- CommonMark code, so
  the Markdown view decides.
- Gemini CLI memport (`packages/core/src/utils/memoryImportProcessor.ts`): an `@`
  at the start of the text or after a space, tab or line break, followed by `.`,
  `/` or an ASCII letter, up to the next whitespace; only backtick-delimited regions
  are masked (the regex `` (`+)[\\s\\S]*?\\1 ``), so `~~~` fences and indented code
  are not protected; targets outside the project root, and URLs, are refused; a
  failed import is replaced by an HTML comment, so the `@...` text itself vanishes.

Pure functions over text; no file access.
"""

from __future__ import annotations

import re

from validator.records import lazy, record
from validator.standards.agents_md.markdown import MarkdownView

TEXT_EXTENSIONS = frozenset({
    ".md", ".mdc", ".mdx", ".markdown", ".txt", ".rst", ".adoc", ".json", ".jsonc", ".yaml", ".yml", ".toml",
    ".xml", ".csv", ".ini", ".cfg", ".org", ".text",
})
MAX_DEPTH = 5
"""Both Claude Code ("max-depth of 5 hops") and Gemini CLI (`maxDepth: 5`)."""


@record
class ImportRef:
    path: str
    """What follows the `@`, as written."""
    start: int
    """Offset of the `@`."""
    end: int

    @property
    def intended(self) -> bool:
        """The author evidently meant a file: a text-file extension or an explicit `./`, `../`."""
        path = self.path
        if path.startswith(("./", "../")):
            return True
        last = path.rstrip("/").rsplit("/", 1)[-1]
        dot = last.rfind(".")
        return dot > 0 and last[dot:].lower() in TEXT_EXTENSIONS

    @property
    def external(self) -> bool:
        """Home-relative or absolute: outside what a repository check can see."""
        return self.path.startswith(("~", "/")) or bool(re.match(r"[A-Za-z]:[\\/]", self.path))


_CLAUDE_AT = lazy(r"(?:(?<=\s)|^)@((?:[^\s\\]|\\ )+)", re.MULTILINE)


def claude_imports(view: MarkdownView) -> list[ImportRef]:
    """`@path` references Claude Code expands in VIEW (outside CommonMark code and comments)."""
    out = []
    text = view.text
    for m in _CLAUDE_AT.finditer(text):
        start = m.start()
        if view.in_code(start) or view.in_comment(start) or view.in_front_matter(start):
            continue
        path = m.group(1).replace("\\ ", " ")
        if not path or path[0] == "@":
            continue
        out.append(ImportRef(path, start, m.end()))
    return out


def gemini_code_regions(text: str) -> list[tuple[int, int]]:
    """Gemini memport's code regions: backtick runs and their matching runs, nothing else."""
    return [(m.start(), m.end()) for m in re.finditer(r"(`+)([\s\S]*?)\1", text)]


def gemini_imports(text: str) -> list[ImportRef]:
    """Every `@...` Gemini CLI's memport tries to import in TEXT (masked regions excluded)."""
    regions = gemini_code_regions(text)
    starts = [a for a, _ in regions]
    import bisect

    out = []
    i = 0
    n = len(text)
    while True:
        i = text.find("@", i)
        if i == -1:
            break
        if i > 0 and text[i - 1] not in " \t\n\r":
            i += 1
            continue
        j = i + 1
        while j < n and text[j] not in " \t\n\r":
            j += 1
        path = text[i + 1:j]
        if path and (path[0] in "./" or ("a" <= path[0] <= "z") or ("A" <= path[0] <= "Z")):
            k = bisect.bisect_right(starts, i) - 1
            if not (k >= 0 and regions[k][0] <= i < regions[k][1]):
                out.append(ImportRef(path, i, j))
        i = j + 1
    return out


def gemini_refuses(path: str) -> bool:
    """Memport's `validateImportPath` rejects URLs outright."""
    return bool(re.match(r"(file|https?)://", path))
