"""Cursor project rules' front matter: AGM076 (a key Cursor does not read, meant as one it does), AGM077
(values of the wrong kind), AGM078 (globs in an undocumented shape), AGM079 (applied only when
@-mentioned) and AGM080 (globs that match no file of the repository).

The front matter is read the way Cursor's docs write it (`cursor_rules.py`); a block that is not closed
or has lines that are not `key: value` is AGM018's (`checks/integrity.py`), and these rules then stay
silent. Source: https://cursor.com/docs/rules ("Rule file structure", rule types).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from validator.emitters import emits
from validator.model import Problem, Span
from validator.repo import paths as RP
from validator.standards.agents_md import cursor_globs as G
from validator.standards.agents_md import cursor_rules as C
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules_cursor as R
from validator.standards.agents_md.checks.common import first_line, in_context, text_of
from validator.standards.agents_md.locations import suggest, unknown_location
from validator.standards.agents_md.reader import repo_for
from validator.standards.agents_md.rules import AGM054

_FOREIGN = {"applyto": "Copilot's applyTo", "paths": "Claude Code's paths", "trigger": "Windsurf's trigger"}
"""Other clients' scoping keys (Copilot `.instructions.md`, Claude `.claude/rules`, Windsurf rules)."""

_ALIASES = {"desc": "description", "glob": "globs", "pattern": "globs", "patterns": "globs", "always": "alwaysApply"}
_NORMAL = {re.sub(r"[-_\s]", "", k.lower()): k for k in C.KNOWN_KEYS}


def _front_matter(data) -> C.CursorFrontMatter | None:
    """The rule's front matter when it is closed and reads as `key: value` lines; None otherwise (no block:
    manual; a broken block: AGM018)."""
    fm = data.view.front_matter or C.block(data.text)
    if fm is None or not fm.closed:
        return None
    parsed = C.read(data.text, fm.body_start, fm.body_end)
    return None if parsed.malformed else parsed


def _meant(key: str) -> str | None:
    """The Cursor key a misspelt KEY stands for (`alwaysapply`, `always_apply`, `glob`), or None."""
    norm = re.sub(r"[-_\s]", "", key.lower())
    if norm in _NORMAL:
        return _NORMAL[norm]
    if norm in _ALIASES:
        return _ALIASES[norm]
    close = difflib.get_close_matches(norm, list(_NORMAL), n=1, cutoff=0.8)
    return _NORMAL[close[0]] if close else None


def _empty(entry: C.Entry | None) -> bool:
    return entry is None or entry.shape == "empty" or entry.raw in ('""', "''", "~", "null", "[]")


_always = C.always

