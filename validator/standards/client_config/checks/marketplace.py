"""A Claude Code plugin marketplace (`.claude-plugin/marketplace.json`): what makes Claude Code refuse the
marketplace or an entry (CFG023), and what loads but is wrong (CFG024): a relative source whose folder is not in
the repository, an entry `version` that the plugin's own `plugin.json` overrides, `strict: false` next to a
`plugin.json` that declares components, names other Anthropic surfaces refuse. `marketplace.py` cites the docs."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.repo.files import Repo
from validator.standards.client_config.marketplace import (
    COMPONENTS,
    DEFAULT_COMPONENTS,
    MARKETPLACE,
    name_warnings,
    plugin_root_base,
    refusals,
    relative_folder,
    source_warnings,
)
from validator.standards.client_config.reader import servers

KEY = "claude-code-marketplace"
_MANIFEST = ".claude-plugin/plugin.json"
_SLOT = re.compile(r"\{\{|\$\{|<[A-Za-z_-]+>|__[A-Z_]+__")
"""A placeholder a scaffold fills in (`./plugins/{{name}}`, `./plugins/<plugin>`): no folder to look for yet."""


@emits(R.CFG023, R.CFG024)
def marketplace(doc, ctx) -> Iterator[Problem]:
    client, _ = servers(doc)
    if client.key != KEY:
        from validator.standards.client_config.checks.vendor_plugins import vendor_marketplace

        yield from vendor_marketplace(doc, ctx)  # Codex, Copilot CLI and Cursor marketplaces
        return
    value = doc.data.value
    for message, pointer in refusals(value, False):
        yield Problem(R.CFG023, message, pointer)
    if not isinstance(value, dict):
        return
    for message, pointer in (*name_warnings(value), *source_warnings(value)):
        yield Problem(R.CFG024, message, pointer)
    yield from _plugin_root(value)
    plugins = value.get("plugins")
    if not isinstance(plugins, list):
        return
    repo = Repo.of(ctx.index)
    root = marketplace_root(doc.relpath)
    base = plugin_root_base(value)
    for index, entry in enumerate(plugins):
        if isinstance(entry, dict) and isinstance(entry.get("source"), str):
            yield from _local_entry(repo, root, base, value, entry, ("plugins", index))


def marketplace_root(relpath: str) -> str:
    """The folder holding `.claude-plugin/` ('' for the repository root): relative sources resolve against it."""
    return relpath[:-len(MARKETPLACE)].rstrip("/") if relpath.endswith(MARKETPLACE) else posixpath.dirname(relpath)


def _plugin_root(value: dict) -> Iterator[Problem]:
    metadata = value.get("metadata")
    raw = metadata.get("pluginRoot") if isinstance(metadata, dict) else None
    if isinstance(raw, str) and plugin_root_base(value) is None:
        yield Problem(R.CFG024, f"metadata.pluginRoot {raw!r} must be a relative path inside the marketplace; "
                      "Claude Code resolves no bare source names under it", ("metadata", "pluginRoot"))


def _discovered_conflict(repo: Repo, target: str, entry: dict, pointer: tuple) -> Iterator[Problem]:
    """`strict: false`, an entry that declares components, and a `plugin.json` that declares none but sits next to
    default component folders: Claude Code has counted those as the manifest's and reported conflicting manifests
    (a warning: one report says the plugin still loaded, another that it failed)."""
    if not [key for key in COMPONENTS if entry.get(key) not in (None, [], {}, "")]:
        return
    found = [name for name in DEFAULT_COMPONENTS if repo.lexists(_join(target, name))]
    if found:
        yield Problem(R.CFG024, f"'strict: false' with {_join(target, _MANIFEST)} present: Claude Code counts the "
                      f"default {', '.join(found)} of the plugin folder as that manifest's components and may report "
                      "conflicting manifests; set strict: true (the entry then adds to plugin.json) or drop the "
                      "plugin.json", (*pointer, "strict"))


def _manifest_named(repo: Repo, name) -> str | None:
    """The folder of the one Claude Code plugin whose `plugin.json` is named NAME (a moved or renamed folder)."""
    if not isinstance(name, str) or not name:
        return None
    found = []
    for rel in repo.named("plugin.json"):
        if rel == _MANIFEST or rel.endswith("/" + _MANIFEST):
            manifest = repo.structured(rel, "json")
            if manifest is not None and isinstance(manifest.value, dict) and manifest.value.get("name") == name:
                found.append(rel[:-len(_MANIFEST)].rstrip("/"))
    return found[0] if len(found) == 1 and found[0] else None


def _join(root: str, folder: str) -> str:
    return "/".join(part for part in (root, folder) if part)


def _local_entry(repo: Repo, root: str, base: str | None, value: dict, entry: dict, pointer: tuple) -> Iterator[Problem]:
    source = entry["source"]
    folder, _ = relative_folder(source, base)
    if folder is None:
        return  # refused: CFG023
    target = _join(root, folder)
    stat = repo.stat(target) if target else None
    if stat is not None and not (stat.exists and stat.is_dir):
        if repo.in_submodule(target) or repo.would_be_ignored(target) or _SLOT.search(source):
            return  # a submodule not checked out, a folder the build writes and git ignores, a template's slot
        hint = ""
        if base and source.startswith("./") and repo.is_dir(_join(root, _join(base, folder))):
            hint = (f"; metadata.pluginRoot ({base!r}) applies only to bare names, and "
                    f"{_join(base, folder)!r} exists")
        elsewhere = _manifest_named(repo, entry.get("name"))
        if elsewhere is not None and (not root or elsewhere.startswith(root + "/")):
            hint += f"; a plugin of that name is at './{elsewhere[len(root) + 1 if root else 0:]}'"
        what = "is not a folder" if stat.exists else "is not in the repository"
        yield Problem(R.CFG024, f"source {source!r} {what}; installing the plugin fails with 'Plugin directory not "
                      f"found'{hint}", (*pointer, "source"))
        return
    manifest = repo.structured(_join(target, _MANIFEST), "json")
    declared = manifest.value if manifest is not None and isinstance(manifest.value, dict) else None
    if declared is None:
        return  # the manifest is optional (plugins reference); a broken one is CFG021's
    version, own = entry.get("version"), declared.get("version")
    if isinstance(version, str) and isinstance(own, str) and version.strip() != own.strip():
        yield Problem(R.CFG024, f"the entry's version {version!r} differs from {own!r} in "
                      f"{_join(target, _MANIFEST)}; Claude Code uses the plugin.json version", (*pointer, "version"))
    if entry.get("strict") is False:
        components = [key for key in COMPONENTS if declared.get(key) not in (None, [], {}, "")]
        if not components:
            yield from _discovered_conflict(repo, target, entry, pointer)
            return
        # plugin-marketplaces, "Strict mode"; plugins reference: "Plugin my-plugin has conflicting manifests: both
        # plugin.json and marketplace entry specify components." Certain when both do (error); the docs' table
        # says a plugin.json with components alone conflicts too (warning: the error message names both).
        both = [key for key in COMPONENTS if entry.get(key) not in (None, [], {}, "")]
        rule = R.CFG023 if both else R.CFG024
        outcome = ("Claude Code reports conflicting manifests and does not load the plugin" if both else
                   "the docs call that a conflict that stops the plugin from loading (Strict mode)")
        yield Problem(rule, f"'strict: false' makes this entry the whole plugin definition, but "
                      f"{_join(target, _MANIFEST)} declares {', '.join(components)}"
                      f"{' and so does the entry' if both else ''}; {outcome}", (*pointer, "strict"))
