"""OpenAI Codex plugin manifests (`.codex-plugin/plugin.json`): path resolution as Codex's loader does it, the MCP
config a manifest leads to, and that the manifest is checked as a manifest, never as a config with servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.lint.runner import LintOptions, run_lint
from validator.standards.client_config.codex_manifest import mcp_config_paths, refusals, resolve


# openai/codex bad46dc4 core-plugins/src/manifest.rs, resolve_manifest_path (Rust Path::components semantics)
@pytest.mark.parametrize(("path", "resolved", "why"), [
    ("./skills", "skills", ""), ("./skills/", "skills", ""), ("./a//b/./c", "a/b/c", ""), ("./.mcp.json", ".mcp.json", ""),
    ("", None, "empty"), ("skills", None, "start with"), ("/abs/skills", None, "start with"), ("../x", None, "start with"),
    ("./", None, "`./` alone"), ("./../x", None, "`..`"), ("./a/../b", None, "`..`"), (".//abs", None, "within"),
    ("././x", None, "within"), ("https://x.io/a.png", None, "start with"),
])
def test_resolve_follows_the_loader(path: str, resolved: str | None, why: str) -> None:
    got, reason = resolve(path)
    assert got == resolved
    assert why in reason


@pytest.mark.parametrize(("value", "paths"), [
    ({}, None), ({"mcpServers": "./servers.json"}, ["servers.json"]), ({"mcpServers": "servers.json"}, None),
    ({"mcpServers": "./../x.json"}, None), ({"mcpServers": {"a": {"command": "a"}}}, []), ({"mcpServers": 3}, None),
    ([], None),
])
def test_mcp_config_paths(value, paths) -> None:
    """None: Codex falls back to the plugin's .mcp.json (plugin_mcp_config_paths); []: inline servers, no file."""
    assert mcp_config_paths(value) == paths


@pytest.mark.parametrize(("name", "folder", "refused"), [
    ("notes", None, False), ("release.tools", None, False), ("Notes_2", None, False), ("", "my-plugin", False),
    ("", None, False), ("   ", "ok", False), ("my plugin", None, True), ("a..b", None, True), (".hidden", None, True),
    ("", "My Plugin", True), ("n\u00e4me", None, True),
])
def test_plugin_names(name: str, folder: str | None, refused: bool) -> None:
    assert bool(list(refusals({"name": name}, folder))) == refused


def _lint(root: Path, files: dict[str, str]):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))


def test_the_manifest_is_checked_but_has_no_servers(tmp_path: Path) -> None:
    """Inline `mcpServers` in a Codex manifest are not an MCP config of ours: no server rule fires on them."""
    result = _lint(tmp_path, {".codex-plugin/plugin.json": json.dumps(
        {"name": "p", "mcpServers": {"broken": {"args": ["x"]}, "odd": {"type": "bogus", "url": 1}}})})
    assert result.errors == []
    assert result.files_checked == 1
    assert [f.rule.code for f in result.findings] == []


def test_an_ignored_mcp_path_falls_back_to_the_plugins_mcp_json(tmp_path: Path) -> None:
    """`"mcpServers": "mcp.json"` lacks `./`: Codex ignores it and loads `.mcp.json`, which is then read with
    Codex's server settings (`bearer_token_env_var` is Codex's own field, not unknown)."""
    result = _lint(tmp_path, {
        "plugins/p/.codex-plugin/plugin.json": json.dumps({"name": "p", "mcpServers": "mcp.json"}),
        "plugins/p/.mcp.json": json.dumps({"mcpServers": {"w": {"url": "https://w.io/mcp",
                                                                "bearer_token_env_var": "W_TOKEN"}}}),
    })
    assert result.errors == []
    assert [(f.path, f.rule.code) for f in result.findings] == [("plugins/p/.codex-plugin/plugin.json", "CFG022")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["name", "version", "description", "keywords", "skills", "mcpServers", "apps",
                                         "hooks", "interface", "logo", "screenshots", "defaultPrompt", "capabilities",
                                         "composerIcon", "displayName"]), inner, max_size=5),
                    max_leaves=25))
def test_random_manifests_never_raise(tmp_path_factory, value) -> None:
    root = tmp_path_factory.mktemp("codex")
    result = _lint(root, {"p/.codex-plugin/plugin.json": json.dumps(value)})
    assert result.errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
