"""The repository being linted: its root, its file listing, and the files read from it.

The tree is walked once (lazily: a pre-commit run on a few files only walks it if a
rule needs repository context), honouring `.gitignore`, `.git/info/exclude`, and
skipping VCS folders, `node_modules` and virtual environments. Files git tracks are
listed even when an ignore pattern matches them (read from `.git/index`, see gitindex). Nothing outside the
root is read: a symlink that leads out of the repository is listed but not followed.

Every read goes through `safefs.read_regular` (regular files inside the root, bounded).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from validator.engine import probes
from validator.engine.gitignore import IgnoreStack, parse_gitignore
from validator.engine.safefs import Refusal, read_regular, refusal_of
from validator.engine.wildmatch import Matcher, path_glob_tokens, required_literal
from validator.parsing.text import DecodedText, decode
from validator.records import record

ALWAYS_SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".jj", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", ".tox", ".nox", ".venv", "venv", ".direnv", ".eggs", ".hypothesis",
})
"""Folders never worth linting; `venv`-like folders are also found by their `pyvenv.cfg`."""

DEFAULT_MAX_FILES = 200_000
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
"""Files larger than this are reported (GEN005), not parsed: no real manifest comes close."""


MAX_SMALL_FILE = 1_000_000
"""What is read of a `.gitignore`, an exclude file or similar listing input."""


def find_root(start: Path) -> Path:
    """The git work-tree root that holds START (a `.git` dir or file), else START itself."""
    start = Path(os.path.abspath(start))  # the file's own symlink is not followed: its folder decides
    here = (start if start.is_dir() and not start.is_symlink() else start.parent).resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return here


def relative_posix(path: Path, root: Path) -> str:
    """PATH relative to ROOT with `/` separators, or PATH as given when it lies outside."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@record
class Entry:
    relpath: str
    walked: bool = False
    """Found by the tree walk, which never enters a symlinked folder (not only named by the git index)."""
    is_symlink: bool = False
    link_target: str | None = None
    """For symlinks: the target as written in the link."""


