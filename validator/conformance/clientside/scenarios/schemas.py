"""JSON Schema features in tool schemas, the official `json-schema-2020-12-preservation` contract:
the client lists a tool whose inputSchema uses 2020-12 keywords and echoes the schema it holds
back through `json_schema_echo`; every keyword must survive its parsing.
https://modelcontextprotocol.io/specification/2025-11-25/basic#json-schema-usage
"""

from __future__ import annotations

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import calls, not_called
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check

FOCAL, ECHO = "json_schema_2020_12_tool", "json_schema_echo"
FOCAL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "$defs": {"address": {"$anchor": "address", "type": "object",
                          "properties": {"street": {"type": "string"}, "city": {"type": "string"}}, "required": ["city"]}},
    "properties": {"name": {"type": "string"}, "address": {"$ref": "#/$defs/address"},
                   "contact": {"anyOf": [{"type": "string", "format": "email"}, {"type": "integer"}]},
                   "kind": {"type": "string", "enum": ["a", "b"]}, "detail": {"allOf": [{"type": "string"}, {"minLength": 1}]}},
    "if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["name"]}, "else": {"required": ["contact"]},
    "additionalProperties": False,
}
C = revisions("25c")
URL = f"{S25}/basic#json-schema-usage"
KEYWORDS = {  # check id: (keyword paths that must come back unchanged, what it means)
    "json-schema-2020-12-client-schema-preserved": (("$schema",), "$schema"),
    "json-schema-2020-12-client-defs-preserved": (("$defs",), "$defs with the $ref into it"),
    "json-schema-2020-12-client-additional-properties-preserved": (("additionalProperties",), "additionalProperties"),
    "sep-2106-client-composition-keywords-preserved": (("properties",), "anyOf / allOf inside properties"),
    "sep-2106-client-conditional-keywords-preserved": (("if", "then", "else"), "if / then / else"),
}
CHECKS = {cid: Check(cid, "json-schema-2020-12-preservation", "CLI-040", "derived", C, URL,
                     f"the tool schema the client holds keeps {what} as the server sent it")
          for cid, (_, what) in KEYWORDS.items()}


def judge(traffic, v) -> None:
    checks = tuple(CHECKS.values())
    if not_called(traffic, v, ECHO, checks):
        return
    args = calls(traffic, ECHO)[0]["params"].get("arguments")
    echoed = args.get("schema") if isinstance(args, dict) else None
    if not isinstance(echoed, dict):
        for check in checks:
            v.warned(check, f"{ECHO} was called without a schema object")
        return
    for cid, (paths, what) in KEYWORDS.items():
        changed = [p for p in paths if echoed.get(p) != FOCAL_SCHEMA.get(p)]
        v.verdict(CHECKS[cid], not changed, f"{what} preserved", f"{what} altered or dropped: got {[echoed.get(p) for p in changed]!r}")


def _echo_result(params: dict) -> dict:
    return {"content": [{"type": "text", "text": "echoed"}]}


SCENARIOS = [
    ClientScenario("json-schema-2020-12-preservation", "a 2020-12 tool schema survives the client's parsing (echoed back)",
                   tuple(CHECKS.values()),
                   Script(capabilities={"tools": {}}, tool_pages=((
                       {"name": FOCAL, "description": "Tool with JSON Schema 2020-12 features", "inputSchema": FOCAL_SCHEMA},
                       {"name": ECHO, "description": "Echoes back the schema the client observed",
                        "inputSchema": {"type": "object", "properties": {"schema": {"type": "object"}}, "required": ["schema"]}}),),
                          call_result=_echo_result), judge, C, official=True,
                   harness=f"list tools, call {ECHO} with arguments {{schema: <the inputSchema held for {FOCAL}>}}"),
]