@emits(R.AGM076, R.AGM077, R.AGM078, R.AGM079)
def front_matter_fields(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None or data.kind != N.CURSOR_RULE:
        return
    if data.view.front_matter is None and C.block(data.text) is None:
        from validator.standards.agents_md.markdown import front_matter

        if front_matter(data.text) is None:
            yield Problem(R.AGM079, "no front matter: Cursor applies this rule only when it is @-mentioned; add a "
                          "description, globs or alwaysApply: true", first_line(data))
        return
    fm = _front_matter(data)
    if fm is None:
        return
    yield from _keys(fm)
    yield from _types(fm)
    globs = fm.get("globs")
    if globs is not None and globs.shape in ("quoted", "list"):
        what = "a YAML list" if globs.shape == "list" else "a quoted string"
        yield Problem(R.AGM078, f"globs is written as {what}; Cursor's docs show bare patterns separated by commas "
                      "(globs: src/**/*.ts, docs/**/*.md)", Span(globs.key_start, globs.key_end))
    if _empty(fm.get("description")) and (globs is None or not C.globs_of(globs)) and not _always(fm.get("alwaysApply")):
        if any(_says_manual(entry) for entry in fm.entries):
            return  # `manual: true`, `mode: manual`: the author chose "Apply Manually" and says so
        if fm.get("alwaysApply") is None or fm.get("alwaysApply").shape in ("empty", "text"):
            yield Problem(R.AGM079, "no description, no globs and no alwaysApply: true: Cursor applies this rule only "
                          "when it is @-mentioned", first_line(data))


def _says_manual(entry: C.Entry) -> bool:
    value = entry.raw.strip("'\"").lower()
    return (entry.key.lower() == "manual" and value in ("true", "yes")) or value == "manual"


def _keys(fm: C.CursorFrontMatter) -> Iterator[Problem]:
    present = {e.key for e in fm.entries}
    scoped = not _empty(fm.get("globs")) or _always(fm.get("alwaysApply"))
    for entry in fm.entries:
        if entry.key in C.KNOWN_KEYS:
            continue
        norm = re.sub(r"[-_\s]", "", entry.key.lower())
        foreign = _FOREIGN.get(norm)
        if foreign is not None:
            if scoped:
                continue  # the file serves several clients and tells Cursor its scope too
            yield Problem(R.AGM076, f"{entry.key} is {foreign}; Cursor does not read it and reads globs instead "
                          f"(globs: {_as_globs(entry)})", Span(entry.key_start, entry.key_end))
            continue
        meant = _meant(entry.key)
        if meant is not None and meant not in present:
            yield Problem(R.AGM076, f"Cursor does not read '{entry.key}'; the key is spelt {meant}",
                          Span(entry.key_start, entry.key_end))


def _as_globs(entry: C.Entry) -> str:
    patterns = [p for p, _, _ in C.globs_of(entry)] if entry.shape != "mapping" else []
    return ", ".join(patterns) if patterns else "<patterns>"


_NOT_TEXT = re.compile(r"(?i)^(?:true|false|yes|no|on|off|-?\d+(?:\.\d+)?)$")


def _types(fm: C.CursorFrontMatter) -> Iterator[Problem]:
    always = fm.get("alwaysApply")
    if always is not None and not _empty(always):
        word = always.raw.lower()
        if always.shape == "quoted" and word[1:-1] in ("true", "false"):
            yield Problem(R.AGM077, f"alwaysApply is the string {always.raw}, not a boolean: write "
                          f"alwaysApply: {word[1:-1]}", Span(always.value_start, always.value_end))
        elif always.shape != "text" or word not in ("true", "false"):
            shown = always.raw or always.shape
            yield Problem(R.AGM077, f"alwaysApply is {shown!s}, not true or false", Span(always.value_start, always.value_end)
                          if always.raw else Span(always.key_start, always.key_end))
    description = fm.get("description")
    if description is not None and description.shape in ("list", "mapping"):
        yield Problem(R.AGM077, f"description is a {description.shape}, not text: Cursor shows it to the agent to "
                      "decide when the rule applies", Span(description.key_start, description.key_end))
    globs = fm.get("globs")
    if globs is not None and (globs.shape == "mapping" or (globs.shape == "text" and _NOT_TEXT.match(globs.raw))):
        shown = "a mapping" if globs.shape == "mapping" else globs.raw
        yield Problem(R.AGM077, f"globs is {shown}, not file patterns", Span(globs.key_start, globs.key_end))


@emits(R.AGM080)
def globs_match(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None or data.kind != N.CURSOR_RULE or not data.text.strip():
        return
    fm = _front_matter(data)
    repo = repo_for(ctx)
    found = G.unmatched(repo, data.relpath, fm) if fm is not None else None
    if found is None:
        return
    globs, patterns, judged = found
    start, end = (patterns[0][1], patterns[-1][2]) if globs.items else (globs.value_start, globs.value_end)
    shown = ", ".join(judged)
    hint = ""
    if any(re.search(r"\S\s+\S", p) for p in judged):
        hint = "; Cursor separates patterns with commas, so a space stays part of the pattern"
    what = "matches" if len(judged) == 1 else "match"
    yield Problem(R.AGM080, f"globs {shown} {what} no file in the repository: Cursor never attaches this rule on "
                  f"its own{hint}", Span(start, end))


def mdc_link(data, repo, link, dest: str, placeholder_target) -> Iterator[Problem]:
    """AGM054 for Cursor's `[name](mdc:path)` link (`references.py` reports it; PLACEHOLDER_TARGET is its test for
    template slots): a path from the workspace root, or from the folder whose `.cursor/` holds a nested rule."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", dest.strip()):
        return  # `mdc:https://...`: Cursor's editor prefixes web links too; a URL is not a repository path
    path = unquote(dest.partition("#")[0].split("?", 1)[0]).strip().removeprefix("./").lstrip("/")
    if not path or any(ch in path for ch in "{}<>$*\\|") or "..." in path or placeholder_target(path):
        return
    bases = dict.fromkeys(("", N.cursor_rules_folder(data.relpath) or ""))
    targets = [posixpath.normpath(RP.join(base, path)) for base in bases]
    if any(t == ".." or t.startswith("../") for t in targets):
        return
    if any(repo.lexists(t) or unknown_location(repo, t) for t in targets):
        return
    yield Problem(AGM054, f"mdc:{path} does not exist{suggest(repo, targets[0], resolved=targets[0])}",
                  Span(link.start, link.end))


def workspace_target(data, repo, path: str, target: str) -> str:
    """Where a Cursor rule's relative link PATH points: the agent reads it from the workspace (or the nested rule's
    folder), not from `.cursor/rules/`; TARGET (resolved from the file, as GitHub does) when neither exists."""
    if path.startswith(("../", "/")):
        return target
    bare = posixpath.normpath(path)
    return next((t for t in (bare, RP.join(N.cursor_rules_folder(data.relpath) or "", bare)) if repo.lexists(t)), target)