class FileIndex:
    """The repository's files that are not ignored, listed on first use."""

    def __init__(self, root: Path, *, max_files: int = DEFAULT_MAX_FILES, extra_excludes: tuple[str, ...] = ()) -> None:
        self.root = root
        self.max_files = max_files
        self.extra_excludes = extra_excludes
        self.truncated = False
        self._entries: dict[str, Entry] | None = None
        self._dirs: set[str] | None = None
        self._ignored_dirs: set[str] = set()
        self._by_name: dict[str, list[str]] | None = None
        self._dirs_by_name: dict[str, list[str]] | None = None
        self._tracked: set[str] = set()
        self._exists_cache: dict[str, bool] = {}
        self._root_text: str | None = None

    # -- the walk ---------------------------------------------------------------------
    def _walk(self) -> None:
        entries: dict[str, Entry] = {}
        dirs: set[str] = {""}
        root = self.root
        base_stack = IgnoreStack()
        exclude = root / ".git" / "info" / "exclude"
        if exclude.is_file():
            base_stack = base_stack.push("", parse_gitignore(_read_small(exclude, root)))
        pending: list[tuple[str, IgnoreStack]] = [("", base_stack)]
        while pending:
            rel_dir, stack = pending.pop()
            abs_dir = root / rel_dir if rel_dir else root
            gitignore = abs_dir / ".gitignore"
            if gitignore.is_file() and not gitignore.is_symlink():
                stack = stack.push(rel_dir, parse_gitignore(_read_small(gitignore, root)))
            try:
                with os.scandir(abs_dir) as it:
                    children = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            for child in children:
                rel = f"{rel_dir}/{child.name}" if rel_dir else child.name
                try:
                    is_link = child.is_symlink()
                    is_dir = child.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if child.name in ALWAYS_SKIPPED_DIRS or (abs_dir / child.name / "pyvenv.cfg").exists():
                        self._ignored_dirs.add(rel)
                        continue
                    if stack.ignored(rel, True) or self._excluded(rel + "/"):
                        self._ignored_dirs.add(rel)
                        continue
                    dirs.add(rel)
                    pending.append((rel, stack))
                    continue
                if stack.ignored(rel, False) or self._excluded(rel):
                    continue
                entry = Entry(rel, walked=True)
                if is_link:
                    entry.is_symlink = True
                    try:
                        entry.link_target = os.readlink(child.path)
                    except OSError:
                        entry.link_target = None
                    if os.path.isdir(child.path):
                        # a symlinked folder is listed, never followed (no loops, no escape)
                        dirs.add(rel)
                entries[rel] = entry
                if len(entries) >= self.max_files:
                    self.truncated = True
                    pending.clear()
                    break
        self._add_tracked(entries, dirs)
        self._entries = entries
        self._dirs = dirs

    def _add_tracked(self, entries: dict[str, Entry], dirs: set[str]) -> None:
        """Files git tracks although a .gitignore pattern matches them are part of the repo."""
        from validator.engine.gitindex import tracked_paths

        tracked = tracked_paths(self.root)
        if not tracked:
            return
        for rel in tracked:
            if rel in entries or len(entries) >= self.max_files:
                continue
            parts = rel.split("/")
            if any(part in ALWAYS_SKIPPED_DIRS for part in parts[:-1]) or self._excluded(rel):
                continue
            path = self.root / rel
            if not os.path.lexists(path) or path.is_dir():
                continue
            entry = Entry(rel)
            if path.is_symlink():
                entry.is_symlink = True
                try:
                    entry.link_target = os.readlink(path)
                except OSError:
                    entry.link_target = None
            entries[rel] = entry
            for i in range(1, len(parts)):
                dirs.add("/".join(parts[:i]))
        self._tracked = set(tracked)

    def _excluded(self, rel: str) -> bool:
        return any(_glob_match(rel.rstrip("/"), pattern) for pattern in self.extra_excludes)

    # -- queries ----------------------------------------------------------------------
    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._walk()
        return self._entries

    @property
    def files(self) -> list[str]:
        return list(self.entries)

    @property
    def dirs(self) -> set[str]:
        if self._dirs is None:
            self._walk()
        return self._dirs

    def plainly_inside(self, rel: str) -> bool:
        """REL is a file the walk found that is no symlink: no symlink leads to it (the walk
        never enters a symlinked folder), so reading it needs no resolution."""
        entry = self.entries.get(rel) if self._entries is not None else None
        return entry is not None and entry.walked and not entry.is_symlink

    def by_name(self, name: str) -> list[str]:
        """Listed files whose base name is NAME."""
        if self._by_name is None:
            table: dict[str, list[str]] = {}
            for rel in self.entries:
                table.setdefault(rel.rsplit("/", 1)[-1], []).append(rel)
            self._by_name = table
        return self._by_name.get(name, [])

    def dirs_by_name(self, name: str) -> list[str]:
        """Listed folders whose last name is NAME (sorted): a lookup, where scanning every folder
        for each missing path was quadratic on a monorepo."""
        if self._dirs_by_name is None:
            table: dict[str, list[str]] = {}
            for rel in sorted(self.dirs):
                if rel:
                    table.setdefault(rel.rsplit("/", 1)[-1], []).append(rel)
            self._dirs_by_name = table
        return self._dirs_by_name.get(name, [])

    def listed(self, rel: str) -> bool:
        """REL is a listed (not ignored) file or folder."""
        rel = rel.strip("/")
        return rel in self.entries or rel in self.dirs

    def is_ignored(self, rel: str) -> bool:
        """REL lies in a folder the walk skipped (gitignored, vendored, virtualenv ...)."""
        rel = rel.strip("/")
        if rel in self.entries:
            return False  # tracked by git, so part of the repository whatever .gitignore says
        parts = rel.split("/")
        return any("/".join(parts[:i]) in self._ignored_dirs for i in range(1, len(parts) + 1))

    def exists(self, rel: str) -> bool:
        """REL exists on disk inside the repository (listed or not). A listed path needs no system call, and
        the answer for any other is remembered for the run: skills and plugins ask about the same parent
        folders thousands of times in a large marketplace."""
        if rel and self._entries is not None and (rel in self._entries or (self._dirs is not None and rel in self._dirs)):
            found = True
        else:
            known = self._exists_cache.get(rel)
            if known is None:
                target = self.resolve(rel)
                known = self._exists_cache[rel] = target is not None and os.path.lexists(target)
            found = known
        if probes.ACTIVE is not None and not self.fingerprinted(rel):
            probes.note("exists", rel, found)
        return found

    def fingerprinted(self, rel: str) -> bool:
        """REL is a listed file or folder, whose name, kind and content the result cache fingerprints
        (`validator.lint.cache`); any other path a check asks about is noted (`probes`)."""
        return rel in self.entries or rel in self.dirs

    def resolve(self, rel: str) -> Path | None:
        """Absolute path of REL if it stays inside the root, else None."""
        if not rel or "\x00" in rel:
            return None
        if self._root_text is None:
            self._root_text = os.path.normpath(str(self.root)) if self.root.is_absolute() else ""
        root_text = self._root_text
        if root_text:
            # string arithmetic: three Path objects per call cost more than the rest of a skill check
            normal_text = os.path.normpath(rel if rel.startswith("/") else f"{root_text}/{rel}")
            if normal_text != root_text and not normal_text.startswith(root_text.rstrip("/") + "/"):
                return None
            return Path(normal_text)
        candidate = (self.root / rel)
        try:
            normal = Path(os.path.normpath(candidate))
            normal.relative_to(self.root)
        except ValueError:
            return None
        return normal

    def read_text(self, rel: str, *, limit: int = DEFAULT_MAX_BYTES) -> str | None:
        """Text of REL (UTF-8, BOM dropped) if it is a readable file inside the root."""
        target = self.resolve(rel)
        if target is None:
            return None
        data = read_regular(target, root=self.root, limit=limit)
        text = None if isinstance(data, Refusal) else decode(data).text
        if probes.ACTIVE is not None and not self.fingerprinted(rel):
            probes.note("text", rel, text, limit)
        return text

    def glob(self, pattern: str) -> list[str]:
        return [rel for rel in self.entries if _glob_match(rel, pattern)]


