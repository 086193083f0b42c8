"""The strict schema of the declared manifest version, as `mcpb validate` applies it (MCPB003-MCPB007).

`schema.py` turns each validation error into the problem of the rule that says what kind
of problem it is; a manifest without a known version is validated against the legacy DXT
schema when it has a lone `dxt_version` string, and not at all otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.schema import schema_problems
from validator.standards.mcpb.versions import schema_name, select_version


@emits(R.MCPB003, R.MCPB004, R.MCPB005, R.MCPB006, R.MCPB007)
def schema(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    name = schema_name(value)
    if name:
        yield from schema_problems(value, name, select_version(value)[1] or "dxt_version")
