"""Consistency between files of different standards (the cross-file stage).

Runs after every file has been checked on its own, over all parsed documents at
once. It is the only place that knows several standards: it reads server.json and
client-config documents (their `data` and `meta`), and reads the files no standard
owns (package.json, pyproject.toml, READMEs, Dockerfiles, MCPB manifests) through
`ctx.index`, lazily, so a pre-commit run on a few files still sees their context.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.crossfile.rules import RULES
from validator.model import Finding

__all__ = ["RULES", "check"]


def check(documents, ctx) -> Iterator[Finding]:
    """Findings that need several documents; DOCUMENTS are every parsed `Document`."""
    wanted = {doc.standard for doc in documents}
    if not wanted & {"server-json", "mcp-client-config"}:
        return iter(())
    from validator.crossfile.checks import run

    return iter(run(documents, ctx))
