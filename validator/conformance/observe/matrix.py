"""Every tool against every client of `clients.CLIENTS`: a verdict per client, and the
problems behind it grouped by rule so the `interop-*` checks can summarise them.

Rules (the `rule` of a problem): name, name-soft, name-length-prefixed,
name-combined-length, tool-count, tool-count-soft, root-composition, schema-keyword,
property-name, string-format, enum-non-string, type-array, boolean-subschema,
boolean-property, output-schema-object, structured-content-missing,
structured-content-invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.conformance.observe.clients import CLIENTS, Client
from validator.conformance.observe.quote import q, short
from validator.conformance.observe.schema import subschemas

MAX_PROBLEMS = 40


@dataclass
class Observation:
    """What one call of a tool showed (from the tools-call scenario)."""

    tool: str
    structured: bool
    """structuredContent was present."""
    valid: bool | None
    """structuredContent validated against outputSchema (None: not checked)."""
    is_error: bool


def server_label(server_name: str | None) -> str:
    """The server name as hosts normalise it for prefixes (anything else becomes `_`)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", server_name or "server")


def _problem(tool, rule: str, detail: str, effect: str = "breaks") -> dict:
    return {"tool": tool, "rule": rule, "effect": effect, "detail": detail}


def _gemini(client: Client, schema) -> list[tuple[str, str]]:
    """(rule, detail) for what Gemini's legacy `parameters` subset does not accept."""
    found: list[tuple[str, str]] = []
    keywords: dict[str, str] = {}
    for where, node, _via in subschemas(schema):
        if not isinstance(node, dict):
            continue
        for key in node:
            if key not in client.schema_keywords and key not in keywords:
                keywords[key] = where or "/"
        kind = node.get("type")
        if client.single_type and isinstance(kind, list):
            found.append(("type-array", f"{where or '/'}: type is a list {kind}"))
        fmt = node.get("format")
        if client.string_formats is not None and kind == "string" and isinstance(fmt, str) and fmt not in client.string_formats:
            found.append(("string-format", f"{where or '/'}: string format {fmt!r} (only {', '.join(sorted(client.string_formats))})"))
        enum = node.get("enum")
        if client.string_enums_only and isinstance(enum, list) and (kind not in (None, "string") or not all(isinstance(v, str) for v in enum)):
            found.append(("enum-non-string", f"{where or '/'}: enum {enum[:4]!r} is not a list of strings on a string"))
        props = node.get("properties")
        if client.property_name_pattern and isinstance(props, dict):
            for name in props:
                if not re.fullmatch(client.property_name_pattern, str(name)):
                    found.append(("property-name", f"{where or '/'}: property name {name!r}"))
    if keywords:
        listed = ", ".join(f"{k} ({w})" for k, w in list(keywords.items())[:6])
        found.insert(0, ("schema-keyword", f"keywords outside the subset: {listed}"))
    return found


