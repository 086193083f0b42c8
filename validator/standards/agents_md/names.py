"""Which file is which: the instruction-file names agents look for, and their kinds.

Pure and light (no I/O, nothing heavier than the standard library): the package face,
the discovery model and the rules all classify paths through here, so a name is
spelled once. Names are matched exactly (agents look them up by exact name on
case-sensitive file systems); case variants are a kind of their own.
"""

from __future__ import annotations

import re

AGENTS = "agents"              # AGENTS.md (agents.md site; Codex, Cursor, Copilot, Amp, goose ...)
OVERRIDE = "override"          # AGENTS.override.md (Codex only)
AGENT_LEGACY = "agent"         # AGENT.md (Amp's old name; in Zed's list)
CLAUDE = "claude"              # CLAUDE.md or .claude/CLAUDE.md
CLAUDE_LOCAL = "claude-local"  # CLAUDE.local.md (personal, usually gitignored)
CLAUDE_RULE = "claude-rule"    # .claude/rules/**/*.md
GEMINI = "gemini"              # GEMINI.md
COPILOT = "copilot"            # .github/copilot-instructions.md
COPILOT_SCOPED = "copilot-scoped"  # .github/instructions/**/*.instructions.md
CURSORRULES = "cursorrules"    # .cursorrules (legacy Cursor; in Zed's list)
WINDSURFRULES = "windsurfrules"
CLINERULES = "clinerules"
ZED_RULES = ".rules"           # .rules (Zed's first choice)
GOOSEHINTS = "goosehints"      # .goosehints
VARIANT = "variant"            # agents.md, Claude.md ... at the root: a misspelt name
COPILOT_MISNAMED = "copilot-misnamed"  # .github/instructions/**/*.md without the .instructions.md suffix
CURSOR_RULE = "cursor-rule"    # .cursor/rules/**/*.mdc, in any folder (Cursor project rules)
COPILOT_AGENT = "copilot-agent"  # .github/agents/*.md (*.agent.md and plain .md): Copilot custom agents
COPILOT_PROMPT = "copilot-prompt"  # .github/prompts/**/*.prompt.md: Copilot prompt files (slash commands)
EXTENSION_CONTEXT = "extension-context"  # SUPABASE.md named by a gemini-extension.json's contextFileName
CLINE_RULE = "cline-rule"      # .clinerules/**/*.md at the root (Cline's rules folder; not its workflows/)

BASENAMES: dict[str, str] = {
    "AGENTS.md": AGENTS,
    "AGENTS.override.md": OVERRIDE,
    "AGENT.md": AGENT_LEGACY,
    "CLAUDE.md": CLAUDE,
    "CLAUDE.local.md": CLAUDE_LOCAL,
    "GEMINI.md": GEMINI,
    ".cursorrules": CURSORRULES,
    ".windsurfrules": WINDSURFRULES,
    ".clinerules": CLINERULES,
    ".goosehints": GOOSEHINTS,
}

CANONICAL = {name.lower(): name for name in ("AGENTS.md", "AGENT.md", "CLAUDE.md", "GEMINI.md", "AGENTS.override.md")}
_LOOKALIKE_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad\ufe63\uff0d"), "-")
"""Characters that look like `-` in a file name (a non-breaking hyphen pasted from a document) but are not it."""


