"""The lint run: files -> standards (parse, emitters) -> cross-file stage -> suppressions -> result.

One tree walk, one parse per file, one check per (file, standard). A crash inside a
standard's check is caught per file and reported as an internal error (exit 2) after
the rest of the run has completed, so one bug never hides every other finding.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from validator.engine import config as config_mod
from validator.engine.config import Config, ConfigError
from validator.engine.files import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, FileIndex, SourceFile, find_root, glob_match
from validator.engine.integrity import refused
from validator.engine.safefs import inside_root
from validator.lint.emit import run_checks, to_finding
from validator.lint.settings import Settings
from validator.lint.suppressions import apply_baseline, apply_inline, apply_per_file, display_path
from validator.model import SEVERITY_RANK, Finding


@dataclass(slots=True)
class LintOptions:
    paths: tuple[str, ...] = ()
    root: Path | None = None
    """Override the repository root (tests and fixtures); default: the git root."""
    cwd: Path | None = None
    config_path: Path | None = None
    no_config: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    baseline: Path | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    max_file_size: int | None = None
    """Bytes per file (the command line's; a configuration file's is capped, see config)."""
    max_files: int | None = None
    prune_baseline: bool = False
    """Rewrite the baseline without the entries this run no longer finds (`--prune-baseline`)."""
    standard: str | None = None
    """Check the named files as this standard whatever their names (`--standard`)."""
    stdin: bytes | None = None
    """The content of the one file named by `stdin_filename` (`check - --stdin-filename NAME`)."""
    stdin_filename: str | None = None


@dataclass(slots=True)
class InternalError:
    path: str
    standard: str
    message: str
    detail: str


@dataclass(slots=True)
class LintResult:
    root: Path
    findings: list[Finding]
    files_checked: int
    config: Config
    errors: list[InternalError] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)
    """Every file checked (repository path -> the standards that checked it), sorted by path."""
    fail_on: str | None = None
    """The severity that fails the run, when the caller decided it (reports agree with the exit code)."""
    suppressed: int = 0
    fixed: dict[str, str] = field(default_factory=dict)
    """Repo-relative path -> new text, for the fixes that were (or would be) applied."""
    original: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        summary = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            summary[finding.severity] += 1
        return summary

    def failing(self, fail_on: str) -> list[Finding]:
        threshold = SEVERITY_RANK[fail_on]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= threshold]


def run_lint(options: LintOptions) -> LintResult:
    from validator.registry import all_rules, standard_names

    cwd = (options.cwd or Path.cwd()).resolve()
    if options.stdin is not None:
        if not options.stdin_filename:
            raise ConfigError("reading from stdin ('-') needs --stdin-filename to say what the file is")
        options = _with_paths(options, (options.stdin_filename,))
    raw_paths = [Path(p) if Path(p).is_absolute() else cwd / p for p in options.paths]
    for path in raw_paths if options.stdin is None else ():
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"no such file or directory: {path}")
    root = (options.root or find_root(raw_paths[0] if raw_paths else cwd)).resolve()

    config = _load_config(options, cwd, root, standard_names())
    rules = all_rules()
    settings = Settings(config, config_mod.Selection(options.select, tuple(options.extend_select), tuple(options.ignore)),
                        rules, root, standard_names(), hierarchical=not (options.no_config or options.config_path))
    excludes = tuple(config.exclude) + tuple(config.extend_exclude)
    max_bytes = options.max_file_size or config.max_file_size or DEFAULT_MAX_BYTES

    index = FileIndex(root, extra_excludes=excludes, max_files=options.max_files or DEFAULT_MAX_FILES)
    forced = _standard_named(options.standard)
    absolute = _ambiguous_root(options, raw_paths, root)
    targets = _targets(raw_paths, root, index, excludes, forced, absolute=absolute)

    from validator.standards.base import CheckContext, Document

    findings: list[Finding] = []
    errors: list[InternalError] = []
    documents = []
    checked: dict[str, list[str]] = {}
    """Repository path -> the standards that checked it (or `general` for a file refused unread)."""
    refused_paths: set[str] = set()
    explicit = {Path(os.path.abspath(path)).as_posix() if absolute else display_path(path, root)
                for path in raw_paths if not path.is_dir()}
    sources: dict[str, SourceFile] = {}
    dangling: list[SourceFile] = []
    """Dangling symlinks found by the walk: reported per layout once the walk is done."""
    for module, relpath, abspath in targets:
        source = sources.get(relpath)
        if source is None and options.stdin is not None:
            source = sources[relpath] = SourceFile(abspath, relpath, max_bytes=max_bytes, raw=options.stdin)
        if source is None:
            # reads stay inside the root, resolved, unless the walk vouches for the path or the
            # user named a path outside the root (its absolute path is shown)
            confine = not relpath.startswith("/") and not index.plainly_inside(relpath)
            source = sources[relpath] = SourceFile(abspath, relpath, max_bytes=max_bytes, root=root if confine else None)
        refusal = source.refusal
        if refusal is not None and not (refusal.kind in ("outside", "dangling") and getattr(module, "REPORTS_SYMLINKS", False)):
            # Never read. Reported once per file when it was asked for or owned by its name
            # (server.json, SKILL.md); a catch-all `*.json` cannot tell without reading it.
            if relpath not in refused_paths and (relpath in explicit or _named(module, relpath)):
                refused_paths.add(relpath)
                checked.setdefault(relpath, []).append("general")
                if refusal.kind == "dangling" and relpath not in explicit:
                    dangling.append(source)
                else:
                    findings.append(to_finding(refused(refusal), Document(source, "general")))
            continue
        scope = settings.scope(relpath)
        ctx = CheckContext(root=root, index=index, options=scope.config.standards.get(module.NAME, {}), enabled=scope.enabled)
        try:
            document = module.parse(source, ctx)
            if document is None:
                continue
            checked.setdefault(relpath, []).append(module.NAME)
            documents.append(document)
            findings.extend(to_finding(problem, document) for problem in document.problems)
            if document.data is not None:
                findings.extend(run_checks(document, ctx, module.CHECKS))
        except Exception as err:  # noqa: BLE001 - reported as an internal error, run continues
            errors.append(InternalError(relpath, module.NAME, f"{type(err).__name__}: {err}", traceback.format_exc()))

    findings.extend(_dangling_findings(dangling))

    from validator import crossfile

    anywhere = settings.enabled_anywhere()
    try:
        repository = _RunDocuments(documents, sources, index, settings, max_bytes)
        facts = crossfile.gather(documents, index, repository)
        if facts is not None:
            # the XF emitters take the facts in place of one document; their problems all carry `path=`.
            # All or nothing: a crash keeps none of the stage's findings.
            findings.extend(list(run_checks(facts, CheckContext(root=root, index=index, enabled=anywhere),
                                            crossfile.CHECKS)))
    except Exception as err:  # noqa: BLE001
        errors.append(InternalError("", "crossfile", f"{type(err).__name__}: {err}", traceback.format_exc()))

    findings = drop_superseded([f for f in findings if f.rule.code in settings.scope(f.path).enabled])
    for finding in findings:
        level = settings.scope(finding.path).severity.get(finding.rule.code)
        if level is not None:
            finding.severity = level
    findings, by_path = apply_per_file(findings, settings, root, whole_repository=not raw_paths)
    findings, suppressed = apply_inline(documents, findings, lambda path: settings.scope(path).enabled)
    suppressed += by_path

    # A baseline named on the command line is the user's; one named by a configuration
    # file may come from the repository under test, so it must lie inside it.
    if options.baseline is not None:
        findings, by_baseline = apply_baseline(findings, options.baseline, root, anywhere, confine=False,
                                               prune_scope=set(checked) if options.prune_baseline else None)
        suppressed += by_baseline
    elif config.baseline:
        findings, by_baseline = apply_baseline(findings, root / config.baseline, root, anywhere, confine=True,
                                               prune_scope=set(checked) if options.prune_baseline else None)
        suppressed += by_baseline
    elif options.prune_baseline:
        raise ConfigError("--prune-baseline needs a baseline (--baseline FILE, or `baseline` in the configuration)")
    if index.truncated:
        raise ConfigError(f"the repository lists more than {index.max_files:,} files that are not ignored; nothing was "
                          "reported for the rest, so the run stops here: exclude folders (exclude = [...]) or raise "
                          "the limit with --max-files")

    findings.sort(key=Finding.sort_key)
    result = LintResult(root=root, findings=findings, files_checked=len(checked), config=config,
                        files=dict(sorted(checked.items())),
                        errors=errors, suppressed=suppressed)
    if options.fix or options.diff:
        from validator.engine.fixes import plan_fixes

        plan_fixes(result, sources, unsafe=options.unsafe_fixes)
    return result


class _RunDocuments:
    """The repository's documents for the cross-file stage (`validator.crossfile.facts.Repository`).

    Those this run parsed are returned as they are; any other file is parsed on demand
    with its standard's own `parse`, once per run. A file that cannot be parsed is
    simply not there: its own problems are reported only when it is checked itself.
    """

    def __init__(self, documents, sources: dict[str, SourceFile], index: FileIndex, settings: Settings, max_bytes: int) -> None:
        from validator.registry import standards

        self._modules = {module.NAME: module for module in standards()}
        self._parsed: dict[tuple[str, str], object] = {(doc.standard, doc.relpath): doc for doc in documents}
        self._sources, self._index, self._settings = sources, index, settings
        self._max_bytes = max_bytes
        self._paths: dict[str, list[str]] = {}

    def paths(self, standard: str) -> list[str]:
        if standard not in self._paths:
            module = self._modules.get(standard)
            self._paths[standard] = list(module.discover(self._index)) if module is not None else []
        return self._paths[standard]

    def document(self, standard: str, relpath: str):
        key = (standard, relpath)
        if key not in self._parsed:
            self._parsed[key] = self._parse(standard, relpath)
        return self._parsed[key]

    def _parse(self, standard: str, relpath: str):
        from validator.standards.base import CheckContext

        module = self._modules.get(standard)
        path = self._index.resolve(relpath)
        if module is None or path is None:
            return None
        # confined like every read: a symlinked client config elsewhere is never compared
        source = self._sources.get(relpath) or SourceFile(path, relpath, max_bytes=self._max_bytes, root=self._index.root)
        if source.refusal is not None:
            return None
        scope = self._settings.scope(relpath)
        ctx = CheckContext(root=self._index.root, index=self._index, options=scope.config.standards.get(standard, {}),
                           enabled=scope.enabled)
        try:
            return module.parse(source, ctx)
        except Exception:  # noqa: BLE001 - a file that cannot be read is simply not compared
            return None


def _load_config(options: LintOptions, cwd: Path, root: Path, names: list[str]) -> Config:
    if options.no_config:
        return Config()
    if options.config_path is not None:  # the user's: may extend any file
        return config_mod.load_config(options.config_path, names)
    path = config_mod.find_config(cwd if _within(cwd, root) else root, root)
    if path is None:
        return Config()
    return config_mod.load_config(path, names, root=root)  # the repository's: extends stay inside it


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def drop_superseded(findings: list[Finding]) -> list[Finding]:
    """One fault, one finding: a finding whose rule another finding at the same start supersedes is dropped."""
    replacing: dict[tuple, set[str]] = {}
    for finding in findings:
        if finding.rule.supersedes:
            replacing.setdefault((finding.path, finding.line, finding.column), set()).update(finding.rule.supersedes)
    if not replacing:
        return findings
    return [f for f in findings if f.rule.code not in replacing.get((f.path, f.line, f.column), ())]


def _dangling_findings(sources: list[SourceFile]) -> list[Finding]:
    """GEN007 for dangling symlinks, one finding per layout: the symlinks of one folder, or the same file
    name one folder down in each (`.gemini/skills/*/SKILL.md`), are one stale mirror and one fix."""
    from posixpath import basename, dirname

    from validator.standards.base import Document

    by_folder: dict[str, list[SourceFile]] = {}
    for source in sorted(sources, key=lambda source: source.relpath):
        by_folder.setdefault(dirname(source.relpath), []).append(source)
    groups: dict[str, list[SourceFile]] = {}
    for folder, members in by_folder.items():
        if len(members) > 1:
            groups[f"{folder or '.'}/"] = members
        else:
            rel = members[0].relpath
            groups.setdefault(f"{dirname(folder) or '.'}/*/{basename(rel)}" if folder else rel, []).append(members[0])
    findings = []
    for pattern, members in groups.items():
        first, rest = members[0], members[1:]
        also = tuple(_short(source.relpath, pattern) for source in rest)
        problem = refused(first.refusal, target=_link_target(first), also=also, pattern=pattern)
        findings.append(to_finding(problem, Document(first, "general")))
    return findings


def _short(relpath: str, pattern: str) -> str:
    """The part of RELPATH that differs within PATTERN: the folder for `x/*/SKILL.md`, the name for `x/`."""
    if "/*/" in pattern:
        return relpath.rsplit("/", 2)[-2]
    return relpath.rsplit("/", 1)[-1]


def _link_target(source: SourceFile) -> str:
    """A dangling symlink's relative target (`../../x/SKILL.md`), or '' for an absolute one: a path on the
    author's machine is not ours to print."""
    try:
        target = os.readlink(source.path)
    except OSError:
        return ""
    return f"-> {target}" if not os.path.isabs(target) else ""


