"""The files a manifest refers to: where they are, whether they ship, what an icon holds.

The bundle root is the manifest's folder (`mcpb pack <dir>` archives `<dir>`). Paths
are resolved against it inside the repository only: nothing outside the repository
root is read, and symlinks that lead out of it are not followed. What `mcpb pack`
leaves out is decided like `src/node/files.ts` (mcpb 27083dc): its built-in exclusion
list plus `.mcpbignore` (gitignore syntax, via the `ignore` package). Whether a missing
file is produced by a build is judged from `.gitignore` and the folders the walk skips.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import struct
import weakref
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from validator.engine.files import ALWAYS_SKIPPED_DIRS
from validator.engine.gitignore import IgnoreStack, parse_gitignore
from validator.records import lazy, record

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# `EXCLUDE_PATTERNS` of mcpb's src/node/files.ts: what `mcpb pack` never archives.
PACK_EXCLUDES = (
    ".DS_Store", "Thumbs.db", ".gitignore", ".git", ".mcpbignore", "*.log", ".env*", ".npm", ".npmrc", ".yarnrc",
    ".yarn", ".eslintrc", ".editorconfig", ".prettierrc", ".prettierignore", ".eslintignore", ".nycrc", ".babelrc",
    ".pnp.*", "node_modules/.cache", "node_modules/.bin", "*.map", ".env.local", ".env.*.local", "npm-debug.log*",
    "yarn-debug.log*", "yarn-error.log*", "package-lock.json", "yarn.lock", "*.mcpb", "*.d.ts", "*.tsbuildinfo",
    "tsconfig.json",
)
_WINDOWS_ABSOLUTE = lazy(r"^(?:[A-Za-z]:[\\/]|\\\\)")
_SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".py", ".go", ".rs")
_PROJECT_FILES = ("package.json", "pyproject.toml", "requirements.txt", "setup.py", "Cargo.toml", "go.mod")
# `mcpb pack [dir] [output]` / `dxt pack ...`, however launched (npx, pnpm dlx, a pinned version)
_PACK = lazy(r"(?:^|[\s\"'`/(&|;])(?:@anthropic-ai/)?(?:mcpb|dxt)(?:@[\w.^~*-]+)?\s+pack\b([^\n&|;]*)")
_BUILD_FILES = ("Makefile", "makefile", "justfile", "Taskfile.yml", "Taskfile.yaml")
_SCRIPT_SUFFIXES = (".sh", ".mjs", ".js", ".cjs", ".ts", ".py", ".ps1")
_MAX_SCANNED = 200_000
_COMMENT_STARTS = ("#", "//", "/*", "*", "REM ", "rem ")
# a build step that copies manifest.json somewhere (`cp manifest.json dist/`, `copyFileSync("manifest.json", ...)`,
# `shutil.copy("manifest.json", ...)`, `Copy-Item manifest.json`, `cpSync(...)` of the folder holding it)
_COPIES_MANIFEST = lazy(r"(?:\b(?:cp|copy|rsync|install)\b|copyFile|cpSync|copySync|shutil\.copy|Copy-Item|fs\.cp\b)"
                              r"[^\n]{0,200}?manifest\.json", re.IGNORECASE)
# `cd <dir> && mcpb pack` / `(cd <dir>; mcpb pack)` on the same line
_CD = lazy(r"\bcd\s+([\"']?)([^\s\"'&|;]+)\1\s*(?:&&|;)\s*(?:(?:npx|pnpm|dlx|yarn|bunx|exec|-y|--yes)\s+)*"
                 r"[\s\"'`/(&|;]?$")
_STAGED = "\0staged"
"""The packed folder of a pack run in a staging folder this scan cannot name."""
_PACK_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Pack commands found per folder, kept for one run (keyed by its FileIndex)."""


@record(frozen=True)
class BundlePath:
    """A manifest path resolved against the bundle root."""

    kind: str
    """`local` (inside the bundle), `absolute`, `dirname` (uses ${__dirname}), `remote` (http/https),
    `outside` (leaves the bundle through ..), or `empty`."""
    rel: str | None = None
    """For `local`: the repository-relative path."""
    inside: str | None = None
    """For `local`: the path relative to the bundle root."""


