"""Scenario `tools-interop` (collect phase): the client interoperability matrix.

Every listed tool (and every call observed) is held against every client of
`validator.conformance.observe.clients`; the verdicts of the newest revision tested go
into the report's `interop` list, and the `interop-*` checks (derived: warnings, never
failures) summarise the portable profile: which clients break, on which tools, and why.
"""

from __future__ import annotations

from validator.conformance.observe import matrix
from validator.conformance.observe import schema as schemas
from validator.conformance.observe.primitives import skip_rest, undeclared
from validator.conformance.observe.tools import NOT_DECLARED, TOOLS, existing_calls, listing
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import Check, Scenario

L = revisions("L")
SC = "tools-interop"
PROTOCOL_DOC = "https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names"

NAMES = Check("interop-tool-name-portable", SC, "TOOL-003", "derived", L, PROTOCOL_DOC,
              "tool names match ^[A-Za-z0-9_-]{1,64}$, which every client in the matrix accepts (no dots, slashes, "
              "spaces; at most 64 characters)")
PREFIXED = Check("interop-tool-name-prefixed-length", SC, "TOOL-003", "derived", L, PROTOCOL_DOC,
                 "names stay within host limits once prefixed: mcp__<server>__<tool> at most 64 characters (Claude "
                 "Code), server + tool at most 60 (Cursor)")
COUNT = Check("interop-tool-count", SC, "TOOL-001", "derived", L, f"{TOOLS}#listing-tools",
              "the server lists at most 128 tools (OpenAI, Copilot) and about 40 (Cursor)")
COMPOSITION = Check("interop-input-schema-root-composition", SC, "TOOL-002", "derived", L, f"{TOOLS}#tool",
                    "inputSchema has no oneOf/anyOf/allOf (or if/then/else/not) at its root (Anthropic API, Claude "
                    "Code, Claude Desktop)")
GEMINI = Check("interop-input-schema-gemini-subset", SC, "TOOL-002", "derived", L, f"{TOOLS}#tool",
               "inputSchema stays within Gemini's OpenAPI 3.0 subset (no $schema, $ref, oneOf, allOf, const, "
               "additionalProperties; one type; string formats enum/date-time; string enums)")
BOOLEANS = Check("interop-schema-boolean-subschemas", SC, "TOOL-002", "derived", L, f"{TOOLS}#tool",
                 "inputSchema has no boolean schema (true/false) as a property's schema, which Claude Code and the "
                 "TypeScript SDK v1 reject")

RULES = (
    (NAMES, ("name",)),
    (PREFIXED, ("name-length-prefixed", "name-combined-length")),
    (COUNT, ("tool-count", "tool-count-soft")),
    (COMPOSITION, ("root-composition",)),
    (GEMINI, ("schema-keyword", "property-name", "string-format", "enum-non-string", "type-array")),
    (BOOLEANS, ("boolean-subschema", "boolean-property")),
)


def observations(run_, revision: str) -> list[matrix.Observation] | None:
    if run_ is None or revision < "2025-06-18":
        return None
    out = []
    for call in run_.calls:
        result = call.result
        if result is None:
            continue
        structured = result.get("structuredContent") is not None
        valid = None
        output = call.plan.tool.get("outputSchema")
        if structured and isinstance(output, dict):
            errors = schemas.instance_errors(output, result["structuredContent"], revision)
            valid = None if errors is None else not errors
        out.append(matrix.Observation(call.plan.name, structured, valid, call.is_error))
    return out


async def run(ctx) -> None:
    if undeclared(ctx, "tools", why=NOT_DECLARED):
        return
    found = await listing(ctx)
    if found.failure is not None or found.error is not None:
        skip_rest(ctx, "tools/list was not answered with a result")
        return
    server = ctx.session.server_info.get("name") if ctx.session is not None else None
    entries = matrix.evaluate_all(found.named, server, observations(await existing_calls(ctx), ctx.revision))
    for entry in entries:
        entry["protocol_version"] = ctx.revision
    supported = list(getattr(ctx.negotiation, "supported", None) or [ctx.revision])
    if ctx.revision == max(supported):
        ctx.state.interop[:] = entries
    for check, rules in RULES:
        clients, details = matrix.by_rule(entries, rules)
        if not clients:
            ctx.passed(check, f"{len(found.named)} tool(s) fit every client in the matrix")
            continue
        who = ", ".join(f"{c} ({len(t)})" for c, t in clients.items())
        ctx.warned(check, f"not portable to {who}: {details[0]}", details={"clients": clients, "problems": details})


SCENARIO = Scenario(SC, "Client interoperability matrix: every tool against OpenAI, Anthropic, Claude Code, Copilot, "
                        "Cursor, Gemini and the MCP SDK clients", tuple(c for c, _ in RULES), run, phase="collect")
