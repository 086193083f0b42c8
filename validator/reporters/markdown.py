"""Markdown for people who read a CI page: a job summary (`$GITHUB_STEP_SUMMARY`) or a PR comment.

A one-line verdict, counts per severity, then one table row per finding with its file
and line, severity, rule (linked to its documentation) and message; the list stops
after `MAX_ROWS` with a note (GitHub caps a step summary at 1 MiB).
"""

from __future__ import annotations

from validator.outputs import safe_text

MAX_ROWS = 500
DOCS = "https://github.com/agentconform/agentconform/blob/main/docs/rules"
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def _cell(text: str) -> str:
    """TEXT for a table cell: one line, pipes and backticks cannot end the cell or the table."""
    return safe_text(text).replace("|", "\\|").replace("`", "'")


def render(result, *, color: bool = False) -> str:
    counts = result.counts()
    total = sum(counts.values())
    files = result.files_checked
    lines = ["## agentconform check", ""]
    if total:
        lines.append(f"**{total} problem{'s' if total != 1 else ''}** in {files} file{'s' if files != 1 else ''} checked: "
                     f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info.")
    else:
        lines.append(f"**No problems** in {files} file{'s' if files != 1 else ''} checked.")
    if result.suppressed:
        lines.append(f"{result.suppressed} finding(s) suppressed by directives, per-file ignores or the baseline.")
    if total:
        lines += ["", "| | Where | Rule | Message |", "| --- | --- | --- | --- |"]
        for finding in result.findings[:MAX_ROWS]:
            rule = finding.rule
            lines.append(f"| {_ICON[finding.severity]} {finding.severity} | `{_cell(finding.path)}:{finding.line}:{finding.column}` "
                         f"| [{rule.code}]({DOCS}/{rule.code}.md) `{rule.alias}` | {_cell(finding.message)} |")
        if total > MAX_ROWS:
            lines += ["", f"… and {total - MAX_ROWS} more; the full list is in the JSON or SARIF report."]
    return "\n".join(lines) + "\n"