class Bundle:
    """The bundle rooted at the folder of the manifest at MANIFEST_REL, inside the repository."""

    def __init__(self, index, manifest_rel: str, name: str | None = None) -> None:
        self.index = index
        self.root = index.root
        self.base = posixpath.dirname(manifest_rel)
        self.name = name
        """The manifest's `name`: a committed .mcpb built from it carries the same one (`shipped`)."""

    # -- paths -------------------------------------------------------------------------
    def resolve(self, path: str) -> BundlePath:
        if not isinstance(path, str) or not path.strip():
            return BundlePath("empty")
        if path.startswith(("http://", "https://")):
            return BundlePath("remote")
        if "${__dirname}" in path:
            return BundlePath("dirname")
        if path.startswith("/") or _WINDOWS_ABSOLUTE.match(path):
            return BundlePath("absolute")
        inside = posixpath.normpath(path.replace("\\", "/"))
        if inside == ".." or inside.startswith("../"):
            return BundlePath("outside")
        rel = inside if not self.base else posixpath.normpath(posixpath.join(self.base, inside))
        return BundlePath("local", rel, inside)

    def strip_dirname(self, path: str) -> str:
        """PATH without a leading `${__dirname}` and separator (`${__dirname}/server/x` -> `server/x`)."""
        text = path.replace("\\", "/")
        for prefix in ("${__dirname}/", "${__dirname}${/}", "${__dirname}${pathSeparator}"):
            if text.startswith(prefix):
                return text[len(prefix):]
        return text[len("./"):] if text.startswith("./") else text

    # -- the file system ----------------------------------------------------------------
    def _absolute(self, rel: str):
        target = self.index.resolve(rel)
        if target is None:
            return None
        try:
            target.resolve().relative_to(self.root.resolve())
        except (ValueError, OSError):
            return None  # a symlink out of the repository: never read
        return target

    def exists(self, rel: str) -> bool:
        target = self._absolute(rel)
        return target is not None and target.exists()

    def escapes(self, rel: str) -> bool:
        """REL is a symlink (or lies under one) that leads out of the repository: never read, never judged."""
        target = self.index.resolve(rel)
        return target is not None and os.path.lexists(target) and self._absolute(rel) is None

    def is_dir(self, rel: str) -> bool:
        target = self._absolute(rel) if rel else self.root
        return target is not None and target.is_dir()

    def read_head(self, rel: str, size: int = 64) -> bytes | None:
        target = self._absolute(rel)
        if target is None:
            return None
        try:
            with open(target, "rb") as handle:
                return handle.read(size)
        except OSError:
            return None

    def file_size(self, rel: str) -> int | None:
        target = self._absolute(rel)
        try:
            return target.stat().st_size if target is not None else None
        except OSError:
            return None

    def siblings(self, rel: str) -> list[str]:
        """Names in REL's folder (files and folders), for "did you mean" suggestions."""
        parent = self._absolute(posixpath.dirname(rel)) if posixpath.dirname(rel) else self.root
        try:
            return sorted(entry.name for entry in os.scandir(parent)) if parent is not None else []
        except OSError:
            return []

    # -- what is built, what ships ------------------------------------------------------
    def generated(self, rel: str) -> bool:
        """REL is produced by a build or an install: git ignores it, or it lies in node_modules, a venv ..."""
        parts = rel.split("/")
        if any(part in ALWAYS_SKIPPED_DIRS for part in parts[:-1]):
            return True
        if self.index.is_ignored(rel):
            return True
        stack = IgnoreStack()
        exclude = self.root / ".git" / "info" / "exclude"
        if exclude.is_file():
            stack = stack.push("", parse_gitignore(_read_text(exclude)))
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            ignore_file = (self.root / folder / ".gitignore") if folder else (self.root / ".gitignore")
            if ignore_file.is_file():
                stack = stack.push(folder, parse_gitignore(_read_text(ignore_file)))
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts))]
        return any(stack.ignored(prefix, True) for prefix in prefixes) or stack.ignored(rel, False)

    @cached_property
    def _pack_rules(self) -> IgnoreStack:
        lines = list(PACK_EXCLUDES)
        ignore_file = self.root / self.base / ".mcpbignore" if self.base else self.root / ".mcpbignore"
        if ignore_file.is_file():
            # readMcpbIgnorePatterns: trimmed lines, blank lines and # comments dropped
            lines += [line.strip() for line in _read_text(ignore_file).splitlines()
                      if line.strip() and not line.strip().startswith("#")]
        return IgnoreStack().push("", parse_gitignore("\n".join(lines)))

    def excluded_from_pack(self, inside: str) -> bool:
        """`mcpb pack` would leave INSIDE (a bundle-relative path) out of the archive."""
        parts = inside.split("/")
        rules = self._pack_rules
        return any(rules.ignored("/".join(parts[:i]), True) for i in range(1, len(parts))) or rules.ignored(inside, False)

    @cached_property
    def packed_elsewhere(self) -> str | None:
        """Evidence that the bundle is packed from another folder (the manifest is a template), or None.

        Scans the places pack commands live: package.json scripts of the manifest's folder and
        its parents, the root's Makefile-like files, scripts/ folders and CI workflows. A pack
        command whose folder is not the manifest's folder means the files are assembled elsewhere.
        """
        parts = self.base.split("/") if self.base else []
        found = []
        for depth in range(len(parts), -1, -1):
            folder = "/".join(parts[:depth])
            found += self._pack_targets(folder, package_only=depth not in (0, len(parts)))
        elsewhere = [command for folder, command in found if folder != self.base]
        if found and len(elsewhere) == len(found):
            return elsewhere[0]
        return None

    def _pack_targets(self, folder: str, *, package_only: bool) -> list[tuple[str, str]]:
        """(packed folder, command) of the pack commands run from FOLDER, cached per run (one scan per folder)."""
        cache = _PACK_CACHE.setdefault(self.index, {})
        key = (folder, package_only)
        if key not in cache:
            found = []
            for text in _build_texts(self.root / folder if folder else self.root, package_only=package_only,
                                     root=not folder):
                code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(_COMMENT_STARTS))
                stages = _COPIES_MANIFEST.search(code) is not None
                for match in _PACK.finditer(code):
                    target = _first_operand(match.group(1)) or _cd_before(code, match.start())
                    if not target and stages:
                        # the script copies manifest.json into a staging folder and packs there (a `cwd:` option,
                        # a `$BUNDLE_DIR` operand): the manifest in the source tree is a template
                        found.append((_STAGED, match.group(0).strip()))
                        continue
                    packed = posixpath.normpath(posixpath.join(folder, target) if target else (folder or "."))
                    found.append(("" if packed == "." else packed, match.group(0).strip()))
            cache[key] = found
        return cache[key]

    def shipped(self, inside: str) -> bool:
        """A `.mcpb` committed in the bundle folder's parent or below it, built from this manifest (its
        `manifest.json` has the same NAME), holds INSIDE: a build script the repository may not even contain
        assembled the bundle, and what ships is what counts (audit 16: an icon a packaging script adds, a server a
        zip script copies in). Archives are only listed, never extracted; each is read once per run."""
        if not self.name:
            return False
        for archive in self._archives:
            names, built_from = _archive_listing(self, archive)
            if built_from == self.name and inside in names:
                return True
        return False

    @cached_property
    def _archives(self) -> list[str]:
        """The .mcpb files in the folder above the bundle folder and below it (`releases/`, the bundle folder itself)."""
        top = posixpath.dirname(self.base) if self.base else ""
        return [rel for rel in self.index.files
                if rel.endswith(".mcpb") and (not top or rel.startswith(top + "/"))][:20]

    @cached_property
    def looks_staged(self) -> bool:
        """The bundle folder holds no code or project file: a build copies the server in before packing."""
        folder = self.root / self.base if self.base else self.root
        for visited, (_, dirnames, filenames) in enumerate(os.walk(folder)):
            dirnames[:] = [d for d in dirnames if d not in ALWAYS_SKIPPED_DIRS and not d.startswith(".")]
            if any(name.endswith(_SOURCE_SUFFIXES) or name in _PROJECT_FILES for name in filenames):
                return False
            if visited > 500 or len(dirnames) > 200:
                return False  # a large tree is a project, not a staging folder (and the walk stays bounded)
        return True


