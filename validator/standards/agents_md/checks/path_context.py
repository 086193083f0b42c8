"""Where a backticked path in an instruction file is meant to be read from (AGM055): the
folder a heading names, the folders of the list items it is nested under, another tree a
heading points to, a section's shorthand for one folder below the file, the folder a section
names as its paths' home ("Location: `plugins/[category]/[name]/`", "**Path**: `mycobrain/`"),
and lists that show paths instead of referencing them (examples, mistakes, removed files).

The shorthand: a "Key subsystems" list in a Rust workspace's AGENTS.md names `agent/hooks/`,
`agent/runner/` and `sandbox/manager.rs`, all under `crates/core/src/`: the section's
shorthand, which a reader resolves from the paths around it. A path is taken as written
that way when it exists under a folder P below the file, and another path of the same
section that does not exist as written exists under the same P.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from validator.parsing.text import lines_above
from validator.records import lazy
from validator.repo import paths as RP


def written_from_section_prefix(repo, data, span, clean: str, bases: list[str],
                                looks_like_path: Callable[[str], bool]) -> bool:
    """CLEAN (the backticked path of SPAN, missing from every base) is resolved, like a sibling of its section, under one folder below the file."""
    mine = _prefixes(repo, clean, data.folder)
    if not mine:
        return False
    start, end = data.view.section_bounds(span.start)
    text = data.text
    for other in data.view.code_spans:
        if other.start < start or other.start >= end or other.start == span.start:
            continue
        raw = other.content(text).strip()
        if raw.startswith("./"):
            raw = raw[2:]
        sibling = raw.rstrip("/")
        if sibling == clean or not sibling or not looks_like_path(raw):
            continue
        if any(repo.lexists(RP.join(b, sibling)) for b in bases):
            continue  # exists as written: no evidence of a shorthand
        if mine & _prefixes(repo, sibling, data.folder):
            return True
    return False


def _prefixes(repo, path: str, folder: str) -> set[str]:
    """Folders P below FOLDER (not FOLDER itself) where P/PATH exists, as a file or a folder."""
    if not path or path.startswith("/") or ".." in path.split("/"):
        return set()
    inside = folder + "/" if folder else ""
    tail = "/" + path
    index = repo.index
    found = {rel[: -len(tail)] for rel in index.by_name(path.rsplit("/", 1)[-1]) if rel.endswith(tail)}
    if not found:
        found = {rel[: -len(tail)] for rel in index.dirs_by_name(path.rsplit("/", 1)[-1]) if rel.endswith(tail)}
    return {p for p in found if p.startswith(inside) and p != folder}


ELSEWHERE = lazy(
    r"\b(?:central|upstream|external|org(?:anization)?[- ]wide|company[- ]wide)\s+(?:docs?|documentation|"
    r"repo(?:sitory)?|readme|wiki|knowledge[- ]base)\b|\b(?:another|other|sibling|parent)\s+repo(?:sitory|sitories|s)?\b",
    re.IGNORECASE)
"""A heading that puts its section in another tree: paths there are that tree's, not this repository's."""


def enclosing_headings(view, text: str, offset: int) -> list[str]:
    """The raw text of the headings OFFSET lies under, innermost first (the heading holding OFFSET included)."""
    chain: list = []
    for heading in view.headings:
        if heading.start > offset:
            break
        chain = [h for h in chain if h.level < heading.level] + [heading]
    return [text[h.start:h.end] for h in reversed(chain)]


_HEADING_FOLDER = lazy(r"`(?:\./)?([A-Za-z0-9_.][A-Za-z0-9_.+-]*(?:/[A-Za-z0-9_.+-]+)*)/`")


def under_heading_folder(repo, folder: str, headings: list[str], clean: str) -> bool:
    """CLEAN exists inside a folder named in the nearest heading that names one, somewhere below FOLDER."""
    for heading in headings:
        names = _HEADING_FOLDER.findall(heading)
        if not names:
            continue
        leaf = clean.rsplit("/", 1)[-1]
        prefix = folder + "/" if folder else ""
        candidates = repo.named(leaf) if "." in leaf else []
        return any(rel.startswith(prefix) and ("/" + rel).endswith(f"/{name}/{clean}") for rel in candidates for name in names)
    return False


_ITEM = lazy(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__)?", re.MULTILINE)
_FOLDER_ITEM = lazy(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__)?`(?:\./)?([A-Za-z0-9_.][A-Za-z0-9_.+/-]*)/`")


def _enclosing_lines(text: str, line_start: int, indent: int, *, stop_at_blank: bool):
    """The lines above LINE_START that a list item indented by INDENT is nested in, innermost first: each less
    indented than the one before (its parent items, then the paragraph holding the list)."""
    pos = line_start
    while indent > 0 and pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start:pos - 1]
        pos = prev_start
        if not line.strip():
            if stop_at_blank:
                return
            continue
        lead = len(line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4))
        if lead >= indent:
            continue  # a sibling, or a deeper item or continuation line of one
        yield line
        indent = lead


def parent_item(text: str, line_start: int) -> str | None:
    """The line of the list item that the nested item at LINE_START belongs to, or None for an item at the margin or a
    line that is no `-`/`*`/`+` item."""
    line_end = text.find("\n", line_start)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    indent = len(line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4))
    if indent == 0 or not line.lstrip().startswith(("-", "*", "+")):
        return None
    return next(_enclosing_lines(text, line_start, indent, stop_at_blank=False), None)


def parent_item_folder(text: str, start: int, content_start: int) -> str:
    """The folder a nested list item's leading path lives in: the backticked folders (`client/`) that start the
    items it is nested under, outermost first; "" when the path does not start its item or a parent item does not
    start with a folder."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _ITEM.match(text, line_start)
    if m is None or m.end() != start:
        return ""
    folders: list[str] = []
    for line in _enclosing_lines(text, line_start, len(m.group(1).expandtabs(4)), stop_at_blank=False):
        item = _FOLDER_ITEM.match(line)
        if item is None:
            break  # a parent that is not a folder, or the end of the list
        folders.insert(0, item.group(2))
    return "/".join(folders)


