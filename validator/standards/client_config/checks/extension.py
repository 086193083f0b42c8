"""A Gemini CLI extension manifest Gemini CLI refuses to load, servers and all (CFG021)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.engine.schemacheck import describe_value
from validator.model import Problem
from validator.standards.client_config.clients import GEMINI_EXTENSION_NAME, GEMINI_EXTENSION_REQUIRED
from validator.standards.client_config.reader import servers

_EXTENSION_NAME = re.compile(GEMINI_EXTENSION_NAME)


@emits(R.CFG021)
def extension_manifest(doc, ctx) -> Iterator[Problem]:
    """What Gemini CLI's loadExtensionConfig requires before it reads any server: a name of
    letters, digits and dashes, and a version; otherwise the whole extension fails to load."""
    client, _ = servers(doc)
    value = doc.data.value
    if client.key != "gemini-extension":
        return
    for key in GEMINI_EXTENSION_REQUIRED:
        if key not in value:
            yield Problem(R.CFG021, f"no '{key}'; Gemini CLI refuses to load the extension and its servers", ())
        elif not isinstance(value[key], str) or not value[key]:
            yield Problem(R.CFG021, f"'{key}' must be a non-empty string, not {describe_value(value[key])}; "
                          "Gemini CLI refuses to load the extension", (key,))
    name = value.get("name")
    if isinstance(name, str) and name and not _EXTENSION_NAME.fullmatch(name):
        yield Problem(R.CFG021, f"extension name '{name}' may hold only letters, digits and dashes; "
                      "Gemini CLI refuses to load the extension", ("name",))
