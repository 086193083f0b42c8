"""The one cached reader of the repository for a run: `Repo` over the `FileIndex`.

`Repo.of(index)` gives every consumer of one run (the AGENTS.md checks, the build-file
readers, the cross-file stage) the same reader, so each file is stat'ed, read and
parsed at most once per run. It answers what agents and build tools ask of a file
system: does this name exist here (as a file or a symlink, listed or gitignored), how
large is it, what does it say (`read_text` through `FileIndex.read_text`, `read_bytes`
through `safefs.read_regular`: regular files inside the root, bounded), and what does
it parse to (`toml`, and `structured` with positions for findings, as a `Manifest`).
Nothing outside the repository root is read: a symlink that leads out is reported as
such and never followed. `memo` keeps what the readers derive (scripts, targets,
discovery results) for the rest of the run.
"""

from __future__ import annotations

import os
import re
import weakref
from pathlib import Path
from typing import Any

from validator.engine import probes
from validator.engine.files import DEFAULT_MAX_BYTES, FileIndex
from validator.engine.safefs import Refusal, inside_root, read_regular
from validator.parsing.document import ParseError, StructuredDocument
from validator.parsing.text import Region
from validator.records import field, record
from validator.repo.paths import shallowest_first

MAX_SCANNED_MANIFESTS = 400
"""In a monorepo, at most this many files of one name (package.json, pyproject.toml ...) are read."""

_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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
class Manifest:
    """A file read for comparison: its path, parsed value and (for positions) its document."""

    path: str
    value: Any
    doc: StructuredDocument | None

    def region(self, pointer: tuple, *, key: bool = False) -> Region:
        if self.doc is None:
            return Region.file_start()
        return self.doc.locate(pointer, key=key)


_SUBMODULE_PATH = re.compile(r"^[ \t]*path[ \t]*=[ \t]*(.+?)[ \t]*$", re.MULTILINE)
"""`path = docs/internal` in a `[submodule "..."]` section of `.gitmodules` (git-config syntax)."""


