"""Human output: findings grouped by file, then counts. Colour only on a terminal."""

from __future__ import annotations

from validator.outputs import safe_text

_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "dim": "2", "ok": "32"}


def _paint(text: str, role: str, color: bool) -> str:
    return f"\033[{_COLORS[role]}m{text}\033[0m" if color else text


def render_files(result, *, color: bool = False) -> str:
    """`--show-files`: every file checked, with the standards that checked it and its finding count."""
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.path] = counts.get(finding.path, 0) + 1
    width = max((len(safe_text(path)) for path in result.files), default=0)
    lines = [f"{safe_text(path):<{width}}  {', '.join(standards)}" + (f"  ({counts[path]} finding{'s' if counts[path] != 1 else ''})"
                                                                       if path in counts else "")
             for path, standards in result.files.items()]
    return "\n".join(lines) + ("\n" if lines else "")


def render(result, *, color: bool = False) -> str:
    lines: list[str] = []
    current = None
    for finding in result.findings:
        if finding.path != current:
            if current is not None:
                lines.append("")
            current = finding.path
            lines.append(_paint(safe_text(finding.path), "path", color))
        where = f"{finding.line}:{finding.column}"
        severity = _paint(f"{finding.severity:<7}", finding.severity, color)
        alias = _paint(f"[{finding.rule.alias}]", "dim", color)
        lines.append(f"  {where:<8} {severity} {finding.rule.code:<7} {safe_text(finding.message)}  {alias}")
    counts = result.counts()
    total = sum(counts.values())
    if lines:
        lines.append("")
    files = result.files_checked
    noun = "file" if files == 1 else "files"
    if total:
        parts = ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for name, n in
                          (("error", counts["error"]), ("warning", counts["warning"]), ("info", counts["info"])))
        paths = {f.path for f in result.findings}
        context = len(paths - result.files.keys()) if result.files else 0
        where = f"in {len(paths) - context} of {files} {noun} checked"
        if context:  # cross-file findings land on files no standard owns (package.json, a Dockerfile)
            where += f" and {context} file{'s' if context != 1 else ''} read for context"
        lines.append(f"Found {total} problem{'s' if total != 1 else ''} ({parts}) {where}.")
    else:
        lines.append(_paint(f"No problems found in {files} {noun} checked.", "ok", color))
    if result.suppressed:
        lines.append(f"{result.suppressed} finding(s) suppressed by inline directives, per-file ignores or the baseline.")
    if getattr(result, "folded", 0):
        lines.append(f"{result.folded} repeated finding(s) folded into the first of their kind; --no-fold lists each.")
    return "\n".join(lines) + "\n"
