"""Claude Code plugin marketplaces (`.claude-plugin/marketplace.json`): relative sources resolved as the docs say,
what Claude Code refuses (CFG023) against what loads but is wrong (CFG024), and that a marketplace is read as a
marketplace, never as an MCP config with servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.lint.runner import LintOptions, run_lint
from validator.standards.client_config.marketplace import dotted, refusals, relative_folder


# plugin-marketplaces, "Relative paths": `./` paths against the marketplace root, no `..`; a bare name (no `/`) only
# under metadata.pluginRoot, which a `./` source ignores; `.` is the marketplace root (validated since v2.1.196).
@pytest.mark.parametrize(("source", "base", "folder", "why"), [
    ("./plugins/x", None, "plugins/x", ""), ("./", None, "", ""), (".", None, "", ""), ("./a//b/./c/", None, "a/b/c", ""),
    ("./x", "plugins", "x", ""), ("x", "plugins", "plugins/x", ""), ("x", "", "x", ""),
    ("x", None, None, "bare name"), ("plugins/x", "plugins", None, "start with `./`"),
    ("../x", None, None, "`..`"), ("./a/../../x", None, None, "`..`"), ("./a/../b", None, None, "`..`"),
    ("/abs/x", None, None, "start with `./`"), ("github:acme/x", None, None, "start with `./`"),
    ("https://github.com/acme/x", None, None, "start with `./`"), ("", None, None, "empty"),
])
def test_relative_sources(source: str, base, folder, why: str) -> None:
    got, reason = relative_folder(source, base)
    assert got == folder
    assert why in reason


def _problems(value, official: bool = False) -> list[tuple[str, tuple]]:
    return list(refusals(value, official))


def test_a_minimal_marketplace_is_accepted() -> None:
    assert _problems({"name": "m", "owner": {"name": "o"}, "plugins": []}) == []


@pytest.mark.parametrize(("source", "refused"), [
    ({"source": "github", "repo": "a/b"}, False), ({"source": "github", "repo": "a/b", "sha": "0" * 40}, False),
    ({"source": "github", "repo": "a/b", "sha": "0" * 39}, True), ({"source": "github"}, True),
    ({"source": "github", "repo": ""}, True), ({"source": "url", "url": "git@host:a/b.git"}, False),
    ({"source": "git-subdir", "url": "a/b", "path": "p"}, False), ({"source": "git-subdir", "url": "a/b"}, True),
    ({"source": "npm", "package": "@a/b", "registry": "https://npm.example.com"}, False),
    ({"source": "npm", "package": "@a/b", "version": 2}, True), ({"source": "archive", "url": "https://x/p.zip"}, False),
    ({"source": "archive", "url": "http://x/p.zip"}, True), ({"source": "archive", "url": "https://x", "sha256": "ab"}, True),
    ({"source": "command", "command": "tool path"}, False), ({"source": "command", "command": "tool", "timeout": 601}, True),
    ({"source": "command", "command": "tool", "timeout": 1.5}, True), ({"source": "command", "command": "t\u00e4"}, True),
    ({"source": "pip", "package": "x"}, True), ({"repo": "a/b"}, True), ([], True), (None, True),
])
def test_source_objects(source, refused: bool) -> None:
    found = _problems({"name": "m", "owner": {"name": "o"}, "plugins": [{"name": "p", "source": source}]})
    assert bool(found) == refused, found


def test_reserved_names_belong_to_anthropic_repositories() -> None:
    value = {"name": "claude-code-plugins", "owner": {"name": "Acme"}, "plugins": []}
    assert [pointer for _, pointer in _problems(value)] == [("name",)]
    assert _problems(value, official=True) == []
    for owner in ({"name": "Anthropic"}, {"name": "Acme", "email": "support@anthropic.com"}):
        assert _problems({**value, "owner": owner}) == []


def test_dotted_names_fields_as_the_validator_does() -> None:
    assert dotted(("plugins", 2, "source", "repo")) == "plugins[2].source.repo"
    assert dotted(("owner",)) == "owner"


def _lint(root: Path, files: dict[str, str], select=("ALL",)):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=select))


def test_a_marketplace_has_no_servers_of_its_own(tmp_path: Path) -> None:
    """Inline `mcpServers` in a strict: false entry are a plugin's definition, not an MCP config of the
    repository: no server rule fires on them, and the file is checked."""
    result = _lint(tmp_path, {".claude-plugin/marketplace.json": json.dumps({
        "name": "m", "owner": {"name": "o"},
        "plugins": [{"name": "p", "source": "./", "strict": False, "mcpServers": {"broken": {"args": ["x"]}}}]})})
    assert result.errors == []
    assert result.files_checked == 1
    assert [f.rule.code for f in result.findings] == []


def test_a_reserved_name_is_refused_unless_anthropic_owns_the_marketplace(tmp_path: Path) -> None:
    """The exemption is read from the file (`owner`), never from `.git/config`, which the result cache does not key."""
    files = {".claude-plugin/marketplace.json": json.dumps({"name": "anthropic-agent-skills", "owner": {"name": "K"},
                                                           "plugins": []})}
    assert [f.rule.code for f in _lint(tmp_path / "fork", files).findings] == ["CFG023"]
    owned = {".claude-plugin/marketplace.json": json.dumps({"name": "anthropic-agent-skills",
                                                           "owner": {"name": "K", "email": "k@anthropic.com"},
                                                           "plugins": []})}
    assert [f.rule.code for f in _lint(tmp_path / "official", owned).findings] == []


def test_a_nested_marketplace_resolves_against_its_own_root(tmp_path: Path) -> None:
    result = _lint(tmp_path, {
        "examples/demo/.claude-plugin/marketplace.json": json.dumps({
            "name": "demo", "owner": {"name": "o"}, "plugins": [
                {"name": "here", "source": "./plugins/here"}, {"name": "gone", "source": "./plugins/gone"}]}),
        "examples/demo/plugins/here/.claude-plugin/plugin.json": json.dumps({"name": "here"}),
    }, select=("CFG023", "CFG024"))
    assert [(f.rule.code, f.line) for f in result.findings] == [("CFG024", 1)]
    assert "./plugins/gone" in result.findings[0].message


def test_plugin_roots_follow_the_docs_reading_of_plugin_root(tmp_path: Path) -> None:
    """`metadata.pluginRoot` is the base of bare names only; a `./` source is relative to the marketplace root."""
    from validator.engine.files import FileIndex
    from validator.standards.client_config.plugins import is_plugin_root

    _lint(tmp_path, {".claude-plugin/marketplace.json": json.dumps({
        "name": "m", "owner": {"name": "o"}, "metadata": {"pluginRoot": "./plugins"},
        "plugins": [{"name": "a", "source": "a"}, {"name": "b", "source": "./tools/b"}]}),
        "plugins/a/README.md": "# a\n", "tools/b/README.md": "# b\n"})
    index = FileIndex(tmp_path)
    assert is_plugin_root(index, "plugins/a")
    assert is_plugin_root(index, "tools/b")
    assert not is_plugin_root(index, "plugins/tools/b")


def test_a_scaffolds_slot_is_no_missing_folder(tmp_path: Path) -> None:
    result = _lint(tmp_path, {"template/.claude-plugin/marketplace.json": json.dumps({
        "name": "m", "owner": {"name": "o"}, "plugins": [
            {"name": "a", "source": "./plugins/{{plugin_name}}"}, {"name": "b", "source": "./plugins/<plugin>"}]})},
        select=("CFG023", "CFG024"))
    assert result.findings == []