@record
class Repo:
    """The repository being linted or described, read lazily and cached for the run."""

    index: FileIndex
    _stats: dict[str, Stat] = field(default_factory=dict)
    _bytes: dict[str, bytes | None] = field(default_factory=dict)
    _texts: dict[str, str | None] = field(default_factory=dict)
    _parsed: dict[tuple[str, str], Manifest | None] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)
    """Per-run memo for the readers and checks (scripts, targets, discovery results); see `memo`."""

    @staticmethod
    def of(index: FileIndex | None) -> Repo:
        """The run's shared reader (one per file index; without an index, a reader of its own)."""
        if index is None:
            return Repo(index)
        repo = _RUNS.get(index)
        if repo is None:
            repo = _RUNS[index] = Repo(index)
        return repo

    @property
    def root(self) -> Path:
        return self.index.root

    def memo(self, key, build):
        """BUILD() once per run and KEY."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    # -- what is there ------------------------------------------------------------------------
    def stat(self, rel: str) -> Stat:
        found = self._stats.get(rel)
        if found is None:
            found = self._stats[rel] = self._stat(rel)
        if probes.ACTIVE is not None and not self.index.fingerprinted(rel):
            probes.note("stat", rel, found)
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
            inside = inside_root(real, self.root)
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

    def named(self, name: str) -> list[str]:
        """Listed files called NAME, shallowest first, bounded."""
        return shallowest_first(self.index.by_name(name))[:MAX_SCANNED_MANIFESTS]

    def listed_files(self) -> list[str]:
        return self.index.files

    # -- what it says -------------------------------------------------------------------------
    def read_bytes(self, rel: str) -> bytes | None:
        """Bytes of REL if it is a readable regular file whose target lies inside the repository."""
        if rel in self._bytes:
            data = self._bytes[rel]
        else:
            path = self.index.resolve(rel)
            read = None if path is None else read_regular(path, root=self.root, limit=DEFAULT_MAX_BYTES)
            self._bytes[rel] = data = None if isinstance(read, Refusal) else read
        if probes.ACTIVE is not None and not self.index.fingerprinted(rel):
            probes.note("bytes", rel, data)
        return data

    def read_text(self, rel: str) -> str | None:
        """Text of REL (UTF-8, BOM dropped), None when it is absent, unreadable or not UTF-8."""
        if rel not in self._texts:
            self._texts[rel] = self.index.read_text(rel) if rel else None
        elif probes.ACTIVE is not None and rel and not self.index.fingerprinted(rel):
            probes.note("text", rel, self._texts[rel], DEFAULT_MAX_BYTES)
        return self._texts[rel]

    def toml(self, rel: str) -> dict | None:
        """REL parsed as TOML (None when absent or not well-formed)."""
        manifest = self.structured(rel, "toml")
        return manifest.value if manifest is not None else None

    def structured(self, rel: str, fmt: str) -> Manifest | None:
        """REL parsed as FMT (`json` or `toml`) with positions, or None when absent or not well-formed."""
        if (rel, fmt) in self._parsed:
            return self._parsed[rel, fmt]
        text = self.read_text(rel)
        manifest = None
        if text is not None:
            try:
                if fmt == "json":
                    from validator.parsing.json import parse_json

                    doc = parse_json(text)
                else:
                    from validator.parsing.toml import parse_toml

                    doc = parse_toml(text)
                manifest = Manifest(rel, doc.value, doc)
            except (ParseError, ValueError, RecursionError):
                manifest = None
        self._parsed[rel, fmt] = manifest
        return manifest

    def realpath(self, rel: str) -> str:
        """REL with symlinks resolved, relative to the root when inside it (for de-duplication)."""
        path = self.index.resolve(rel)
        if path is None:
            return rel
        try:
            found = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            found = str(path)
        if probes.ACTIVE is not None:  # a symlink's target may change while its text stays
            probes.note("real", rel, found)
        return found

    def in_submodule(self, rel: str) -> bool:
        """REL lies in a git submodule the repository declares (`.gitmodules`): a checkout without
        `--recurse-submodules` has the folder empty, so what is inside cannot be judged
        (https://git-scm.com/docs/gitmodules)."""
        folders = self.memo("submodules", self._submodules)
        return any(rel == folder or rel.startswith(folder + "/") for folder in folders)

    def _submodules(self) -> tuple[str, ...]:
        data = self.read_bytes(".gitmodules")
        if not data:
            return ()
        text = data.decode("utf-8", errors="replace")
        found = (m.group(1).strip().strip('"').strip("/") for m in _SUBMODULE_PATH.finditer(text))
        return tuple(folder for folder in found if folder and not folder.startswith(("/", "..")))

    def _ignore_rules(self, rel: str) -> tuple:
        """The rules of the ignore file REL, parsed once per run (every missing path asks for its folders' rules).
        Bytes, decoded leniently as the walk reads them (and as git does): a `.gitignore` with a stray NUL line is
        still a `.gitignore`, which the strict text reader would refuse as binary."""
        def build() -> tuple:
            from validator.engine.gitignore import parse_gitignore

            data = self.read_bytes(rel)
            return parse_gitignore(data.decode("utf-8", errors="replace")) if data else ()
        return self.memo(("ignore-rules", rel), build)

    def would_be_ignored(self, rel: str) -> bool:
        """REL (which may not exist) lies in a skipped folder or matches the `.gitignore` rules on its way.

        Generated paths (`dist/`, a husky `_` folder, a build sentinel) are often named in
        instruction files before they exist; absence then proves nothing.
        """
        if self.index.is_ignored(rel):
            return True
        from validator.engine.gitignore import IgnoreStack

        parts = rel.strip("/").split("/")
        stack = IgnoreStack().push("", self._ignore_rules(".git/info/exclude"))
        for i in range(len(parts)):
            folder = "/".join(parts[:i])
            stack = stack.push(folder, self._ignore_rules(f"{folder}/.gitignore" if folder else ".gitignore"))
            here = "/".join(parts[: i + 1])
            last = i == len(parts) - 1
            if stack.ignored(here, True) or (last and stack.ignored(here, False)):
                return True
        return False
