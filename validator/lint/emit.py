"""Problems to findings: the common work every rule's emitter leaves to the driver.

`run_checks` runs a standard's emitters over one document, skipping those whose
rules this run does not report; `to_finding` locates a problem in its document,
applies the rule's severity (another only where the rule's data allows it, with the
reason in `Rule.severity_note`) and refuses a rule its emitter did not declare, so
`docs/rules` and what users see can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from validator.emitters import Emitter, emitters_of
from validator.model import Finding, Problem
from validator.parsing.text import Region
from validator.standards.base import TEMPLATE_VALUES


class EmitterError(RuntimeError):
    """An emitter broke its contract (a bug of ours, reported as an internal error)."""


def run_checks(doc, ctx, modules: Iterable[str]) -> Iterator[Finding]:
    """The findings of every emitter in MODULES over DOC."""
    enabled = ctx.enabled
    template_values = (getattr(doc, "meta", None) or {}).get(TEMPLATE_VALUES) or ()
    for emitter in emitters_of(modules):
        if not emitter.wanted(enabled):
            continue
        for problem in emitter.function(doc, ctx):
            if (template_values and isinstance(problem, Problem) and problem.path is None and isinstance(problem.where, tuple)
                    and problem.where in template_values):
                continue  # an unfilled template's placeholder: the value is meant to be replaced
            yield to_finding(problem, doc, emitter)


def to_finding(problem: Problem | Finding, doc, emitter: Emitter | None = None) -> Finding:
    """PROBLEM as a finding in DOC (a `Finding` passes through unchanged)."""
    if isinstance(problem, Finding):
        return problem
    rule = problem.rule
    if emitter is not None and rule.code not in emitter.codes:
        raise EmitterError(f"{emitter.address} reported {rule.code}, which it does not declare in @emits")
    severity = rule.severity
    if problem.severity is not None and problem.severity != severity:
        if problem.severity not in rule.severities:
            raise EmitterError(f"{rule.code} reported as {problem.severity}; its data allows only {rule.severity}"
                               + "".join(f", {s}" for s in rule.severities))
        severity = problem.severity
    if problem.path is not None:
        if not isinstance(problem.where, Region):
            raise EmitterError(f"{rule.code} on {problem.path}: a problem in another file needs a Region")
        region, path = problem.where, problem.path
    else:
        region, path = doc.locate(problem.where, problem.at_key), doc.relpath
    return Finding(rule, path, region.line, region.column, region.end_line, region.end_column,
                   problem.message, severity, problem.fix)
