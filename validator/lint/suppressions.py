"""Suppressions applied to a run's findings: inline directives and the baseline.

Owns the bookkeeping findings as well: GEN011 for an inline directive that suppresses
nothing, GEN012 for one that cannot be read, GEN010 for a baseline entry that allows
more findings than remain, GEN013 for a per-file ignore that suppressed nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from validator.emitters import emits
from validator.engine.integrity import GEN010, GEN011, GEN012, GEN013
from validator.lint.emit import to_finding
from validator.model import Finding, Problem


def display_path(path: Path, root: Path) -> str:
    """PATH relative to ROOT, read lexically (a symlink is named where it lies, never where it leads)."""
    lexical = Path(os.path.abspath(path))
    try:
        return lexical.relative_to(root).as_posix() or "."
    except ValueError:
        return lexical.as_posix()


def inline_tables(documents) -> dict:
    """Repository path -> the parsed inline directives (`engine.suppress.InlineSuppressions`)
    of each of DOCUMENTS that holds any (Markdown files, and JSONC, YAML, TOML)."""
    commented = {doc.relpath: doc for doc in documents if doc.source.text is not None and _syntax(doc) is not None
                 and "agentconform-" in doc.source.text}
    if not commented:
        return {}
    from validator.engine.suppress import parse_inline
    from validator.registry import lookup

    def resolve(name: str):
        rule = lookup(name)
        return rule.code if rule else None

    tables = {}
    for relpath, doc in commented.items():
        syntax = _syntax(doc) or "markdown"
        ranges = doc.meta.get("code_ranges") if syntax == "markdown" else _string_ranges(doc)
        tables[relpath] = parse_inline(doc.source.text, resolve, ranges, syntax)
    return tables


def apply_inline(tables: dict, findings: list[Finding], enabled_for) -> tuple[list[Finding], int]:
    """FINDINGS less those the inline directives (TABLES, from `inline_tables`) suppress, plus GEN011/GEN012."""
    if not tables:
        return findings, 0
    kept = []
    suppressed = 0
    for finding in findings:
        table = tables.get(finding.path)
        if table is not None and finding.rule.code not in (GEN011.code, GEN012.code) and table.suppresses(finding.line, finding.rule.code):
            suppressed += 1
            continue
        kept.append(finding)
    kept.extend(to_finding(problem, None) for problem in directive_problems(tables, enabled_for))
    return kept, suppressed


_COMMENTS = {"jsonc": "slash", "yaml": "hash", "toml": "hash"}


def _syntax(doc) -> str | None:
    """The comment syntax directives are written in: Markdown files, and structured formats
    that have comments (JSONC, YAML, TOML); strict JSON has none (use per-file ignores)."""
    if doc.is_markdown:
        return "markdown"
    return _COMMENTS.get(str(getattr(doc.data, "format", "")))


def _string_ranges(doc) -> list[tuple[int, int]]:
    """Where a directive is only text: inside string values (a block scalar, a quoted `#`)."""
    data = doc.data
    spans = getattr(data, "spans", None) or {}
    return [span for pointer, span in spans.items() if isinstance(data.get(pointer), str)]


@emits(GEN011, GEN012)
def directive_problems(tables: dict, enabled_for) -> Iterator[Problem]:
    """Directives that cannot be read (GEN012) or that suppressed nothing this run (GEN011);
    ENABLED_FOR gives the rules a file's configuration reports."""
    for relpath, table in tables.items():
        enabled = enabled_for(relpath)
        if GEN012.code in enabled:
            for region, why in table.problems:
                yield Problem(GEN012, why, region, path=relpath)
        if GEN011.code in enabled:
            for directive in table.directives:
                if directive.used:
                    continue
                if directive.codes is not None and not (directive.codes & enabled):
                    continue  # aimed at rules this configuration does not run
                names = "all rules" if directive.codes is None else ", ".join(sorted(directive.codes))
                yield Problem(GEN011, f"'agentconform-{directive.kind}' for {names} suppresses nothing; remove it",
                              directive.region, path=relpath)


def apply_per_file(findings: list[Finding], settings, root: Path, *, whole_repository: bool) -> tuple[list[Finding], int]:
    """FINDINGS less those their configuration's per-file ignores cover (globs relative to the
    configuration's folder), plus GEN013 for the entries that covered none (only in a run over
    the whole repository)."""
    from validator.engine.files import glob_match

    used: dict[tuple[int, str], set[str]] = {}
    kept = []
    for finding in findings:
        scope = settings.scope(finding.path)
        local = scope.local(finding.path)
        hits = [glob for glob, codes in scope.per_file.items() if finding.rule.code in codes and glob_match(local, glob)]
        for glob in hits:
            used.setdefault((id(scope), glob), set()).add(finding.rule.code)
        if not hits:
            kept.append(finding)
    if whole_repository:
        for scope in settings.scopes():
            if scope.per_file and scope.config.path is not None and GEN013.code in scope.enabled:
                kept.extend(to_finding(problem, None) for problem in unused_per_file(scope, used, root))
    return kept, len(findings) - len(kept)


