"""Fields of an OpenAI Codex plugin manifest that Codex ignores while loading the rest of the plugin (CFG022):
a path it will not resolve (not `./`-relative, leaving the plugin root), a path that names nothing in the
repository, a field of the wrong type, a default prompt it drops. `codex_manifest.py` cites the loader."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.repo.files import Repo
from validator.repo.paths import join_inside
from validator.standards.client_config.codex_manifest import (
    FALLBACK,
    ignored_prompts,
    path_fields,
    plugin_root,
    resolve,
)
from validator.standards.client_config.reader import servers

_LOST = {"skills": "no skills from it", "mcpServers": "no MCP servers from it", "apps": "no apps from it",
         "hooks": "no hooks from it"}


@emits(R.CFG022)
def plugin_fields(doc, ctx) -> Iterator[Problem]:
    client, _ = servers(doc)
    value = doc.data.value
    from validator.standards.client_config.checks.vendor_plugins import manifest_paths

    yield from manifest_paths(doc, ctx)  # Cursor and Copilot CLI plugin manifests' `mcpServers` paths
    if client.key != "codex-plugin-manifest" or not isinstance(value, dict):
        return
    repo = Repo.of(ctx.index)
    root = plugin_root(doc.relpath)
    for key, path, pointer in path_fields(value):
        if not key:
            yield Problem(R.CFG022, path, pointer)
            continue
        relative, why = resolve(path)
        if relative is None:
            fallback = f"; {FALLBACK[key]}" if key in FALLBACK else ""
            yield Problem(R.CFG022, f"Codex ignores '{key}' {path!r}: {why}{fallback}", pointer)
            continue
        target = join_inside(root, relative)
        stat = repo.stat(target) if target else None
        if stat is None or not stat.exists:
            lost = _LOST.get(key, "no image from it")
            yield Problem(R.CFG022, f"'{key}' names {path!r}, which is not in the repository; Codex loads {lost}",
                          pointer)
    for message, pointer in ignored_prompts(value):
        yield Problem(R.CFG022, message, pointer)
