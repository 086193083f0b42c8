"""Tools (TOOL-*) and the client interoperability matrix: the area's scenarios in one list.

The checks and their runs live in `validator.conformance.areas.tools_*` (one module per
scenario); this module only registers them. Everything is capability-gated (no
`tools` capability: every tools check is skipped), follows `tools/list` to its last
page once per revision, and calls tools only as `--call-tools` allows.
https://modelcontextprotocol.io/specification/2025-11-25/server/tools
"""

from __future__ import annotations

from validator.conformance.areas import tools_call as call_checks
from validator.conformance.areas import tools_client as client_checks
from validator.conformance.areas import tools_interop as interop_checks
from validator.conformance.areas import tools_list as list_checks
from validator.conformance.areas import tools_schema as schema_checks

SCENARIOS = [
    list_checks.SCENARIO,
    schema_checks.SCENARIO,
    call_checks.SCENARIO,
    client_checks.SCENARIO,
    interop_checks.SCENARIO,
]