@emits(GEN013)
def unused_per_file(scope, used: dict[tuple[int, str], set[str]], root: Path) -> Iterator[Problem]:
    config = scope.config
    locate = None
    for glob, codes in scope.per_file.items():
        if used.get((id(scope), glob)) or not codes & scope.enabled:
            continue  # it suppressed something, or this run did not look for what it names
        locate = locate or _entry_locator(config)  # the file is read once, and only when an entry is unused
        named = ", ".join(config.per_file_ignores.get(glob, ()))
        yield Problem(GEN013, f"per-file-ignores entry {glob!r} ({named}) suppressed nothing in this run; remove it",
                      locate(glob), path=display_path(config.path, root))


def _entry_locator(config):
    """glob -> where its per-file-ignores entry is written in the configuration file (the
    file's start when it cannot be read again)."""
    from validator.engine.config import MAX_CONFIG_BYTES
    from validator.engine.safefs import Refusal, read_regular
    from validator.parsing.document import ParseError
    from validator.parsing.text import Region
    from validator.parsing.toml import parse_toml

    data = read_regular(config.path, root=None, limit=MAX_CONFIG_BYTES)
    try:
        doc = None if isinstance(data, Refusal) else parse_toml(data.decode("utf-8", errors="replace"))
    except (ParseError, ValueError):
        doc = None
    table = ("tool", "agentconform") if config.path.name == "pyproject.toml" else ()
    return lambda glob: doc.locate((*table, "per-file-ignores", glob), key=True) if doc else Region.file_start()


def apply_baseline(findings: list[Finding], baseline_path: Path, root: Path, enabled: frozenset[str] | set[str], *,
                   confine: bool, prune_scope: set[str] | None = None,
                   stale_scope: set[str] | None = None) -> tuple[list[Finding], int]:
    """FINDINGS less those the baseline allows, plus GEN010 for its stale entries.
    With CONFINE the baseline must be a file inside ROOT (it was named by the repository).
    With PRUNE_SCOPE (the files this run checked) the baseline is first rewritten without what
    no longer occurs there (`--prune-baseline`); entries of other files and rules are kept.
    With STALE_SCOPE (the files a partial run linted) only their entries can be called stale."""
    from validator.engine.suppress import load_baseline

    baseline = load_baseline(baseline_path, root=root if confine else None)
    if prune_scope is not None:
        baseline = prune(baseline, findings, enabled, prune_scope, root)
    findings.sort(key=Finding.sort_key)
    findings, by_baseline, stale = baseline.apply(findings)
    if stale_scope is not None:
        stale = [entry for entry in stale if entry[0] in stale_scope]
    if GEN010.code in enabled:
        shown = display_path(baseline_path, root)
        findings.extend(to_finding(problem, None) for problem in stale_entries(baseline, stale, shown, enabled))
    return findings, by_baseline


def prune(baseline, findings: list[Finding], enabled: frozenset[str] | set[str], scope: set[str], root: Path):
    """BASELINE with each count lowered to what this run still finds (never raised, no new
    entries), for files the run checked and rules it selected; written back to its file."""
    from validator.engine.suppress import Baseline, baseline_counts_json
    from validator.version import __version__

    now: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding.path, finding.rule.code)
        now[key] = now.get(key, 0) + 1
    counts = {}
    found_in = {f.path for f in findings}
    for (path, code), count in baseline.counts.items():
        gone = not os.path.lexists(root / path) and path not in found_in  # a deleted file keeps nothing
        judged = gone or (code in enabled and (path in scope or path in found_in))
        kept = min(count, now.get((path, code), 0)) if judged else count
        if kept:
            counts[(path, code)] = kept
    text = baseline_counts_json(counts, __version__)
    baseline.path.write_text(text, encoding="utf-8")
    return Baseline(baseline.path, counts, text)


@emits(GEN010)
def stale_entries(baseline, stale, shown: str, enabled: frozenset[str] | set[str]) -> Iterator[Problem]:
    for path, code, left in stale:
        if code not in enabled:
            continue  # this run did not look for that rule, so cannot call the entry stale
        yield Problem(GEN010, f"baseline allows {left} more {code} finding(s) in {path} than remain; rewrite it with --write-baseline",
                      baseline.region(path, code), path=shown)
