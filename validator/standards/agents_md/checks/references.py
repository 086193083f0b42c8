"""References from an instruction file: imports (AGM050-AGM053, AGM057-AGM059, per agent: Claude Code's
CommonMark-aware `@` versus Gemini CLI's backtick-only masking, see `imports.py`), links (AGM054, and AGM012
for anchors here or in the linked file) and backticked paths (AGM055).

Links and paths are resolved the way a reader would: from the file's folder (a leading `/` from the root, as
GitHub does), then, for backticked paths, from each folder up to the root. Anything that leads into a
gitignored, vendored or generated folder is unknown, not missing (`locations.py`).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import unquote

from validator.emitters import emits
from validator.model import Problem, Span
from validator.parsing.text import enclosed_on_line
from validator.records import lazy, replace
from validator.repo import paths as RP
from validator.repo import prose
from validator.repo.prose import HEDGES as _HEDGES
from validator.repo.prose import placeholder_name as _placeholder_name
from validator.repo.prose import placeholder_target
from validator.repo.prose import sentence as _sentence
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import in_context, text_of
from validator.standards.agents_md.checks.import_chain import import_chain
from validator.standards.agents_md.checks.path_context import (
    ELSEWHERE,
    enclosing_headings,
    in_history_section,
    in_misnested_sample,
    not_this_tree,
    parent_item_folder,
    section_root_absent,
    under_examples_label,
    under_heading_folder,
    under_section_base,
    written_from_section_prefix,
)
from validator.standards.agents_md.imports import ImportRef, claude_imports, gemini_imports, gemini_refuses
from validator.standards.agents_md.locations import (
    conditional_elsewhere,
    empty_sibling_folder,
    module_exists,
    per_user_file,
    runtime_file,
    suggest,
    unbuilt_destination,
    unknown_location,
)
from validator.standards.agents_md.memory import gemini_settings, resolve_import
from validator.standards.agents_md.reader import repo_for
from validator.standards.agents_md.scope import scope_folder, scoped_folders

CLAUDE_KINDS = frozenset({N.CLAUDE, N.CLAUDE_LOCAL, N.CLAUDE_RULE})


@emits(R.AGM050, R.AGM051, R.AGM052, R.AGM053, R.AGM057, R.AGM058, R.AGM059)
def imports(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind in (N.AGENTS, N.OVERRIDE, N.AGENT_LEGACY, N.VARIANT):
        for ref in claude_imports(data.view):
            if ref.intended and _own_line(data, ref) and not _linked_nearby(data.text, ref):
                yield Problem(R.AGM050, f"Codex and most agents read '@{ref.path}' in AGENTS.md as plain text, not as an import; "
                              f"link the file instead: [{ref.path}]({ref.path})", Span(ref.start, ref.end))
    if data.kind in CLAUDE_KINDS:
        yield from _claude_imports(data, repo)
        yield from _code_span_imports(data)
    if gemini_reads(data, repo):
        yield from _gemini_imports(data, repo)
        if data.kind not in CLAUDE_KINDS:
            yield from _code_span_imports(data)


def gemini_reads(data, repo) -> bool:
    if data.kind == N.EXTENSION_CONTEXT:
        return True  # Gemini CLI reads an extension's context file with its imports
    settings = gemini_settings(repo, "")
    return data.name in settings.names and data.kind not in (N.COPILOT_SCOPED, N.COPILOT_MISNAMED, N.CLAUDE_RULE, N.CURSOR_RULE, N.CLINE_RULE,
                                                                N.COPILOT_AGENT, N.COPILOT_PROMPT)


def _own_line(data, ref: ImportRef) -> bool:
    """The `@path` stands alone on its line (optionally as a list item): an import, not a mention in a sentence."""
    line = data.view.index.line_text(data.view.index.position(ref.start)[0])
    rest = line.replace("@" + ref.path, "", 1)
    return not re.sub(r"^\s*(?:[-*+]|\d+[.)])?\s*", "", rest).strip()


def _claude_imports(data, repo):
    for ref in claude_imports(data.view):
        if ref.external:
            continue  # ~/ and absolute paths: the author's own files, not visible from the repository
        target = resolve_import(data.relpath, ref.path)
        if target is None:
            continue
        region = Span(ref.start, ref.end)
        if not repo.is_file(target):
            # a folder (`@./docs/ai/`) exists: pointing the agent at it is a mention, not a missing file
            if ref.intended and not repo.is_dir(target.rstrip("/")) and not unknown_location(repo, target):
                yield Problem(R.AGM051, f"@{ref.path} does not exist ({target}): Claude Code skips the import silently"
                              f"{suggest(repo, target)}", region)
            continue
        yield from import_chain(data, repo, ref, target, "claude")


def _gemini_imports(data, repo):
    for ref in gemini_imports(data.text):
        region = Span(ref.start, ref.end)
        path = ref.path
        if gemini_refuses(path):
            yield Problem(R.AGM058, f"Gemini CLI refuses URL imports: '@{path}' becomes an 'Import failed' comment",
                          region)
            continue
        if path.startswith("/"):
            yield Problem(R.AGM058, f"'@{path}' is an absolute path outside the project: Gemini CLI refuses it (path traversal check)",
                          region)
            continue
        target = posixpath.normpath(posixpath.join(data.folder, path))
        if target == ".." or target.startswith("../"):
            yield Problem(R.AGM058, f"'@{path}' leads outside the project root: Gemini CLI refuses it (path traversal check)",
                          region)
            continue
        if repo.is_dir(target.rstrip("/")):
            continue  # a folder mention, not a missing file
        if not repo.is_file(target):
            if ref.intended and not unknown_location(repo, target):
                tilde = "; Gemini does not expand ~" if path.startswith("~") else ""
                yield Problem(R.AGM051, f"@{path} does not exist ({target}): Gemini CLI replaces it with an 'Import failed' "
                              f"comment{tilde}{suggest(repo, target)}", region)
            elif not ref.intended and not data.view.in_comment(ref.start):
                yield Problem(R.AGM059, f"Gemini CLI reads '@{path}' as an import, fails, and removes it from the text; "
                              f"write `@{path}` in backticks", region)
            continue
        yield from import_chain(data, repo, ref, target, "gemini")


def _code_span_imports(data):
    view = data.view
    for span in view.code_spans:
        content = span.content(data.text).strip()
        if not re.fullmatch(r"@[\w./~-]+", content):
            continue
        ref = ImportRef(content[1:], span.start, span.end)
        if not ref.intended:
            continue
        line = view.index.position(span.start)[0]
        rest = view.index.line_text(line).replace(data.text[span.start:span.end], "", 1)
        if re.sub(r"^\s*(?:[-*+]|\d+[.)])?\s*", "", rest).strip():
            continue  # a code span inside a sentence is documentation, not a failed import
        yield Problem(R.AGM053, f"`{content}` is in backticks, so it is not imported; remove the backticks to import {content[1:]}",
                      Span(span.start, span.end))


@emits(R.AGM012, R.AGM054)
def links(doc, ctx) -> Iterator[Problem]:
    """Links to a heading of this file (read with the file's content), then links into the repository."""
    data = text_of(doc)
    if data is not None:
        yield from _anchors_here(data)
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    missing: list[tuple[str, Problem]] = []
    yield from _links(data, repo, missing)
    # one finding per cause: links into one missing folder (a file synced from another repository) are one fix
    causes: dict[str, list[Problem]] = {}
    for target, problem in missing:
        causes.setdefault(_missing_folder(repo, target) or target, []).append(problem)
    for cause, problems in causes.items():
        more = len(problems) - 1
        yield problems[0] if not more else \
            replace(problems[0], message=f"{problems[0].message} (and {more} more link{'s' if more > 1 else ''} into the missing folder {cause}/)")


def github_slug(text: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation and symbols dropped, spaces to hyphens."""
    out = []
    for ch in text.lower():
        cat = unicodedata.category(ch)
        if ch in "-_" or ch == " " or cat[0] in "LN" or cat in ("Mn", "Mc", "Pc"):
            out.append("-" if ch == " " else ch)
    return "".join(out)


def anchors(view) -> set[str]:
    """Every anchor a rendered file offers: heading slugs (with -1, -2 for repeats) and explicit ids."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in view.headings:
        slug = github_slug(heading.text)
        n = counts.get(slug, 0)
        counts[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    for m in re.finditer(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", view.text):
        found.add(m.group(1).lower())
    return {a.lower() for a in found}


def _anchors_here(data):
    view = data.view
    have = None
    for link in view.links:
        if not link.dest.startswith("#") or len(link.dest) < 2:
            continue
        fragment = _unquote(link.dest[1:]).lower()
        if re.fullmatch(r"l\d+(-l\d+)?", fragment) or placeholder_target(fragment):
            continue
        if have is None:
            have = anchors(view)
        if fragment in have or fragment.removeprefix("user-content-") in have:
            continue
        hint = _close_anchor(fragment, have)
        yield Problem(R.AGM012, f"no heading in this file has the anchor #{fragment}{hint}", Span(link.start, link.end))


def _close_anchor(fragment: str, have: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(fragment, sorted(have), n=1, cutoff=0.75)
    return f"; did you mean #{close[0]}?" if close else ""


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


_SCHEME = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def _links(data, repo, missing: list):
    """AGM012 and Cursor's `mdc:` findings; the links to missing files go to MISSING as (target, problem). VS Code's
    `#file:` references in Copilot files are links too."""
    from validator.standards.agents_md.checks.copilot_prompts import file_references

    for link in (*data.view.links, *file_references(data)):
        dest = link.dest.strip()
        if prose.labelled_example(data.text, link.start, dest):
            continue  # "- Example: [prisma.mdc](mdc:.cursor/rules/prisma.mdc) for rule references": how to write a link
        if dest[:4].lower() == "mdc:" and data.kind == N.CURSOR_RULE:
            from validator.standards.agents_md.checks.cursor import mdc_link

            yield from mdc_link(data, repo, link, dest[4:], placeholder_target)
            continue
        if not dest or dest.startswith("#") or _SCHEME.match(dest):
            continue
        path, _, fragment = dest.partition("#")
        path = unquote(path.split("?", 1)[0])
        if not path or any(ch in path for ch in "{}<>$*\\|") or "..." in path:
            continue
        if placeholder_target(path) or enclosed_on_line(data.text, link.start, link.start, '"“', '"”') \
                or in_misnested_sample(data.view, link.start):
            continue  # `[x](link)`, a link in a quoted sample sentence ("See the [examples](../x/)") or sample document
        target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(data.folder, path))
        if target in (".", ""):
            continue
        if target == ".." or target.startswith("../"):
            continue  # leaves the repository (GitHub's ../../issues, sibling checkouts): not ours to judge
        region = Span(link.start, link.end)
        if data.kind == N.CURSOR_RULE and not repo.lexists(target):
            from validator.standards.agents_md.checks.cursor import workspace_target

            target = workspace_target(data, repo, path, target)
        located = _LINE_SUFFIX.match(target)
        if located and not repo.lexists(target):
            target = located.group(1)  # `[.env:1](.env:1)`, `src/app.ts:42`: the file at a line, as agents read it
        if not repo.lexists(target):
            if unknown_location(repo, target):
                continue
            said = path if posixpath.normpath(path.lstrip("/")) == target else f"{path} ({target})"
            above = posixpath.normpath(posixpath.join(RP.directory(data.folder), path)) if data.folder and path.startswith("../") else ""
            if above and not above.startswith("../") and repo.lexists(above):
                # written from the folder above (the file moved one level down): one kind, folded across files
                yield Problem(R.AGM054, f"'{path}' is one '../' short from this file's folder: '{above}' exists", region)
                continue
            why = _from_symlink(repo, data, path) or suggest(repo, target, resolved=target)
            missing.append((target, Problem(R.AGM054, f"{said} does not exist{why}", region)))
            continue
        fragment = unquote(fragment).lower()
        if fragment and target.lower().endswith((".md", ".markdown")) and repo.is_file(target) \
                and not re.fullmatch(r"l\d+(-l\d+)?", fragment):
            view = _view_of(repo, target)
            if view is not None:
                have = anchors(view)
                if fragment not in have and fragment.removeprefix("user-content-") not in have:
                    yield Problem(R.AGM012, f"{target} has no heading with the anchor #{fragment}", region)


_LINE_SUFFIX = lazy(r"^(.+?):\d+(?::\d+)?(?:-\d+)?$")
"""A link written `path:LINE[:COL]` (`src/app.ts:42`, `.env:1`): editors and agents open the file at that line."""


def _from_symlink(repo, data, path: str) -> str:
    """When the file is a symlink whose target's folder has PATH: say so (agents read the link from the path they
    opened, so it stays broken for them; moving the target or writing the link from the symlink's folder fixes it)."""
    real = repo.realpath(data.relpath)
    if real == data.relpath or path.startswith("/"):
        return ""
    there = posixpath.normpath(posixpath.join(RP.directory(real), path))
    return (f" from this symlink's folder; it resolves only beside the target {real}, not where agents open the file"
            if repo.lexists(there) else "")


def _view_of(repo, rel: str):
    key = ("view", rel)
    if key not in repo.cache:
        text = repo.read_text(rel)
        if text is None:
            repo.cache[key] = None
        else:
            from validator.standards.agents_md.markdown import parse_markdown

            repo.cache[key] = parse_markdown(text)
    return repo.cache[key]


_PATHLIKE = lazy(r"^(?:\./)?[A-Za-z0-9_.][A-Za-z0-9_.+-]*(?:/[A-Za-z0-9_.+-]+)*/?$")


_DOMAIN = lazy(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|sh|co|app|edu|gov|xyz|rs|me|so|cloud)$", re.IGNORECASE)


_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", re.DOTALL)


_SPAN = lazy(r"(`+)[^`].*?\1|`[^`]*$", re.DOTALL)


_LABEL_OF = lazy(r"[^\[\]\n]*\]\(\s*<?([^)\s>#]+)")
"""After a code span: the rest of a link label and its destination (the span is the label of that link)."""
_EXT = lazy(r"\.[A-Za-z0-9]{1,8}$")


@emits(R.AGM055)
def backticked_paths(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    bases = [f for f in reversed(RP.ancestors(data.folder))]
    found: dict[str, list] = {}
    for where, problem in _missing_paths(data, repo, bases):
        # one finding per cause: a folder that moved takes every path below it along
        found.setdefault(_missing_folder(repo, where) or where, []).append((where, problem))
    for cause, problems in found.items():
        first = problems[0][1]
        if len(problems) > 1:
            # one finding per cause: the same stale path named again further down is the same fix
            more = len(problems) - 1
            paths = {where for where, _ in problems}
            if len(paths) > 1:
                tail = f" (and {more} more mention{'s' if more > 1 else ''} of paths in the missing folder {cause}/)"
            else:
                tail = f" (and {more} more mention{'s' if more > 1 else ''})"
            first = Problem(R.AGM055, first.message + tail, first.where)
        yield first


def _scope_bases(repo, data) -> list[str]:
    """The folders from the ones a path-scoped rule covers up to (not including) the ones the file's own folder
    gives: a rule over `sdk/feast/infra/registry/**` may write `infra/registry/` from `sdk/feast/`."""
    folder = scope_folder(repo, data)
    folders = ([folder] if folder else []) + scoped_folders(repo, data)
    own = set(RP.ancestors(data.folder))
    return list(dict.fromkeys(f for each in folders for f in reversed(RP.ancestors(each)) if f not in own))


def _missing_folder(repo, path: str) -> str | None:
    """The shallowest folder of PATH that does not exist (`internal/azure` for `internal/azure/x/y.go`), or
    None when PATH's own folder exists."""
    parts = path.rstrip("/").split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        folder = "/".join(parts[:depth])
        if not repo.lexists(folder):
            return folder
    return None


_PAST = lazy(r"^[`'\"\s)]*(?:(?:rule|file|folder|directory)\s+){0,2}(?:was|were|used to|had|has been|have been|(?:that|which)\s+never\s+existed)\b",
             re.IGNORECASE)
"""Right after a path: the sentence tells its history ("`x.test.ts` was 4,564 lines ...")."""
_NOW = lazy(r"\b(?:is|are) now\b|\bnow (?:lives?|sits?|in|merged|moved|renamed|folded|replaced)\b|\bsplit (?:into|across)\b",
            re.IGNORECASE)
_EACH = lazy(r"\b(?:each|every|per)\b", re.IGNORECASE)
_NEGATED = lazy(r"(?:^|[(,;]\s*)(?:not|never|rather than|instead of)\s+$", re.IGNORECASE)
"""Right before a path: "are in `tests/src/e2e/` (not `tests/e2e/`)": the path named as the wrong one."""
_INSTALLS = lazy(r"\binstall(?:s|ed|ing)?\s+$|\b(?:add|append)\s+(?:(?:this|it|them|the\s+following(?:\s+\w+)?)\s+)?to\s+$"
                r"|\b(?:add|create)\s+(?:an?\s+|the\s+)?[\w -]{0,30}:\s*$", re.IGNORECASE)
"""Right before a path: "Bootstrap a repo: install `scripts/build-nav.py`": where a command puts a file in the user's
project; "Add to `.github/workflows/test.yml`:" then the snippet: a file the reader writes (audit 22)."""
_CONVENTION = 3
"""Item folders that hold the same relative path before it reads as a per-item convention without an "each"."""


def _in_each_item(repo, clean: str, at_least: int = 1) -> bool:
    """CLEAN exists relative to AT_LEAST subfolders (`plugins/expo/.claude-plugin/plugin.json`): with three or more,
    a marketplace's "Bump version in `.claude-plugin/plugin.json`" names every plugin's manifest, not the root's."""
    base = clean.rsplit("/", 1)[-1]
    found = 0
    # a folder (`assets/templates/` in every skill) is counted among the listed folders, a file by its name
    for rel in repo.index.by_name(base) or repo.index.dirs_by_name(base):
        if rel.endswith("/" + clean):
            found += 1
            if found >= at_least:
                return True
    return False


def _linked_nearby(text: str, ref) -> bool:
    """The `@path` import repeats a link to the same file a few lines above (`[x](path)` ... `@path`): other agents
    follow the link, Claude Code (through a CLAUDE.md that imports AGENTS.md) expands the import (audit 18: kueue)."""
    window = text[max(0, ref.start - 600):ref.start]
    target = ref.path.removeprefix("./")
    return f"]({target})" in window or f"](./{target})" in window


_EXTENSION_PAIR = lazy(r"^(.+)\.(\w{1,5})/\.(\w{1,5})$")
"""`src/Logging.h/.cpp`: shorthand for a pair of files that differ only in extension."""


def _missing_paths(data, repo, bases):
    """(resolved path, problem) for every backticked path that does not exist."""
    view, text = data.view, data.text
    for span in view.code_spans:
        raw = span.content(text).strip()
        candidate = raw
        if not _looks_like_path(candidate):
            continue
        if candidate.startswith("./"):
            candidate = candidate[2:]
        label = _LABEL_OF.match(text, span.end)
        if label and unquote(label.group(1)).removeprefix("./").rstrip("/") == candidate.rstrip("/"):
            continue  # [`docs/x.md`](docs/x.md): the link's target, which AGM054 judges (one finding per fault)
        first = candidate.split("/", 1)[0]
        if _DOMAIN.match(first) and not any(repo.lexists(RP.join(b, first)) for b in bases):
            continue
        clean = candidate.rstrip("/")
        pair = _EXTENSION_PAIR.match(clean)
        if pair:  # `Logging.h/.cpp`: the header and its source, one of which is enough to show the path is right
            clean = next((f"{pair[1]}.{ext}" for ext in (pair[2], pair[3])
                          if any(repo.lexists(RP.join(b, f"{pair[1]}.{ext}")) for b in bases)), f"{pair[1]}.{pair[2]}")
        # the path exists: by far the commonest case, so asked before the costlier readings of the prose
        anchored = [b for b in bases if repo.lexists(RP.join(b, first))]
        if any(repo.lexists(RP.join(b, clean)) or module_exists(repo, RP.join(b, clean)) for b in anchored):
            continue
        if repo.lexists(RP.join(RP.join(data.folder, "src"), clean)):
            continue  # a package's file written from its `src/` ("`services/sync.ts`" for `src/services/sync.ts`)
        # a nested list item names a path inside its parent item's folder (`- client/` then `  - transport/spi/`)
        parent = parent_item_folder(text, span.start, span.content_start)
        inside = [RP.join(b, parent) for b in bases if parent and repo.is_dir(RP.join(b, parent))]
        if any(repo.lexists(RP.join(b, clean)) or module_exists(repo, RP.join(b, clean)) for b in inside):
            continue
        if inside:
            anchored = inside
        elif not anchored:
            continue  # the first folder exists nowhere on the way up: an example or another repository's path
        # the readings of the prose, costlier, only for a path that names a folder of this tree and is missing
        if _placeholder_name(candidate) or _placeholder_row(view, text, span) or prose.example_cell(text, span.start) \
                or _other_repository_row(repo, view, text, span):
            continue
        if prose.in_other_package(text, span.start, span.end) or under_examples_label(text, span.start):
            continue  # "Lives in the UIA package docs: ... `references/guide.md`": that package's tree
        if prose.rewritten_path(text, span.end):
            continue  # "`spree/product.rb` → `Spree::Product`": the left side of a mapping shown as an illustration
        if not_this_tree(view, text, span.start) or in_history_section(view, text, span.start) \
                or in_misnested_sample(view, span.start):
            continue  # "✅ **CORRECT**:" / "**Removed in v2.1.0:**" / "## Example" lists show paths, not reference them
        if (clean in _CLIENT_FOLDERS and candidate.endswith("/")) or clean in _CLIENT_FILES:
            continue  # `.claude/rules/`, `.claude/settings.json`: a client's place the agent or a command creates
        targets = [RP.join(b, clean) for b in anchored]
        if any(unknown_location(repo, t) for t in targets):
            continue
        # the hedge words must come from the prose around the path, not from paths or comments
        sentence = _SPAN.sub(" ", _COMMENT.sub(" ", _sentence(text, span.start, span.end)))
        line_start = text.rfind("\n", 0, span.start) + 1
        lead = _SPAN.sub(" ", _COMMENT.sub(" ", text[max(line_start, span.start - 80):span.start]))
        if _HEDGES.search(sentence) or _HEDGES.search(lead) or _INSTALLS.search(lead) or _NEGATED.search(lead) \
                or prose.conditional(text, span.content_start, span.content_end):
            continue  # ... and "`docs/adr.md` if it exists", "(optional)": the sentence says the file may be absent
        if candidate.endswith("/") and empty_sibling_folder(repo, view, text, span, clean, anchored):
            continue  # "`task/done/` - Completed tasks." beside "`task/archive/` - Abandoned tasks": git keeps no empty folder
        if prose.untracked(text, span.start, span.end, sentence):
            continue  # "`.env.local` (gitignored)", a table row whose "Version Controlled" cell says No: not in a clone
        if candidate.endswith("/") and unbuilt_destination(repo, text, span, clean):
            continue  # "Actions in `app/Actions/`, Enums in `app/Enums/` ...", none made yet: where new code goes
        if conditional_elsewhere(text, raw, span.start):
            continue  # "If `.squad/plugins/marketplaces.json` exists, ..." in another step: the file is optional
        if _PAST.match(text[span.end:span.end + 40]) or _NOW.search(sentence):
            continue  # history: the file was split, renamed or replaced, and the sentence says so
        if _in_each_item(repo, clean, 1 if _EACH.search(sentence) else _CONVENTION):
            continue  # "Each plugin has a `.claude-plugin/plugin.json`": a path inside every such item
        if under_section_base(repo, data, span, clean):
            continue  # "Location: `plugins/[category]/[name]/`" then "`.claude-plugin/plugin.json`": inside that folder
        if section_root_absent(repo, data, span):
            continue  # "### 4. MycoBrain" with "**Path**: `mycobrain/`": another checkout of a multi-repo workspace
        if any(clean == made or clean.startswith(made + "/") for made in prose.created_folders(text)):
            continue  # "Create the `docs/reviews/` directory if it doesn't exist": an output folder the file makes
        if any(per_user_file(repo, t) or runtime_file(t) for t in targets):
            continue  # `config.yaml` beside a committed `config.example.yaml`: each user creates it
        headings = enclosing_headings(view, text, span.start)
        if any(ELSEWHERE.search(heading) for heading in headings):
            continue  # a section about another repository's tree ("Documentation Branches (from Central README)")
        if under_heading_folder(repo, data.folder, headings, clean):
            continue  # "### Jira Expert (`jira-expert/`)" then "- `scripts/workflow_validator.py`": inside that folder
        if written_from_section_prefix(repo, data, span, clean, bases, _looks_like_path):
            continue  # "`agent/hooks/`, `sandbox/manager.rs`": the section's paths, all under `crates/core/src/`
        if any(repo.lexists(RP.join(b, clean)) or module_exists(repo, RP.join(b, clean)) for b in _scope_bases(repo, data)):
            continue  # a rule scoped to `server/**` writes `scripts/gen.ts` from server/ (scope.py)
        where = targets[0]
        suggestion = suggest(repo, clean, data.folder, resolved=where)
        shown = where + "/" if candidate.endswith("/") else where
        said = raw if shown in (raw, candidate) else f"{raw} ({shown})"
        yield where, Problem(R.AGM055, f"{said} does not exist{suggestion}", Span(span.content_start, span.content_end))


_CLIENT_FOLDERS = frozenset({
    ".claude/rules", ".claude/commands", ".claude/agents", ".claude/skills", ".claude/hooks", ".cursor/rules",
    ".cursor/commands", ".github/instructions", ".github/prompts", ".github/chatmodes", ".github/agents",
    ".gemini/commands", ".codex/prompts", ".kiro/steering", ".windsurf/rules", ".clinerules", ".roo/rules",
    ".windsurf/workflows", ".kilocode/rules", ".kilocode/workflows", ".augment/rules", ".qwen/commands",
    ".opencode/command", ".opencode/agent", ".codex/commands", ".codebuddy/commands", ".qoder/commands",
    ".amazonq/rules", ".continue/rules", ".trae/rules", ".agents/skills", ".agent/workflows", ".claude/workflows",
    ".claude/output-styles", ".claude/plugins", ".github/skills", ".github/hooks",
    # the platform's own places, named as where a kind of file goes ("Shared workflows (`.github/workflows/`)")
    ".github/workflows", ".github/ISSUE_TEMPLATE", ".github/actions", ".devcontainer",
})
"""Folders a client or the platform reads from the project (Claude Code's rules and commands, Cursor's rules,
Copilot's instructions, GitHub's workflows): an instruction file names them as where to put things, whether or not
they exist yet (audit 19: kyora's "What Belongs in Root")."""
_CLIENT_FILES = frozenset({
    ".claude/settings.json", ".claude/settings.local.json", ".cursor/mcp.json", ".cursor/hooks.json",
    ".vscode/mcp.json", ".vscode/settings.json", ".gemini/settings.json", ".codex/config.toml",
})
"""Settings files a client reads from the project, named as where to add hooks, servers or permissions."""

def _row_spans(view, text: str, span) -> list[str] | None:
    """The other code spans of the table row holding SPAN (their contents, stripped), or None when SPAN's line is no
    table row."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    if not line.lstrip().startswith("|"):
        return None
    return [s.content(text).strip() for s in view.code_spans
            if line_start <= s.start < line_start + len(line) and s.start != span.start]


def _placeholder_row(view, text: str, span) -> bool:
    """SPAN sits in a table row whose other cell is a made-up path (`| `agents/domain/` | `domain-skill/skill-name/` |`)
    or a file-name pattern (`| Controllers | `*.controller.ts` | `src/controllers/` |`): the row illustrates a layout
    each unit (app, package) follows, not paths of this tree."""
    return any(("/" in other and _placeholder_name(other)) or ("*" in other and " " not in other)
               for other in _row_spans(view, text, span) or ())


_OWNER_REPO = re.compile(r"[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*")


def _other_repository_row(repo, view, text: str, span) -> bool:
    """SPAN sits in a table row that names another repository as `owner/repo` (`| Visual editor (`quarto-dev/quarto`) |
    `packages/editor-server/src/core/xref.ts` |`): the row's paths are that repository's (audit 24: quarto-cli)."""
    return any(_OWNER_REPO.fullmatch(token) and "." not in token.rsplit("/", 1)[-1] and not repo.lexists(token.split("/")[0])
               for token in _row_spans(view, text, span) or ())


def _looks_like_path(value: str) -> bool:
    if len(value) < 3 or len(value) > 200 or "/" not in value.strip("/"):
        return False
    if value.startswith(("/", "-", "~", "../", "http", "www.")) or "//" in value or "..." in value:
        return False  # `tests/.../walker.test.ts`: a shortened path, not one to find as written
    if not _PATHLIKE.match(value):
        return False
    last = value.rstrip("/").rsplit("/", 1)[-1]
    if value.endswith("/"):
        return True
    if _EXT.search(last):
        # version-like tails (`v1.2`, `1.0.0`) and dotted identifiers are not file names
        return not re.search(r"(?:^|/)v?\d+(?:\.\d+)+$", value)
    # no extension and no trailing slash: as often an import specifier (`auth/actions`), a route or
    # `owner/repo` as a path, so it is not judged
    return False
