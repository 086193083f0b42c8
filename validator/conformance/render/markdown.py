"""`--format markdown`: a summary fit for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown)."""

from __future__ import annotations

from validator.conformance.render import grouped, headline, label
from validator.conformance.render.interop import markdown_lines as interop_lines

ICON = {"pass": "✅", "fail": "❌", "warn": "⚠️", "skip": "⏭️"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")[:300]


def render(report) -> str:
    s = report.summary()
    out = [f"## MCP conformance: {_cell(headline(report))}", ""]
    if report.fatal:
        out += [f"> **Error:** {_cell(report.fatal)}", ""]
    out += [f"**Era:** {report.era or 'n/a'} · **Protocol versions:** {', '.join(report.protocol_versions) or 'none'} · "
            f"**Exit:** {report.exit_code()}", "",
            "| ✅ pass | ❌ fail | ⚠️ warn | ⏭️ skip |", "|---:|---:|---:|---:|",
            f"| {s['pass']} | {s['fail']} | {s['warn']} | {s['skip']} |", ""]
    problems = [r for r in report.checks if r.status in ("fail", "warn") or r.baseline == "stale"]
    if problems:
        out += ["### Problems", "", "| | Scenario | Check | Requirement | Message |", "|---|---|---|---|---|"]
        for r in sorted(problems, key=lambda r: (r.status != "fail", r.check.scenario, r.check.id)):
            mark = ICON[r.status] + (" (expected)" if r.baseline == "expected" else " (stale)" if r.baseline == "stale" else "")
            out.append(f"| {mark} | {r.check.scenario} | [{label(r)}]({r.check.spec}) | {r.check.requirement} {r.level} | {_cell(r.message)} |")
        out.append("")
    out += interop_lines(report, _cell)
    out += ["<details><summary>All checks by scenario</summary>", ""]
    for scenario, results in grouped(report).items():
        out += [f"**{scenario}**", ""]
        out += [f"- {ICON[r.status]} `{label(r)}` {_cell(r.message)}" for r in results]
        out.append("")
    out += ["</details>", ""]
    return "\n".join(out)
