"""Where instruction files are and which agent reads them (through the discovery model, `discovery.py`):
AGM002 (a name agents miss on case-sensitive systems), AGM030 (nested files without a root AGENTS.md), AGM031
(AGENTS.override.md), AGM034 (Zed's first match), AGM035 and AGM045 (legacy names), AGM038 (files an agent never
reads) and AGM039 (Gemini CLI configured away from AGENTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.repo import paths as RP
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import first_line, in_context, same_text
from validator.standards.agents_md.discovery import zed_pick
from validator.standards.agents_md.memory import gemini_settings
from validator.standards.agents_md.payload import shipped
from validator.standards.agents_md.reader import repo_for


@emits(R.AGM002)
def variant_name(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind == N.VARIANT:
        canonical = N.canonical_name(data.name) or N.canonical_name(data.name, copilot=True) or data.name
        if repo.lexists(RP.join(data.folder, canonical)):
            return
        odd = [f"U+{ord(ch):04X}" for ch in data.name if ord(ch) > 127]
        if odd:
            yield Problem(R.AGM002, f"agents look for {canonical} by exact name; {data.name!r} has {', '.join(odd)} in "
                          f"place of a plain character, so no agent finds it; rename it to {canonical}", first_line(data))
        else:
            yield Problem(R.AGM002, f"agents look for {canonical} by exact name; {data.name} is missed on case-sensitive "
                          f"systems (Linux, CI); rename it to {canonical}", first_line(data))
        return


def _nested_agents(repo) -> list[str]:
    """The nested AGENTS.md files that instruct agents working on this repository, shallowest first: not those in
    template, example or fixture trees, nor those the repository ships (an extension's context file, a file an install
    script copies to the user's folder: `payload.py`)."""
    found = repo.cache.get("nested-agents")
    if found is None:
        found = sorted((rel for rel in repo.listed_files()
                        if rel.endswith("/AGENTS.md") and N.classify(rel) == N.AGENTS and not N.in_template_tree(rel)
                        and not any(part.lower() in N.EXAMPLE_DIRS for part in rel.split("/")[:-1])
                        and shipped(repo, rel) is None),
                       key=lambda r: (r.count("/"), r))
        repo.cache["nested-agents"] = found
    return found


@emits(R.AGM030)
def nested_without_root(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind != N.AGENTS or not data.folder or repo.lexists("AGENTS.md"):
        return
    nested = _nested_agents(repo)
    if not nested or nested[0] != data.relpath:
        return
    more = f" and {len(nested) - 1} more" if len(nested) > 1 else ""
    other = next((name for name in _OTHER_ROOT_FILES if repo.is_file(name)), None)
    if other:
        # the root's instructions live in another client's file: agents started at the root are not
        # without instructions, only the clients that read nothing but AGENTS.md are
        yield Problem(R.AGM030, f"{data.relpath}{more} but no AGENTS.md at the repository root; the root's instructions "
                      f"are in {other}, which Codex, Zed, Jules and Aider do not read", first_line(data), severity="info")
        return
    yield Problem(R.AGM030, f"{data.relpath}{more} but no AGENTS.md at the repository root: agents started at the root "
                  "(and Zed, Jules, Aider) see none of them", first_line(data))


_OTHER_ROOT_FILES = (".github/copilot-instructions.md", "CLAUDE.md", ".claude/CLAUDE.md", "GEMINI.md", ".cursorrules", ".rules")


@emits(R.AGM034)
def zed_first_match(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.relpath not in N.ZED_ORDER or not repo.is_file("AGENTS.md"):
        return
    pick, _ = zed_pick(repo)
    if pick != data.relpath or pick == "AGENTS.md":
        return
    if repo.realpath(pick) == repo.realpath("AGENTS.md") or same_text(repo, pick, "AGENTS.md"):
        return
    message = f"Zed reads only the first of its rules files at the root: {pick}, so AGENTS.md is never read by Zed"
    if pick == ".github/copilot-instructions.md" and not repo.is_dir(".zed"):
        # Copilot's own file, written for Copilot; Zed picks it only by compatibility (zed.dev/docs/ai/rules: "the
        # first file which matches in this list will be used"). True for Zed users, but nothing in the repository
        # says it has any: information, a warning once the project has Zed settings (.zed/).
        yield Problem(R.AGM034, message + " (matters to Zed users only; no .zed/ settings here)", first_line(data),
                      severity="info")
        return
    yield Problem(R.AGM034, message, first_line(data))


@emits(R.AGM031, R.AGM035, R.AGM045)
def legacy_names(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind == N.OVERRIDE:
        sibling = RP.join(data.folder, "AGENTS.md")
        if repo.lexists(sibling):
            message = ("Codex reads this AGENTS.override.md instead of AGENTS.md here, while Claude, Copilot, Cursor and "
                       "the others read AGENTS.md: the two drift apart")
        else:
            message = "only Codex reads AGENTS.override.md; other agents find no instructions in this folder"
        yield Problem(R.AGM031, message, first_line(data))
    elif data.kind == N.AGENT_LEGACY:
        if not repo.lexists(RP.join(data.folder, "AGENTS.md")) and not _prompt_template(data):
            yield Problem(R.AGM035, "AGENT.md is the old name: Codex, Cursor, Copilot and goose look for AGENTS.md; "
                          "rename it and keep a symlink (mv AGENT.md AGENTS.md && ln -s AGENTS.md AGENT.md)",
                          first_line(data))
    elif data.kind == N.CURSORRULES and not data.folder:
        yield Problem(R.AGM045, ".cursorrules is deprecated in Cursor; move it into AGENTS.md or .cursor/rules/*.mdc",
                      first_line(data))


_DUPLICATE = lazy(r"^(.+?)(?: copy(?: \d+)?| - Copy(?: \(\d+\))?| \(\d+\))\.md$")
"""A name the file manager gives a duplicate: `x copy.md`, `x copy 2.md` (macOS), `x - Copy.md`, `x (1).md` (Windows)."""


def _duplicate_of_sibling(repo, data) -> bool:
    """`testing.instructions copy.md` beside `testing.instructions.md`: a stray copy Copilot is right to skip, whose
    rename would load the same instructions twice."""
    match = _DUPLICATE.match(data.name)
    return match is not None and repo.is_file(RP.join(data.folder, match.group(1) + ".md"))


@emits(R.AGM038)
def never_read(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind == N.COPILOT_MISNAMED and _duplicate_of_sibling(repo, data):
        return
    if data.kind == N.COPILOT_MISNAMED and data.name.endswith(".prompt.md"):
        # a prompt file (https://code.visualstudio.com/docs/copilot/customization/prompt-files) read from .github/prompts/
        yield Problem(R.AGM038, f"{data.name} is a Copilot prompt file: Copilot reads them from .github/prompts/, and only "
                      "*.instructions.md here; move it to .github/prompts/", first_line(data))
    elif data.kind == N.COPILOT_MISNAMED:
        stem = data.name[:-3]
        yield Problem(R.AGM038, f"Copilot reads only *.instructions.md in .github/instructions; rename it to {stem}.instructions.md",
                      first_line(data))
    elif data.kind == N.GEMINI:
        settings = gemini_settings(repo, "")
        if settings.source != "default" and "GEMINI.md" not in settings.names and shipped(repo, data.relpath) is None:
            # an extension's own GEMINI.md is its context wherever it is installed, whatever this workspace reads
            yield Problem(R.AGM038, f"Gemini CLI does not read GEMINI.md: {settings.source} sets context.fileName to "
                          f"{', '.join(settings.names)}", first_line(data))


@emits(R.AGM039)
def gemini_file_name(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.relpath != "AGENTS.md" or not repo.is_file(".gemini/settings.json"):
        return
    settings = gemini_settings(repo, "")
    if "AGENTS.md" in settings.names or any(repo.lexists(name) for name in settings.names):
        return
    yield Problem(R.AGM039, f".gemini/settings.json configures Gemini CLI, which reads {', '.join(settings.names)} (absent) and not "
                  "AGENTS.md; add AGENTS.md to context.fileName", first_line(data))


_TEMPLATE_FOLDER = lazy(r"(?:^|[-_.])(?:prompts?|templates?|examples?|samples?|personas?)(?:$|[-_.])", re.IGNORECASE)
_SYSTEM_PROMPT = lazy(r"^\s*(?:#+[^\n]*\n\s*)*(?:[-*]\s*)?(?:you are|you're|act as)\b", re.IGNORECASE)


def _prompt_template(data) -> bool:
    """An AGENT.md that is a product's prompt or a template (in a `prompt-templates/`, `templates/` or
    `examples/` folder, or opening as a system prompt: "# Role\nYou are a Jupyter agent"), not the
    repository's instructions: renaming it to AGENTS.md would make coding agents obey it."""
    if any(_TEMPLATE_FOLDER.search(part) for part in data.folder.split("/") if part):
        return True
    return bool(_SYSTEM_PROMPT.search(data.text[:2000]))
