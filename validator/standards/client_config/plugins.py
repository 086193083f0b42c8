"""Claude Code plugins as places of MCP client configs: the files a plugin manifest names
as its MCP config, and whether a folder is a plugin's root.

Claude Code plugins reference (https://code.claude.com/docs/en/plugins-reference,
"Plugin manifest schema" and "Environment variables"): `.claude-plugin/plugin.json` gives
`mcpServers` inline, or as a path (or a list of paths) relative to the plugin root, starting
with `./`, to a JSON file in `.mcp.json`'s format; `${CLAUDE_PLUGIN_ROOT}` is substituted only
in a plugin's own configuration, so a project's `.mcp.json` never sees it defined. A
marketplace (`.claude-plugin/marketplace.json`) lists plugins by `source`, relative to the
marketplace's root (`metadata.pluginRoot` only for bare names: `marketplace.relative_folder`); a source
of `./` makes that root a plugin.
A plugin's `userConfig` (plugins reference, "User configuration") declares the options Claude
Code prompts for; their values are substituted as `${user_config.KEY}` in the plugin's MCP
server configs.

Files are read through the run's one reader (`validator.repo.files.Repo`): regular files
inside the repository only; a reference that leaves it is ignored.
"""

from __future__ import annotations

import posixpath

from validator.repo.files import Repo
from validator.repo.paths import join_inside
from validator.standards.client_config.codex_manifest import MANIFEST as CODEX_MANIFEST
from validator.standards.client_config.codex_manifest import mcp_config_paths
from validator.standards.client_config.codex_manifest import plugin_root as codex_root
from validator.standards.client_config.marketplace import plugin_root_base, relative_folder

MANIFEST = ".claude-plugin/plugin.json"
MARKETPLACE = ".claude-plugin/marketplace.json"
_ROOT_VARIABLE = "${CLAUDE_PLUGIN_ROOT}/"


def plugin_root(manifest: str) -> str:
    """The plugin's folder ('' for the repository root) of the manifest at MANIFEST (`.../.claude-plugin/plugin.json`)."""
    return posixpath.dirname(posixpath.dirname(manifest))


def referenced_configs(index) -> dict[str, str]:
    """{repository path of a JSON file a plugin manifest names in `mcpServers`: that manifest's path}, once per run."""
    repo = Repo.of(index)
    return repo.memo(("client-config", "plugin-references"), lambda: _references(repo))


def _references(repo: Repo) -> dict[str, str]:
    out: dict[str, str] = {}
    for rel in repo.named("plugin.json"):
        if rel != MANIFEST and not rel.endswith("/" + MANIFEST):
            continue
        manifest = repo.structured(rel, "json")
        value = manifest.value.get("mcpServers") if manifest is not None and isinstance(manifest.value, dict) else None
        paths = [value] if isinstance(value, str) else \
            [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
        for path in paths:
            if path.startswith(_ROOT_VARIABLE):
                path = "./" + path[len(_ROOT_VARIABLE):]
            if not path.lower().endswith(".json") or posixpath.isabs(path) or "$" in path:
                continue  # an .mcpb bundle is no client config; absolute or templated paths are not followed
            target = join_inside(plugin_root(rel), path)
            stat = repo.stat(target) if target else None
            if stat is not None and stat.exists and stat.is_file and stat.inside:
                out.setdefault(target, rel)
    return out


def codex_plugin_configs(index) -> frozenset[str]:
    """Repository paths of the MCP configs Codex plugins load: the JSON file a `.codex-plugin/plugin.json` names in
    `mcpServers`, else `.mcp.json` at the plugin's root, also when Codex ignores the path it names (not `./`, or
    leaving the plugin root: `codex_manifest.resolve`); none for inline servers (codex-rs core-plugins loader:
    plugin_mcp_config_paths)."""
    repo = Repo.of(index)
    return repo.memo(("client-config", "codex-plugin-configs"), lambda: _codex_configs(repo))


def _codex_configs(repo: Repo) -> frozenset[str]:
    out: set[str] = set()
    for rel in repo.named("plugin.json"):
        if rel != CODEX_MANIFEST and not rel.endswith("/" + CODEX_MANIFEST):
            continue
        manifest = repo.structured(rel, "json")
        paths = mcp_config_paths(manifest.value if manifest is not None else None)
        for path in [".mcp.json"] if paths is None else paths:
            target = join_inside(codex_root(rel), path) if path.lower().endswith(".json") else ""
            if target and repo.is_file(target):
                out.add(target)
    return frozenset(out)


def is_plugin_root(index, folder: str) -> bool:
    """FOLDER ('' for the root) holds a plugin: its own `.claude-plugin/plugin.json`, or the root marketplace lists it."""
    repo = Repo.of(index)
    if repo.is_file(join_inside(folder, MANIFEST) if folder else MANIFEST):
        return True
    marketplace = repo.structured(MARKETPLACE, "json")
    value = marketplace.value if marketplace is not None else None
    if not isinstance(value, dict) or not isinstance(value.get("plugins"), list):
        return False
    base = plugin_root_base(value)
    for plugin in value["plugins"]:
        source = plugin.get("source") if isinstance(plugin, dict) else None
        if not isinstance(source, str):
            continue  # a github/url/npm source is fetched from elsewhere
        if relative_folder(source, base)[0] == folder:
            return True
    return False


def user_config_keys(index, plugin: str) -> frozenset[str] | None:
    """The `userConfig` keys of the plugin PLUGIN (a manifest path `.../.claude-plugin/plugin.json`, or the plugin's
    folder with a trailing `/`, `./` for the root); None when they cannot be told: no readable manifest, or the
    root marketplace defines plugin entries with their own `userConfig` (`strict: false` entries carry the
    manifest's fields)."""
    repo = Repo.of(index)
    if plugin.endswith("plugin.json"):
        manifest_path = plugin
    else:
        folder = plugin.rstrip("/")
        manifest_path = MANIFEST if folder in ("", ".") else join_inside(folder, MANIFEST)
    manifest = repo.structured(manifest_path, "json") if manifest_path else None
    value = manifest.value if manifest is not None else None
    if not isinstance(value, dict):
        return None
    marketplace = repo.structured(MARKETPLACE, "json")
    listed = marketplace.value.get("plugins") if marketplace is not None and isinstance(marketplace.value, dict) else None
    if isinstance(listed, list) and any(isinstance(item, dict) and "userConfig" in item for item in listed):
        return None
    options = value.get("userConfig")
    if options is None:
        return frozenset()
    return frozenset(options) if isinstance(options, dict) else None
