"""Which files a Cursor rule's `globs` match in the repository (AGM080), and whether the repository's Cursor rules
are a catalogue for other projects (a rule pack), whose globs and paths describe the projects that install them.

Patterns are tried from the repository root and from the folder the rule's `.cursor/` belongs to; a pattern
without `/` matches a file name at any depth (`engine.files.glob_match`); `{a,b}` is expanded.
"""

from __future__ import annotations

import re

from validator.engine.files import glob_match
from validator.repo import paths as RP
from validator.standards.agents_md import cursor_rules as C
from validator.standards.agents_md import names as N

_PLACEHOLDER = re.compile(r"[<>$]|\{\{")


_LANGUAGE_WIDE = re.compile(r"(?:\*\*/)?\*\.(?:\{([\w,.]+)\}|([\w.]+))")
_KNOWN_TYPES = frozenset(
    "ts tsx js jsx mjs cjs mts cts vue svelte astro py pyi ipynb go rs java kt kts scala groovy gradle swift m mm c h cc cpp "
    "cxx hpp hh cs fs vb rb erb php pl lua dart ex exs erl hrl clj cljs elm hs ml mli nim zig sol r jl sql graphql gql "
    "proto html htm css scss sass less json jsonc json5 yaml yml toml xml md mdx rst txt csv sh bash zsh ps1 bat tf tfvars "
    "hcl nix dockerfile prisma twig liquid blade.php cshtml razor ejs hbs pug sv v vhd".split())
"""File types of programming, markup and configuration: a rule scoped to one of them is a language's rule."""


def _language_wide(pattern: str) -> bool:
    """PATTERN names only a known file type (`**/*.tsx`, `*.{ts,tsx}`): it cannot point at a moved folder, only at a
    language the repository does not use (yet): a generic rule, not a broken one. A type nobody uses (`*.jira`) is still
    judged: such a rule never attaches anywhere."""
    m = _LANGUAGE_WIDE.fullmatch(pattern)
    if m is None:
        return False
    types = (m.group(1) or m.group(2)).lower().split(",")
    return all(t in _KNOWN_TYPES for t in types)


def unmatched(repo, relpath: str, fm: C.CursorFrontMatter, *, languages: bool = False):
    """(globs entry, its patterns, the patterns judged) when no pattern of the rule at RELPATH matches a file;
    None when one does, or when the rule is not judged (always applied, a negation, a placeholder, a pattern into
    generated output, a known language's file type unless LANGUAGES)."""
    globs = fm.get("globs")
    if globs is None or globs.shape == "mapping" or C.always(fm.get("alwaysApply")):
        return None  # an always-applied rule does not need its globs (Cursor ignores them then)
    patterns = C.globs_of(globs)
    if not patterns:
        return None
    bases = sorted({"", N.cursor_rules_folder(relpath) or ""})
    judged = []
    for pattern, _, _ in patterns:
        clean = pattern.strip().removeprefix("./").lstrip("/")
        if not clean or clean.startswith(("!", "..")) or _PLACEHOLDER.search(clean):
            return None  # a negation, a path outside the repository or a template slot: not judged
        if _matches(repo, bases, clean):
            return None
        if _generated(repo, bases, clean) or (clean.startswith(".cursor/") and not repo.lexists(fixed_folder(clean) or ".cursor")):
            return None  # files a build makes, or the agent's own notes in a .cursor/ folder it creates on demand
        if not languages and _language_wide(clean):
            return None  # `**/*.tsx` in a repository without one: a language's rule kept for projects that have it
        judged.append(pattern)
    return globs, patterns, judged


def catalogue(repo) -> bool:
    """The repository's Cursor rules are a catalogue for other projects (a rule pack): at least 4 of them, and at
    least half of those with globs, match no file here, in a repository that is mostly Markdown (the rules and
    their docs). Their globs describe the projects that install them."""
    def build() -> bool:
        globbed = misses = 0
        for rel in repo.listed_files():
            if N.classify(rel) != N.CURSOR_RULE or N.in_template_tree(rel):
                continue
            text = repo.read_text(rel) or ""
            block = C.block(text)
            if block is None:
                continue
            fm = C.read(text, block.body_start, block.body_end)
            globs = fm.get("globs")
            if fm.malformed or globs is None or not C.globs_of(globs) or C.always(fm.get("alwaysApply")):
                continue
            globbed += 1
            misses += unmatched(repo, rel, fm, languages=True) is not None
        if misses < 4 or 2 * misses < globbed:
            return False
        files = repo.listed_files()
        prose = sum(rel.endswith((".md", ".mdc", ".mdx", ".txt")) for rel in files)
        return 2 * prose >= len(files)  # a pack is mostly rules and docs; a project whose globs went stale is not
    return repo.memo(("cursor-rule-catalogue",), build)


def _matches(repo, bases: list[str], pattern: str) -> bool:
    return repo.memo(("cursor-glob-matches", tuple(bases), pattern), lambda: _scan(repo, bases, pattern))


def _scan(repo, bases: list[str], pattern: str) -> bool:
    files = repo.listed_files()
    for variant in C.expand_braces(pattern):
        for base in bases:
            prefix = base + "/" if base else ""
            for rel in files:
                if rel.startswith(prefix) and glob_match(rel[len(prefix):], variant):
                    return True
    return False


def _generated(repo, bases: list[str], pattern: str) -> bool:
    """PATTERN's fixed folder (before its first wildcard) is gitignored or generated: files appear after a build."""
    folder = fixed_folder(pattern)
    if not folder:
        return False
    for base in bases:
        here = RP.join(base, folder)
        if repo.would_be_ignored(here):
            return True
        inside = [rel for rel in repo.listed_files() if rel.startswith(here + "/")]
        if inside and all(rel.rsplit("/", 1)[-1].lower() in _KEEP_FILES for rel in inside):
            return True  # a folder kept empty in git (`.gitkeep`): its files are written at run time
    return False


_KEEP_FILES = frozenset({".gitkeep", ".keep", ".gitignore", "readme.md", ".placeholder"})


def fixed_folder(pattern: str) -> str:
    """The folders of PATTERN before its first wildcard (`src/app` of `src/app/**/*.ts`)."""
    fixed = []
    for part in pattern.split("/")[:-1]:
        if any(ch in part for ch in "*?[{"):
            break
        fixed.append(part)
    return "/".join(fixed)
