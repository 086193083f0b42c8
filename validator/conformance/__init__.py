"""The MCP server conformance suite: transports, scenarios, checks and their reports.

Nothing is imported here eagerly: `agentconform check` must never pay for `mcp`.
"""
