"""The interoperability matrix (`report.interop`) in a few lines, for the text and Markdown formats:
the clients that accept every tool on one line, then one line per client that breaks or degrades."""

from __future__ import annotations


def _why(entry: dict) -> str:
    problems = entry.get("problems") or []
    first = problems[0] if problems else {}
    tool = f"{str(first.get('tool'))[:64]}: " if first.get("tool") else ""
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{tool}{first.get('detail', '')}{more}"


def text_lines(report) -> list[str]:
    entries = report.interop or []
    if not entries:
        return []
    version = entries[0].get("protocol_version") or ""
    count = entries[0].get("tools", 0)
    ok = [e["client"] for e in entries if e.get("verdict") == "ok"]
    lines = [f"interop matrix ({count} tools, {version}): ok on {', '.join(ok) if ok else 'no client'}"]
    for entry in entries:
        if entry.get("verdict") == "ok":
            continue
        tools = entry.get("breaks") or entry.get("degrades") or []
        lines.append(f"  {entry['verdict']:8}  {entry['client']} ({len(tools)} tool(s)): {_why(entry)}"[:300])
    return lines


def markdown_lines(report, cell) -> list[str]:
    entries = report.interop or []
    if not entries:
        return []
    icon = {"ok": "✅", "degrades": "⚠️", "breaks": "❌"}
    out = [f"### Client interoperability ({entries[0].get('tools', 0)} tools, {entries[0].get('protocol_version') or ''})", "",
           "| Client | Verdict | Tools affected | Why |", "|---|---|---|---|"]
    for entry in entries:
        tools = entry.get("breaks") or entry.get("degrades") or []
        out.append(f"| {cell(entry['name'])} | {icon.get(entry['verdict'], '')} {entry['verdict']} | {len(tools)} | "
                   f"{cell(_why(entry)) if tools else ''} |")
    out.append("")
    return out
