"""Consistency between files of different standards (the cross-file stage).

Runs after every file has been checked on its own, over all parsed documents at
once. It is the only place that knows several standards.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Finding, Rule

RULES: tuple[Rule, ...] = ()


def check(documents, ctx) -> Iterator[Finding]:
    """Findings that need several documents; DOCUMENTS are every parsed `Document`."""
    return iter(())
