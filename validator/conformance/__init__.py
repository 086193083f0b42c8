"""The MCP server conformance suite, in layers that read top-down.

1. `transport/`  how bytes reach a server (stdio, Streamable HTTP, legacy SSE, HTTP/1.1, processes)
2. `protocol/`   revisions, the JSON-RPC session, negotiation, per-revision wire models
3. `suite/`      checks and results as data, the context, the runner, reports, baselines
4. `observe/`    shared observation: list walking, content judging, schemas, argument synthesis
5. `areas/`      the scenarios, one module per area (registry in `areas/__init__.py`)
6. `render/`     report formats; then `cli`, `api` and `traceability` on top

A layer imports only layers below it (tests/conformance/test_layering.py enforces it).
Nothing is imported here eagerly: `agentconform check` must never pay for `mcp`.
"""
