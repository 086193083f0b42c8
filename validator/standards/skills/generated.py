"""Files a build step writes into a skill: a reference folder the repository's build script generates
(rnett/gradle-mcp: `build.gradle.kts` writes `best-practices/` into the packaged
`authoring-gradle-builds/references/`), which the source tree lacks by design.

The signal is narrow on purpose: a build script of the repository names the skill's folder as a skill
(`skills/authoring-gradle-builds`) and the first missing part of the path (`best-practices`, not a
common folder name such as `scripts`) as a whole name. A build that never names
the skill cannot be assembling it, and a missing name the build never writes is still missing. A file the build
copies in by a distinctive name (`references / "main-control-agent.md"`) counts too: the name and its folder
together are the same evidence, whatever the skill.
"""

from __future__ import annotations

import re
from posixpath import join, normpath

BUILD_SCRIPTS = frozenset({
    "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "Makefile", "makefile",
    "GNUmakefile", "justfile", "Justfile", "Taskfile.yml", "Taskfile.yaml", "package.json", "pom.xml",
    "CMakeLists.txt", "Rakefile", "noxfile.py", "build.rs", "build.mjs", "build.js", "build.ts", "build.py", "build.sh",
})
MAX_SCRIPTS = 50


def generated_by_build(ctx, skill_dir: str, path: str) -> bool:
    """PATH (relative to SKILL_DIR, missing) lies in a part that a build script of the repository names together
    with the skill's folder: the build generates it into the packaged skill."""
    if _copied_in(ctx, path):
        return True
    missing = _first_missing(ctx, skill_dir, path)
    own = skill_dir.rsplit("/", 1)[-1]
    if missing is None or len(missing) < 4 or missing.lower() in _COMMON_NAMES or not own:
        return False
    names = (re.compile(r"skills/" + re.escape(own) + r"(?![\w.-])"),
             re.compile(r"(?<![\w.-])" + re.escape(missing) + r"(?![\w-])"))
    return any(all(name.search(text) for name in names) for text in _build_scripts(ctx))


_COMMON_NAMES = frozenset({"scripts", "references", "reference", "assets", "templates", "examples", "docs", "lib",
                           "src", "test", "tests", "data", "bin", "build", "dist", "config", "utils", "tools"})
"""Folder names any build script may mention for its own reasons (npm's `"scripts"`): no evidence of generation."""


def _copied_in(ctx, path: str) -> bool:
    """A build script names PATH's file by a distinctive name (`main-control-agent.md`, with a `-` or `_`, not
    `README.md`) together with PATH's first folder as a whole word (`references / "main-control-agent.md"` in
    machenjie/rd-skills' `scripts/build.py`, which copies a shared prompt into every built skill)."""
    parts = normpath(path).split("/")
    base, top = parts[-1], parts[0]
    stem = base.rsplit(".", 1)[0]
    if len(parts) < 2 or top == ".." or "." not in base or len(stem) < 8 or not re.search(r"[-_]", stem):
        return False
    names = (re.compile(r"(?<![\w.-])" + re.escape(base) + r"(?![\w-])"),
             re.compile(r"(?<![\w.-])" + re.escape(top) + r"(?![\w-])"))
    return any(all(name.search(text) for name in names) for text in _build_scripts(ctx))


def _first_missing(ctx, skill_dir: str, path: str) -> str | None:
    """The name of the first part of PATH that does not exist under SKILL_DIR (`best-practices` for
    `references/best-practices/_index.md` when `references/` exists)."""
    parts = normpath(path).split("/")
    if parts[0] == "..":
        return None
    for depth in range(1, len(parts) + 1):
        if not ctx.index.exists(join(skill_dir, *parts[:depth])):
            return parts[depth - 1]
    return None


def _build_scripts(ctx) -> list[str]:
    from validator.repo.files import Repo

    def build() -> list[str]:
        found = sorted(rel for name in BUILD_SCRIPTS for rel in ctx.index.by_name(name))[:MAX_SCRIPTS]
        return [text for text in (ctx.index.read_text(rel) for rel in found) if text]

    return Repo.of(ctx.index).memo(("skills", "build-scripts"), build)