def _build_texts(here: Path, *, package_only: bool, root: bool) -> Iterator[str]:
    """Texts of HERE's build files that may run `mcpb pack`: package.json scripts and, unless
    PACKAGE_ONLY, shell/Node scripts next to it and in scripts/, Makefile-like files and (at
    the repository root) CI workflows."""
    package = here / "package.json"
    if package.is_file():
        try:
            scripts = json.loads(_read_text(package)).get("scripts", {})
        except (ValueError, AttributeError):
            scripts = {}
        if isinstance(scripts, dict):
            yield "\n".join(str(v) for v in scripts.values())
    if package_only:
        return
    for name in _BUILD_FILES:
        if (here / name).is_file():
            yield _read_text(here / name)
    for folder, suffixes in ((here, (".sh", ".ps1", ".mjs")), (here / "scripts", _SCRIPT_SUFFIXES),
                             *(((here / ".github" / "workflows", (".yml", ".yaml")),) if root else ())):
        for path in _listed(folder, suffixes):
            yield _read_text(path)


def _listed(folder: Path, suffixes: tuple[str, ...], limit: int = 50) -> list[Path]:
    """Up to LIMIT small files of FOLDER with one of SUFFIXES, by name."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(suffixes) and e.is_file()
                           and e.stat().st_size < _MAX_SCANNED)
    except OSError:
        return []
    return [folder / name for name in names[:limit]]


def _cd_before(code: str, start: int) -> str:
    """The folder a `cd <dir> &&` just before the pack command at START changes into ('' for none)."""
    head = code[code.rfind("\n", 0, start) + 1:start + 1]
    match = _CD.search(head)
    target = match.group(2).rstrip("/") if match else ""
    return "" if target.startswith(("$", "~", "/")) else target


def _first_operand(arguments: str) -> str:
    """The folder operand of `pack` (the first word that is not an option), unquoted; '' for none."""
    for word in arguments.split():
        word = word.strip("\"'`")
        if word and not re.search(r"[\w.]", word):
            return ""  # the command's string or call ends here (`execSync("mcpb pack", {cwd: out})`)
        if word and not word.startswith("-") and not word.startswith("$") and not word.endswith(".mcpb"):
            return word.rstrip("/")
        if word.endswith(".mcpb"):
            return ""
    return ""


def png_dimensions(head: bytes) -> tuple[int, int] | None:
    """(width, height) from the IHDR chunk that must follow the PNG signature, or None."""
    if len(head) < 24 or head[12:16] != b"IHDR" or struct.unpack(">I", head[8:12])[0] != 13:
        return None
    width, height = struct.unpack(">II", head[16:24])
    return (width, height) if width and height else None


def _read_text(path) -> str:
    try:
        return path.read_bytes()[:1_000_000].decode("utf-8", errors="replace")
    except OSError:
        return ""


_ARCHIVE_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024


def _archive_listing(bundle: Bundle, rel: str) -> tuple[frozenset[str], str | None]:
    """(the member names, the `name` of its manifest.json) of the .mcpb archive at REL, or (empty, None) when it is
    not a readable zip inside the repository; cached per run."""
    cache = _ARCHIVE_CACHE.setdefault(bundle.index, {})
    if rel in cache:
        return cache[rel]
    import zipfile

    listing: tuple[frozenset[str], str | None] = (frozenset(), None)
    target = bundle._absolute(rel)
    try:
        if target is not None and target.is_file() and target.stat().st_size <= MAX_ARCHIVE_BYTES:
            with zipfile.ZipFile(target) as archive:
                names = frozenset(n.rstrip("/") for n in archive.namelist())
                info = archive.getinfo("manifest.json") if "manifest.json" in names else None
                built_from = None
                if info is not None and info.file_size <= 1024 * 1024:
                    value = json.loads(archive.read(info).decode("utf-8", "replace"))
                    built_from = value.get("name") if isinstance(value, dict) and isinstance(value.get("name"), str) else None
                listing = (names, built_from)
    except (OSError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        pass
    cache[rel] = listing
    return listing
