"""Where a command in an instruction file is meant to run when that is not the file's own folder: the package its
section names, the folder a path-scoped rule covers (`scope.py`), commands the
text places in sub-projects ("for full-stack examples", "package-level", "users can"), commands that are content
of a README the file asks for, a folder whose AGENTS.md governs many packages but is none itself (AGM060, AGM061), and
install commands shown to the library's users rather than to its developers, and install commands the text says the
code itself runs at run time (AGM064).

These only silence the *misplaced* case (a script another package defines, a different package manager): a
script no package.json of the repository defines is still reported wherever it appears.
"""

from __future__ import annotations

import re

from validator.records import lazy
from validator.repo import paths as RP
from validator.repo.commands import Command
from validator.repo.javascript import package_json
from validator.repo.paths import nearest
from validator.standards.agents_md.scope import scope_folder


def mentions_location(repo, data, cmd: Command, defined: list[str]) -> bool:
    """The surrounding section names the package that defines the script (so the reader knows where to run it)."""
    start, end = data.view.section_bounds(cmd.start)
    section = data.text[start:end]
    for rel in defined:
        folder = RP.directory(rel)
        names = {folder, folder.rsplit("/", 1)[-1]} if folder else set()
        package = package_json(repo, rel) or {}
        if isinstance(package.get("name"), str):
            names.add(package["name"])
        for name in names:
            # the substring test first: one pattern compiled per package would overflow re's cache
            if name and name in section and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section):
                return True
    return False


def scoped_there(repo, data, cmd: Command, defined: list[str]) -> bool:
    """The file is path-scoped to one folder (a Claude Code rule's `paths: server/**`, a Cursor rule's `globs`, a
    Copilot `applyTo`) and the build file that serves that folder (package.json, Makefile: the nearest at or above
    it) is one of DEFINED: the rule speaks for that folder, so its bare commands run there. An explicit `cd` wins."""
    if cmd.cd:
        return False
    folder = scope_folder(repo, data)
    if folder is None:
        return False
    return any(nearest(repo, folder, (rel.rsplit("/", 1)[-1],)) == rel for rel in defined)

_ELSEWHERE = lazy(
    r"\bpackage[- ]level\b|\bper[- ](?:package|example|project|app)\b"
    r"|\b(?:in|for|inside|within|from)\s+(?:each|every|any|an?|the\s+individual|individual)\s+"
    r"(?:[\w-]+\s+)?(?:package|example|guide|app|project|workspace|plugin|template|sample)s?\b"
    r"|\bfor\s+(?:[\w-]+[- ])?(?:[\w-]+\s+)?(?:examples|packages|apps|projects|guides|samples|templates)\b"
    # "Run quality checks from the workspace directory you changed"
    r"|\b(?:from|in)\s+the\s+(?:workspace|package)\s+(?:directory|folder)\b"
    r"|\busers?\s+(?:can|could|should|will|may|then)\b|\bhow\s+to\s+run\s+it\b",
    re.I)
"""Words placing a command in sub-projects or in the hands of the project's users (cloudflare/agents
examples/AGENTS.md: "`pnpm install && pnpm run start` for full-stack examples"; electric: "`pnpm test`, or
package-level variants")."""

_MANY_PACKAGES = lazy(
    r"\b(?:most|all|each|every)\s+(?:of\s+(?:the|our)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:servers|packages|apps|projects|plugins|examples|services|modules|crates|workspaces)\b"
    r"|\bfor\s+the\s+(?:[\w/-]+\s+){0,3}(?:workspaces|packages)\b", re.I)
"""A lead-in that gives a block of commands to many sub-projects (pulsemcp/mcp-servers: "Most MCP servers in this
repo follow these conventions:"; supabase/cli: "For the standard Bun/TypeScript workspaces:"): each runs the block in
its own folder."""


def _fence_lead_in(view, text: str, start: int) -> str:
    """The paragraph just above the fenced block that holds START (blank lines skipped), or ''."""
    fence = next((f for f in view.fences if f.start <= start < f.end), None)
    if fence is None:
        return ""
    before = text[max(0, fence.start - 400):fence.start].rstrip()
    return before[before.rfind("\n\n") + 2:] if "\n\n" in before else before


