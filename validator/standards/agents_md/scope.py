"""The folder a path-scoped instruction file is about, which is where its commands run and its paths start.

A Claude Code rule with `paths:` in its front matter is loaded only for the files those globs match
(https://code.claude.com/docs/en/memory, "Path-specific rules"). Authors also write `globs:`, which some Claude Code
versions read (anthropics/claude-code#17204, #45587). Cursor project rules with `globs:` work the same way
(https://cursor.com/docs/rules, "Rule file structure"), and so do Copilot `.github/instructions/*.instructions.md`
files with `applyTo:` (https://docs.github.com/en/copilot/how-tos/configure-custom-instructions/add-repository-instructions,
"path-specific custom instructions"). When every file such a scope covers lies in one folder, the file holds that
folder's instructions, as an AGENTS.md there would: it writes `npm run generate:contracts` and `src/mcp/tools/` from
that folder, where server/package.json and server/src/ are.

The folder is the common leading literal folder of the globs when each glob has one (`server/**`,
`server/src/**/*.ts`). Otherwise (`**/tooling/contracts/**/*.json`) it is the deepest folder holding every file the
globs match in the repository. A scope over the whole repository, or one that matches nothing, gives no folder.
"""

from __future__ import annotations

from validator.engine.files import glob_match
from validator.repo import paths as RP
from validator.standards.agents_md import cursor_rules as C
from validator.standards.agents_md import names as N
from validator.standards.agents_md.cursor_globs import fixed_folder

SCOPE_KEYS = {N.CLAUDE_RULE: ("paths", "globs"), N.CLINE_RULE: ("paths",), N.CURSOR_RULE: ("globs",), N.COPILOT_SCOPED: ("applyTo",)}
"""The front matter keys that scope each kind of file to the files they match."""


def scope_folder(repo, data) -> str | None:
    """The one folder below the root that the path scope of DATA (an `InstructionFile`) covers, or None."""
    if data.kind not in SCOPE_KEYS or data.view.front_matter is None:
        return None
    return repo.memo(("scope-folder", data.relpath), lambda: _scope_folder(repo, data))


def scoped_folders(repo, data) -> list[str]:
    """Each existing folder a glob of DATA's path scope names before its first wildcard (`sdk/feast/infra/registry`
    of `sdk/feast/infra/registry/**`), so that a rule over several folders can write `infra/registry/` for one of
    them (audit 18: feast); [] for a file with no scope."""
    if data.kind not in SCOPE_KEYS or data.view.front_matter is None:
        return []
    patterns = _patterns(data)
    if not patterns:
        return []
    base = (N.cursor_rules_folder(data.relpath) or "") if data.kind == N.CURSOR_RULE else ""
    folders = {RP.join(base, fixed) for p in patterns if (fixed := fixed_folder(p))}
    return sorted(f for f in folders if repo.is_dir(f))


def _patterns(data) -> list[str] | None:
    """The expanded globs of DATA's scope; None when it has none or they cannot be read."""
    fm = data.view.front_matter
    entries = C.read(data.text, fm.body_start, fm.body_end)
    if data.kind == N.CURSOR_RULE and C.always(entries.get("alwaysApply")):
        return None  # Cursor ignores the globs of an always-applied rule
    entry = next((e for key in SCOPE_KEYS[data.kind] if (e := entries.get(key)) is not None), None)
    if entry is None or entry.shape == "mapping":
        return None
    patterns = []
    for pattern, _, _ in C.globs_of(entry):
        clean = pattern.strip().removeprefix("./").lstrip("/")
        if not clean or clean.startswith(("!", "..")) or any(ch in clean for ch in "<>$"):
            return None  # a negation, a path outside the repository or a template slot: the scope is not read
        patterns.extend(C.expand_braces(clean))
    return patterns or None


def _scope_folder(repo, data) -> str | None:
    patterns = _patterns(data)
    if not patterns:
        return None
    base = (N.cursor_rules_folder(data.relpath) or "") if data.kind == N.CURSOR_RULE else ""
    literal = [fixed_folder(p) for p in patterns]
    if all(literal):
        folder = RP.join(base, _common(literal))
        return folder if folder and folder != base and repo.is_dir(folder) else None
    return _matched_folder(repo, base, patterns)


def _common(folders) -> str:
    """The deepest folder that holds each of FOLDERS ('' when they share none)."""
    common: list[str] | None = None
    for folder in folders:
        common = _shared(common, folder.split("/") if folder else [])
    return "/".join(common or [])


def _shared(common: list[str] | None, parts: list[str]) -> list[str]:
    """The leading folders COMMON and PARTS share (PARTS when COMMON is None: the first folder seen)."""
    if common is None:
        return parts
    n = 0
    while n < min(len(common), len(parts)) and common[n] == parts[n]:
        n += 1
    return common[:n]


def _matched_folder(repo, base: str, patterns: list[str]) -> str | None:
    """The deepest folder below BASE holding every file of the repository that PATTERNS match (None: none match, or
    they spread over BASE itself). Stops at the first match outside the folder found so far."""
    prefix = base + "/" if base else ""
    common: list[str] | None = None
    for rel in repo.listed_files():
        if not rel.startswith(prefix):
            continue
        inner = rel[len(prefix):]
        if not any(glob_match(inner, pattern) for pattern in patterns):
            continue
        common = _shared(common, inner.split("/")[:-1])
        if not common:
            return None  # a file at BASE itself or in another top folder: the scope is not one folder's
    return RP.join(base, "/".join(common)) if common else None
