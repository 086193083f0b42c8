"""Suppressions in three layers, each of which reports what it no longer needs.

1. Per-file ignores from the config (JSON cannot hold comments; applied in `lint.suppressions`).
2. Inline directives in markdownlint's vocabulary under our prefix, in the comment syntax
   of the file: `<!-- agentconform-disable [RULES] [-- reason] -->` in Markdown,
   `# agentconform-...` in YAML and TOML, `// agentconform-...` or `/* ... */` in JSONC;
   kinds `-disable`, `-enable`, `-disable-line`, `-disable-next-line`, `-disable-file`,
   `-enable-file`. Directives inside code (fenced blocks) or inside string values are
   text, not directives. Unused ones are GEN011, malformed ones GEN012.
3. A baseline file of counts per (file, rule), as ESLint's bulk suppressions: known
   findings are accepted up to their count; entries no longer matched are GEN010.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

from validator.model import Finding
from validator.parsing.text import Region, TextIndex
from validator.records import field, lazy, record

PREFIX = "agentconform"
_DIRECTIVES = {
    "markdown": re.compile(r"<!--\s*agentconform-(?P<kind>[a-z-]+)(?P<args>(?:(?!-->).)*?)\s*-->", re.DOTALL),
    "hash": re.compile(r"(?<![^\s])#\s*agentconform-(?P<kind>[a-z-]+)(?P<args>[^\r\n]*)"),
    "slash": re.compile(r"(?://\s*agentconform-(?P<kind>[a-z-]+)(?P<args>[^\r\n]*)"
                        r"|/\*\s*agentconform-(?P<kind2>[a-z-]+)(?P<args2>(?:(?!\*/).)*?)\s*\*/)", re.DOTALL),
}
"""The directive in each comment syntax: Markdown (HTML comments), YAML/TOML (`#`), JSONC (`//`, `/* */`)."""
_REASON = lazy(r"\s--(?:\s|$)")
_KINDS = {"disable", "enable", "disable-line", "disable-next-line", "disable-file", "enable-file"}
_FENCE = lazy(r"^ {0,3}(`{3,}|~{3,})")
ALL = "*"


# -- inline directives ------------------------------------------------------------------

@record
class Directive:
    kind: str
    codes: frozenset[str] | None
    """None means every rule."""
    region: Region
    used: bool = False
    reason: str = ""
    """What follows ` -- ` (ruff's and ESLint's convention for saying why)."""


@record
class InlineSuppressions:
    """The directives of one Markdown file and the suppression state line by line."""

    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[Region, str]] = field(default_factory=list)
    """Malformed directives: (where, why)."""
    _lines: list[int] = field(default_factory=list)
    _states: list[dict] = field(default_factory=list)
    _single: dict[int, list[Directive]] = field(default_factory=dict)
    _file: list[Directive] = field(default_factory=list)

    def suppresses(self, line: int, code: str) -> bool:
        for directive in self._single.get(line, ()):
            if directive.codes is None or code in directive.codes:
                directive.used = True
                return True
        for directive in self._file:
            if directive.codes is None or code in directive.codes:
                directive.used = True
                return True
        i = bisect.bisect_right(self._lines, line) - 1
        if i >= 0:
            directive = self._states[i].get(code) or self._states[i].get(ALL)
            if directive is not None and code not in self._states[i].get("!", ()):
                directive.used = True
                return True
        return False


def parse_inline(text: str, resolve, code_ranges=None, syntax: str = "markdown") -> InlineSuppressions:
    """Directives in TEXT; RESOLVE maps a code or alias to a code (or None if unknown).

    CODE_RANGES, when the standard's parser knows them (fenced and indented code
    blocks, code spans; string values of a structured file), are where a directive is
    only text; otherwise fenced code blocks are found by a line scan. SYNTAX is the
    file's comment syntax: `markdown`, `hash` (YAML, TOML) or `slash` (JSONC).
    """
    result = InlineSuppressions()
    index = TextIndex(text)
    fenced = _fenced_ranges(text) if code_ranges is None else list(code_ranges)
    state: dict = {}
    for match in _DIRECTIVES[syntax].finditer(text):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        region = index.region(match.start(), match.end())
        kind = match.group("kind") or match.groupdict().get("kind2")
        arguments = match.group("args") if match.group("kind") else match.group("args2")
        arguments, reason = _split_reason(arguments)
        if kind not in _KINDS:
            result.problems.append((region, f"unknown directive 'agentconform-{kind}'"))
            continue
        names = [name for name in re.split(r"[\s,]+", arguments.strip()) if name]
        codes: set[str] = set()
        bad = []
        for name in names:
            code = resolve(name)
            if code is None:
                bad.append(name)
            else:
                codes.add(code)
        if bad:
            result.problems.append((region, f"unknown rule {', '.join(map(repr, bad))} in 'agentconform-{kind}'"))
            if not codes:
                continue
        directive = Directive(kind, frozenset(codes) if names else None, region, reason=reason)
        line = region.end_line
        if kind == "disable-line":
            result._single.setdefault(region.line, []).append(directive)
        elif kind == "disable-next-line":
            result._single.setdefault(line + 1, []).append(directive)
        elif kind == "disable-file":
            result._file.append(directive)
        elif kind == "enable-file":
            result._file = [d for d in result._file if directive.codes is not None and d.codes is not None and not d.codes <= directive.codes]
            continue
        else:
            state = dict(state)
            if kind == "disable":
                if directive.codes is None:
                    state = {ALL: directive}
                else:
                    for code in directive.codes:
                        state[code] = directive
                    state["!"] = set(state.get("!", ())) - directive.codes
            else:  # enable
                if directive.codes is None:
                    state = {}
                else:
                    for code in directive.codes:
                        state.pop(code, None)
                    if ALL in state:
                        state["!"] = set(state.get("!", ())) | directive.codes
            result._lines.append(region.line)
            result._states.append(state)
            continue
        result.directives.append(directive)
    # disable/enable directives are tracked through the states they open
    for state in result._states:
        for key, value in state.items():
            if key != "!" and value not in result.directives:
                result.directives.append(value)
    return result


def _split_reason(arguments: str) -> tuple[str, str]:
    """`AGM055 -- generated by the build` -> (`AGM055`, `generated by the build`)."""
    match = _REASON.search(" " + arguments)
    if match is None:
        return arguments, ""
    cut = match.start() - 1 if match.start() else 0
    return arguments[:max(cut, 0)], arguments[max(cut, 0):].strip().removeprefix("--").strip()


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks (an unclosed fence runs to the end)."""
    ranges = []
    offset = 0
    opener: tuple[str, int, int] | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if opener is None:
            if match:
                fence = match.group(1)
                opener = (fence[0], len(fence), offset)
        elif match and match.group(1)[0] == opener[0] and len(match.group(1)) >= opener[1] and not line[match.end():].strip():
            ranges.append((opener[2], offset + len(line)))
            opener = None
        offset += len(line)
    if opener is not None:
        ranges.append((opener[2], len(text)))
    return ranges


