"""Codex, Cursor and Copilot CLI plugin files: where they are found, which client's semantics the MCP configs
they ship are read with, and the Codex marketplace path rules read from Codex's loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.lint.runner import LintOptions, run_lint
from validator.standards.client_config import codex_marketplace as codex
from validator.standards.client_config.clients import client_for
from validator.standards.client_config.cursor_copilot import config_targets, local_sources


def _lint(root: Path, files: dict[str, str]):
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))


@pytest.mark.parametrize(("path", "client"), [
    (".agents/plugins/marketplace.json", "codex-marketplace"), ("x/.agents/plugins/marketplace.json", "codex-marketplace"),
    (".cursor-plugin/plugin.json", "cursor-plugin-manifest"), ("p/.cursor-plugin/marketplace.json", "cursor-marketplace"),
    (".github/plugin/plugin.json", "copilot-plugin-manifest"), ("p/.plugin/plugin.json", "copilot-plugin-manifest"),
    (".github/plugin/marketplace.json", "copilot-marketplace"), (".plugin/marketplace.json", "copilot-marketplace"),
    ("plugin.json", None), (".copilot-plugin/plugin.json", None), ("mcp.json", None), (".github/mcp.json", None),
])
def test_client_by_path(path: str, client) -> None:
    found = client_for(path)
    assert (found.key if found else None) == client


_BOGUS = '{"mcpServers": {"s": {"type": "bogus", "command": "s-mcp"}}}'


def test_plugin_mcp_configs_are_read_with_their_clients_semantics(tmp_path: Path) -> None:
    """The unknown transport type names the client each file was read as."""
    result = _lint(tmp_path, {
        "codex/.codex-plugin/plugin.json": '{"name": "codex", "mcpServers": "./mcp.json"}',
        "codex/mcp.json": _BOGUS,
        "cursor/.cursor-plugin/plugin.json": '{"name": "cursor"}',
        "cursor/mcp.json": _BOGUS,
        "copilot/.github/plugin/plugin.json": '{"name": "copilot"}',
        "copilot/.github/mcp.json": _BOGUS,
        "copilot/.mcp.json": _BOGUS,
        "both/.claude-plugin/plugin.json": '{"name": "both"}',
        "both/.plugin/plugin.json": '{"name": "both"}',
        "both/.mcp.json": _BOGUS,
    })
    assert result.errors == []
    labels = {f.path: f.message.split(" does not accept")[0] for f in result.findings if f.rule.code == "CFG005"}
    assert labels == {"codex/mcp.json": "Codex", "cursor/mcp.json": "Cursor",
                      "copilot/.github/mcp.json": "GitHub Copilot CLI", "copilot/.mcp.json": "GitHub Copilot CLI",
                      "both/.mcp.json": "Claude Code"}


def test_a_bare_plugin_json_is_copilots_only_where_a_copilot_marketplace_lists_it(tmp_path: Path) -> None:
    result = _lint(tmp_path, {
        ".github/plugin/marketplace.json": '{"name": "m", "owner": {"name": "o"}, '
                                            '"plugins": [{"name": "listed", "source": "listed"}]}',
        "listed/plugin.json": '{"description": "no name"}',
        "other/plugin.json": '{"description": "some other tool\'s file"}',
    })
    assert result.errors == []
    assert [(f.path, f.rule.code) for f in result.findings] == [("listed/plugin.json", "CFG021")]


@pytest.mark.parametrize(("path", "folder"), [
    (".", ""), ("./", ""), ("./plugins/x", "plugins/x"), ("./plugins/x/", "plugins/x"), ("./a/./b", "a/b"),
    ("", None), ("plugins/x", None), ("./../x", None), ("././x", None), ("./a/../b", None), (".//abs", None),
])
def test_codex_local_source_paths(path: str, folder) -> None:
    """`resolve_local_plugin_source_path` (openai/codex#28771: `.` and `./` are the marketplace root)."""
    assert codex.local_folder(path)[0] == folder


def test_codex_refuses_and_skips_as_its_loader_does() -> None:
    value = {"name": "m", "plugins": [
        {"name": "ok", "source": {"source": "npm", "package": "@acme/plugin", "registry": "https://npm.acme.dev"}},
        {"name": "gh", "source": {"source": "github", "repo": "acme/x"}},
        {"name": "reg", "source": {"source": "npm", "package": "plugin", "registry": "http://npm.acme.dev"}},
        {"name": "short", "source": {"source": "url", "url": "acme/x.git"}},
    ]}
    pointers = [pointer for _, pointer in codex.refusals(value)]
    assert pointers == [("plugins", 1, "source", "source"), ("plugins", 2, "source", "registry")]
    assert list(codex.refusals({"name": "m", "plugins": [], "policy": "ignored at the top level"})) == []


def test_vendor_paths_resolve_from_the_plugin_root_or_the_manifest_folder() -> None:
    assert config_targets("p", "p/.github/plugin/plugin.json", "../mcp.json") == ["mcp.json", "p/.github/mcp.json"]
    assert config_targets("", ".github/plugin/plugin.json", "../../../x.json") == []
    assert config_targets("p", "p/.cursor-plugin/plugin.json", "./mcp.json") == ["p/mcp.json",
                                                                                 "p/.cursor-plugin/mcp.json"]
    assert config_targets("", ".plugin/plugin.json", "${ROOT}/mcp.json") == []
    sources = list(local_sources({"metadata": {"pluginRoot": "./plugins"},
                                  "plugins": [{"name": "a", "source": "a"}, {"name": "r", "source": "https://x/y"}]}))
    assert sources == [("a", ["a", "plugins/a"], ("plugins", 0, "source"))]