def _read_small(path: Path, root: Path | None = None) -> str:
    data = read_regular(path, root=root, limit=MAX_SMALL_FILE)
    return "" if isinstance(data, Refusal) else data.decode("utf-8", errors="replace")


_GLOB_CACHE: dict[str, tuple[str, Matcher]] = {}


def _glob_match(rel: str, pattern: str) -> bool:
    """Path-glob match where `**` spans folders and `*` does not cross `/`.

    A pattern without `/` matches the base name at any depth (as in `.gitignore`
    and ruff's `exclude`); a matching folder matches everything inside it. Linear in
    REL whatever the pattern (the patterns come from the repository: see wildmatch).
    """
    needle, matcher = _compiled(pattern)
    return needle in rel and matcher.fullmatch(rel)


def _compiled(pattern: str) -> tuple[str, Matcher]:
    """(required literal, matcher) of PATTERN, compiled once per process."""
    cached = _GLOB_CACHE.get(pattern)
    if cached is None:
        tokens = path_glob_tokens(pattern, children=True)
        cached = _GLOB_CACHE[pattern] = (required_literal(tokens), Matcher(tokens))
    return cached


glob_match = _glob_match


def glob_filter(rels: Iterable[str], patterns: tuple[str, ...]) -> list[str]:
    """The paths of RELS that match one of PATTERNS (`glob_match`), in order: the patterns are
    compiled once and each tested by its required literal first, since discovery runs every
    standard's patterns over every listed file of the tree."""
    compiled = [_compiled(pattern) for pattern in patterns]
    return [rel for rel in rels if any(needle in rel and matcher.fullmatch(rel) for needle, matcher in compiled)]


_READABLE = Refusal("", "")
"""SourceFile's memo for "looked, nothing refuses it" (None means "not looked yet")."""


class SourceFile:
    """One file to check, read at most once, and only if `read_regular` allows it."""

    __slots__ = ("path", "relpath", "max_bytes", "root", "_raw", "_size", "_decoded", "_refusal")

    def __init__(self, path: Path, relpath: str, *, max_bytes: int = DEFAULT_MAX_BYTES, raw: bytes | None = None,
                 root: Path | None = None) -> None:
        self.path = path
        self.relpath = relpath
        self.max_bytes = max_bytes
        self.root = root
        """Reads must stay inside this folder (None: the path was given as it is)."""
        self._raw = raw
        self._size: int | None = len(raw) if raw is not None else None
        self._decoded: DecodedText | None = None
        self._refusal: Refusal | None = None

    def __repr__(self) -> str:
        return f"SourceFile({self.relpath!r})"

    @property
    def refusal(self) -> Refusal | None:
        """Why this file must not be read (a symlink out of the root, a FIFO ...), or None."""
        if self._raw is not None:
            return None
        if self._refusal is None:
            self._refusal = refusal_of(self.path, self.root) or _READABLE
        return None if self._refusal is _READABLE else self._refusal

    @property
    def size(self) -> int:
        if self._size is None:
            try:
                self._size = self.path.stat().st_size if self.refusal is None else 0
            except OSError:
                self._size = -1
        return self._size

    @property
    def too_large(self) -> bool:
        return self.size > self.max_bytes

    @property
    def raw(self) -> bytes:
        if self._raw is None:
            data = read_regular(self.path, root=self.root, limit=self.max_bytes)
            if isinstance(data, Refusal):
                if data.kind == "too-large":
                    self._size = max(self.size, self.max_bytes + 1)
                data = b""
            self._raw = data
        return self._raw

    def head(self, limit: int) -> bytes:
        """The first LIMIT bytes (for sniffing what a file is), whatever its size; b"" when it must not be read."""
        if self._raw is not None:
            return self._raw[:limit]
        data = read_regular(self.path, root=self.root, limit=limit, head=True)
        return b"" if isinstance(data, Refusal) else data

    @property
    def decoded(self) -> DecodedText:
        if self._decoded is None:
            self._decoded = decode(self.raw)
        return self._decoded

    @property
    def text(self) -> str | None:
        return self.decoded.text

    @property
    def name(self) -> str:
        return PurePosixPath(self.relpath).name