# -- baseline ---------------------------------------------------------------------------

BASELINE_VERSION = 1


@record
class Baseline:
    path: Path
    counts: dict[tuple[str, str], int]
    text: str

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], int, list[tuple[str, str, int]]]:
        """(kept findings, number suppressed, stale entries as (path, code, unused count))."""
        budget = dict(self.counts)
        kept = []
        suppressed = 0
        for finding in findings:
            key = (finding.path, finding.rule.code)
            if budget.get(key, 0) > 0:
                budget[key] -= 1
                suppressed += 1
            else:
                kept.append(finding)
        stale = [(path, code, left) for (path, code), left in budget.items() if left > 0]
        return kept, suppressed, stale

    def region(self, path: str, code: str) -> Region:
        from validator.parsing.json import parse_json

        try:
            doc = parse_json(self.text)
            return doc.locate(("findings", path, code))
        except Exception:  # a baseline we could read once parses again; be safe anyway
            return Region.file_start()


MAX_BASELINE_BYTES = 64 * 1024 * 1024


def load_baseline(path: Path, *, root: Path | None = None) -> Baseline:
    """The baseline at PATH; with ROOT it must be a file inside ROOT (named by a configuration file)."""
    from validator.engine.config import ConfigError
    from validator.engine.safefs import Refusal, read_regular

    data = read_regular(path, root=root, limit=MAX_BASELINE_BYTES)
    if isinstance(data, Refusal):
        why = {"too-large": f"it is over {MAX_BASELINE_BYTES // (1024 * 1024)} MiB",
               "outside": "a baseline named in a configuration file must lie inside the repository"}.get(data.kind, data.detail)
        raise ConfigError(f"cannot read baseline {path}: {why}")
    try:
        text = data.decode("utf-8")
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:
        raise ConfigError(f"baseline {path} is not valid JSON: {err}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, dict):
        raise ConfigError(f"baseline {path} has no 'findings' table; write one with --write-baseline")
    counts: dict[tuple[str, str], int] = {}
    for file, rules in findings.items():
        if not isinstance(rules, dict):
            raise ConfigError(f"baseline {path}: findings[{file!r}] must map rule codes to counts")
        for code, count in rules.items():
            if not isinstance(count, int) or count < 0:
                raise ConfigError(f"baseline {path}: count for {file} {code} must be a non-negative integer")
            counts[(file, code)] = count
    return Baseline(path, counts, text)


def baseline_json(findings: list[Finding], version: str) -> str:
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding.path, finding.rule.code)
        counts[key] = counts.get(key, 0) + 1
    return baseline_counts_json(counts, version)


def baseline_counts_json(counts: dict[tuple[str, str], int], version: str) -> str:
    """The baseline file for COUNTS per (file, rule), sorted so that rewrites diff cleanly."""
    table: dict[str, dict[str, int]] = {}
    for (path, code), count in counts.items():
        table.setdefault(path, {})[code] = count
    ordered = {path: dict(sorted(rules.items())) for path, rules in sorted(table.items())}
    document = {
        "tool": "agentconform",
        "tool_version": version,
        "version": BASELINE_VERSION,
        "findings": ordered,
    }
    return json.dumps(document, indent=2) + "\n"

