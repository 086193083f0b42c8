"""The lint run: files -> standards (parse, emitters) -> cross-file stage -> suppressions -> result.

One tree walk, one parse per file, one check per (file, standard). A crash inside a
standard's check is caught per file and reported as an internal error (exit 2) after
the rest of the run has completed, so one bug never hides every other finding.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.engine import config as config_mod
from validator.engine.config import Config, ConfigError
from validator.engine.files import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, FileIndex, SourceFile, discovered_by_default, find_root, glob_match
from validator.engine.safefs import inside_root
from validator.lint.emit import run_checks
from validator.lint.settings import Settings
from validator.lint.suppressions import apply_baseline, apply_inline, apply_per_file, display_path, inline_tables
from validator.lint.target import InternalError, TargetRun, current_traceback, dangling_findings, source_of
from validator.model import SEVERITY_RANK, Finding
from validator.records import field, record, replace


@record
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
    jobs: int | None = 1
    """Processes that check files (`--jobs`; None: one per CPU); large runs only, see `validator.lint.parallel`."""
    cache: bool = False
    """Reuse the findings of targets nothing changed for (`validator.lint.cache`; the CLI's `--no-cache` turns it off)."""
    cache_dir: Path | None = None
    """Where the result cache lives (default: the user's cache folder, see `cache.default_dir`)."""
    changed_since: str | None = None
    """Lint only what changed since this git revision could have changed (`--changed-since`, see `since`)."""
    fold: bool = True
    """Fold the repeats of rules that judge a convention into one finding (`validator.lint.fold`; `--no-fold`)."""


@record
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
    folded: int = 0
    """Findings folded into the first of their kind (`validator.lint.fold`); not in `findings`."""
    repositories: int = 1
    """Git repositories the run linted, each with its own root (`validator.lint.repositories`)."""

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
        options = replace(options, paths=(options.stdin_filename,))
    raw_paths = [Path(p) if Path(p).is_absolute() else cwd / p for p in options.paths]
    for path in raw_paths if options.stdin is None else ():
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"no such file or directory: {path}")
    if options.root is None and options.stdin is None and len(raw_paths) > 1:
        from validator.lint.repositories import by_repository, lint_each

        groups = by_repository(raw_paths)
        if groups is not None:
            return lint_each(replace(options, cwd=cwd), groups, run_lint, LintResult)
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
    selection, every_target = None, targets
    if options.changed_since is not None:
        targets, selection = _changed_targets(options, targets, root, settings, index)

    run = TargetRun(options, root, index, settings, max_bytes,
                    explicit={Path(os.path.abspath(path)).as_posix() if absolute else display_path(path, root)
                              for path in raw_paths if not path.is_dir()})
    from validator.lint.parallel import check_targets

    jobs = options.jobs if not (options.fix or options.diff) else 1
    cache = None
    if options.cache and not (options.fix or options.diff or options.stdin is not None or options.prune_baseline):
        from validator.lint.cache import ResultCache

        cache = ResultCache(root, index, options.cache_dir, max_bytes)
    try:
        outcomes, tables = check_targets(run, targets, jobs) if cache is None else _through_cache(cache, run, targets, jobs)
        result = _finish(options, run, config, targets, outcomes, tables, selection, every_target, cache is not None)
    except BaseException:
        if cache is not None:
            cache.close()
        raise
    if cache is not None:
        cache.save()
    return result


def _through_cache(cache, run: TargetRun, targets: list, jobs: int | None) -> tuple[list, dict]:
    """The outcomes of TARGETS, those the cache holds taken from it, the rest checked (and stored)."""
    from validator.lint.parallel import check_targets
    from validator.lint.target import TargetOutcome, source_of

    outcomes, missed, keys = [], [], []
    cache.require_shape(run, targets)
    for position, (module, relpath, abspath) in enumerate(targets):
        key = cache.key(run, module, relpath, abspath, source_of(run, relpath, abspath))
        found = cache.get(key) if key is not None else None
        if found is None:
            missed.append(position)
            keys.append(key)
        else:
            outcomes.append(TargetOutcome(position, relpath, found[1], checked=found[0]))
    checked, tables = check_targets(run, [targets[i] for i in missed], jobs)
    for outcome in checked:
        key = keys[outcome.position]
        outcome.position = missed[outcome.position]
        if key is not None:
            cache.put(key, outcome)
    outcomes.extend(checked)
    outcomes.sort(key=lambda outcome: outcome.position)
    return outcomes, tables