def _named(module, relpath: str) -> bool:
    """RELPATH matches one of MODULE's patterns whose last part is a plain file name."""
    return any("*" not in pattern.rsplit("/", 1)[-1] and glob_match(relpath, pattern) for pattern in module.PATTERNS)


def _with_paths(options: LintOptions, paths: tuple[str, ...]) -> LintOptions:
    return LintOptions(**{**{name: getattr(options, name) for name in LintOptions.__slots__}, "paths": paths})


def _standard_named(name: str | None):
    """The standard module `--standard NAME` names (None when not given)."""
    if name is None:
        return None
    from validator.registry import standards

    found = next((module for module in standards() if module.NAME == name), None)
    if found is None:
        raise ConfigError(f"unknown standard {name!r}; one of: {', '.join(m.NAME for m in standards())}")
    return found


def _ambiguous_root(options: LintOptions, raw_paths: list[Path], root: Path) -> bool:
    """The paths given lie in several folders and no repository holds them: the root is only the first one's
    folder, so paths relative to it would read as if every file were there (`a/server.json` and
    `b/server.json` checked from elsewhere showed as `server.json` and `/abs/b/server.json`)."""
    if options.root is not None or len(raw_paths) < 2 or (root / ".git").exists():
        return False
    folders = {Path(os.path.abspath(p if p.is_dir() else p.parent)) for p in raw_paths}
    return len(folders) > 1


