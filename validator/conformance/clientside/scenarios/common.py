"""What the client scenarios share: tool definitions, the basic script, and small readers of traffic."""

from __future__ import annotations

from validator.conformance.clientside.model import Action, Script

ADD_NUMBERS = {"name": "add_numbers", "description": "Add two numbers together",
               "inputSchema": {"type": "object", "properties": {"a": {"type": "number", "description": "First number"},
                                                               "b": {"type": "number", "description": "Second number"}},
                               "required": ["a", "b"]}}


def trigger_tool(name: str, description: str) -> dict:
    """A tool without arguments whose call makes the server play its script."""
    return {"name": name, "description": description, "inputSchema": {"type": "object", "properties": {}}}


def trigger_script(tool: str, description: str, *actions: Action, capabilities: dict | None = None) -> Script:
    return Script(capabilities=capabilities or {"tools": {}}, tool_pages=((trigger_tool(tool, description),),),
                  on_call=tuple(actions))


def calls(traffic, tool: str) -> list[dict]:
    return [m for m in traffic.requests("tools/call")
            if isinstance(m.get("params"), dict) and m["params"].get("name") == tool]


def not_called(traffic, verdicts, tool: str, checks) -> bool:
    """When the harness never called TOOL, the scenario's checks have nothing to judge: a warning
    on each (the harness contract was not followed), never a failure of the client."""
    if calls(traffic, tool):
        return False
    for check in checks:
        verdicts.warned(check, f"the client never called {tool} (the scenario's harness calls the first listed tool)")
    return True


def exited_cleanly(traffic) -> tuple[bool, str]:
    if traffic.timed_out:
        return False, "the client did not finish within the time allowed (killed)"
    if traffic.exit_code not in (0, None):
        return False, f"the client exited with status {traffic.exit_code}"
    return True, "the client finished and exited 0"