def _finish(options: LintOptions, run: TargetRun, config: Config, targets: list, outcomes: list, tables: dict, selection,
            every_target: list, cached: bool) -> LintResult:
    """The result of a run from its targets' outcomes: the cross-file stage, suppressions, baseline."""
    from validator.lint.target import check_target

    root, index, settings, max_bytes = run.root, run.index, run.settings, run.max_bytes
    raw_paths = list(options.paths)
    findings: list[Finding] = []
    errors: list[InternalError] = []
    documents = []
    checked: dict[str, list[str]] = {}
    """Repository path -> the standards that checked it (or `general` for a file refused unread)."""
    dangling = []
    """Dangling symlinks found by the walk: reported per layout once every file is done."""
    for outcome in outcomes:
        if outcome.checked is not None:
            checked.setdefault(outcome.relpath, []).append(outcome.checked)
        if outcome.document is not None:
            documents.append(outcome.document)
        if outcome.dangling:
            _, relpath, abspath = targets[outcome.position]
            dangling.append(source_of(run, relpath, abspath))
        findings.extend(outcome.findings)
        if outcome.error is not None:
            errors.append(outcome.error)
    sources = run.sources

    findings.extend(dangling_findings(dangling))

    from validator import crossfile
    from validator.standards.base import CheckContext

    anywhere = settings.enabled_anywhere()
    crossfile_findings: list[Finding] = []
    try:
        if selection is None or selection.crossfile:
            repository = _RunDocuments(documents, sources, index, settings, max_bytes)
            staged = documents if selection is None and not cached else _stage_documents(every_target, repository)
            facts = crossfile.gather(staged, index, repository)
            if facts is not None:
                # the XF emitters take the facts in place of one document; their problems all carry `path=`.
                # All or nothing: a crash keeps none of the stage's findings.
                crossfile_findings = list(run_checks(facts, CheckContext(root=root, index=index, enabled=anywhere),
                                                     crossfile.CHECKS))
    except Exception as err:  # noqa: BLE001
        errors.append(InternalError("", "crossfile", f"{type(err).__name__}: {err}", current_traceback()))
    findings.extend(crossfile_findings)
    if selection is not None:
        # A cross-file finding may lie in a file this run did not lint; that file is linted too, so that
        # its own findings (which may supersede it) and its inline directives (which may suppress it) count.
        hosts = {finding.path for finding in crossfile_findings} - {outcome.relpath for outcome in outcomes}
        for outcome in [check_target(run, len(targets) + i, *target)
                        for i, target in enumerate(t for t in selection.rest if t[1] in hosts)]:
            if outcome.checked is not None:
                checked.setdefault(outcome.relpath, []).append(outcome.checked)
            if outcome.document is not None:
                documents.append(outcome.document)
            findings.extend(outcome.findings)
            if outcome.error is not None:
                errors.append(outcome.error)

    findings = drop_superseded([f for f in findings if f.rule.code in settings.scope(f.path).enabled])
    for finding in findings:
        level = settings.scope(finding.path).severity.get(finding.rule.code)
        if level is not None:
            finding.severity = level
    whole = not raw_paths and (selection is None or selection.everything)
    findings, by_path = apply_per_file(findings, settings, root, whole_repository=whole)
    # a `--changed-since` run calls stale only the baseline entries of the files it linted
    partial = set(checked) if selection is not None and not selection.everything else None
    findings, suppressed = apply_inline({**tables, **inline_tables(documents)}, findings,
                                        lambda path: settings.scope(path).enabled)
    suppressed += by_path

    # A baseline named on the command line is the user's; one named by a configuration
    # file may come from the repository under test, so it must lie inside it.
    if options.baseline is not None:
        findings, by_baseline = apply_baseline(findings, options.baseline, root, anywhere, confine=False,
                                               prune_scope=set(checked) if options.prune_baseline else None,
                                               stale_scope=partial)
        suppressed += by_baseline
    elif config.baseline:
        findings, by_baseline = apply_baseline(findings, root / config.baseline, root, anywhere, confine=True,
                                               prune_scope=set(checked) if options.prune_baseline else None,
                                               stale_scope=partial)
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
    if options.fold and config.fold is not False:
        # after the suppressions and the baseline judged each original finding, and after the fixes were planned
        from validator.lint.fold import fold

        result.findings, result.folded = fold(result.findings)
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
            self._paths[standard] = ([rel for rel in module.discover(self._index) if discovered_by_default(rel)]
                                     if module is not None else [])
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


def _stage_documents(targets: list, repository: _RunDocuments) -> list:
    """The documents a full run hands the cross-file stage, in its order: those of every target of the
    standards the stage reads (parsed here when this run did not lint them)."""
    from validator.crossfile.facts import STANDARDS_READ

    documents = (repository.document(module.NAME, relpath) for module, relpath, _ in targets if module.NAME in STANDARDS_READ)
    return [document for document in documents if document is not None]


def _changed_targets(options: LintOptions, targets: list, root: Path, settings: Settings, index: FileIndex):
    """The TARGETS a `--changed-since` run lints, and its `since.Selection` (with `rest`: the others)."""
    from validator.lint import since

    if options.paths:
        raise ConfigError("--changed-since lints what changed in the whole repository; give it no paths")
    changes = since.changed_since(root, options.changed_since or "", index.files)
    configs = {display_path(scope.config.path, root) for scope in (settings.run_scope, *(settings.scope(rel) for _, rel, _ in targets))
               if scope.config.path is not None}
    selection = since.select(targets, changes, configs)
    chosen = set(selection.positions)
    selection.rest = [target for i, target in enumerate(targets) if i not in chosen]
    return [targets[i] for i in selection.positions], selection


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
                if discovered_by_default(rel):
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
                    # test fixtures and backup copies below the named folder are skipped; naming such a folder checks it
                    if rel.startswith(prefix) and discovered_by_default(rel[len(prefix):] if inside is not None else rel):
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
