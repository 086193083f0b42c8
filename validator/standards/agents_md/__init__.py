"""AGENTS.md and the other agent instruction files, checked against what each agent really reads.

Covers AGENTS.md, AGENTS.override.md, AGENT.md, CLAUDE.md (and `.claude/CLAUDE.md`,
CLAUDE.local.md, `.claude/rules/*.md`), GEMINI.md, `.github/copilot-instructions.md`,
`.github/instructions/*.instructions.md`, Copilot custom agents (`.github/agents/*.md`) and prompt files
(`.github/prompts/*.prompt.md`), Cursor's `.cursor/rules/**/*.mdc` (in any folder),
`.cursorrules`, `.windsurfrules`, `.clinerules`, Zed's `.rules` and `.goosehints`. The discovery model (`discovery.py`, also behind
`agentconform context`) says which agent loads which file; the rules use it.

Light to import: markdown-it, tomllib and the checks load on first `parse`/check.
`reader.py` parses a file; the emitters live in `checks/<topic>.py`; what the
repository's build files define (scripts, targets, tasks) comes from `validator.repo`.
"""

from __future__ import annotations

from validator.standards.agents_md.names import PATTERNS, classify
from validator.standards.agents_md.rules import RULES as _RULES
from validator.standards.agents_md.rules_copilot_agents import RULES as _AGENT_RULES
from validator.standards.agents_md.rules_copilot_prompts import RULES as _PROMPT_RULES
from validator.standards.agents_md.rules_cursor import RULES as _CURSOR_RULES
from validator.standards.agents_md.rules_safety import RULES as _SAFETY_RULES
from validator.standards.base import delegate

NAME = "agents-md"
TITLE = "AGENTS.md and agent instruction files"
PREFIX = "AGM"
INLINE_DIRECTIVES = True
REPORTS_SYMLINKS = True
"""Symlinked instruction files are judged by AGM042 (never followed out of the repository), not GEN007."""

CHECKS = tuple(f"validator.standards.agents_md.checks.{topic}" for topic in (
    "symlinks", "integrity", "structure", "safety", "secrets", "layout", "budgets", "drift", "references", "commands", "cursor",
    "copilot_agents", "copilot_prompts"))
"""In the order the checks always ran: the link itself, the file's own content, then the repository context."""

RULES = _RULES + _SAFETY_RULES + _CURSOR_RULES + _AGENT_RULES + _PROMPT_RULES
"""The rules of `rules.py` and, apart for size, those of content safety (`rules_safety.py`), of Cursor's
project rules (`rules_cursor.py`), of Copilot custom agents (`rules_copilot_agents.py`) and of Copilot prompt files
(`rules_copilot_prompts.py`)."""

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "INLINE_DIRECTIVES", "discover", "parse"]


def discover(index):
    """Files an agent finds by name, and the context files Gemini CLI and Qwen Code extensions name in
    `contextFileName` under another name (`SUPABASE.md`): Gemini CLI loads them into every session."""
    found = [rel for rel in index.files if classify(rel) is not None]
    from validator.standards.agents_md.payload import EXTENSION_MANIFESTS, extension_context_files

    if any(index.by_name(name) for name in EXTENSION_MANIFESTS):
        found.extend(rel for rel in extension_context_files(index) if classify(rel) is None)
    return found


parse = delegate("validator.standards.agents_md.reader", "parse")
