"""Server names: two that differ only in case (CFG011), a `_` that Gemini CLI's tool names split at (CFG012)."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.client_config.reader import servers


@emits(R.CFG011, R.CFG012)
def server_names(doc, ctx) -> Iterator[Problem]:
    client, found = servers(doc)
    if client.key in ("gemini", "gemini-extension"):
        for entry in found.entries:
            if isinstance(entry.value, dict) and "_" in entry.name:
                yield Problem(R.CFG012, f"server name '{entry.name}' contains '_'; Gemini CLI splits tool names at "
                              "the first '_', so policies for it will not match", entry.pointer, at_key=True)
    first: dict[str, str] = {}
    for entry in found.entries:
        folded = entry.name.casefold()
        if folded in first and first[folded] != entry.name:
            yield Problem(R.CFG011, f"server '{entry.name}' differs from '{first[folded]}' only in case; tool names "
                          "and permissions keyed by it collide", entry.pointer, at_key=True)
        first.setdefault(folded, entry.name)
