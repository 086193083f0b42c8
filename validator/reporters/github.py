"""GitHub Actions workflow commands: one annotation per finding, grouped by file.

https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
"""

from __future__ import annotations

from validator.outputs import escape_data, escape_property, safe_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render(result, *, color: bool = False) -> str:
    lines: list[str] = []
    current = None
    for finding in result.findings:
        if finding.path != current:
            if current is not None:
                lines.append("::endgroup::")
            current = finding.path
            lines.append(f"::group::{escape_data(safe_text(finding.path))}")
        props = [
            f"file={escape_property(safe_text(finding.path))}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"endLine={finding.end_line}",
            f"endColumn={finding.end_column}",
            f"title={escape_property(finding.rule.code + ' ' + finding.rule.alias)}",
        ]
        lines.append(f"::{_LEVEL[finding.severity]} {','.join(props)}::{escape_data(safe_text(finding.message))}")
    if current is not None:
        lines.append("::endgroup::")
    counts = result.counts()
    lines.append(f"agentconform: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info in {result.files_checked} file(s)")
    return "\n".join(lines) + "\n"
