"""The lint vocabulary: rules (as data), spec references, problems, findings, fixes.

A check function (an *emitter*, see `validator.emitters`) yields `Problem`s: the rule,
the message and where in the document (a JSON pointer, a text span or a region). The
lint driver turns each into a `Finding` with an exact position and the rule's severity.

Rules are plain frozen records (`validator.records`) so that `agentconform check` can load the whole
registry without importing pydantic (about 90 ms of start-up). Pydantic still owns
their validation: `validator.ruledata` holds the pydantic schema every rule must
satisfy, and the test suite and the docs generator run every registered rule
through it. Nothing here imports anything heavier than the standard library.
"""

from __future__ import annotations

from typing import Literal

from validator.records import field, lazy, record

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

Level = Literal["MUST", "SHOULD", "BEST_PRACTICE"]
"""Normative level of the requirement a rule rests on (RFC 2119 keyword or advice)."""

FixSafety = Literal["none", "safe", "unsafe"]
FoldKind = Literal["", "message", "template"]

CODE_RE = lazy(r"^[A-Z][A-Z0-9]{1,5}[0-9]{3}$")
ALIAS_RE = lazy(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@record(frozen=True)
class SpecRef:
    """Where a rule's requirement is written down."""

    url: str
    title: str
    """The document and section, e.g. 'MCP Registry validator: validateServerName'."""


@record(frozen=True)
class Rule:
    """One lint rule, described entirely by data.

    The docs page (`docs/rules/<code>.md`), `agentconform explain`, SARIF's
    `tool.driver.rules[]` and the JSON findings are all generated from these fields.
    """

    code: str
    """Stable identifier: a per-standard prefix and three digits, e.g. `SRV012`."""
    alias: str
    """Kebab-case name accepted wherever a code is, e.g. `version-looks-like-range`."""
    standard: str
    """The standard the rule belongs to, e.g. `server-json` (`general` for file integrity)."""
    severity: Severity
    """Default severity: `error` for a broken MUST or what certainly breaks a consumer."""
    level: Level
    summary: str
    """One sentence: what the rule reports."""
    rationale: str
    """Why it matters: who breaks, and how (Markdown)."""
    bad: str
    """An example that triggers the rule."""
    good: str
    """The same example, fixed."""
    spec: tuple[SpecRef, ...]
    fix: FixSafety = "none"
    example_language: str = "json"
    """The code-fence language of `bad` and `good` in the generated docs."""
    notes: str = ""
    """Known limitations or differences from other tools (Markdown, optional)."""
    default_enabled: bool = True
    """False for opinionated advice that users opt into with `select`/`extend-select`."""
    severities: tuple[Severity, ...] = ()
    """Other severities a finding of this rule may carry, when its severity varies."""
    severity_note: str = ""
    """Why and when the severity varies (required with `severities`; shown in the docs)."""
    supersedes: tuple[str, ...] = ()
    """Codes of more general rules this one replaces where both report the same position
    (one fault, one finding: `invalid-server-name` over the schema's pattern violation)."""
    fold: FoldKind = ""
    """How repeats across files fold into one finding (`validator.lint.fold`): "template" when findings whose
    messages differ only in quoted values are one author decision, "message" when only identical messages are;
    "" (the default) for rules whose every occurrence is a separate fault a user must find."""
    fold_after: int = 5
    """A kind folds when it occurs in more than this many files: 5 for a convention, 1 where the quoted value
    itself is the decision (a front matter field in every skill of a catalogue)."""

    @property
    def spec_url(self) -> str:
        return self.spec[0].url if self.spec else ""


def rule_factory(standard: str):
    """A `Rule` constructor for one standard, taking the fields in the order rules modules write them."""
    def make(code: str, alias: str, severity: Severity, level: Level, summary: str, rationale: str, bad: str, good: str,
             spec: tuple[SpecRef, ...], **extra) -> Rule:
        return Rule(code=code, alias=alias, standard=standard, severity=severity, level=level, summary=summary,
                    rationale=rationale, bad=bad, good=good, spec=spec, **extra)
    return make


@record(frozen=True)
class Span:
    """Characters `start` to `end` (exclusive; None: one character) of the decoded file text."""

    start: int
    end: int | None = None


@record(frozen=True)
class Problem:
    """What an emitter reports: a rule, a message and where, before it has a position.

    `where` is a pointer into a structured document (a tuple of keys and indexes; a
    missing key points at its parent object), a `Span` of the text, or an exact region
    (`validator.parsing.text.Region`). `at_key` points at a member's key instead of its
    value. `severity` may differ from the rule's only when the rule lists it in
    `severities`. `path` names another repository file; `where` is then a region of it.
    """

    rule: Rule
    message: str
    where: object = ()
    at_key: bool = False
    fix: Fix | None = None
    severity: Severity | None = None
    path: str | None = None


@record(frozen=True)
class Edit:
    """Replace `text[start:end]` (offsets into the decoded file text) by `replacement`."""

    start: int
    end: int
    replacement: str


@record(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safety: Literal["safe", "unsafe"] = "safe"
    drop_bom: bool = False
    """Write the file back without its UTF-8 byte order mark (which is not in the text)."""


@record
class Finding:
    """One problem at one place. Lines and columns are 1-based; columns count characters."""

    rule: Rule
    path: str
    """Relative to the repository root, with `/` separators."""
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    severity: Severity = field(default="error")
    fix: Fix | None = None
    also: tuple[tuple[str, int, int], ...] = ()
    """(path, line, column) of the findings of the same kind folded into this one (`validator.lint.fold`)."""

    @classmethod
    def at(cls, rule: Rule, path: str, region, message: str, *, severity: Severity | None = None,
           fix: Fix | None = None) -> Finding:
        """A finding of RULE at REGION (a `validator.parsing.text.Region`) of PATH."""
        return cls(rule, path, region.line, region.column, region.end_line, region.end_column,
                   message, severity or rule.severity, fix)

    @property
    def code(self) -> str:
        return self.rule.code

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule.code, self.message)

    def to_dict(self) -> dict:
        """The committed JSON shape (fields may be added, never removed)."""
        data = {
            "rule": self.rule.code,
            "alias": self.rule.alias,
            "standard": self.rule.standard,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "spec": self.rule.spec_url,
            "level": self.rule.level,
        }
        if self.fix is not None:
            data["fix"] = {
                "description": self.fix.description,
                "safety": self.fix.safety,
                "applicable": True,
            }
        if self.also:
            data["also"] = [{"path": path, "line": line, "column": column} for path, line, column in self.also]
        return data