def _targets(raw_paths: list[Path], root: Path, index: FileIndex, excludes: tuple[str, ...], forced=None, *,
             absolute: bool = False):
    """(standard module, relpath, absolute path) for every file to check. FORCED (a standard module)
    owns every file named explicitly, whatever its name. ABSOLUTE: name every given path by its
    absolute path (see `_ambiguous_root`), never relative to a root the user did not choose."""
    from validator.registry import standards
    from validator.standards.base import matches

    modules = standards()
    out = []
    seen: set[tuple[str, str]] = set()

    def add(module, rel: str, abspath: Path) -> None:
        key = (module.NAME, rel)
        if key not in seen:
            seen.add(key)
            out.append((module, rel, abspath))

    if not raw_paths:
        for module in modules:
            for rel in module.discover(index):
                add(module, rel, root / rel)
        return out
    for path in raw_paths:
        if path.is_dir():
            base = Path(os.path.abspath(path)).as_posix() if absolute else display_path(path, root)
            lexically_inside = not base.startswith("/")
            if lexically_inside and not inside_root(path, root):
                raise ConfigError(f"{base} is a symlink that leads out of the repository; not followed")
            inside = base if lexically_inside else None
            sub_index = index if inside is not None else FileIndex(path.resolve(), extra_excludes=excludes)
            prefix = "" if inside in (None, ".", "") else inside + "/"
            for module in modules:
                for rel in module.discover(sub_index):
                    if rel.startswith(prefix):
                        full = rel if inside is not None else f"{base.rstrip('/')}/{rel}"
                        add(module, full, (root / rel) if inside is not None else path / rel)
            continue
        rel = Path(os.path.abspath(path)).as_posix() if absolute else display_path(path, root)
        if any(glob_match(rel, pattern) for pattern in excludes):
            continue
        for module in (forced,) if forced is not None else modules:
            if forced is not None or matches(rel, module.PATTERNS):
                add(module, rel, path)
    return out