def canonical_name(name: str, copilot: bool = False) -> str | None:
    """The instruction file name NAME was meant to be, across letter case, compatibility forms and look-alike hyphens
    (`agents.md`, `copilot\u2011instructions.md` under `.github/` when COPILOT); None for an unrelated name."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", name).translate(_LOOKALIKE_HYPHENS).lower()
    if copilot:
        return "copilot-instructions.md" if folded == "copilot-instructions.md" else None
    return CANONICAL.get(folded)
"""Lower-cased name -> the exact name agents look for (for the case-variant rule)."""

PATTERNS: tuple[str, ...] = (
    "AGENTS.md", "AGENTS.override.md", "AGENT.md", "CLAUDE.md", "CLAUDE.local.md", "GEMINI.md",
    "**/.github/copilot-instructions.md", ".github/instructions/**/*.md",
    "**/.github/agents/*.md", "**/.github/prompts/**/*.prompt.md", ".claude/rules/**/*.md", "**/.cursor/rules/**/*.mdc", ".cursorrules", ".windsurfrules", ".clinerules", ".goosehints",
    ".rules", ".clinerules/**/*.md",
)
"""Globs of the files this standard owns (case variants are found by `classify`)."""

ZED_ORDER: tuple[str, ...] = (
    ".rules", ".cursorrules", ".windsurfrules", ".clinerules", ".github/copilot-instructions.md",
    "AGENT.md", "AGENTS.md", "CLAUDE.md", "GEMINI.md",
)
"""Zed: the first of these at the top of a worktree is the one rules file it reads
(https://zed.dev/docs/ai/rules, "AGENTS.md and other rules files")."""

CODEX_NAMES: tuple[str, ...] = ("AGENTS.override.md", "AGENTS.md")
"""Codex: per directory, the first existing of these, then `project_doc_fallback_filenames`."""

HUMAN = {
    AGENTS: "AGENTS.md", OVERRIDE: "AGENTS.override.md", AGENT_LEGACY: "AGENT.md", CLAUDE: "CLAUDE.md",
    CLAUDE_LOCAL: "CLAUDE.local.md", CLAUDE_RULE: "Claude rule", GEMINI: "GEMINI.md",
    COPILOT: "copilot-instructions.md", COPILOT_SCOPED: "Copilot instructions file", CURSORRULES: ".cursorrules",
    WINDSURFRULES: ".windsurfrules", CLINERULES: ".clinerules", ZED_RULES: ".rules", GOOSEHINTS: ".goosehints",
    VARIANT: "instruction file", COPILOT_MISNAMED: "Copilot instructions file", CURSOR_RULE: "Cursor rule",
    COPILOT_AGENT: "Copilot custom agent", COPILOT_PROMPT: "Copilot prompt file",
    EXTENSION_CONTEXT: "extension context file", CLINE_RULE: "Cline rule",
}

TEMPLATE_DIRS = frozenset({
    "templates", "template", "fixtures", "__fixtures__", "testdata", "test-fixtures", "test_fixtures",
    "snapshots", "__snapshots__", "boilerplate", "boilerplates", "skeleton", "scaffold", "scaffolds",
    "blueprints", "starters", "starter-kits", "cookiecutter", "vendor", "third_party", "third-party",
    # files a tool bundles to copy into its users' projects (claude-task-master's `assets/AGENTS.md`, audit 23)
    "assets",
})
"""Folder names whose instruction files are payload (or another project's own, vendored), not
instructions for this repository."""

EXAMPLE_DIRS = frozenset({"examples", "example", "samples", "sample", "demos", "demo", "playground", "playgrounds"})
"""Folders of self-contained examples: their AGENTS.md serves that example, not the repository."""


DOCS_FOLDERS = frozenset({"docs", "doc", "documentation", "guides", "wiki"})
"""Folders of a project's documentation pages."""


def classify(relpath: str) -> str | None:
    """The kind of instruction file at RELPATH (repository-relative, `/`-separated), or None."""
    parts = relpath.split("/")
    name = parts[-1]
    kind = BASENAMES.get(name)
    if kind is not None:
        if kind == CLAUDE and len(parts) >= 2 and parts[-2] == ".claude":
            return CLAUDE
        if kind in (CURSORRULES, WINDSURFRULES, CLINERULES) and ".github" in parts[:-1]:
            return None
        if kind == AGENT_LEGACY and len(parts) >= 2 and parts[-2].lower() in DOCS_FOLDERS:
            # a product's "AI Agent Guide" page (`docs/AGENT.md`, linked from the README for agents that use the
            # product): Amp, the one agent that read the old singular name, reads it from the project root up
            return None
        return kind
    if name == ".rules":
        return ZED_RULES if len(parts) == 1 else None
    if name == "copilot-instructions.md" and len(parts) >= 2 and parts[-2] == ".github":
        return COPILOT
    if name.endswith(".md") and ".github" in parts:
        at = parts.index(".github")
        if len(parts) > at + 2 and parts[at + 1] == "instructions":
            if name.endswith(".instructions.md"):
                return COPILOT_SCOPED
            # a README explaining the folder is meant for people, not a misnamed instructions file
            return None if name.lower().startswith(("readme", "index.", "_")) else COPILOT_MISNAMED
        if len(parts) == at + 3 and parts[at + 1] == "agents":
            return None if name.lower().startswith(("readme", "index.", "_")) else COPILOT_AGENT
        if len(parts) > at + 2 and parts[at + 1] == "prompts" and name.endswith(".prompt.md"):
            return COPILOT_PROMPT
    if name.endswith(".md") and len(parts) >= 3 and parts[0] == ".claude" and parts[1] == "rules":
        return CLAUDE_RULE
    if name.endswith(".md") and len(parts) >= 2 and parts[0] == ".clinerules" and "workflows" not in parts[1:-1] \
            and not name.lower().startswith("readme"):
        # Cline combines every Markdown file of the root's `.clinerules/` folder into its rules (front matter
        # `paths:` makes one conditional); `workflows/` holds slash-command workflows, run on demand
        # (https://docs.cline.bot/features/cline-rules/overview)
        return CLINE_RULE
    if name.endswith(".mdc") and cursor_rules_folder(relpath) is not None:
        return CURSOR_RULE
    if len(parts) == 1 and canonical_name(name) not in (None, name):
        return VARIANT
    if len(parts) == 2 and parts[0] == ".github" and canonical_name(name, copilot=True) not in (None, name):
        return VARIANT  # `.github/copilot\u2011instructions.md` (a non-breaking hyphen): Copilot never finds it
    return None


def copilot_agent(relpath: str) -> bool:
    """RELPATH is a Copilot custom agent: a `.md` file directly in a `.github/agents/` folder.

    GitHub reads agent profiles from `.github/agents/` and names them after the file "minus `.md` or
    `.agent.md`" (https://docs.github.com/en/copilot/reference/custom-agents-configuration); VS Code "detects
    any `.md` files in the `.github/agents` folder" (https://code.visualstudio.com/docs/copilot/customization/
    custom-agents, "Custom agent file structure"). Both name the folder, not its subfolders, where agents keep
    their reference documents (dotnet/extensions `.github/agents/release-manager/**`); a README there is
    meant for people.
    """
    return classify(relpath) == COPILOT_AGENT


def copilot_prompt(relpath: str) -> bool:
    """RELPATH is a Copilot prompt file: a `.prompt.md` file in a `.github/prompts/` folder.

    VS Code reads workspace prompt files from `.github/prompts` (https://code.visualstudio.com/docs/copilot/
    customization/prompt-files, "Prompt file locations"), the file type coming from the `.prompt.md` suffix alone
    (`getPromptFileType` in microsoft/vscode promptFileLocations.ts); Visual Studio and JetBrains read the same files
    (https://docs.github.com/en/copilot/tutorials/customization-library/prompt-files). The default folder is read
    without its subfolders, which `chat.promptFilesLocations` adds (collections such as `.github/prompts/<team>/`):
    their files are prompts too, so they are checked alike. Other files there (a README) are meant for people.
    """
    return classify(relpath) == COPILOT_PROMPT


def cursor_rules_folder(relpath: str) -> str | None:
    """The folder holding the `.cursor/` whose `rules/` tree RELPATH lies in (`''` for the root), or None.

    Cursor reads project rules from `.cursor/rules/` and its subfolders, in the root and in any folder
    below it, where they apply to that folder (https://cursor.com/docs/rules, "Project rules"; nested
    rules). Only `.mdc` files are rules there: "A plain .md file in .cursor/rules is ignored by the rules
    system" (same page), so `.md` files are not classified.
    """
    parts = relpath.split("/")
    for i in range(len(parts) - 2, 0, -1):
        if parts[i] == "rules" and parts[i - 1] == ".cursor":
            return "/".join(parts[: i - 1])
    return None


def in_template_tree(relpath: str) -> bool:
    """RELPATH lies in a template, fixture or snapshot tree (payload for other repositories)."""
    parts = relpath.split("/")[:-1]
    return any(part.lower() in TEMPLATE_DIRS or "{{" in part or _TEMPLATE_SUFFIX.search(part) for part in parts)


_TEMPLATE_SUFFIX = re.compile(r"(?i)[-_](?:templates?|scaffolds?|boilerplates?|starters?)$")
"""`harness-templates/`, `project_templates/`: a folder of templates by its last word (audit 24)."""


def codex_kind(name: str) -> bool:
    return name in CODEX_NAMES


_CONFIG_FOLDERS = (".claude", ".github", ".cursor", ".clinerules", ".windsurf", ".kiro", ".gemini", ".codex")


def working_folder(relpath: str) -> str:
    """The folder an agent runs the file's commands from: the project folder holding the client's configuration folder
    for a file inside one (`.claude/rules/testing/x.md`, `.github/prompts/x.prompt.md` run from the root), else the
    file's own folder (audit 24: quarto's rules were read as running in `.claude/rules/testing`)."""
    parts = relpath.split("/")[:-1]
    for i, part in enumerate(parts):
        if part in _CONFIG_FOLDERS:
            return "/".join(parts[:i])
    return "/".join(parts)
