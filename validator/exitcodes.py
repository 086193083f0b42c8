"""The three exit codes every subcommand uses (ruff, sqlfluff and ESLint agree on them)."""

OK = 0
"""Nothing at or above the failure threshold."""

FINDINGS = 1
"""Findings at or above the threshold, conformance failures, or stale baselines."""

ERROR = 2
"""Usage, configuration or internal error, or no MCP conversation could be established."""
