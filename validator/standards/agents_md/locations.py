"""Where absence proves nothing, and what a missing path probably meant: shared by the reference and command checks."""

from __future__ import annotations

import re

from validator.repo import paths as RP
from validator.repo import prose

GENERATED = frozenset({
    "dist", "build", "out", "target", "site", "_build", "_site", ".next", ".nuxt", ".svelte-kit", ".output", "coverage",
    "node_modules", "vendor", ".venv", "venv", "__pycache__", ".turbo", ".cache", "tmp", "temp", "logs", "generated",
    "gen", "bin", "obj", "public/build", "storybook-static", ".docusaurus", "htmlcov", "artifacts", "release", "releases",
    "pkg", "lib-cov", ".tox", ".nox", "wheelhouse", "docs/_build", ".git",
})
"""Folder names whose content is produced by a build or an install, so absence proves nothing."""


def unknown_location(repo, target: str) -> bool:
    """TARGET lies where absence proves nothing: gitignored, vendored or generated folders, or a git submodule."""
    parts = target.rstrip("/").split("/")
    if any(part in GENERATED for part in parts):
        return True
    return repo.in_submodule(target.rstrip("/")) or repo.would_be_ignored(target.rstrip("/"))


def suggest(repo, target: str, near: str = "", resolved: str | None = None) -> str:
    """'; did you mean X?' when exactly one listed file (or folder) could be meant.

    A unique candidate whose path ends with TARGET wins; then a unique file of the same
    name; then a unique one inside NEAR (the instruction file's folder); then RESOLVED
    (TARGET from the repository root) with each missing part replaced by the sibling that
    differs only in case, or else by the one closest sibling name.
    """
    name = target.rstrip("/").rsplit("/", 1)[-1]
    if not name:
        return ""
    found = _same_name(repo, target, name, near)
    if found or resolved is None:
        return found
    fixed = _near_miss(repo, resolved)
    return f"; did you mean {fixed}?" if fixed else ""


def _children(repo) -> dict[str, set[str]]:
    def build():
        table: dict[str, set[str]] = {}
        for rel in list(repo.index.entries) + list(repo.index.dirs):
            if rel:
                parent, _, leaf = rel.rpartition("/")
                table.setdefault(parent, set()).add(leaf)
        return table
    return repo.memo("location-children", build)


def _near_miss(repo, resolved: str) -> str:
    """RESOLVED with every part that does not exist replaced by its case-only twin or its one closest sibling;
    "" unless the result exists."""
    import difflib

    kids = _children(repo)
    parts = resolved.rstrip("/").split("/")
    here = ""
    changed = False
    closest = repo.memo("location-closest", dict)
    for part in parts:
        names = kids.get(here, set())
        if part not in names:
            key = (here, part)
            if key not in closest:
                # the same missing name under the same folder recurs across the files of a monorepo: judged once
                closest[key] = _closest(names, part, difflib)
            if closest[key] is None:
                return ""
            part = closest[key]
            changed = True
        here = f"{here}/{part}" if here else part
    if not changed or not repo.lexists(here):
        return ""
    return here + "/" if resolved.endswith("/") else here


def _closest(names: set[str], part: str, difflib) -> str | None:
    """PART's case-only twin among NAMES, else its one closest name (None when there is none or a tie)."""
    twins = [n for n in names if n.lower() == part.lower()]
    if len(twins) != 1:
        twins = difflib.get_close_matches(part, sorted(names), n=2, cutoff=0.8)
        if not twins or (len(twins) == 2 and difflib.SequenceMatcher(None, part, twins[1]).ratio()
                         == difflib.SequenceMatcher(None, part, twins[0]).ratio()):
            return None
    return twins[0]


def _same_name(repo, target: str, name: str, near: str) -> str:
    candidates = [rel for rel in repo.index.by_name(name) if rel != target]
    if not candidates:
        candidates = [d for d in repo.index.dirs_by_name(name) if d != target]
        if len(candidates) != 1:
            return ""
    suffix = [rel for rel in candidates if rel.endswith("/" + target)]
    if len(suffix) == 1:
        return f"; did you mean {suffix[0]}?"
    if len(candidates) == 1:
        return f"; did you mean {candidates[0]}?"
    if near:
        local = [rel for rel in candidates if rel.startswith(near + "/")]
        if len(local) == 1:
            return f"; did you mean {local[0]}?"
    return ""


def module_exists(repo, target: str) -> bool:
    """`src/util.js` written for `src/util.ts` (TypeScript's ESM imports name the emitted `.js` file), or an import
    specifier without its extension (`src/common/utils/pagination.util` for `pagination.util.ts`), or a Go package's
    exported name (`internal/version.Version` for the package in `internal/version/`)."""
    folder, _, last = target.rpartition("/")
    package, dot, member = last.partition(".")
    if dot and member[:1].isupper() and all(p.isidentifier() for p in member.split(".")) \
            and repo.is_dir(f"{folder}/{package}" if folder else package):
        return True  # `internal/schemautil.DeduplicationConfig.Outranks`: a method of the package's type
    stem, dot, ext = target.rpartition(".")
    if any(repo.lexists(f"{target}.{alt}") for alt in ("ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs")):
        return True
    return bool(dot) and ext in ("js", "jsx", "mjs", "cjs") and any(repo.lexists(f"{stem}.{alt}") for alt in ("ts", "tsx", "mts", "cts"))


_EXAMPLE_SIBLINGS = ("{stem}.example{ext}", "{name}.example", "{stem}.sample{ext}", "{name}.sample",
                     "{stem}.template{ext}", "{name}.template", "{name}.dist", "{stem}.dist{ext}")
"""A committed example of a file each user creates (`config.example.yaml` for `config.yaml`, `.env.example`)."""


