"""agentconform: lint agent-interoperability files and test MCP servers for conformance.

The import package is deliberately light: `agentconform check` must start fast, so
nothing heavy (mcp, pydantic, jsonschema, markdown-it) is imported here. Public entry
points load what they need when they are called.
"""

from __future__ import annotations

__all__ = ["__version__", "check_paths", "run_conformance"]
from validator.version import __version__

__agentconform__ = True
"""Marks this package as agentconform's (the pytest entry point tells it from a project's own `validator`)."""


def check_paths(paths=(), **options):
    """Lint PATHS (or the current repository) and return the `LintResult`.

    Keyword options are those of `validator.lint.runner.LintOptions`.
    """
    from validator.lint.runner import LintOptions, run_lint

    return run_lint(LintOptions(paths=tuple(paths), **options))


def run_conformance(*args, **kwargs):
    """Run the MCP conformance suite; see `validator.conformance.api.run`."""
    from validator.conformance.api import run

    return run(*args, **kwargs)
