"""`--format text`: problems first (failures, then warnings), one entry per defect whatever the
number of revisions it shows under, then a one-line summary; passes and skips with `--verbose`."""

from __future__ import annotations

from validator.conformance.render import grouped, headline, revisions_text, summary_line
from validator.conformance.render.interop import text_lines as interop_lines

MARK = {"pass": "pass", "fail": "FAIL", "warn": "warn", "skip": "skip"}
ORDER = {"fail": 0, "warn": 1, "pass": 2, "skip": 3}


def _problem_lines(problem) -> list[str]:
    judged = problem.judged
    tag = {"expected": " (expected)", "stale": " (STALE baseline entry: now passes, remove it)"}.get(judged.baseline or "", "")
    return [
        f"{MARK[judged.status]}  {judged.check.id}{tag}  {judged.check.requirement} {judged.level}, "
        f"under {revisions_text(problem)}",
        f"      got:   {judged.message}",
        f"      wants: {judged.check.title}",
        f"      spec:  {judged.spec}" + (f" (judged under {judged.protocol_version})" if judged.protocol_version else ""),
    ]


def _all_lines(report) -> list[str]:
    lines = []
    for scenario, results in grouped(report).items():
        lines.append("")
        lines.append(scenario)
        # one line per check and status; the revisions it holds for are listed together
        merged: dict[tuple, list] = {}
        for result in results:
            merged.setdefault((result.check.id, result.status, result.baseline), []).append(result)
        for (check_id, status, base), items in sorted(merged.items(), key=lambda kv: (ORDER[kv[0][1]], kv[0][0])):
            tag = {"expected": " (expected)", "stale": " (STALE baseline entry)"}.get(base or "", "")
            versions = [r.protocol_version for r in items if r.protocol_version]
            where = f" [{', '.join(sorted(versions, reverse=True))}]" if versions else ""
            lines.append(f"  {MARK[status]:4}  {check_id}{where}{tag}  {items[-1].message}")
    return lines


def render(report, *, verbose: bool = False) -> str:
    lines = [f"agentconform conformance: {headline(report)}"]
    if report.fatal:
        lines.append(f"error: {report.fatal}")
    if report.era:
        lines.append(f"era: {report.era}; protocol versions: {', '.join(report.protocol_versions) or 'none'}")
    for note in report.notes:
        lines.append(f"note: {note}")
    problems = report.problems()
    if problems:
        lines.append("")
        for problem in problems:
            lines.extend(_problem_lines(problem))
    if verbose:
        lines.extend(_all_lines(report))
    interop = interop_lines(report)
    if interop:
        lines.append("")
        lines.extend(interop)
    if report.baseline is not None:
        for item in report.baseline.stale:
            lines.append(f"stale expected failure (now passes; remove it): {item}")
    for error in report.harness_errors:
        lines.append(f"harness error: {error.splitlines()[0]}")
    for conn in report.connections:
        if conn.get("lost"):
            replaced = f" — {conn['replaced']}" if conn.get("replaced") else ""
            lines.append(f"connection lost ({conn.get('requested_version', '?')}): {conn['lost']}{replaced}")
    stderr = next((c.get("stderr") for c in report.connections if c.get("stderr")), "")
    if stderr and (report.fatal or any(r.status == "fail" for r in report.checks)):
        lines.append("server stderr (last lines):")
        lines.extend("  | " + line for line in stderr.rstrip().splitlines()[-10:])
    lines.append("")
    lines.append(summary_line(report) + ("" if verbose else "; --verbose lists passes and skips"))
    return "\n".join(lines) + "\n"
