"""`--format github`: workflow-command annotations (failures as errors, warnings as warnings).

https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
"""

from __future__ import annotations

from validator.conformance.render import revisions_text, summary_line
from validator.outputs import escape_data, escape_property


def render(report) -> str:
    lines = []
    if report.fatal:
        lines.append(f"::error title=agentconform conformance::{escape_data(report.fatal)}")
    for problem in report.problems():  # one annotation per defect, listing the revisions it shows under
        r = problem.judged
        level = "error" if r.baseline == "stale" or (r.status == "fail" and r.baseline != "expected") else "warning"
        title = escape_property(f"{r.check.id} ({r.check.requirement} {r.level}; {revisions_text(problem)})")
        lines.append(f"::{level} title={title}::{escape_data(f'{r.message} — wants: {r.check.title} — {r.spec}')}")
    lines.append(f"agentconform conformance: {summary_line(report)}")
    return "\n".join(lines) + "\n"
