"""Scenario `tools-schemas`: every tool's inputSchema and outputSchema, read from the
shared listing (no request of its own).

Root `type: "object"` is required by every revision's Tool schema for inputSchema and by
2025-06-18 and 2025-11-25 for outputSchema (TOOL-002, TOOL-007). Validity under the
dialect is a MUST from 2025-11-25 (BASE-016) and a derived rule before.
https://modelcontextprotocol.io/specification/2025-11-25/basic#json-schema-usage
"""

from __future__ import annotations

from validator.conformance.observe import schema as schemas
from validator.conformance.observe.quote import q
from validator.conformance.observe.tools import TOOLS, analysis, gate
from validator.conformance.protocol.revisions import JSON_SCHEMA_2020_12_FROM, revisions, since
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LM = revisions("all")
"""The handshake revisions and 2026-07-28 (the root object type there is modern-tools-list's: not repeated)."""
SC = "tools-schemas"
USAGE = f"{S25}/basic#json-schema-usage"
REFS = "https://modelcontextprotocol.io/specification/2026-07-28/basic#ref-resolution"

INPUT_ROOT = Check("tools-input-schema-root-object", SC, "TOOL-002", "MUST", L, f"{TOOLS}#tool",
                   'inputSchema is a JSON Schema object with "type": "object" at its root')
INPUT_VALID = Check("tools-input-schema-valid", SC, "BASE-016", "MUST", LM, USAGE,
                    "inputSchema is valid under its dialect ($schema, else 2020-12 from 2025-11-25 and draft-07 before)")
OUTPUT_ROOT = Check("tools-output-schema-root-object", SC, "TOOL-007", "MUST", revisions("25b+"), f"{TOOLS}#output-schema",
                    'outputSchema, when present, has "type": "object" at its root')
OUTPUT_VALID = Check("tools-output-schema-valid", SC, "BASE-016", "MUST", revisions("25b+"), USAGE,
                     "outputSchema is valid under its dialect")
DIALECT = Check("tools-schema-dialect-known", SC, "BASE-016", "derived", LM, USAGE,
                "$schema, when present, names a JSON Schema dialect (draft-04 to 2020-12) clients can evaluate")
REFS_LOCAL = Check("tools-schema-refs-local", SC, "BASE-017", "derived", LM, REFS,
                   "every $ref in inputSchema and outputSchema is local and resolves (clients do not fetch others)")
SATISFIABLE = Check("tools-input-schema-satisfiable", SC, "TOOL-002", "derived", LM, f"{TOOLS}#tool",
                    "no part of an inputSchema provably rejects every value (minimum above maximum, an enum none of "
                    "whose members fits, a required property that is false or not allowed)")


def _level(ctx) -> str:
    # BASE-016's MUST exists from 2025-11-25; before, validity under draft-07 is derived
    return "MUST" if since(ctx.revision, JSON_SCHEMA_2020_12_FROM) else "derived"


async def run(ctx) -> None:
    found = await gate(ctx)
    if found is None:
        return
    tools = found.named
    root_bad, input_bad, output_root_bad, output_bad, dialects, refs, unsat = [], [], [], [], [], [], []
    used = set()
    outputs = 0
    for tool in tools:
        name = tool["name"]
        for key in ("inputSchema", "outputSchema"):
            if key not in tool:
                continue
            schema = tool[key]
            if key == "outputSchema":
                outputs += 1
            if not isinstance(schema, dict):
                (root_bad if key == "inputSchema" else output_root_bad).append(f"{q(name)}: {key} is not an object")
                continue
            if not schemas.root_type_is_object(schema):
                (root_bad if key == "inputSchema" else output_root_bad).append(
                    f"{q(name)}: {key} root type is {schema.get('type', 'missing')!r}, not 'object'")
            dialect = schemas.dialect_of(schema, ctx.revision)
            used.add(dialect.name)
            if not dialect.known:
                dialects.append(f"{q(name)}: {key} $schema {q(dialect.name)} is no known dialect")
            else:
                for problem in schemas.meta_problems(schema, dialect)[:2]:
                    (input_bad if key == "inputSchema" else output_bad).append(f"{q(name)}: {key}{problem} ({dialect.name})")
            external, dangling = schemas.ref_problems(schema)
            refs.extend(f"{q(name)}: {key} external $ref at {r}" for r in external[:2])
            refs.extend(f"{q(name)}: {key} $ref at {r} does not resolve" for r in dangling[:2])
    for plan in await analysis(ctx, found):
        unsat.extend(f"{q(plan.name)}: {c}" for c in plan.contradictions[:2])
    count = len(tools)
    if INPUT_ROOT.applies(ctx.revision, ctx.transport):
        ctx.verdict(INPUT_ROOT, not root_bad, f"{count} inputSchema(s) with a root object type", "; ".join(root_bad[:5]),
                    details={"problems": root_bad[:30]} if root_bad else None)
    ctx.verdict(INPUT_VALID, not input_bad, f"{count} inputSchema(s) valid ({', '.join(sorted(used)) or 'no schema'})",
                "; ".join(input_bad[:3]), details={"problems": input_bad[:30]} if input_bad else None, level=_level(ctx))
    if OUTPUT_ROOT.applies(ctx.revision, ctx.transport):
        if outputs:
            ctx.verdict(OUTPUT_ROOT, not output_root_bad, f"{outputs} outputSchema(s) with a root object type",
                        "; ".join(output_root_bad[:5]))
        else:
            ctx.passed(OUTPUT_ROOT, "no tool declares an outputSchema")
    if OUTPUT_VALID.applies(ctx.revision, ctx.transport):
        if outputs:
            ctx.verdict(OUTPUT_VALID, not output_bad, f"{outputs} outputSchema(s) valid", "; ".join(output_bad[:3]),
                        details={"problems": output_bad[:30]} if output_bad else None, level=_level(ctx))
        else:
            ctx.passed(OUTPUT_VALID, "no tool declares an outputSchema")
    ctx.verdict(DIALECT, not dialects, f"dialects used: {', '.join(sorted(used)) or 'none'}", "; ".join(dialects[:3]))
    ctx.verdict(REFS_LOCAL, not refs, "no external or dangling $ref", "; ".join(refs[:3]),
                details={"problems": refs[:30]} if refs else None)
    ctx.verdict(SATISFIABLE, not unsat, f"{count} inputSchema(s) admit a value", "; ".join(unsat[:3]),
                details={"problems": unsat[:30]} if unsat else None)


SCENARIO = Scenario(SC, "Tool inputSchema/outputSchema: root type, dialect, validity, $ref, satisfiability",
                    (INPUT_ROOT, INPUT_VALID, OUTPUT_ROOT, OUTPUT_VALID, DIALECT, REFS_LOCAL, SATISFIABLE), run, revisions=LM)
