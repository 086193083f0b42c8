"""A `SKILL.md` nested inside another skill's folder, and whether any client loads it as a skill.

Catalogues keep sub-documents of a large skill as `SKILL.md` files in its folder
(`skills/contact-center/android/SKILL.md` beside `skills/contact-center/SKILL.md`). Whether
they are skills depends on the client that reads the folder:

- Claude Code loads `<skills folder>/<name>/SKILL.md` only, one level deep (project, personal
  and plugin skills, https://code.claude.com/docs/en/skills#where-skills-live; nested skill
  folders are not discovered: anthropics/claude-code issues 18192 and 28266). GitHub Copilot
  and VS Code read `.github/skills/<name>/SKILL.md` and `.claude/skills/<name>/SKILL.md` the same way.
- Codex walks its skill roots breadth-first up to six folders deep (codex-rs core-skills
  loader, `MAX_SCAN_DEPTH = 6`) and loads every `SKILL.md` it meets: the repository's
  `.agents/skills/` and `.codex/skills/`, and the skills of a Codex plugin (`.codex-plugin/`).

So a nested `SKILL.md` is loaded as a skill only under a root such a recursive client scans;
elsewhere it is a reference document of its parent skill, and the rules about how a skill
is named (SKL003, SKL004) do not apply to it. The repository root is not taken for a parent
skill: a root `SKILL.md` beside a catalogue does not make the catalogue's skills sub-documents.
"""

from __future__ import annotations

RECURSIVE_ROOTS = ((".agents", "skills"), (".codex", "skills"))
"""Skill folders Codex scans recursively in a repository."""
RECURSIVE_PLUGIN_MARKERS = (".codex-plugin/plugin.json",)
"""A plugin whose manifest says Codex installs it: Codex scans its skills recursively."""


def parent_skill(relpath: str, index) -> str | None:
    """The folder of the nearest skill that holds RELPATH's folder (below the repository root), or None."""
    folders = relpath.split("/")[:-2]
    for depth in range(len(folders), 0, -1):
        folder = "/".join(folders[:depth])
        if index.exists(f"{folder}/SKILL.md") or index.exists(f"{folder}/skill.md"):
            return folder
    return None


def loaded_recursively(relpath: str, index) -> bool:
    """RELPATH lies under a skills root a recursive client (Codex) scans."""
    parts = relpath.split("/")[:-1]
    if any(tuple(parts[i:i + 2]) in RECURSIVE_ROOTS for i in range(len(parts) - 1)):
        return True
    for depth in range(len(parts), -1, -1):
        prefix = "/".join(parts[:depth])
        prefix = f"{prefix}/" if prefix else ""
        if any(index.exists(prefix + marker) for marker in RECURSIVE_PLUGIN_MARKERS):
            return True
    return False


def sub_document(relpath: str, index) -> bool:
    """RELPATH is a `SKILL.md` inside another skill's folder that no known client loads as a skill."""
    return index is not None and parent_skill(relpath, index) is not None and not loaded_recursively(relpath, index)