def per_user_file(repo, target: str) -> bool:
    """TARGET is a file each user writes from the example committed beside it."""
    folder, _, name = target.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, dot + ext) if stem else (name, "")
    prefix = f"{folder}/" if folder else ""
    return any(repo.is_file(prefix + pattern.format(stem=stem, ext=ext, name=name)) for pattern in _EXAMPLE_SIBLINGS)


_RUNTIME_NAME = re.compile(
    r"(?i)^(?:state|session|sessions|history|progress|status|checkpoint|checkpoints|cache|runtime|run-state|"
    r"current[-_]state)\.(?:json|jsonl|ya?ml|toml|db|sqlite3?)$|\.(?:lock|pid|sqlite3?|db|log)$")


def runtime_file(target: str) -> bool:
    """TARGET is a tool's run-time state in its hidden folder (`.fractary/plugins/faber/state.json`, `.beads/x.db`,
    `.cache/run.lock`): what a run writes and resumes from, which no clone holds (audit 23)."""
    parts = target.split("/")
    return len(parts) >= 2 and any(part.startswith(".") and len(part) > 1 for part in parts[:-1]) \
        and _RUNTIME_NAME.search(parts[-1]) is not None


def conditional_elsewhere(text: str, raw: str, here: int) -> bool:
    """Another mention of the same backticked path in TEXT is conditional ("If `x.json` exists and ..."): the file
    says once that the path may be absent, and its other mentions name the same optional file (audit 20: helix.mcp)."""
    quoted = f"`{raw}`"
    at = text.find(quoted)
    while at != -1:
        if at + 1 != here and prose.conditional(text, at + 1, at + 1 + len(raw)):
            return True
        at = text.find(quoted, at + len(quoted))
    return False


_HOLDING_FOLDERS = frozenset({
    "archive", "archived", "archives", "done", "completed", "pending", "todo", "backlog", "in-progress", "wip",
    "drafts", "inbox", "outbox", "queue", "processed", "failed", "rejected", "trash", "old", "tmp", "temp",
    "output", "outputs", "logs", "backups", "snapshots",
})
"""Folders a workflow moves items into over time (tasks done or abandoned, runs' output): empty, so not in git,
until the first item arrives."""
_LAYOUT_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)]|\|)[ \t]*(?:\*\*)?`")
"""A list item or table row that opens with a backticked path: one entry of a folder layout."""


def empty_sibling_folder(repo, view, text: str, span, clean: str, bases: list[str]) -> bool:
    """CLEAN (a missing folder) is listed, in the same block of lines, beside a folder of the same parent that exists
    (audit 21: r3bl's `task/archive/` beside `task/done/`): an empty folder of that layout, which git does not keep."""
    parent, _, leaf = clean.rpartition("/")
    if leaf.lower() not in _HOLDING_FOLDERS or not parent or not any(repo.is_dir(RP.join(b, parent)) for b in bases):
        return False  # a stale layout (`src/core/` after a move) is what AGM055 is for: only folders that fill over time
    if not _LAYOUT_ITEM.match(text, text.rfind("\n", 0, span.start) + 1):
        return False  # only a list or table of folders, each item led by its path (not "`a/` (not `b/`)")
    start = text.rfind("\n\n", 0, span.start) + 1
    end = text.find("\n\n", span.end)
    end = len(text) if end == -1 else end
    for other in view.code_spans:
        if other.start < start or other.start == span.start:
            continue
        if other.start >= end:
            break
        if not _LAYOUT_ITEM.match(text, text.rfind("\n", 0, other.start) + 1):
            continue
        sibling = other.content(text).strip().removeprefix("./")
        if sibling.endswith("/") and sibling.rstrip("/").rpartition("/")[0] == parent \
                and any(repo.is_dir(RP.join(b, sibling.rstrip("/"))) for b in bases):
            return True
    return False


_DESTINATION = re.compile(
    r"\b(?:class(?:es)?|logic|objects?|constants?|helpers?|functionality|processing|transformations?|components?|"
    r"types?|interfaces?|enums?|traits?|handlers?|jobs?|events?|listeners?|exceptions?|utilities|services?|actions?|"
    r"dtos?|policies|observers?|commands?|middlewares?|hooks?|stores?|schemas?|validators?|mappers?|repositories)"
    r"(?:\s+(?:go|goes|live|lives|belong|belongs|are\s+kept|are\s+placed))?\s+in\s+(?:`[^`\n]+`\s*(?:,|and|or)\s*)*$",
    re.IGNORECASE)
"""Right before a folder: the place a kind of code goes ("Single-purpose action classes in `app/Actions/`", "Type-safe
constants in", "event-driven logic in `app/Events/` and")."""


def unbuilt_destination(repo, text: str, span, clean: str) -> bool:
    """CLEAN (a missing folder) is named, in a list item or table row, as where a kind of code goes ("Single-purpose
    action classes in `app/Actions/`") and no folder of that name, nor a near name, exists anywhere in the tree: a convention for code not written yet (a
    starter kit's layout, audit 23), not a folder that moved, which a same-named folder elsewhere would show (and which
    is reported with a "did you mean")."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if not _LIST_OR_ROW.match(text, line_start) or not _DESTINATION.search(text, max(line_start, span.start - 120), span.start):
        return False  # a convention list's item ("- **Actions**: ... in `app/Actions/`"), not prose about what exists
    if repo.index.dirs_by_name(clean.rstrip("/").rsplit("/", 1)[-1]):
        return False
    return not suggest(repo, clean.rstrip("/"), resolved=clean.rstrip("/"))  # a near name: renamed, so reported


_LIST_OR_ROW = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|\|)[ \t]")
