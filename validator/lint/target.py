"""Checking one (standard, file) target of a lint run: read it (or say why not), parse it,
run its standard's emitters; a crash inside a standard becomes an `InternalError`.

Shared by the run in one process (`runner`) and by the worker processes of a parallel
run (`parallel`): everything it needs is in a `TargetRun`, everything it gives in a
`TargetOutcome`.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.engine.files import FileIndex, SourceFile, glob_match
from validator.engine.integrity import refused
from validator.lint.emit import run_checks, to_finding
from validator.lint.settings import Settings
from validator.model import Finding
from validator.records import field, record


@record
class InternalError:
    path: str
    standard: str
    message: str
    detail: str



@record
class TargetRun:
    """What checking one file needs: the run's options, index and settings (shared with
    forked worker processes), and this process's readers and refused-file memory."""

    options: object
    """The run's `runner.LintOptions` (only `stdin` is read here)."""
    root: Path
    index: FileIndex
    settings: Settings
    max_bytes: int
    explicit: set[str]
    """Paths the user named (a refused one is reported even when its name says nothing)."""
    sources: dict[str, SourceFile] = field(default_factory=dict)
    refused_paths: set[str] = field(default_factory=set)


@record
class TargetOutcome:
    """What checking one (standard, file) target gave, in the run's target order."""

    position: int
    relpath: str
    findings: list[Finding]
    checked: str | None = None
    """The standard that checked the file (`general`: refused unread); None when it was not its file."""
    error: InternalError | None = None
    document: object = None
    """The parsed document (in the process that parsed it only: never sent between processes)."""
    dangling: bool = False
    """A dangling symlink the run reports with the others of its layout (`dangling_findings`)."""


def check_target(run: TargetRun, position: int, module, relpath: str, abspath: Path) -> TargetOutcome:
    """Parse RELPATH as MODULE's standard and run its emitters (or report why it was not read)."""
    from validator.standards.base import CheckContext, Document

    outcome = TargetOutcome(position, relpath, [])
    source = source_of(run, relpath, abspath)
    refusal = source.refusal
    if refusal is not None and not (refusal.kind in ("outside", "dangling") and getattr(module, "REPORTS_SYMLINKS", False)):
        # Never read. Reported once per file when it was asked for or owned by its name
        # (server.json, SKILL.md); a catch-all `*.json` cannot tell without reading it.
        if relpath not in run.refused_paths and (relpath in run.explicit or named_by_pattern(module, relpath)):
            run.refused_paths.add(relpath)
            outcome.checked = "general"
            if refusal.kind == "dangling" and relpath not in run.explicit:
                outcome.dangling = True
            else:
                outcome.findings.append(to_finding(refused(refusal), Document(source, "general")))
        return outcome
    scope = run.settings.scope(relpath)
    ctx = CheckContext(root=run.root, index=run.index, options=scope.config.standards.get(module.NAME, {}), enabled=scope.enabled)
    try:
        document = module.parse(source, ctx)
        if document is None:
            return outcome
        outcome.checked, outcome.document = module.NAME, document
        outcome.findings.extend(to_finding(problem, document) for problem in document.problems)
        if document.data is not None:
            outcome.findings.extend(run_checks(document, ctx, module.CHECKS))
    except Exception as err:  # noqa: BLE001 - reported as an internal error, run continues
        outcome.error = InternalError(relpath, module.NAME, f"{type(err).__name__}: {err}", current_traceback())
    return outcome


def source_of(run: TargetRun, relpath: str, abspath: Path) -> SourceFile:
    """The run's one `SourceFile` of RELPATH (made on first use)."""
    source = run.sources.get(relpath)
    if source is not None:
        return source
    stdin = getattr(run.options, "stdin", None)
    if stdin is not None:
        source = SourceFile(abspath, relpath, max_bytes=run.max_bytes, raw=stdin)
    else:
        # reads stay inside the root, resolved, unless the walk vouches for the path or the
        # user named a path outside the root (its absolute path is shown)
        confine = not relpath.startswith("/") and not run.index.plainly_inside(relpath)
        source = SourceFile(abspath, relpath, max_bytes=run.max_bytes, root=run.root if confine else None)
    run.sources[relpath] = source
    return source


def dangling_findings(sources: list[SourceFile]) -> list[Finding]:
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


def named_by_pattern(module, relpath: str) -> bool:
    """RELPATH matches one of MODULE's patterns whose last part is a plain file name."""
    return any("*" not in pattern.rsplit("/", 1)[-1] and glob_match(relpath, pattern) for pattern in module.PATTERNS)


def current_traceback() -> str:
    """The current exception's traceback (imported here: `traceback` costs ~2 ms at start-up)."""
    import traceback

    return traceback.format_exc()
