"""`--format github`: workflow-command annotations (failures as errors, warnings as warnings).

https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
"""

from __future__ import annotations

from validator.conformance.render import label
from validator.outputs import escape_data, escape_property


def render(report) -> str:
    lines = []
    if report.fatal:
        lines.append(f"::error title=agentconform conformance::{escape_data(report.fatal)}")
    for r in report.checks:
        if r.baseline == "stale":
            level = "error"
        elif r.status == "fail" and r.baseline != "expected":
            level = "error"
        elif r.status == "warn" or r.baseline == "expected":
            level = "warning"
        else:
            continue
        title = escape_property(f"{r.check.scenario}:{label(r)} ({r.check.requirement})")
        lines.append(f"::{level} title={title}::{escape_data(r.message + ' — ' + r.check.spec)}")
    s = report.summary()
    lines.append(f"agentconform conformance: {s['pass']} passed, {s['fail']} failed, {s['warn']} warnings, {s['skip']} skipped")
    return "\n".join(lines) + "\n"
