"""Plugin files of Codex, Cursor and GitHub Copilot CLI beyond the Claude Code ones: a Codex marketplace Codex refuses
or whose entries it skips (CFG023), a Copilot CLI marketplace without the fields its reference requires (CFG023),
marketplace entries whose local folder is not in the repository and names the Copilot reference does not allow
(CFG024), a Cursor or Copilot CLI plugin manifest without its required `name` (CFG021) and an `mcpServers` path
that names no file (CFG022). `codex_marketplace.py` and `cursor_copilot.py` cite the sources. The rules' emitters
(`marketplace.py`, `extension.py`, `plugin_fields.py`) call these, so each rule keeps one address."""

from __future__ import annotations

import re
from collections.abc import Iterator

import validator.standards.client_config.codex_marketplace as codex
import validator.standards.client_config.rules as R
from validator.model import Problem
from validator.repo.files import Repo
from validator.standards.client_config.cursor_copilot import (
    COPILOT_MARKETPLACES,
    CURSOR_MARKETPLACE,
    config_targets,
    copilot_marketplace_refusals,
    copilot_name_warnings,
    local_sources,
    manifest_problems,
    mcp_paths,
    root_of,
    vendor_of,
)
from validator.standards.client_config.reader import servers

MARKETPLACES = frozenset({"codex-marketplace", "copilot-marketplace", "cursor-marketplace"})
MANIFESTS = frozenset({"cursor-plugin-manifest", "copilot-plugin-manifest"})
_SLOT = re.compile(r"\{\{|\$\{|<[A-Za-z_-]+>|__[A-Z_]+__")
"""A placeholder a scaffold fills in (`./plugins/{{name}}`): no folder to look for yet."""


def manifest_refusals(doc) -> Iterator[Problem]:
    """CFG021 for a Cursor or Copilot CLI plugin manifest (emitted by `extension.py`, the rule's one emitter)."""
    client, _ = servers(doc)
    if client.key not in MANIFESTS:
        return
    for message, pointer, severity in manifest_problems(doc.data.value, vendor_of(client.key)):
        yield Problem(R.CFG021, message, pointer, severity=None if severity == "error" else severity)


def manifest_paths(doc, ctx) -> Iterator[Problem]:
    """CFG022 for a Cursor or Copilot CLI manifest's `mcpServers` path (emitted by `plugin_fields.py`)."""
    client, _ = servers(doc)
    if client.key not in MANIFESTS:
        return
    vendor = vendor_of(client.key)
    value = doc.data.value
    named = mcp_paths(value)
    if not named:
        return
    repo = Repo.of(ctx.index)
    root = _plugin_root(doc.relpath)
    label = "Cursor" if vendor == "cursor" else "Copilot CLI"
    for path, pointer in named:
        targets = config_targets(root, doc.relpath, path)
        if not targets or _SLOT.search(path) or any(repo.lexists(target) or repo.would_be_ignored(target)
                                                    or repo.in_submodule(target) for target in targets):
            continue
        if path.lower().endswith(".json"):
            yield Problem(R.CFG022, f"'mcpServers' names {path!r}, which is not in the repository; {label} loads no "
                          "MCP servers from it", pointer)


def _plugin_root(relpath: str) -> str:
    """The plugin's folder of a manifest at `<root>/.cursor-plugin/plugin.json`, `<root>/.plugin/plugin.json`,
    `<root>/.github/plugin/plugin.json` or a bare `<root>/plugin.json`."""
    return root_of(relpath, (".cursor-plugin/plugin.json", ".github/plugin/plugin.json", ".plugin/plugin.json",
                             "plugin.json"))


def vendor_marketplace(doc, ctx) -> Iterator[Problem]:
    """CFG023 and CFG024 for a Codex, Copilot CLI or Cursor marketplace (emitted by `marketplace.py`)."""
    client, _ = servers(doc)
    if client.key not in MARKETPLACES:
        return
    value = doc.data.value
    repo = Repo.of(ctx.index)
    if client.key == "codex-marketplace":
        for message, pointer in codex.refusals(value):
            yield Problem(R.CFG023, message, pointer)
        root = codex.marketplace_root(doc.relpath)
        for source, folder, pointer in codex.local_sources(value):
            yield from _missing(repo, source, [_join(root, folder)], pointer, "Codex")
        return
    vendor = vendor_of(client.key)
    root = root_of(doc.relpath, COPILOT_MARKETPLACES if vendor == "copilot" else (CURSOR_MARKETPLACE,))
    if vendor == "copilot":
        for message, pointer in copilot_marketplace_refusals(value):
            yield Problem(R.CFG023, message, pointer)
        for message, pointer in copilot_name_warnings(value):
            yield Problem(R.CFG024, message, pointer)
    label = "Cursor" if vendor == "cursor" else "Copilot CLI"
    for source, folders, pointer in local_sources(value):
        yield from _missing(repo, source, [_join(root, folder) for folder in folders], pointer, label)


def _join(root: str, folder: str) -> str:
    return "/".join(part for part in (root, folder) if part)


def _missing(repo: Repo, source: str, targets: list[str], pointer: tuple, label: str) -> Iterator[Problem]:
    """A local plugin folder that is in none of TARGETS: installing the plugin finds nothing there."""
    if _SLOT.search(source) or any(not target or repo.is_dir(target) for target in targets):
        return
    if any(repo.in_submodule(target) or repo.would_be_ignored(target) for target in targets):
        return  # a submodule not checked out, or a folder the build writes and git ignores
    what = "is not a folder" if repo.lexists(targets[0]) else "is not in the repository"
    yield Problem(R.CFG024, f"source {source!r} {what}; {label} cannot install the plugin from it", pointer)
