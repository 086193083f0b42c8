"""A client-conformance harness for an agent framework's MCP client layer: the OpenAI Agents SDK
(`agents.mcp.MCPServerStreamableHttp` / `MCPServerStdio`), driven as an agent run uses it, with
no model and no API key: list the tools, turn them into the function tools the model would see
(`MCPUtil.to_function_tool`, the SDK's default non-strict schemas), call the first one through
the server object, then list again as the next turn of an agent run does. The tools list is
cached (`cache_tools_list=True`, the SDK's advice for servers whose tools rarely change), so
the second turn shows whether a tools/list_changed notification reaches the cache. In the
schema scenario it echoes the schema the model would be given.
Used by tests/conformance/test_real_clients.py; runs in its own virtual environment.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import sys

from agents.mcp import MCPServerStdio, MCPServerStreamableHttp, MCPUtil


def server():
    if os.environ.get("MCP_CONFORMANCE_TRANSPORT") == "stdio":
        argv = shlex.split(os.environ["MCP_CONFORMANCE_SERVER_COMMAND"])
        return MCPServerStdio(params={"command": argv[0], "args": argv[1:]}, client_session_timeout_seconds=15,
                              cache_tools_list=True)
    return MCPServerStreamableHttp(params={"url": sys.argv[-1]}, client_session_timeout_seconds=15, cache_tools_list=True)


async def main() -> None:
    async with server() as mcp:
        tools = await mcp.list_tools()
        functions = {t.name: MCPUtil.to_function_tool(t, mcp, convert_schemas_to_strict=False) for t in tools}
        if os.environ.get("MCP_CONFORMANCE_SCENARIO") == "json-schema-2020-12-preservation":
            focal = functions["json_schema_2020_12_tool"]
            await mcp.call_tool("json_schema_echo", {"schema": focal.params_json_schema})
            return
        if tools:
            first = tools[0]
            await mcp.call_tool(first.name, {"a": 2, "b": 3} if first.name == "add_numbers" else {})
            await mcp.list_tools()  # the next turn


if __name__ == "__main__":
    asyncio.run(main())