def evaluate(client: Client, tools: list[dict], server_name: str | None,
             observations: list[Observation] | None) -> dict:
    """The verdict of CLIENT on TOOLS (and on the calls observed, when there are any)."""
    problems: list[dict] = []
    label = server_label(server_name)
    for tool in tools:
        name = tool["name"]
        if client.name_pattern and not re.fullmatch(client.name_pattern, name):
            problems.append(_problem(name, "name", f"name {q(name)} does not match ^{client.name_pattern}$"))
        elif client.prefix and client.prefixed_max:
            full = client.prefix.format(server=label) + name
            if len(full) > client.prefixed_max:
                problems.append(_problem(name, "name-length-prefixed",
                                         f"{q(full)} is {len(full)} characters (at most {client.prefixed_max})"))
        if client.combined_max and len(label) + len(name) > client.combined_max:
            problems.append(_problem(name, "name-combined-length",
                                     f"server {q(label)} + tool {q(name)} is {len(label) + len(name)} characters "
                                     f"(at most {client.combined_max})"))
        if client.soft_name_pattern and not re.fullmatch(client.soft_name_pattern, name):
            problems.append(_problem(name, "name-soft", f"name {q(name)} is outside ^{client.soft_name_pattern}$",
                                     "degrades"))
        schema = tool.get("inputSchema")
        if isinstance(schema, dict):
            used = [k for k in client.root_composition if k in schema]
            if used:
                problems.append(_problem(name, "root-composition", f"inputSchema has {', '.join(used)} at its root"))
            if client.schema_keywords is not None:
                for rule, detail in _gemini(client, schema):
                    problems.append(_problem(name, rule, detail))
            if client.no_boolean_properties:
                props = schema.get("properties")
                flagged = [k for k, v in (props.items() if isinstance(props, dict) else ()) if isinstance(v, bool)]
                if flagged:
                    problems.append(_problem(name, "boolean-property", f"inputSchema.properties {flagged[:4]} are boolean schemas"))
        if client.no_boolean_subschemas:
            booleans = [where for where, node, via in subschemas(schema) if isinstance(node, bool) and via == "properties"]
            if booleans:
                problems.append(_problem(name, "boolean-subschema", f"boolean subschemas at {booleans[:4]}"))
        output = tool.get("outputSchema")
        if client.output_schema_object and "outputSchema" in tool and not (isinstance(output, dict) and output.get("type") == "object"):
            problems.append(_problem(name, "output-schema-object", 'outputSchema root is not "type": "object"'))
    count = len(tools)
    if client.max_tools and count > client.max_tools:
        problems.append(_problem(None, "tool-count", f"{count} tools (at most {client.max_tools})"))
    elif client.soft_max_tools and count > client.soft_max_tools:
        problems.append(_problem(None, "tool-count-soft", f"{count} tools (about {client.soft_max_tools} at most)", "degrades"))
    not_observed = 0
    if client.structured_content_required or client.structured_content_validated:
        with_output = {t["name"] for t in tools if isinstance(t.get("outputSchema"), dict)}
        seen = {o.tool for o in observations or []}
        not_observed = len(with_output - seen)
        for obs in observations or []:
            if obs.tool not in with_output or obs.is_error:
                continue
            if client.structured_content_required and not obs.structured:
                problems.append(_problem(obs.tool, "structured-content-missing", "has an outputSchema but returned no structuredContent"))
            elif client.structured_content_validated and obs.valid is False:
                problems.append(_problem(obs.tool, "structured-content-invalid", "structuredContent does not match its outputSchema"))
    breaks = sorted({p["tool"] or "(all tools)" for p in problems if p["effect"] == "breaks"})
    degrades = sorted({p["tool"] or "(all tools)" for p in problems if p["effect"] == "degrades"} - set(breaks))
    verdict = "breaks" if breaks else "degrades" if degrades else "ok"
    entry = {
        "client": client.id, "name": client.name, "verdict": verdict, "tools": count,
        "breaks": breaks, "degrades": degrades, "problems": problems[:MAX_PROBLEMS],
        "on_violation": client.on_violation, "sources": list(client.sources),
    }
    if client.prefix or client.combined_max:
        entry["assumed_server_name"] = label
    if not_observed:
        entry["not_observed"] = f"{not_observed} tool(s) with an outputSchema were not called"
    if client.notes:
        entry["notes"] = client.notes
    return entry


def evaluate_all(tools: list[dict], server_name: str | None, observations: list[Observation] | None) -> list[dict]:
    named = [t for t in tools if isinstance(t, dict) and isinstance(t.get("name"), str)]
    return [evaluate(client, named, server_name, observations) for client in CLIENTS]


def by_rule(entries: list[dict], rules: tuple[str, ...]) -> tuple[dict[str, list[str]], list[str]]:
    """For RULES: client id → offending tools, and a few details, across ENTRIES."""
    clients: dict[str, list[str]] = {}
    details: list[str] = []
    for entry in entries:
        for problem in entry["problems"]:
            if problem["rule"] in rules:
                tools = clients.setdefault(entry["client"], [])
                tool = problem["tool"] or "(all tools)"
                if tool not in tools:
                    tools.append(tool)
                text = f"{short(problem['tool']) + ': ' if problem['tool'] else ''}{problem['detail']}"
                if text not in details and len(details) < 12:
                    details.append(text)
    return clients, details