_EXAMPLES_LABEL = lazy(r"(?i)^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[*_]*(?:examples?|e\.g\.|for example)[*_]*[ \t]*:?[*_]*[ \t]*:?[ \t]*$")


def under_examples_label(text: str, start: int) -> bool:
    """The list item (or item continuation) holding START sits below an item or line that is only a label
    "Examples:" (bold or italic too): its paths show a naming scheme ("- *Examples:*" then
    "  - L1: `.vault/exec/2026-02-04-demo/x.md`")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", line_start)
    current = text[line_start:len(text) if line_end == -1 else line_end]
    indent = len(current[:len(current) - len(current.lstrip(" \t"))].expandtabs(4))
    for line in _enclosing_lines(text, line_start, indent, stop_at_blank=True):
        if _EXAMPLES_LABEL.match(line):
            return True
        if _ITEM.match(line) is None:
            return False  # the paragraph that holds the list
    return False


_NOT_THIS_TREE = lazy(
    r"(?i)\b(?:examples?|e\.g\.|for\s+example|samples?|illustrat\w*|hypothetical|correct|incorrect|wrong|good|bad|"
    r"do\s+not|don'?t|avoid|mistakes?|anti-?patterns?|removed|deleted|deprecated|obsolete|no\s+longer|"
    r"deliverables?|outputs?|artifacts?|creat(?:e|es|ing)\b[^:\n]{0,40}\b(?:director(?:y|ies)|folders?|files?)|"
    r"(?:other|sibling|subdomain|downstream|consumer|client|external)\s+repo(?:s|sitory|sitories)?|repositories)\b|[✅❌✓✗✔✘]")
"""A label or heading whose list shows path forms, mistakes, removed files, files to produce ("**Deliverables:**")
or other repositories' trees."""
_LABEL_LINE = lazy(r"^[ \t>]*(?:[✅❌✓✗✔✘⚠️]\s*)?[*_]{0,2}[^`\n]{1,80}?[*_]{0,2}\s*:[*_]{0,2}\s*$")
"""A line that is only a label ending in a colon ("**Subdomain repositories:**", "✅ **CORRECT**:")."""
_LEAD_LABEL = lazy(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[*_]{1,2}([^*_`\n]{1,60})[*_]{1,2}\s*:", re.MULTILINE)
"""A line that opens with a bold label ("**Common mistakes**: `x` (use `y`)")."""
_EXAMPLE_HEADING = lazy(r"(?i)^#{1,6}[ \t]+(?:(?:\d+[.)]?[ \t]+)?(?:an?[ \t]+)?(?:examples?|samples?|illustrations?)\b|"
                       r"[^\n`]{0,60}\b(?:examples?|samples?|illustrations?)[ \t]*:?[ \t]*#*[ \t]*$)")
"""A heading that opens or ends with "Example" ("## Examples", "### Common Mistake Example:")."""


def not_this_tree(view, text: str, start: int) -> bool:
    """The path at START is shown, not referenced: its list's label or its line's bold label names examples, right
    and wrong forms, mistakes, removed files or other repositories, or its section is headed "Example"."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = _LEAD_LABEL.match(text, line_start)
    if lead is not None and lead.end() <= start and _NOT_THIS_TREE.search(lead.group(1)):
        return True
    label = list_label(text, line_start)
    if label is not None and _NOT_THIS_TREE.search(label):
        return True
    return any(_EXAMPLE_HEADING.match(heading) for heading in enclosing_headings(view, text, start)[:1])


def list_label(text: str, line_start: int) -> str | None:
    """The label line right above the list that holds the line at LINE_START (at most one blank line between)."""
    if _ITEM.match(text, line_start) is None:
        return None
    blanks = 0
    for line in lines_above(text, line_start):
        if not line.strip():
            blanks += 1
            if blanks > 1:
                return None
            continue
        if _ITEM.match(line) is not None or (line[:1] in " \t" and blanks == 0):
            blanks = 0
            continue  # a sibling item, or a continuation line of one
        return line if _LABEL_LINE.match(line) else None
    return None


_BASE_SPAN = lazy(r"^(?:\./)?[A-Za-z0-9_.\[<{*][^`\s]*$")
_PLACEHOLDER_SEGMENT = lazy(r"^(?:\[[^\]]+\]|<[^>]+>|\{[^}]+\}|\*+|:[\w-]+)$")


def _section_bases(text: str, start: int, end: int) -> list[str]:
    """Folders the section sets up as the place its paths live in: a backticked folder (`planned-skills/`) or a
    path with placeholder segments (`plugins/[category]/[plugin-name]/`, `skills/<skill-name>/SKILL.md`), as
    globs (`plugins/*/*`, `skills/*`)."""
    bases = []
    for match in re.finditer(r"`([^`\n]{2,200})`", text[start:end]):
        value = match.group(1).strip()
        if not _BASE_SPAN.match(value) or "/" not in value:
            continue
        parts = (value[2:] if value.startswith("./") else value).rstrip("/").split("/")
        marks = [i for i, part in enumerate(parts) if _PLACEHOLDER_SEGMENT.match(part)]
        if marks:
            parts = parts[:marks[-1] + 1]
        elif not value.endswith("/"):
            continue
        bases.append("/".join("*" if _PLACEHOLDER_SEGMENT.match(part) else part for part in parts))
    return bases


_SECTION_ROOT = lazy(r"(?im)^[ \t>]*(?:[-*+][ \t]+)?[*_]{0,2}(?:path|location|root|directory|folder|repo(?:sitory)?)[*_]{0,2}"
                     r"[ \t]*:[*_]{0,2}[ \t]*`(?:\./)?([^`\s/][^`\s]*)/?`[ \t]*$")
"""A section's own line naming the folder its paths live in ("- **Path**: `mycobrain/`")."""


def section_root_absent(repo, data, span) -> bool:
    """The section names the folder its paths live in, and that folder is nowhere here (a sibling checkout)."""
    start, end = data.view.section_bounds(span.start)
    root = _SECTION_ROOT.search(data.text, start, end)
    if root is None or "*" in root.group(1) or "<" in root.group(1) or "[" in root.group(1):
        return False
    folder = root.group(1).rstrip("/")
    return not any(repo.lexists(RP.join(base, folder)) for base in RP.ancestors(data.folder))


def under_section_base(repo, data, span, clean: str) -> bool:
    """CLEAN exists under a folder its section names ("**Location:** `planned-skills/`", a placeholder path)."""
    from fnmatch import fnmatchcase

    start, end = data.view.section_bounds(span.start)
    bases = [b for b in _section_bases(data.text, start, end) if b and b != clean]
    if not bases:
        return False
    prefix = data.folder + "/" if data.folder else ""
    tail = "/" + clean  # every match ends so: a cheap cut of a common name's thousands of files (package.json)
    candidates = [rel for rel in repo.index.by_name(clean.rsplit("/", 1)[-1]) if rel.endswith(tail)]
    for base in bases:
        pattern = f"{prefix}{base}/{clean}"
        depth = pattern.count("/")
        # `*` in fnmatch crosses `/`: compare depths so one placeholder stands for one folder
        if any(rel.count("/") == depth and fnmatchcase(rel, pattern) for rel in candidates):
            return True
    return False


_HISTORY_HEADING = lazy(r"(?i)^#{1,6}\s+.*\b(?:known\s+(?:regressions?|bugs|issues)|regressions?\s+log|changelog|change\s+log|"
                        r"history|release\s+notes|incidents?|post-?mortems?|lessons\s+learned)\b")
"""A section that records what happened: its commands are what a past version ran or a generator shipped."""


def in_history_section(view, text: str, offset: int) -> bool:
    """OFFSET lies under a heading that records what happened ("## Known Regressions", "## Changelog"), at most one
    level up, or in a list under a results label ("**Testing Results:**"): its commands and paths are reported
    history, not instructions (audits 17 and 22)."""
    if any(_HISTORY_HEADING.match(heading) for heading in enclosing_headings(view, text, offset)[:2]):
        return True
    label = list_label(text, text.rfind("\n", 0, offset) + 1)
    return label is not None and _RESULTS_LABEL.search(label) is not None


def in_example_section(view, text: str, offset: int) -> bool:
    """OFFSET lies under a heading, at most two levels up, that opens or ends with "Example(s)" ("### Framework-Specific
    Examples" then "#### Vue/Nuxt"): its commands show another setup, they do not instruct this one (audit 23)."""
    return any(_EXAMPLE_HEADING.match(heading) for heading in enclosing_headings(view, text, offset)[:2])


_RESULTS_LABEL = lazy(r"(?i)\b(?:test(?:ing)?\s+results?|results?|findings|observations|outcomes?|what\s+(?:we\s+)?(?:found|saw))"
                      r"\W*$")
"""A list label that says its items report what happened ("**Testing Results:**", "Findings:")."""



_SAMPLE_INFO = frozenset({"markdown", "md", "mdx", "text", "txt", "plaintext"})
_FENCE_LINE = lazy(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)", re.MULTILINE)


def in_misnested_sample(view, start: int) -> bool:
    """START lies in a sample document whose inner fences closed its outer fence early: in a ```` ```markdown ````
    report template holding ```` ```typescript ```` blocks, CommonMark ends the template at the first inner closing
    fence, and the rest of it reads as prose (audit 18: copilot-sdk's report template). The author's reading nests
    the fences: a fence with an info string opens one, a bare fence closes the innermost open one."""
    return any(begin <= start < end for begin, end in _nested_samples(view.text))


@functools.lru_cache(maxsize=16)
def _nested_samples(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each top-level sample-document fence that holds nested fences, read the author's way."""
    regions = []
    stack: list[list] = []  # [marker character, marker length, info, start, holds a nested fence]
    for m in _FENCE_LINE.finditer(text):
        marker, info = m.group(1), m.group(2).lower()
        top = stack[-1] if stack else None
        if top is not None and not info and marker[0] == top[0] and len(marker) >= top[1]:
            stack.pop()
            if not stack and top[2] in _SAMPLE_INFO and top[4]:
                regions.append((top[3], m.end()))
            continue
        if top is not None:
            top[4] = True
        stack.append([marker[0], len(marker), info, m.start(), False])
    return tuple(regions)
