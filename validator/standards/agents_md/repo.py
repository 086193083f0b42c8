"""Read-only access to the repository for the discovery model and the rules.

Wraps a `FileIndex` with what agents themselves ask of a file system: does this
name exist here (as a file or a symlink, listed or gitignored), how large is it, what
does it say. Nothing outside the repository root is read: a symlink that leads out
is reported as such and never followed. Reads are cached per path for one run.

`GlobalFS` is the opt-in view of the user's home (`agentconform context
--include-global`); the lint never uses it.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.engine.files import FileIndex
from validator.parsing.text import decode
from validator.standards.agents_md.record import factory, record

MAX_READ = 4 * 1024 * 1024


@record
class Stat:
    exists: bool
    is_symlink: bool = False
    is_file: bool = False
    is_dir: bool = False
    size: int = 0
    inside: bool = True
    """The target (after symlinks) lies inside the repository."""
    dangling: bool = False
    link_target: str | None = None


@record
class Repo:
    """The repository being linted or described."""

    index: FileIndex
    _stats: dict[str, Stat] = factory(dict)
    _bytes: dict[str, bytes | None] = factory(dict)
    _texts: dict[str, str | None] = factory(dict)
    cache: dict = factory(dict)
    """Per-run memo for the checks (parsed manifests, discovery results)."""

    @property
    def root(self) -> Path:
        return self.index.root

    def stat(self, rel: str) -> Stat:
        found = self._stats.get(rel)
        if found is None:
            found = self._stats[rel] = self._stat(rel)
        return found

    def _stat(self, rel: str) -> Stat:
        path = self.index.resolve(rel) if rel else self.root
        if path is None:
            return Stat(False, inside=False)
        try:
            st = os.lstat(path)
        except OSError:
            return Stat(False)
        import stat as stat_mod

        if stat_mod.S_ISLNK(st.st_mode):
            try:
                target = os.readlink(path)
            except OSError:
                target = None
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return Stat(True, is_symlink=True, dangling=True, link_target=target)
            inside = _inside(real, self.root)
            try:
                rst = os.stat(real)
            except OSError:
                return Stat(True, is_symlink=True, dangling=True, link_target=target)
            return Stat(True, is_symlink=True, is_file=stat_mod.S_ISREG(rst.st_mode), is_dir=stat_mod.S_ISDIR(rst.st_mode),
                        size=rst.st_size, inside=inside, link_target=target)
        return Stat(True, is_file=stat_mod.S_ISREG(st.st_mode), is_dir=stat_mod.S_ISDIR(st.st_mode), size=st.st_size)

    def lexists(self, rel: str) -> bool:
        return self.stat(rel).exists

    def is_file(self, rel: str) -> bool:
        st = self.stat(rel)
        return st.exists and st.is_file

    def is_dir(self, rel: str) -> bool:
        st = self.stat(rel)
        return st.exists and st.is_dir

    def read_bytes(self, rel: str) -> bytes | None:
        """Bytes of REL if it is a readable file whose target lies inside the repository."""
        if rel in self._bytes:
            return self._bytes[rel]
        data = None
        st = self.stat(rel)
        if st.exists and st.is_file and st.inside and st.size <= MAX_READ:
            path = self.index.resolve(rel)
            try:
                data = path.read_bytes() if path is not None else None
            except OSError:
                data = None
        self._bytes[rel] = data
        return data

    def read_text(self, rel: str) -> str | None:
        if rel in self._texts:
            return self._texts[rel]
        raw = self.read_bytes(rel)
        text = None if raw is None else decode(raw).text
        self._texts[rel] = text
        return text

    def realpath(self, rel: str) -> str:
        """REL with symlinks resolved, relative to the root when inside it (for de-duplication)."""
        path = self.index.resolve(rel)
        if path is None:
            return rel
        try:
            real = path.resolve()
            return real.relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return str(path)

    def listed_files(self) -> list[str]:
        return self.index.files

    def would_be_ignored(self, rel: str) -> bool:
        """REL (which may not exist) lies in a skipped folder or matches the `.gitignore` rules on its way.

        Generated paths (`dist/`, a husky `_` folder, a build sentinel) are often named in
        instruction files before they exist; absence then proves nothing.
        """
        if self.index.is_ignored(rel):
            return True
        from validator.engine.gitignore import IgnoreStack, parse_gitignore

        parts = rel.strip("/").split("/")
        stack = IgnoreStack()
        exclude = self.root / ".git" / "info" / "exclude"
        if exclude.is_file():
            stack = stack.push("", parse_gitignore(exclude.read_text(encoding="utf-8", errors="replace")))
        for i in range(len(parts)):
            folder = "/".join(parts[:i])
            text = self.read_text(f"{folder}/.gitignore" if folder else ".gitignore")
            if text:
                stack = stack.push(folder, parse_gitignore(text))
            here = "/".join(parts[: i + 1])
            last = i == len(parts) - 1
            if stack.ignored(here, True) or (last and stack.ignored(here, False)):
                return True
        return False


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.resolve())
        return True
    except ValueError:
        return False


class GlobalFS:
    """The user's own instruction files (`~/.codex/AGENTS.md`, ...), read only on request."""

    def __init__(self, home: Path | None = None, env: dict | None = None) -> None:
        self.home = home if home is not None else Path.home()
        self.env = env if env is not None else dict(os.environ)

    def path(self, *parts: str) -> Path:
        return self.home.joinpath(*parts)

    def codex_home(self) -> Path:
        value = self.env.get("CODEX_HOME")
        return Path(value).expanduser() if value else self.path(".codex")

    def read(self, path: Path) -> bytes | None:
        try:
            if path.is_file() and path.stat().st_size <= MAX_READ:
                return path.read_bytes()
        except OSError:
            return None
        return None
