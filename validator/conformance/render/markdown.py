"""`--format markdown`: a summary fit for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown)."""

from __future__ import annotations

from validator.conformance.render import grouped, headline, label, revisions_text, title
from validator.conformance.render.interop import markdown_lines as interop_lines

ICON = {"pass": "✅", "fail": "❌", "warn": "⚠️", "skip": "⏭️"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")[:300]


def render(report, *, verbose: bool = False) -> str:
    s = report.summary()
    out = [f"## {title(report)}: {_cell(headline(report))}", ""]
    if report.fatal:
        out += [f"> **Error:** {_cell(report.fatal)}", ""]
    problems = report.problems()
    if problems:
        out += ["### Problems", "",
                "| | Check | Requirement | Revisions | What came back | What the spec wants |",
                "|---|---|---|---|---|---|"]
        for problem in problems:
            r = problem.judged
            mark = ICON[r.status] + (" (expected)" if r.baseline == "expected" else " (stale)" if r.baseline == "stale" else "")
            out.append(f"| {mark} | [{r.check.id}]({r.spec}) | {r.check.requirement} {r.level} | {revisions_text(problem)} "
                       f"| {_cell(r.message)} | {_cell(r.check.title)} |")
        out.append("")
    out += [f"**{s['fail']} failed, {s['warn']} warnings**, {s['pass']} passed, {s['skip']} skipped · "
            f"**Era:** {report.era or 'n/a'} · **Protocol versions:** {', '.join(report.protocol_versions) or 'none'} · "
            f"**Exit:** {report.exit_code()}", ""]
    out += interop_lines(report, _cell)
    if verbose:
        out += ["<details><summary>All checks by scenario</summary>", ""]
        for scenario, results in grouped(report).items():
            out += [f"**{scenario}**", ""]
            out += [f"- {ICON[r.status]} `{label(r)}` {_cell(r.message)}" for r in results]
            out.append("")
        out += ["</details>", ""]
    return "\n".join(out)