_SENTENCE_END = lazy(r"[.!?](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s")
_README_HEADING = lazy(r"\breadme\b", re.I)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or list item) around TEXT[start:end], across the line breaks of a wrapped paragraph."""
    head = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        head = match.end()
    tail = _SENTENCE_END.search(text, end)
    return text[head:tail.start() if tail else min(len(text), end + 600)]


def placed_elsewhere(data, cmd: Command) -> bool:
    """The text says the command runs somewhere else than the file's folder: its sentence names sub-projects or
    the project's users, or its section describes a README to write (the command is that README's content)."""
    view = data.view
    if cmd.source != "fence" and _ELSEWHERE.search(_sentence(data.text, cmd.spans[0][0], cmd.spans[-1][1]).replace("`", "")):
        return True
    if _navigated_before(data.text, cmd.start):
        return True  # "1. Navigate to the example directory" then "2. Install dependencies: `npm install`"
    if cmd.source == "fence" and _MANY_PACKAGES.search(_fence_lead_in(view, data.text, cmd.start)):
        return True  # "Most MCP servers in this repo follow these conventions:" then a block of commands
    heading = view.heading_before(cmd.start)
    return heading is not None and bool(_README_HEADING.search(heading.text)) and cmd.source != "fence"


_NAVIGATE = lazy(r"(?i)\b(?:navigate|go|cd|change|switch|move)\s+(?:in)?to\s+(?:the|an?|your|each|that)\s+(?:[\w-]+\s+){0,2}"
                 r"(?:director(?:y|ies)|folders?|dir)\b")
"""A step that moves into a folder it does not name ("Navigate to the example directory")."""


def _navigated_before(text: str, offset: int) -> bool:
    """One of the three lines above OFFSET's line (a list's earlier steps) moves into an unnamed folder: the command
    runs there, wherever that is."""
    from validator.parsing.text import lines_above

    line_start = text.rfind("\n", 0, offset) + 1
    if _moves_away(text[line_start:offset]):
        return True
    for count, line in enumerate(lines_above(text, line_start)):
        if count >= 3 or not line.strip():
            return False
        if _moves_away(line):
            return True
    return False


def _moves_away(line: str) -> bool:
    """LINE moves into an unnamed folder other than the root ("the project root directory" is where the file is)."""
    match = _NAVIGATE.search(line)
    return match is not None and not re.search(r"(?i)\b(?:root|top-level|repository|repo)\b", match.group())


def governs_packages(repo, folder: str, defined: list[str]) -> bool:
    """FOLDER (the instruction file's) has no package.json of its own while at least two packages below it
    define the script: the file speaks for a collection of packages (`examples/AGENTS.md` over 50 examples),
    and a bare `pnpm run start` there is run inside one of them."""
    if repo.is_file(RP.join(folder, "package.json")):
        return False
    prefix = folder + "/" if folder else ""
    return sum(1 for rel in defined if rel.startswith(prefix)) >= 2


_CONSUMER_HEADING = lazy(
    r"\b(?:integrations?|usage|using\s+(?:the|this|it)|getting\s+started|quick\s*start|installation|installing|"
    r"consumers?|for\s+users|client\s+setup|add(?:ing)?\s+(?:it|the\s+(?:library|package|sdk))\s+to)\b", re.I)


def consumer_install(data, cmd: Command, packages: list[str]) -> bool:
    """`npm install @tanstack/react-db` under "Framework integrations" or "Installation": the command adds the
    library to a user's project, so the manager the repository itself uses does not apply. Only add-package
    commands qualify; a bare `npm install` installs this project and stays judged."""
    if not packages:
        return False
    heading = data.view.heading_before(cmd.start)
    return heading is not None and bool(_CONSUMER_HEADING.search(heading.text))


_AT_RUN_TIME = lazy(
    r"\blazil?y\b|\blazy[- ]\w+|\bon[- ](?:first[- ](?:use|run|launch|call|opt[- ]in|start)|demand)\b"
    r"|\bat (?:run[- ]?time|start[- ]?up|first (?:use|run|launch))\b|\bwhen (?:first )?(?:needed|required|requested)\b",
    re.I)
"""Words that make an install the program's own act: "`lazy-installer.ts` — Windows-only `npm install
@napi-rs/keyring` on first opt-in", "installed lazily on first opt-in via `npm install` into <configPath>/"
(cloudflare/workers-sdk packages/workers-auth/AGENTS.md)."""


def runtime_install(data, cmd: Command) -> bool:
    """An inline install command whose sentence says the code runs it at run time (lazily, on first use, on
    demand): a description of what the program does on a user's machine, not an instruction to the agent, so
    the repository's own package manager does not apply. A command in a code block stays judged."""
    if cmd.source == "fence":
        return False
    return bool(_AT_RUN_TIME.search(_sentence(data.text, cmd.spans[0][0], cmd.spans[-1][1]).replace("`", "")))
