"""The client interoperability matrix: what real MCP hosts and SDK clients accept, as data
(`clients`), and every listed tool held against every client (`matrix`).

The spec allows more than clients accept (tool names with dots, 128 characters, any
JSON Schema keyword); a server that is conformant can still be unusable in a given
host. Verdicts are `derived` (never failures): they go into the report's `interop`
list and into the `interop-*` checks of the tools area.
"""
