"""References from an instruction file into the repository: imports, links, backticked paths.

Imports are judged per agent (Claude Code's CommonMark-aware `@` versus Gemini CLI's
backtick-only masking, see `imports.py`). Links and paths are resolved the way a
reader would: from the file's folder (a leading `/` from the root, as GitHub does),
then, for backticked paths, from each folder up to the root. Anything that leads
into a gitignored, vendored or generated folder is unknown, not missing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from validator.model import Finding
from validator.standards.agents_md import discovery as D
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.imports import MAX_DEPTH, ImportRef, claude_imports, gemini_imports, gemini_refuses
from validator.standards.agents_md.record import lazy

GENERATED = frozenset({
    "dist", "build", "out", "target", "site", "_build", "_site", ".next", ".nuxt", ".svelte-kit", ".output", "coverage",
    "node_modules", "vendor", ".venv", "venv", "__pycache__", ".turbo", ".cache", "tmp", "temp", "logs", "generated",
    "gen", "bin", "obj", "public/build", "storybook-static", ".docusaurus", "htmlcov", "artifacts", "release", "releases",
    "pkg", "lib-cov", ".tox", ".nox", "wheelhouse", "docs/_build", ".git",
})
"""Folder names whose content is produced by a build or an install, so absence proves nothing."""

CLAUDE_KINDS = frozenset({N.CLAUDE, N.CLAUDE_LOCAL, N.CLAUDE_RULE})


def check(data, repo, ctx, doc) -> Iterator[Finding]:
    yield from _imports(data, repo, ctx, doc)
    yield from _links(data, repo, ctx, doc)
    yield from _paths(data, repo, ctx, doc)


def _region(data, start, end=None):
    return data.view.index.region(start, end)


# -- imports --------------------------------------------------------------------------------

def gemini_reads(data, repo) -> bool:
    settings = D.gemini_settings(repo, "")
    return data.name in settings.names and data.kind not in (N.COPILOT_SCOPED, N.COPILOT_MISNAMED, N.CLAUDE_RULE)


def _imports(data, repo, ctx, doc):
    if data.kind in (N.AGENTS, N.OVERRIDE, N.AGENT_LEGACY, N.VARIANT):
        for ref in claude_imports(data.view):
            if ref.intended and _own_line(data, ref):
                yield ctx.finding(R.AGM050, doc, _region(data, ref.start, ref.end),
                                  f"Codex and most agents read '@{ref.path}' in AGENTS.md as plain text, not as an import; "
                                  f"link the file instead: [{ref.path}]({ref.path})")
    if data.kind in CLAUDE_KINDS:
        yield from _claude_imports(data, repo, ctx, doc)
        yield from _code_span_imports(data, ctx, doc)
    if gemini_reads(data, repo):
        yield from _gemini_imports(data, repo, ctx, doc)
        if data.kind not in CLAUDE_KINDS:
            yield from _code_span_imports(data, ctx, doc)


def _own_line(data, ref: ImportRef) -> bool:
    """The `@path` stands alone on its line (optionally as a list item): an import, not a mention in a sentence."""
    line = data.view.index.line_text(data.view.index.position(ref.start)[0])
    rest = line.replace("@" + ref.path, "", 1)
    return not re.sub(r"^\s*(?:[-*+]|\d+[.)])?\s*", "", rest).strip()


def _claude_imports(data, repo, ctx, doc):
    for ref in claude_imports(data.view):
        if ref.external:
            continue  # ~/ and absolute paths: the author's own files, not visible from the repository
        target = D.resolve_import(data.relpath, ref.path)
        if target is None:
            continue
        region = _region(data, ref.start, ref.end)
        if not repo.is_file(target):
            if ref.intended and not _unknown_location(repo, target):
                yield ctx.finding(R.AGM051, doc, region,
                                  f"@{ref.path} does not exist ({target}): Claude Code skips the import silently"
                                  f"{_suggest(repo, target)}")
            continue
        yield from _chain(data, repo, ctx, doc, ref, target, "claude")


def _gemini_imports(data, repo, ctx, doc):
    for ref in gemini_imports(data.text):
        region = _region(data, ref.start, ref.end)
        path = ref.path
        if gemini_refuses(path):
            yield ctx.finding(R.AGM058, doc, region,
                              f"Gemini CLI refuses URL imports: '@{path}' becomes an 'Import failed' comment")
            continue
        if path.startswith("/"):
            yield ctx.finding(R.AGM058, doc, region,
                              f"'@{path}' is an absolute path outside the project: Gemini CLI refuses it (path traversal check)")
            continue
        target = posixpath.normpath(posixpath.join(data.folder, path))
        if target == ".." or target.startswith("../"):
            yield ctx.finding(R.AGM058, doc, region,
                              f"'@{path}' leads outside the project root: Gemini CLI refuses it (path traversal check)")
            continue
        if not repo.is_file(target):
            if ref.intended and not _unknown_location(repo, target):
                tilde = "; Gemini does not expand ~" if path.startswith("~") else ""
                yield ctx.finding(R.AGM051, doc, region,
                                  f"@{path} does not exist ({target}): Gemini CLI replaces it with an 'Import failed' "
                                  f"comment{tilde}{_suggest(repo, target)}")
            elif not ref.intended and not data.view.in_comment(ref.start):
                yield ctx.finding(R.AGM059, doc, region,
                                  f"Gemini CLI reads '@{path}' as an import, fails, and removes it from the text; "
                                  f"write `@{path}` in backticks")
            continue
        yield from _chain(data, repo, ctx, doc, ref, target, "gemini")


def _chain(data, repo, ctx, doc, ref: ImportRef, target: str, agent: str):
    """Follow one top-level import: report a missing file deeper down, a cycle, or depth beyond 5."""
    plan = D.Plan(agent, "", "", "")
    expand = D.expand_claude_imports if agent == "claude" else D.expand_gemini_imports
    plan.loads.append(D.Load(target, "import", D.LOADED, depth=1, via=data.relpath))
    expand(repo, target, plan, depth=2, seen=(data.relpath,) if agent == "claude" else (data.relpath, target))
    region = _region(data, ref.start, ref.end)
    label = "Claude Code" if agent == "claude" else "Gemini CLI"
    reported = set()
    for load in plan.loads[1:]:
        if load.status == D.MISSING and "missing" not in reported:
            reported.add("missing")
            yield ctx.finding(R.AGM051, doc, region,
                              f"@{ref.path} leads to {load.via}, whose import {load.path} does not exist: {label} skips it")
        elif load.status == D.TOO_DEEP and "deep" not in reported:
            reported.add("deep")
            yield ctx.finding(R.AGM052, doc, region,
                              f"@{ref.path} starts an import chain deeper than {MAX_DEPTH} hops: {load.path} (imported by "
                              f"{load.via}) is never loaded by {label}")
        elif load.status == D.REPEATED and "cycle" not in reported:
            reported.add("cycle")
            yield ctx.finding(R.AGM057, doc, region,
                              f"@{ref.path} leads back to {load.path} (imported again by {load.via}): the imports form a cycle")


def _code_span_imports(data, ctx, doc):
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
        yield ctx.finding(R.AGM053, doc, _region(data, span.start, span.end),
                          f"`{content}` is in backticks, so it is not imported; remove the backticks to import {content[1:]}")


# -- links ------------------------------------------------------------------------------------

_SCHEME = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def _links(data, repo, ctx, doc):
    from validator.standards.agents_md.file_rules import anchors

    for link in data.view.links:
        dest = link.dest.strip()
        if not dest or dest.startswith("#") or _SCHEME.match(dest):
            continue
        path, _, fragment = dest.partition("#")
        path = unquote(path.split("?", 1)[0])
        if not path or any(ch in path for ch in "{}<>$*\\|") or "..." in path:
            continue
        target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(data.folder, path))
        if target in (".", ""):
            continue
        if target == ".." or target.startswith("../"):
            continue  # leaves the repository (GitHub's ../../issues, sibling checkouts): not ours to judge
        region = _region(data, link.start, link.end)
        if not repo.lexists(target):
            if _unknown_location(repo, target):
                continue
            yield ctx.finding(R.AGM054, doc, region, f"{path} does not exist ({target}){_suggest(repo, target)}")
            continue
        fragment = unquote(fragment).lower()
        if fragment and target.lower().endswith((".md", ".markdown")) and repo.is_file(target) \
                and not re.fullmatch(r"l\d+(-l\d+)?", fragment):
            view = _view_of(repo, target)
            if view is not None:
                have = anchors(view)
                if fragment not in have and fragment.removeprefix("user-content-") not in have:
                    yield ctx.finding(R.AGM012, doc, region, f"{target} has no heading with the anchor #{fragment}")


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


def _unknown_location(repo, target: str) -> bool:
    """TARGET lies where absence proves nothing: gitignored, vendored or generated folders."""
    parts = target.rstrip("/").split("/")
    if any(part in GENERATED for part in parts):
        return True
    return repo.would_be_ignored(target.rstrip("/"))


def _suggest(repo, target: str, near: str = "") -> str:
    """'; did you mean X?' when exactly one listed file (or folder) could be meant.

    A unique candidate whose path ends with TARGET wins; then a unique file of the same
    name; then a unique one inside NEAR (the instruction file's folder).
    """
    name = target.rstrip("/").rsplit("/", 1)[-1]
    if not name:
        return ""
    candidates = [rel for rel in repo.index.by_name(name) if rel != target]
    if not candidates:
        tail = "/" + target
        candidates = [d for d in repo.index.dirs if d and ("/" + d).endswith("/" + name) and d != target]
        if len(candidates) != 1:
            return ""
        del tail
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


# -- backticked paths ---------------------------------------------------------------------------

_PATHLIKE = lazy(r"^(?:\./)?[A-Za-z0-9_.][A-Za-z0-9_.+-]*(?:/[A-Za-z0-9_.+-]+)*/?$")
_DOMAIN = lazy(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|sh|co|app|edu|gov|xyz|rs|me|so|cloud)$", re.IGNORECASE)
_HEDGES = lazy(
    r"\b(?:e\.g|for example|for instance|such as|like|example|create[sd]?|creating|new|generate[sd]?|"
    r"will be|would|rename[sd]?|move[sd]?|deleted?|removed?|old|legacy|deprecated|previously|formerly|"
    r"instead of|no longer|placeholder|template|pattern|convention|named?|"
    r"should (?:be|live|go)|put|place|outputs?|produces?|builds? to|compiles? to|writes? to|saved? (?:to|in)|"
    r"downloads?|cache|temporary|your|their|external|upstream|hypothetical|suppose|imagine|"
    r"no|without|absent|missing|lacks?|isn't|doesn't|does not|don't|do not|not yet|nonexistent|"
    r"(?:that|another|other|the\s+\w+|their|a\s+\w+)\s+repo(?:sitory)?|"
    r"writes?|written|emits?|bundl\w*|build[- ]time|at build|at runtime|generat\w*|hook)\b",
    re.IGNORECASE)
_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_SPAN = lazy(r"(`+)[^`].*?\1|`[^`]*$", re.DOTALL)
_EXT = lazy(r"\.[A-Za-z0-9]{1,8}$")


def _paths(data, repo, ctx, doc):
    view = data.view
    text = data.text
    bases = [f for f in reversed(N.ancestors(data.folder))]
    for span in view.code_spans:
        raw = span.content(text).strip()
        candidate = raw
        if not _looks_like_path(candidate):
            continue
        if candidate.startswith("./"):
            candidate = candidate[2:]
        first = candidate.split("/", 1)[0]
        if _DOMAIN.match(first) and not any(repo.lexists(N.join(b, first)) for b in bases):
            continue
        if _placeholder_name(candidate):
            continue
        anchored = [b for b in bases if repo.lexists(N.join(b, first))]
        if not anchored:
            continue  # the first folder exists nowhere on the way up: an example or another repository's path
        clean = candidate.rstrip("/")
        if any(repo.lexists(N.join(b, clean)) or _module_exists(repo, N.join(b, clean)) for b in anchored):
            continue
        targets = [N.join(b, clean) for b in anchored]
        if any(_unknown_location(repo, t) for t in targets):
            continue
        # the hedge words must come from the prose around the path, not from paths or comments
        sentence = _SPAN.sub(" ", _COMMENT.sub(" ", _sentence(text, span.start, span.end)))
        line_start = text.rfind("\n", 0, span.start) + 1
        lead = _SPAN.sub(" ", _COMMENT.sub(" ", text[max(line_start, span.start - 80):span.start]))
        if _HEDGES.search(sentence) or _HEDGES.search(lead):
            continue
        suggestion = _suggest(repo, clean, data.folder)
        where = targets[0]
        yield ctx.finding(R.AGM055, doc, _region(data, span.content_start, span.content_end),
                          f"{raw} does not exist ({where}){suggestion}")


def _module_exists(repo, target: str) -> bool:
    """`src/util.js` written for `src/util.ts`: TypeScript's ESM imports name the emitted `.js` file."""
    stem, dot, ext = target.rpartition(".")
    if not dot or ext not in ("js", "jsx", "mjs", "cjs"):
        return False
    return any(repo.lexists(f"{stem}.{alt}") for alt in ("ts", "tsx", "mts", "cts"))


_PLACEHOLDER_WORDS = frozenset({
    "here", "foo", "bar", "baz", "qux", "xxx", "yyy", "example", "sample", "your", "my", "placeholder", "whatever",
    "something", "todo", "new", "name", "thing", "stuff", "mything", "mymodule",
})


def _placeholder_name(path: str) -> bool:
    """`tests/ci/test_action_EventNameHere.py`, `src/foo/bar.ts`: a made-up name, not a reference."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", last.rsplit(".", 1)[0] if "." in last else last)
    return any(word.lower() in _PLACEHOLDER_WORDS for word in words) or any(
        part.lower() in ("foo", "bar", "baz", "example", "your", "my") for part in path.split("/")[:-1])


def _looks_like_path(value: str) -> bool:
    if len(value) < 3 or len(value) > 200 or "/" not in value.strip("/"):
        return False
    if value.startswith(("/", "-", "~", "../", "http", "www.")) or "//" in value:
        return False
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


def _sentence_stop(text: str, start: int) -> int:
    """The last '. ' before START that ends a sentence (not 'e.g. ', 'i.e. ', 'etc. ', 'vs. ')."""
    at = text.rfind(". ", 0, start)
    while at != -1 and re.search(r"(?:\be\.g|\bi\.e|\betc|\bvs|\bcf)$", text[max(0, at - 4):at], re.IGNORECASE):
        at = text.rfind(". ", 0, at)
    return at


def _sentence(text: str, start: int, end: int) -> str:
    left = max(_sentence_stop(text, start), text.rfind("\n\n", 0, start), text.rfind("\n-", 0, start),
               text.rfind("\n*", 0, start), text.rfind("\n|", 0, start), -1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end), text.find("\n-", end),
                                    text.find("\n*", end), text.find("|", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right]
