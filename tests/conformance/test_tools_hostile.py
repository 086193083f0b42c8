"""The tools area against a server whose tools are odd or hostile: no harness error, no hang,
bounded messages, and the right checks flag the right tools."""

from __future__ import annotations

import sys
import time

from . import refserver

SERVER = r'''
import json, sys, time
LONG = "n" * 5000
TOOLS = [
    1, {"name": 7}, {"name": "no_schema"},
    {"name": LONG, "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": True}},
    {"name": "listy", "inputSchema": [], "annotations": {"readOnlyHint": True}},
    {"name": "recursive", "inputSchema": {"type": "object", "properties": {f"p{i}": {"$ref": "#"} for i in range(12)},
                                          "required": ["p0"]}, "annotations": {"readOnlyHint": True}},
    {"name": "badregex", "inputSchema": {"type": "object", "properties": {"s": {"type": "string", "pattern": "[[["}},
                                         "required": ["s"]}, "annotations": {"readOnlyHint": True}},
    {"name": "slow", "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": True}},
    {"name": "garbage_out", "inputSchema": {"type": "object"}, "outputSchema": {"type": "object", "minimum": "x"},
     "annotations": {"readOnlyHint": True}},
]
for line in sys.stdin:
    msg = json.loads(line)
    if "id" not in msg or "method" not in msg:
        continue
    method, rid = msg["method"], msg["id"]
    if method == "initialize":
        result = {"protocolVersion": msg["params"]["protocolVersion"], "capabilities": {"tools": {}},
                  "serverInfo": {"name": "odd", "version": "0"}}
    elif method == "tools/list":
        result = {"tools": TOOLS}
    elif method == "tools/call":
        name = msg["params"].get("name")
        if name == "slow":
            continue  # never answered
        result = {"content": [{"type": "text", "text": "ok"}], "structuredContent": {"a": 1}}
    elif method == "ping":
        result = {}
    else:
        print(json.dumps({"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "no"}}), flush=True)
        continue
    print(json.dumps({"jsonrpc": "2.0", "id": rid, "result": result}), flush=True)
'''


def test_odd_tools_give_a_clean_report(tmp_path):
    script = tmp_path / "odd_server.py"
    script.write_text(SERVER, encoding="utf-8")
    started = time.monotonic()
    report = refserver.run(command=[sys.executable, str(script)], scenarios=["tools-list", "tools-schemas", "tools-call",
                                                                              "tools-interop"],
                           timeout=1.5, budget=30)
    assert time.monotonic() - started < 15
    assert report.fatal is None and not report.harness_errors, report.harness_errors
    by_id = {r.check.id: r for r in report.checks if r.protocol_version == "2025-11-25"}
    assert by_id["tools-list"].status == "fail"  # a non-object item, a number as name, a tool without inputSchema
    assert by_id["tools-input-schema-root-object"].status == "fail"  # 'listy'
    assert by_id["tools-output-schema-valid"].status == "fail"  # 'garbage_out'
    assert by_id["tools-name-format"].status == "warn"  # 5000 characters
    assert all(len(r.message) < 2000 for r in report.checks)
    details = by_id["tools-call-result"].details
    assert details["slow_cancelled"] == ["slow"]  # cancelled after the timeout, not a failure
    assert by_id["tools-call-result"].status == "pass"
    assert details["skipped"]["its inputSchema is not a schema object"] == ["listy"]
    assert details["skipped"]["no arguments valid under its inputSchema could be built"] == ["badregex", "recursive"]
    assert "p0" in details["skip_details"]["recursive"]
    assert {e["client"] for e in report.interop if e["verdict"] == "breaks"} >= {"claude-code", "openai"}
