"""A client-conformance harness for an agent framework's MCP client layer: langchain-mcp-adapters
(`MultiServerMCPClient`), driven as an agent would use it, with no model: load the server's tools
as LangChain tools, invoke the first one, and in the schema scenario echo the schema the
framework holds (`tool.args_schema`). Used by tests/conformance/test_real_clients.py; runs in
its own virtual environment (the adapters pin mcp 1.x).
"""

from __future__ import annotations

import asyncio
import os
import shlex
import sys

from langchain_mcp_adapters.client import MultiServerMCPClient


def connection() -> dict:
    if os.environ.get("MCP_CONFORMANCE_TRANSPORT") == "stdio":
        argv = shlex.split(os.environ["MCP_CONFORMANCE_SERVER_COMMAND"])
        return {"transport": "stdio", "command": argv[0], "args": argv[1:]}
    return {"transport": "streamable_http", "url": sys.argv[-1]}


async def main() -> None:
    client = MultiServerMCPClient({"server": connection()})
    tools = await client.get_tools()
    if os.environ.get("MCP_CONFORMANCE_SCENARIO") == "json-schema-2020-12-preservation":
        focal = next(t for t in tools if t.name == "json_schema_2020_12_tool")
        echo = next(t for t in tools if t.name == "json_schema_echo")
        schema = focal.args_schema if isinstance(focal.args_schema, dict) else focal.args_schema.model_json_schema()
        await echo.ainvoke({"schema": schema})
        return
    if tools:
        first = tools[0]
        await first.ainvoke({"a": 2, "b": 3} if first.name == "add_numbers" else {})


if __name__ == "__main__":
    asyncio.run(main())
