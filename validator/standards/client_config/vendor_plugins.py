"""Cursor and GitHub Copilot CLI plugins in a repository: which `plugin.json` files are their manifests, and which
JSON files are the MCP configs those plugins ship (read as Cursor's `mcp.json` or Copilot's MCP config), once per
run. `cursor_copilot.py` cites where each location comes from.

Files are read through the run's one reader (`validator.repo.files.Repo`): regular files inside the repository
only; a reference that leaves it, is absolute or templated is not followed.
"""

from __future__ import annotations

from validator.repo.files import Repo
from validator.standards.client_config.cursor_copilot import (
    COPILOT_MANIFESTS,
    COPILOT_MARKETPLACES,
    COPILOT_MCP,
    CURSOR_MANIFEST,
    CURSOR_MCP,
    config_targets,
    local_sources,
    mcp_paths,
    root_of,
)


def _suffixed(repo: Repo, name: str, suffixes: tuple[str, ...]) -> list[str]:
    return [rel for rel in repo.named(name) if any(rel == s or rel.endswith("/" + s) for s in suffixes)]


def copilot_manifests(index) -> frozenset[str]:
    """Repository paths of Copilot CLI plugin manifests: every `.plugin/plugin.json` and `.github/plugin/plugin.json`,
    and a bare `plugin.json` in a folder a Copilot marketplace lists (when that folder has no `.plugin/plugin.json`,
    which the CLI reads first)."""
    repo = Repo.of(index)
    return repo.memo(("client-config", "copilot-manifests"), lambda: _copilot_manifests(repo))


def _copilot_manifests(repo: Repo) -> frozenset[str]:
    out = set(_suffixed(repo, "plugin.json", COPILOT_MANIFESTS))
    for market in _suffixed(repo, "marketplace.json", COPILOT_MARKETPLACES):
        data = repo.structured(market, "json")
        root = root_of(market, COPILOT_MARKETPLACES)
        for _, folders, _ in local_sources(data.value if data is not None else None):
            for folder in folders:
                bare = f"{folder}/plugin.json" if folder else "plugin.json"
                preferred = f"{folder}/.plugin/plugin.json" if folder else ".plugin/plugin.json"
                bare, preferred = _under(root, bare), _under(root, preferred)
                if repo.is_file(bare) and not repo.is_file(preferred):
                    out.add(bare)
                    break
    return frozenset(out)


def _under(root: str, rel: str) -> str:
    return f"{root}/{rel}" if root else rel


def plugin_configs(index) -> dict[str, tuple[str, str]]:
    """{repository path of an MCP config a Cursor or Copilot CLI plugin ships: (vendor, manifest path)}: the JSON
    files the manifest names in `mcpServers`, else the vendor's default files at the plugin root (Cursor `mcp.json`;
    Copilot `.mcp.json`, `.github/mcp.json`); none for inline servers. Cursor wins where both name a file."""
    repo = Repo.of(index)
    return repo.memo(("client-config", "vendor-plugin-configs"), lambda: _configs(repo, copilot_manifests(index)))


def _configs(repo: Repo, copilot: frozenset[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    manifests = [(rel, "cursor", (CURSOR_MANIFEST,), CURSOR_MCP) for rel in _suffixed(repo, "plugin.json",
                                                                                         (CURSOR_MANIFEST,))]
    manifests += [(rel, "copilot", (*COPILOT_MANIFESTS, "plugin.json"), COPILOT_MCP) for rel in sorted(copilot)]
    for rel, vendor, suffixes, defaults in manifests:
        data = repo.structured(rel, "json")
        root = root_of(rel, suffixes)
        named = mcp_paths(data.value if data is not None else None)
        paths = defaults if named is None else tuple(path for path, _ in named)
        for path in paths:
            for target in config_targets(root, rel, path):
                if repo.is_file(target):
                    out.setdefault(target, (vendor, rel))
                    break
    return out
