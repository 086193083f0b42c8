"""VS Code `inputs`: a `${input:id}` with no input (CFG013), an input nothing uses (CFG014)."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
import validator.standards.client_config.values as V
from validator.emitters import emits
from validator.model import Problem
from validator.standards.client_config.reader import servers


@emits(R.CFG013, R.CFG014)
def inputs(doc, ctx) -> Iterator[Problem]:
    client, found = servers(doc)
    value = doc.data.value
    if client.key != "vscode" or not isinstance(value, dict):
        return
    raw = value.get("inputs")
    ids: dict[str, int] = {}
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.setdefault(item["id"], index)
    used: set[str] = set()
    if found.pointer is not None:
        for pointer, _key, text in V.leaves(doc.data.get(found.pointer), found.pointer):
            for ref in V.input_refs(text):
                used.add(ref)
                if ref not in ids:
                    suggestion = V.close(ref, list(ids))
                    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
                    yield Problem(R.CFG013, f"${{input:{ref}}} has no entry in 'inputs'; VS Code stops with "
                                  f"'Undefined input variable'{hint}", pointer)
    for ident, index in ids.items():
        if ident not in used:
            yield Problem(R.CFG014, f"input '{ident}' is never used as ${{input:{ident}}}", ("inputs", index, "id"))
