"""Report renderers, one module per `--format`: text, json, junit, sarif, markdown, github, html.

Each module has `render(report) -> str`; `render(report, fmt)` dispatches lazily so a
run pays only for the format it prints.
"""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "junit", "sarif", "markdown", "github", "html")
_MODULES = {"json": "json_format"}


VERBOSE_FORMATS = ("text", "markdown")
"""Formats that list passes and skips only when asked (`--verbose`): problems come first."""


def render(report, fmt: str, *, verbose: bool = False) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"{__name__}.{_MODULES.get(fmt, fmt)}")
    text = module.render(report, verbose=verbose) if fmt in VERBOSE_FORMATS else module.render(report)
    return redact(text, getattr(report, "secrets", ()))


REDACTED = "[REDACTED]"


def redact(text: str, secrets) -> str:
    """TEXT with every secret replaced, also as JSON, HTML/XML and URL encoding would spell it (a server
    may echo a token into an error message the report quotes)."""
    import html
    import json
    from urllib.parse import quote

    for secret in secrets or ():
        if len(secret) < 4:  # too short to replace without mangling the report; never a real token
            continue
        for spelling in {secret, json.dumps(secret)[1:-1], html.escape(secret), html.escape(secret, quote=False),
                         quote(secret, safe="")}:
            text = text.replace(spelling, REDACTED)
    return text


def summary_line(report) -> str:
    """One line: defects (a check failing under four revisions is one), then passes and skips."""
    s = report.summary()
    problems = report.problems()
    fails = sum(1 for p in problems if p.judged.status == "fail")
    warns = sum(1 for p in problems if p.judged.status == "warn")
    per_revision = f" ({s['fail']} failed and {s['warn']} warned results across revisions)" \
        if (fails, warns) != (s["fail"], s["warn"]) else ""
    return (f"{fails} failed, {warns} warnings{per_revision}, {s['pass']} passed, {s['skip']} skipped "
            f"in {report.duration:.1f}s (exit {report.exit_code()})")


def revisions_text(problem) -> str:
    return ", ".join(problem.revisions) if problem.revisions else "every revision"


def title(report) -> str:
    """What was judged: `MCP conformance` for a server, `MCP client conformance` for a client."""
    return "MCP client conformance" if report.target.get("face") == "client" else "MCP conformance"


def headline(report) -> str:
    """One line: who was tested, how, and the verdict."""
    server = report.server or {}
    name = " ".join(str(server[k]) for k in ("name", "version") if server.get(k)) or "server"
    target = report.target
    where = target.get("url") or " ".join(target.get("command") or [])
    return f"{name} over {target.get('transport')} ({where})"


def label(result) -> str:
    return f"{result.check.id} [{result.protocol_version}]" if result.protocol_version else result.check.id


def grouped(report) -> dict[str, list]:
    groups: dict[str, list] = {}
    for result in report.checks:
        groups.setdefault(result.check.scenario, []).append(result)
    return groups
