"""Tools (TOOL-*) and the client interoperability matrix: the area's scenarios in one list.

The checks and their runs live in `validator.conformance.tools` (one module per
scenario); this module only registers them. Everything is capability-gated (no
`tools` capability: every tools check is skipped), follows `tools/list` to its last
page once per revision, and calls tools only as `--call-tools` allows.
https://modelcontextprotocol.io/specification/2025-11-25/server/tools
"""

from __future__ import annotations

from validator.conformance.tools import call_checks, client_checks, interop_checks, list_checks, schema_checks

SCENARIOS = [
    list_checks.SCENARIO,
    schema_checks.SCENARIO,
    call_checks.SCENARIO,
    client_checks.SCENARIO,
    interop_checks.SCENARIO,
]
