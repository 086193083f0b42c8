"""pytest plugin entry point (`pytest11`): MCP conformance checks as pytest items.

Kept import-light: installing agentconform must not slow down unrelated test runs.
"""
