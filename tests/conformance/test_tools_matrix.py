"""The client interoperability matrix and content-block helpers (no server needed)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from validator.conformance.observe import content, matrix
from validator.conformance.observe.clients import CLIENTS

PORTABLE = {"name": "get_weather", "inputSchema": {"type": "object", "properties": {"city": {"type": "string", "minLength": 1}},
                                                   "required": ["city"]}}


def _verdicts(tools, server="weather", observations=None) -> dict:
    return {e["client"]: e for e in matrix.evaluate_all(tools, server, observations)}


def test_every_client_has_sources_and_a_distinct_id():
    assert len({c.id for c in CLIENTS}) == len(CLIENTS) >= 11
    assert all(c.sources and c.on_violation for c in CLIENTS)


def test_portable_tool_is_ok_everywhere():
    assert {e["verdict"] for e in _verdicts([PORTABLE]).values()} == {"ok"}


@pytest.mark.parametrize("tool,rule,clients", [
    ({**PORTABLE, "name": "weather.get"}, "name", {"openai", "azure-openai", "anthropic-api", "claude-code", "claude-desktop",
                                                       "copilot-cli", "cursor"}),
    ({**PORTABLE, "name": "w" * 51}, "name-length-prefixed", {"claude-code"}),  # mcp__weather__ + 51 = 65
    ({**PORTABLE, "inputSchema": {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}}, "root-composition",
     {"anthropic-api", "claude-code", "claude-desktop"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "additionalProperties": False}}, "schema-keyword", {"gemini"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"u": {"type": "string", "format": "uri"}}}}, "string-format", {"gemini"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"n": {"type": "integer", "enum": [1, 2]}}}}, "enum-non-string", {"gemini"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"v": {"type": ["string", "null"]}}}}, "type-array", {"gemini"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"bad-name": {"type": "string"}}}}, "property-name", {"gemini"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"any": True}}}, "boolean-property", {"mcp-typescript-sdk-v1"}),
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"a": {"type": "object", "properties": {"x": True}}}}},
     "boolean-subschema", {"claude-code"}),
    # booleans under other keywords are fine everywhere: the TypeScript SDK emits additionalProperties false on every object
    ({**PORTABLE, "inputSchema": {"type": "object", "properties": {"a": {"type": "array", "items": False}},
                                  "additionalProperties": False}}, "boolean-subschema", set()),
    ({**PORTABLE, "outputSchema": {"type": "array"}}, "output-schema-object", {"mcp-typescript-sdk-v1"}),
])
def test_rules_break_the_clients_they_belong_to(tool, rule, clients):
    verdicts = _verdicts([tool])
    hit = {cid for cid, e in verdicts.items() if any(p["rule"] == rule for p in e["problems"])}
    assert hit == clients
    assert all(verdicts[c]["verdict"] == "breaks" for c in clients)


def test_counts_and_soft_limits():
    tools = [{**PORTABLE, "name": f"t{i}"} for i in range(50)]
    verdicts = _verdicts(tools)
    assert verdicts["cursor"]["verdict"] == "degrades"
    assert verdicts["openai"]["verdict"] == "ok"
    verdicts = _verdicts([{**PORTABLE, "name": f"t{i}"} for i in range(129)])
    assert verdicts["openai"]["verdict"] == verdicts["copilot-vscode"]["verdict"] == "breaks"
    assert verdicts["copilot-vscode"]["breaks"] == ["(all tools)"]


def test_combined_length_uses_the_normalised_server_name():
    entry = _verdicts([{**PORTABLE, "name": "x" * 44}], server="my company/server")["cursor"]  # 17 + 44 > 60
    assert entry["assumed_server_name"] == "my_company_server"
    assert entry["verdict"] == "breaks"


def test_structured_content_rules_need_observations():
    tool = {**PORTABLE, "outputSchema": {"type": "object"}}
    unseen = _verdicts([tool])["mcp-python-sdk"]
    assert unseen["verdict"] == "ok" and "not_observed" in unseen
    seen = _verdicts([tool], observations=[matrix.Observation("get_weather", False, None, False)])
    assert seen["mcp-python-sdk"]["verdict"] == seen["mcp-typescript-sdk-v1"]["verdict"] == "breaks"
    errored = _verdicts([tool], observations=[matrix.Observation("get_weather", False, None, True)])
    assert errored["mcp-python-sdk"]["verdict"] == "ok"


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNQaHgAAAJEAYFxwsaxAAAAAElFTkSuQmCC")


def test_binary_blocks():
    good = {"type": "image", "data": base64.b64encode(PNG).decode(), "mimeType": "image/png"}
    assert content.binary_problems(good, "image") == ([], [])
    assert content.binary_problems({**good, "data": "not base64!"}, "image")[0]
    assert "but the bytes are image/png" in content.binary_problems({**good, "mimeType": "image/jpeg"}, "image")[1][0]
    assert content.binary_problems({**good, "mimeType": "text/plain"}, "image")[1]
    assert content.sniff(b"RIFF\x00\x00\x00\x00WAVEfmt ") == "audio/wav"
    assert content.sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") == "image/svg+xml"
    assert content.sniff(b"plain bytes") is None


def test_resource_blocks():
    assert content.resource_problems({"type": "resource", "resource": {"uri": "file:///a.txt", "text": "a"}}) == ([], [])
    must, _ = content.resource_problems({"type": "resource", "resource": {"uri": "a.txt", "blob": "%%"}})
    assert len(must) == 2
    assert content.link_problems({"type": "resource_link", "uri": "https://example.com/a", "name": "a"}) == []
    assert content.link_problems({"type": "resource_link", "uri": "relative/a"})


def test_every_tools_check_is_documented():
    from validator.conformance.areas import load_scenarios

    text = (Path(__file__).resolve().parents[2] / "docs" / "conformance" / "tools.md").read_text(encoding="utf-8")
    missing = [c.id for s in load_scenarios(("tools",)) for c in s.checks if f"`{c.id}`" not in text]
    assert not missing, f"not described in docs/conformance/tools.md: {missing}"
    assert all(client.name.split(" ")[0] in text for client in CLIENTS)


def test_forgiving_base64_is_a_warning_not_a_failure():
    data = base64.b64encode(PNG).decode()
    wrapped = "\n".join(data[i:i + 16] for i in range(0, len(data), 16)).rstrip("=")
    must, derived = content.binary_problems({"type": "image", "data": wrapped, "mimeType": "image/png"}, "image")
    assert must == [] and "not RFC 4648" in derived[0]
    must, _ = content.binary_problems({"type": "image", "data": "-_" + data[2:], "mimeType": "image/png"}, "image")
    assert must  # the URL-safe alphabet is another encoding, not forgiving base64
