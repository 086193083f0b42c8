"""`--format html`: one self-contained page a person reads in a browser.

The verdict and the counts first, then the problems (one row per check, with the
revisions it failed under), the revision grid (every check against every revision the
run tested), the client interoperability matrix, and every result in a collapsed list.
No script and no external resource: the page can be attached to a CI run and opened
anywhere; every value from the server is escaped.
"""

from __future__ import annotations

from html import escape

from validator.conformance.render import grouped, headline, title

_MARK = {"pass": "✓", "fail": "✗", "warn": "!", "skip": "–"}
_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;color:#1f2328;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.meta{color:#59636e}.counts{display:flex;gap:.8rem;margin:1rem 0}
.count{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;min-width:5rem}
.count b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.c{text-align:center;font-weight:600}
.pass{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}.skip{color:#8c959f}
.verdict{font-weight:600;padding:.15rem .5rem;border-radius:1rem;display:inline-block}
.verdict.ok{background:#dafbe1;color:#1a7f37}.verdict.bad{background:#ffebe9;color:#cf222e}.verdict.soso{background:#fff8c5;color:#9a6700}
code{font-size:12px;background:#f6f8fa;padding:.05rem .3rem;border-radius:4px}details{margin-top:.5rem}
"""


def _e(value) -> str:
    return escape(str(value), quote=True)


def render(report) -> str:
    summary = report.summary()
    code = report.exit_code()
    verdict = ("ok", "conformant") if code == 0 else ("bad", "failures") if code == 1 else ("soso", "harness error")
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title(report))}: {_e(headline(report))}</title><style>{_STYLE}</style></head><body>",
           f"<h1>{_e(title(report))}: {_e(headline(report))}</h1>",
           f'<p class="meta"><span class="verdict {verdict[0]}">{verdict[1]}</span> · era {_e(report.era or "n/a")} · '
           f'protocol versions {_e(", ".join(report.protocol_versions) or "none")} · exit {code}</p>']
    if report.fatal:
        out.append(f'<p class="fail"><b>Error:</b> {_e(report.fatal)}</p>')
    out.append('<div class="counts">' + "".join(
        f'<div class="count {status}"><b>{summary[status]}</b>{status}</div>' for status in ("fail", "warn", "pass", "skip"))
        + "</div>")
    out += _problems(report)
    out += _grid(report)
    out += _interop(report)
    out += _all(report)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _problems(report) -> list[str]:
    """One row per defect (`Report.problems`: a check failing the same way under several
    revisions), linked to the spec of the revision it was judged under."""
    problems = report.problems()
    if not problems:
        return ["<h2>Problems</h2>", '<p class="pass">None: every check that applies passed.</p>']
    out = ["<h2>Problems</h2>", "<table><tr><th></th><th>Check</th><th>Requirement</th><th>Revisions</th><th>What came back</th></tr>"]
    for problem in problems:
        judged = problem.judged
        status = "fail" if judged.status == "fail" or judged.baseline == "stale" else "warn"
        note = " (expected)" if judged.baseline == "expected" else " (stale baseline entry)" if judged.baseline == "stale" else ""
        revisions = ", ".join(sorted(problem.revisions)) or "every revision"
        out.append(f'<tr><td class="c {status}">{_MARK[status]}</td>'
                   f'<td><a href="{_e(judged.spec)}"><code>{_e(judged.check.id)}</code></a><br>{_e(judged.check.title)}{_e(note)}</td>'
                   f"<td>{_e(judged.check.requirement)} {_e(judged.level)}</td><td>{_e(revisions)}</td>"
                   f"<td>{_e(judged.message)}</td></tr>")
    out.append("</table>")
    return out


def _grid(report) -> list[str]:
    revisions = sorted({r.protocol_version for r in report.checks if r.protocol_version})
    if len(revisions) < 2:
        return []
    cells: dict[str, dict[str, str]] = {}
    for result in report.checks:
        cells.setdefault(result.check.id, {})[result.protocol_version or "*"] = result.status
    out = ["<h2>Revision grid</h2>",
           "<table><tr><th>Check</th>" + "".join(f"<th>{_e(r)}</th>" for r in revisions) + "</tr>"]
    for check_id in sorted(cells):
        row = cells[check_id]
        out.append(f"<tr><td><code>{_e(check_id)}</code></td>" + "".join(
            f'<td class="c {row.get(r, row.get("*", "skip"))}">{_MARK[row.get(r, row.get("*", "skip"))]}</td>'
            for r in revisions) + "</tr>")
    out.append("</table>")
    return out


def _interop(report) -> list[str]:
    entries = report.interop or []
    if not entries:
        return []
    css = {"ok": "pass", "degrades": "warn", "breaks": "fail"}
    out = [f"<h2>Client interoperability ({_e(entries[0].get('tools', 0))} tools)</h2>",
           "<table><tr><th>Client</th><th>Verdict</th><th>Tools affected</th><th>Why</th></tr>"]
    for entry in entries:
        tools = entry.get("breaks") or entry.get("degrades") or []
        problems = entry.get("problems") or []
        why = "; ".join(f"{p.get('tool', '')}: {p.get('detail', '')}" for p in problems[:3])
        out.append(f"<tr><td>{_e(entry.get('name', entry.get('client')))}</td>"
                   f'<td class="{css.get(entry.get("verdict"), "")}">{_e(entry.get("verdict"))}</td>'
                   f"<td>{len(tools)}</td><td>{_e(why)}</td></tr>")
    out.append("</table>")
    return out


def _all(report) -> list[str]:
    out = ["<h2>Every result</h2>"]
    for scenario, results in grouped(report).items():
        worst = "fail" if any(r.status == "fail" for r in results) else "warn" if any(r.status == "warn" for r in results) else "pass"
        out.append(f'<details><summary class="{worst}">{_e(scenario)} ({len(results)})</summary><ul>')
        out += [f'<li class="{r.status}">{_MARK[r.status]} <code>{_e(r.check.id)}</code>'
                f'{" [" + _e(r.protocol_version) + "]" if r.protocol_version else ""} {_e(r.message)}</li>' for r in results]
        out.append("</ul></details>")
    return out
