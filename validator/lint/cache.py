"""The result cache of `check`: a target's findings reused when nothing they depend on changed.

A target's entry is keyed by the tool version, the standard, the file's path and content,
and its effective configuration (the rules enabled for it and its standard's options, the
size limit, whether it was named). Every standard whose checks read more than the file
itself (all but `since.SELF_CONTAINED`) also depends on the repository: its entries are
valid only while the *repository fingerprint* is unchanged, which covers the listing (every
listed file and folder, each file's kind and content, the ignored folders) and every
question the checks asked about a path that is not listed (`engine.probes`: an ignored
`dist/` file's existence, `.git/info/exclude` ...), asked again and answered the same. So
one edit anywhere makes every such target checked again: coarse, and safe whatever file a
check reads through the repository's readers. The MCPB checks read the bundle folder from
the disk directly, so their targets are never cached (`NEVER_CACHED`), and neither are
files with inline directives (their suppression tables come from the parse), files that
were refused, and targets whose check raised.

A file's content hash is reused from the last run when its size, inode, mtime and ctime
are unchanged and both times lie more than `RACY_NS` before that run started (git's
"racy clean" rule: a write within the same clock tick leaves the times unchanged).

The cache lives in `$XDG_CACHE_HOME/agentconform` (or `~/.cache/agentconform`), one JSON
file per repository root, never in the linted repository unless `--cache-dir` says so. It
is JSON, never pickle, so a planted cache file can at worst give wrong findings, never
run code; it is written atomically (a temporary file renamed over the old one); an
unreadable, corrupt, or other-version cache is ignored without a word.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_mod
import time
from pathlib import Path

from validator.engine import probes
from validator.engine.files import DEFAULT_MAX_BYTES
from validator.model import Edit, Finding, Fix

FORMAT = 1
RACY_NS = 3_000_000_000
NEVER_CACHED = frozenset({"mcpb-manifest"})
"""Standards whose checks read files without the recorded readers (the MCPB bundle's folder)."""
_CHUNK = 1 << 20


LIBRARIES = ("jsonschema", "jsonschema-specifications", "referencing", "pydantic", "pydantic-core", "markdown-it-py",
             "markdown-it-pyrs", "mdurl", "PyYAML")
"""Distributions whose behaviour findings depend on (parsers, schema validation): their versions are in the key."""


def _code_signature() -> str:
    """The installed code's name, size and mtime of every module, the Python and library versions:
    a development checkout, a reinstall under the same version number or an upgraded parser gets a
    cache of its own."""
    import sys
    from importlib import metadata

    package = Path(__file__).resolve().parent.parent
    whole = hashlib.blake2b(digest_size=12)
    whole.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            whole.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            whole.update(f"{name}=;".encode())
    pending = [package]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as found:
                children = sorted(found, key=lambda entry: entry.name)
        except OSError:
            continue
        for child in children:
            if child.is_dir(follow_symlinks=False) and child.name != "__pycache__":
                pending.append(Path(child.path))
            elif child.name.endswith((".py", ".json")):
                info = child.stat()
                whole.update(f"{child.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return whole.hexdigest()


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "agentconform"


class ResultCache:
    """One run's view of the cache file of one repository root."""

    def __init__(self, root: Path, index, folder: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        from validator.version import __version__

        self.root, self.index = root, index
        self.read_limit = max(max_bytes, DEFAULT_MAX_BYTES)
        """No reader reads more of a file than this: a larger one is refused whole, its size is all that counts."""
        self.version = f"{__version__}+{_code_signature()}"
        self.path = (folder or default_dir()) / (hashlib.sha256(str(root).encode("utf-8", "surrogateescape"))
                                                  .hexdigest()[:32] + ".json")
        self.started_ns = time.time_ns()
        stored = self._load() or {}
        self._stats: dict = stored.get("stats", {})
        self._written_ns = stored.get("written_ns", 0)
        self.fingerprint, self._new_stats = self._listing_fingerprint()
        old_probes = stored.get("probes", [])
        self.context_valid = bool(stored) and stored.get("fingerprint") == self.fingerprint and self._same_answers(old_probes)
        self._entries: dict = stored.get("entries", {})
        self._stored_shape = stored.get("shape")
        self.shape = ""
        if not self.context_valid:
            self._entries = {key: entry for key, entry in self._entries.items() if not entry.get("context")}
        self._probes = {(kind, rel, limit): answer for kind, rel, limit, answer in old_probes} if self.context_valid else {}
        self._kept: dict = {}
        probes.ACTIVE = {}

    # -- reading --------------------------------------------------------------------------------
    def _load(self) -> dict | None:
        try:
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != self.version \
                or data.get("root") != str(self.root):
            return None
        if not all(isinstance(data.get(name), kind) for name, kind in
                   (("stats", dict), ("entries", dict), ("probes", list), ("written_ns", int), ("fingerprint", str))):
            return None
        return data

    def _same_answers(self, stored: list) -> bool:
        from validator.repo.files import Repo

        repo = Repo.of(self.index)
        ask = {"stat": repo.stat, "bytes": repo.read_bytes, "real": repo.realpath, "exists": self.index.exists}
        try:
            for kind, rel, limit, answer in stored:
                if kind == "text":
                    now = self.index.read_text(rel, limit=limit)
                elif kind in ask:
                    now = ask[kind](rel)
                else:
                    return False
                if probes.digest(now) != answer:
                    return False
        except (TypeError, ValueError):
            return False
        return True

    # -- the repository fingerprint -------------------------------------------------------------
    def _listing_fingerprint(self) -> tuple[str, dict]:
        index = self.index
        whole = hashlib.blake2b(digest_size=20)
        stats: dict = {}
        for rel, entry in sorted(index.entries.items()):
            whole.update(json.dumps([rel, entry.walked, entry.is_symlink, entry.link_target, self._content(rel, stats)])
                         .encode("utf-8", "surrogateescape"))
        for name, folders in (("dirs", index.dirs), ("ignored", index._ignored_dirs)):
            whole.update(json.dumps([name, sorted(folders), index.truncated]).encode("utf-8", "surrogateescape"))
        return whole.hexdigest(), stats

    def _content(self, rel: str, stats: dict) -> str:
        """What REL holds: its content's digest (a regular file, or a symlink's regular target inside the root), else its kind."""
        path = self.root / rel
        try:
            info = os.lstat(path)
            if stat_mod.S_ISLNK(info.st_mode):
                real = path.resolve(strict=True)
                inside = real == self.root or self.root in real.parents
                info = os.stat(real)
                if not inside or not stat_mod.S_ISREG(info.st_mode) or info.st_size > self.read_limit:
                    return f"link:{inside}:{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
                return "link:" + self._hash(real)
        except (OSError, RuntimeError):
            return "gone"
        if not stat_mod.S_ISREG(info.st_mode):
            return f"mode:{info.st_mode}"
        if info.st_size > self.read_limit:
            return f"large:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
        signature = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
        old = self._stats.get(rel)
        settled = max(info.st_mtime_ns, info.st_ctime_ns) < self._written_ns - RACY_NS
        if isinstance(old, list) and old[:4] == signature and settled and isinstance(old[4], str):
            digest = old[4]
        else:
            digest = self._hash(path)
        stats[rel] = [*signature, digest]
        return digest

    @staticmethod
    def _hash(path: Path) -> str:
        whole = hashlib.blake2b(digest_size=20)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            if not stat_mod.S_ISREG(os.fstat(fd).st_mode):
                return "special"
            while chunk := os.read(fd, _CHUNK):
                whole.update(chunk)
        finally:
            os.close(fd)
        return whole.hexdigest()

    # -- the run's shape ------------------------------------------------------------------------
    def require_shape(self, run, targets: list) -> None:
        """Context entries hold only for a run of the same shape: the same targets with the same
        configurations. Checks share what they derive through the run's reader (`Repo.memo`,
        `Repo.cache`), built by whichever target asks first. Those tables are derived from the
        repository alone today, but should one ever depend on the asking file's options, a run
        that takes some targets from the cache and checks others would build it from another
        file than a cold run does; with the shape fixed, a configuration change re-checks them all."""
        from validator.lint.since import SELF_CONTAINED

        whole = hashlib.blake2b(digest_size=20)
        for module, relpath, abspath in targets:
            if module.NAME in SELF_CONTAINED:
                continue
            scope = run.settings.scope(relpath)
            whole.update(json.dumps([module.NAME, relpath, str(abspath), relpath in run.explicit, sorted(scope.enabled),
                                     scope.config.standards.get(module.NAME, {})], sort_keys=True, default=repr)
                         .encode("utf-8", "surrogateescape"))
        whole.update(str(run.max_bytes).encode())
        self.shape = whole.hexdigest()
        if self._stored_shape != self.shape:
            self._entries = {key: entry for key, entry in self._entries.items() if not entry.get("context")}

    # -- entries --------------------------------------------------------------------------------
    def key(self, run, module, relpath: str, abspath: Path, source) -> str | None:
        """The entry key of this target, or None when it is never cached."""
        from validator.lint.since import SELF_CONTAINED

        if module.NAME in NEVER_CACHED or source.refusal is not None or getattr(run.options, "stdin", None) is not None \
                or source.too_large:
            return None  # a too-large file is sniffed by its head, which its (empty) content in the key does not cover
        raw = source.raw
        if b"agentconform-" in raw:
            return None  # its inline suppression table comes from the parse
        scope = run.settings.scope(relpath)
        context = module.NAME not in SELF_CONTAINED
        described = json.dumps([FORMAT, self.version, module.NAME, relpath, str(abspath), source.size, run.max_bytes,
                                relpath in run.explicit, sorted(scope.enabled),
                                scope.config.standards.get(module.NAME, {}), context],
                               sort_keys=True, default=repr)
        whole = hashlib.blake2b(described.encode("utf-8", "surrogateescape"), digest_size=20)
        whole.update(raw)
        return ("c" if context else "s") + whole.hexdigest()

    def get(self, key: str):
        """The outcome parts (checked, findings) stored under KEY, or None."""
        from validator.registry import all_rules

        entry = self._entries.get(key)
        if not isinstance(entry, dict):
            return None
        rules = all_rules()
        try:
            findings = [_finding(item, rules) for item in entry["findings"]]
            checked = entry["checked"]
        except (KeyError, TypeError, ValueError):
            return None
        if checked is not None and not isinstance(checked, str):
            return None
        self._kept[key] = entry
        return checked, findings

    def put(self, key: str, outcome) -> None:
        if outcome.error is not None:
            return
        self._kept[key] = {"context": key.startswith("c"), "checked": outcome.checked,
                           "findings": [_encode(finding) for finding in outcome.findings]}

    def note_probes(self, found: dict) -> None:
        """Merge what workers recorded (their copy of `probes.ACTIVE`)."""
        if probes.ACTIVE is not None:
            probes.ACTIVE.update(found)

    def save(self) -> None:
        """Write the entries this run used or made, atomically; a failure to write costs only the cache."""
        recorded = dict(self._probes)
        for key, answer in (probes.ACTIVE or {}).items():
            if recorded.get(key, answer) != answer:  # a file changed while the run read it
                self._kept = {k: entry for k, entry in self._kept.items() if not entry.get("context")}
            recorded[key] = answer
        probes.ACTIVE = None
        data = {"format": FORMAT, "version": self.version, "root": str(self.root), "written_ns": self.started_ns,
                "fingerprint": self.fingerprint, "shape": self.shape, "stats": self._new_stats,
                "probes": [[kind, rel, limit, answer] for (kind, rel, limit), answer in sorted(recorded.items())],
                "entries": self._kept}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(data, handle, separators=(",", ":"))
            os.replace(temporary, self.path)
        except OSError:
            try:
                temporary.unlink()
            except (OSError, UnboundLocalError):
                pass

    def close(self) -> None:
        """Stop recording without writing (the run failed)."""
        probes.ACTIVE = None


def _encode(finding: Finding) -> list:
    fix = finding.fix
    return [finding.rule.code, finding.path, finding.line, finding.column, finding.end_line, finding.end_column,
            finding.message, finding.severity,
            None if fix is None else [fix.description, [[e.start, e.end, e.replacement] for e in fix.edits],
                                      fix.safety, fix.drop_bom]]


def _finding(item: list, rules: dict) -> Finding:
    code, path, line, column, end_line, end_column, message, severity, fix = item
    rule = rules[code]
    if severity not in ("error", "warning", "info"):
        raise ValueError(severity)
    made = None
    if fix is not None:
        description, edits, safety, drop_bom = fix
        made = Fix(str(description), tuple(Edit(int(a), int(b), str(text)) for a, b, text in edits),
                   "unsafe" if safety == "unsafe" else "safe", bool(drop_bom))
    return Finding(rule, str(path), int(line), int(column), int(end_line), int(end_column), str(message), severity, made)
