"""What the AGM checks share: which documents each kind of check reads, and where a file-level finding points.

The gates the checks have always had: the link itself is checked first (`checks/symlinks.py`); a symlink to
another instruction file, or one that cannot be followed, has no content of its own to check (`content_of`);
the file's own checks skip an empty file, which AGM001 reports (`text_of`); the repository-context checks
(discovery, budgets, drift, references, commands) do not apply inside template and fixture trees (`in_context`).
"""

from __future__ import annotations

from validator.parsing.text import Region
from validator.repo import paths as RP
from validator.standards.agents_md import names as N
from validator.standards.agents_md.reader import InstructionFile

START = Region(1, 1, 1, 1)

PLAIN_TEXT_KINDS = frozenset({N.CURSORRULES, N.WINDSURFRULES, N.CLINERULES, N.ZED_RULES, N.GOOSEHINTS})
"""Formats that are plain text by convention: Markdown structure rules do not apply."""


def content_of(doc) -> InstructionFile | None:
    """The file whose content is checked; None for a symlink to another instruction file (its target is checked
    in its own right) and for a link that cannot be followed."""
    data: InstructionFile = doc.data
    if data.stat.is_symlink and not data.content_checked:
        return None
    return data


def text_of(doc) -> InstructionFile | None:
    """The file for the checks of its own text: None also when it is empty or only whitespace (AGM001)."""
    data = content_of(doc)
    return data if data is not None and data.text.strip() else None


def in_context(doc) -> InstructionFile | None:
    """The file for the repository-context checks: None also in a template or fixture tree."""
    data = content_of(doc)
    return data if data is not None and not data.template else None


def beside_skill(repo, data) -> bool:
    """The file sits beside a SKILL.md: the skill's reference document (vercel-labs skills compile one as AGENTS.md),
    which the agent opens when the skill fires in the project that installed it (agentskills.io: "additional files
    ... loaded on demand"), so its commands and build budget are that project's, not this repository's."""
    return repo.lexists(RP.join(data.folder, "SKILL.md"))


def first_line(data) -> Region:
    if not data.text:
        return START
    return data.view.index.line_region(1)


def owner_folder(data) -> str:
    """The folder whose AGENTS.md this file sits beside (`.claude/` and `.github/` belong to their parent)."""
    folder = data.folder
    if data.kind == N.CLAUDE and folder.rsplit("/", 1)[-1] == ".claude":
        return RP.directory(folder)
    if data.kind == N.COPILOT:
        return RP.directory(folder)
    return folder


def normal_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def same_text(repo, a: str, b: str) -> bool:
    return normal_lines(repo.read_text(a) or "") == normal_lines(repo.read_text(b) or "")
