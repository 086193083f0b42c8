"""Where a `SKILL.md` sits and whether a client loads it there: nested inside another skill's
folder, or outside every folder clients scan for skills.

Catalogues keep sub-documents of a large skill as `SKILL.md` files in its folder
(`skills/contact-center/android/SKILL.md` beside `skills/contact-center/SKILL.md`). Whether
they are skills depends on the client that reads the folder:

- Claude Code loads `<skills folder>/<name>/SKILL.md` only, one level deep (project, personal
  and plugin skills, https://code.claude.com/docs/en/skills#where-skills-live; nested skill
  folders are not discovered: anthropics/claude-code issues 18192 and 28266). A skill only Claude Code
  loads (`.claude/skills/`, a Claude Code plugin that ships nothing for another client) is judged by
  what Claude Code accepts: its front matter fields are optional there (`claude_code_only`, `in_claude_plugin`). GitHub Copilot
  and VS Code read `.github/skills/<name>/SKILL.md` and `.claude/skills/<name>/SKILL.md` the same way.
- Codex walks its skill roots breadth-first up to six folders deep (codex-rs core-skills
  loader, `MAX_SCAN_DEPTH = 6`) and loads every `SKILL.md` it meets: the repository's
  `.agents/skills/` and `.codex/skills/`, and the skills of a Codex plugin (`.codex-plugin/`).

So a nested `SKILL.md` is loaded as a skill only under a root such a recursive client scans;
elsewhere it is a reference document of its parent skill, and the rules about how a skill
is named (SKL003, SKL004) do not apply to it. The repository root is not taken for a parent
skill: a root `SKILL.md` beside a catalogue does not make the catalogue's skills sub-documents.

Clients load skills in place only from skills folders: `<agent folder>/skills/<name>/`
(`.claude/skills/`, `.agents/skills/`, `.github/skills/`, `.opencode/skills/` ...), a plugin's
`skills/<name>/` or the folders its manifest lists (Claude Code, the `skills` CLI's plugin
manifest discovery). A `SKILL.md` below no such folder (`packages/cli/assets/my-skill/`,
`.agents/clawhub/`, `skills/SKILL.md`, `misc/old-skill-0-1-0/`) is a source that an installer
copies: the Vercel `skills` CLI copies every skill it finds to `<agent skills folder>/<name>`,
named after the front matter's `name`, not the source folder (vercel-labs/skills
src/installer.ts @82dd76b: `skillName = sanitizeName(skill.name || basename(skill.path))`).
"""

from __future__ import annotations

RECURSIVE_ROOTS = ((".agents", "skills"), (".codex", "skills"))
"""Skill folders Codex scans recursively in a repository."""
RECURSIVE_PLUGIN_MARKERS = (".codex-plugin/plugin.json",)
"""A plugin whose manifest says Codex installs it: Codex scans its skills recursively."""


SKILLS_FOLDERS = frozenset({"skills", ".skills", "agent-skills"})
"""Folders whose sub-folders clients load as skills (`agent-skills` is the `.well-known/agent-skills/` index)."""
_PLUGIN_MANIFESTS = (".claude-plugin/plugin.json", ".claude-plugin/marketplace.json", ".codex-plugin/plugin.json")


def loaded_in_place(relpath: str, index) -> bool:
    """RELPATH (`.../<folder>/SKILL.md`) sits where a client loads it as it stands: a folder above its own is a
    skills folder (`skills/`, OpenCode's older `.opencode/skill/`), it is a folder at the repository root (a
    catalogue cloned into a skills folder), a recursive client scans it, or a plugin manifest names its folder.
    False for a source that an installer copies elsewhere (a package's `assets/`, `skills/SKILL.md`)."""
    parts = relpath.split("/")
    if len(parts) < 2:
        return True
    folders = parts[:-2]  # the folders above the skill's own folder
    # a `skills/` inside `.claude-plugin/` (beside plugin.json) is no plugin's skills folder: Claude Code loads
    # `<plugin root>/skills/` (https://code.claude.com/docs/en/plugins-reference), unless a manifest names it (below)
    if any((part in SKILLS_FOLDERS and not (i and folders[i - 1] in (".claude-plugin", ".codex-plugin")))
           or (part == "skill" and i and folders[i - 1].startswith("."))
           for i, part in enumerate(folders)):
        return True
    if len(parts) == 2:
        # `pdf/SKILL.md` at the root, not `skills/SKILL.md`; nor `.skill/SKILL.md`: a hidden folder is no
        # catalogue entry (no skill name starts with a dot), but a source an installer copies out (audit 14)
        return parts[0] not in SKILLS_FOLDERS and not parts[0].startswith(".")
    if index is None or loaded_recursively(relpath, index):
        return True
    folder = "/".join(parts[:-1])
    for manifest in _plugin_manifests(index):
        text = index.read_text(manifest) or ""
        if f"/{parts[-2]}\"" in text or f"/{parts[-2]}/\"" in text or f'"{folder}"' in text:
            return True  # `"skills": ["./tools/pdf"]`: the plugin loads the folder from where it is
    return False


def _plugin_manifests(index) -> list[str]:
    from validator.repo.files import Repo

    def build() -> list[str]:
        return sorted(rel for name in ("plugin.json", "marketplace.json") for rel in index.by_name(name)
                      if rel.endswith(_PLUGIN_MANIFESTS))

    return Repo.of(index).memo(("skills", "plugin-manifests"), build)


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


def claude_code_only(relpath: str) -> bool:
    """A skill in `.claude/skills/<name>/`, the project skills folder of Claude Code, which is the
    client that loads it (https://code.claude.com/docs/en/skills#where-skills-live); cross-client
    folders (`.agents/skills/`, `skills/` of a plugin or catalogue) are read by others too."""
    parts = relpath.split("/")
    return len(parts) >= 4 and parts[-4] == ".claude" and parts[-3] == "skills"


_OTHER_CLIENTS = (".codex-plugin", ".cursor-plugin", "gemini-extension.json", ".agents/skills")
"""Beside a Claude Code plugin, these say the skills are meant for other clients too."""


def in_claude_plugin(relpath: str, index) -> bool:
    """A skill inside a Claude Code plugin or marketplace (an ancestor folder holds `.claude-plugin/`)
    that ships nothing for another client: Claude Code is the client it is written for
    (https://code.claude.com/docs/en/plugins-reference#plugin-directory-structure)."""
    parts = relpath.split("/")[:-1]
    for depth in range(len(parts) - 1, -1, -1):
        folder = "/".join(parts[:depth])
        prefix = f"{folder}/" if folder else ""
        if index.exists(f"{prefix}.claude-plugin/plugin.json") or index.exists(f"{prefix}.claude-plugin/marketplace.json"):
            return not any(index.exists(prefix + other) for other in _OTHER_CLIENTS)
    return False