_TEST_FOLDERS = frozenset({"test", "tests", "__tests__", "spec", "specs", "e2e", "integration-tests", "integration_tests"})
"""Folders of a test suite; `e2e/` is Playwright's and Cypress's end-to-end suite."""
_FIXTURE_FOLDERS = frozenset({"__fixtures__", "testdata", "test_data", "test-data", "test-fixtures", "test_fixtures"})
"""Go's `testdata/`, and the `test_data/` / `test-data/` of Python, Rust and JavaScript suites (audit 14: a skills
registry's negative cases under `test_data/skills/`)."""


_BACKUP_FOLDERS = frozenset({"backup", "backups", ".backup", ".backups", "_backup", "_backups", "bak", ".bak", "old-backups",
                             "_archive", ".archive", "_archived", "archived"})
"""Backup copies, and archives marked as such (`docs/_archive/`, `archived/`: stale on purpose, audit 16). A plain
`archive/` is left out: it is as often a feature or a package of that name."""
_BACKUP_NAME = re.compile(r"(?i)(?:\.(?:bak|backup|orig)|~|[-_.]backups)$|backup[-_.]?\d{6,}|\d{8}[-_.]?\d*[-_.]?backup")


def in_backup_folder(relpath: str) -> bool:
    """RELPATH lies in a backup copy or a marked archive (`_archive/`, `archived/`): a folder named `backup`/`backups` (any case, with `.` or `_`), one ending in
    `.bak`, `.backup`, `.orig`, `~` or `-backups`, or a dated backup (`skills-backup-20251019`, `20251204_backup`).
    No client loads skills, rules or configs from such a folder (they read `.claude/skills/`, `.agents/skills/`,
    `.github/skills/`, a plugin's `skills/`, the repository's instruction files), so stale copies there are not
    discovered, like test fixtures; named explicitly they are checked. The folder that holds a SKILL.md is the
    skill's name: a skill called `backup` (`plugins/asciinema-tools/skills/backup/SKILL.md`) is no backup copy."""
    parts = relpath.split("/")
    folders = parts[:-1]
    if parts[-1] in ("SKILL.md", "skill.md") and folders and folders[-1].lower() in ("backup", "backups"):
        folders = folders[:-1]
    for part in folders:
        if part.lower() in _BACKUP_FOLDERS or _BACKUP_NAME.search(part):
            return True
    return False


def discovered_by_default(relpath: str) -> bool:
    """Whether a repository or folder check lists RELPATH: not in a test-fixture folder, a backup copy nor a
    vendored third-party copy."""
    return not (in_test_fixtures(relpath) or in_backup_folder(relpath) or in_vendored_copy(relpath))


_VENDORED_FOLDERS = frozenset({"vendor", "vendored", "third_party", "third-party", "thirdparty", "3rdparty"})


def in_vendored_copy(relpath: str) -> bool:
    """RELPATH lies in a copy of another project's files (`vendor/`, `vendored/`, `third_party/`, git subtrees in
    `subtrees/` or `*-subtrees/`, audit 24): Go modules, a
    skill snapshot pinned by an UPSTREAM file. Its author is upstream and no client loads skills or rules from
    there, so a repository run does not judge it; named explicitly, it is checked."""
    return any(part.lower() in _VENDORED_FOLDERS or part.lower().endswith(("-subtrees", "_subtrees")) or
               part.lower() == "subtrees" for part in relpath.split("/")[:-1])


def in_test_fixtures(relpath: str) -> bool:
    """RELPATH lies in a folder of inputs to the repository's own tests: `__fixtures__/`, `testdata/`
    (Go's convention), `test_data/`, `test-data/`, `fixtures/` anywhere below a `test`/`tests`/`__tests__`/`spec`/`e2e` folder, or
    Maven/Gradle's `src/test/resources/`. Those files are often invalid on purpose (a parser's
    negative cases), so discovery skips them; a file or folder named explicitly is still checked."""
    parts = relpath.lower().split("/")[:-1]  # `tests/Fixtures/` (Laravel, .NET) as well as `tests/fixtures/`
    for i, part in enumerate(parts):
        if part in _FIXTURE_FOLDERS:
            return True
        if part in _TEST_FOLDERS and "fixtures" in parts[i + 1:]:
            return True
        if part == "test" and i >= 1 and parts[i - 1] == "src" and parts[i + 1:i + 2] == ["resources"]:
            return True
    return False
