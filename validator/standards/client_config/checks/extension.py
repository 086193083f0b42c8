"""A client's extension manifest the client refuses to load, servers and all (CFG021): a Gemini CLI
`gemini-extension.json`, a Claude Code `.claude-plugin/plugin.json` or an OpenAI Codex
`.codex-plugin/plugin.json` (`codex_manifest.py` says what Codex refuses), with or without servers."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.engine.schemacheck import describe_value
from validator.model import Problem
from validator.records import lazy
from validator.standards.client_config.clients import GEMINI_EXTENSION_NAME, GEMINI_EXTENSION_REQUIRED
from validator.standards.client_config.codex_manifest import plugin_root, refusals
from validator.standards.client_config.reader import servers

_EXTENSION_NAME = lazy(GEMINI_EXTENSION_NAME)


@emits(R.CFG021)
def extension_manifest(doc, ctx) -> Iterator[Problem]:
    """What Gemini CLI's loadExtensionConfig requires before it reads any server: a name of
    letters, digits and dashes, and a version; otherwise the whole extension fails to load."""
    client, _ = servers(doc)
    value = doc.data.value
    from validator.standards.client_config.checks.vendor_plugins import manifest_refusals

    yield from manifest_refusals(doc)  # Cursor and Copilot CLI plugin manifests
    if client.key == "codex-plugin-manifest":
        folder = plugin_root(doc.relpath)
        for message, pointer in refusals(value, folder.rsplit("/", 1)[-1] if folder else None):
            yield Problem(R.CFG021, message, pointer)
        return
    if client.key == "claude-code-plugin" and isinstance(value, dict):
        # Plugins reference, "Plugin manifest schema": `name` is the one required field; without it the
        # plugin's manifest is invalid and Claude Code loads none of the plugin (servers, skills, commands).
        name = value.get("name")
        if "name" not in value:
            yield Problem(R.CFG021, "no 'name'; Claude Code refuses the plugin's manifest and loads nothing of it", ())
        elif not isinstance(name, str) or not name:
            yield Problem(R.CFG021, f"'name' must be a non-empty string, not {describe_value(name)}; Claude Code "
                          "refuses the plugin's manifest", ("name",))
        return
    if client.key != "gemini-extension" or not isinstance(value, dict):
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
