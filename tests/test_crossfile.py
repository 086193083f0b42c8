"""The cross-file stage: helpers, pairing rules, pre-commit runs and damaged neighbours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.crossfile.checks.bundle import is_mcpb_manifest
from validator.crossfile.checks.packages import comparable, oci_labels
from validator.crossfile.facts import normalize_image
from validator.crossfile.repofiles import pep503
from validator.lint.runner import LintOptions, run_lint

SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"


def server(**extra) -> str:
    body = {"$schema": SCHEMA, "name": "io.github.acme/weather", "description": "Weather", "version": "1.2.0",
            "packages": [{"registryType": "npm", "identifier": "@acme/weather-mcp", "version": "1.2.0",
                          "transport": {"type": "stdio"}}]}
    body.update(extra)
    return json.dumps(body, indent=2)


def lint(root: Path, files: dict[str, str], **options):
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (root / ".git").mkdir(exist_ok=True)
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("XF",), **options))


def test_helpers() -> None:
    assert pep503("My_Server.Tools") == pep503("my-server-tools") == "my-server-tools"
    assert normalize_image("docker.io/library/redis:7") == normalize_image("redis") == "redis"
    assert normalize_image("ghcr.io/Acme/W@sha256:ab") == "ghcr.io/acme/w"
    assert comparable("v1.2.0") == "1.2.0" and comparable("0.0.0-development") is None
    assert comparable("${VERSION}") is None and comparable(3) is None
    assert is_mcpb_manifest({"manifest_version": "0.3", "server": {}}) and not is_mcpb_manifest({"name": "pwa"})


@pytest.mark.parametrize(("text", "values"), [
    ('LABEL io.modelcontextprotocol.server.name="io.github.a/b"\n', ["io.github.a/b"]),
    ("label io.modelcontextprotocol.server.name=io.github.a/b other=x\n", ["io.github.a/b"]),
    ('LABEL a=1 \\\n  "io.modelcontextprotocol.server.name"=\'io.github.a/b\'\n', ["io.github.a/b"]),
    ("LABEL io.modelcontextprotocol.server.name io.github.a/b\n", ["io.github.a/b"]),
    ('# LABEL io.modelcontextprotocol.server.name="x"\nRUN echo io.modelcontextprotocol.server.name=y\n', []),
    ('LABEL io.modelcontextprotocol.server.name="${SERVER_NAME}"\n', ["${SERVER_NAME}"]),
])
def test_oci_labels(text: str, values: list[str]) -> None:
    found = oci_labels(text)
    assert [value for value, _ in found] == values
    for value, offset in found:
        assert text[offset:offset + len(value)] == value


def test_pre_commit_on_server_json_reads_package_json(tmp_path: Path) -> None:
    result = lint(tmp_path, {"server.json": server(), "package.json": json.dumps({"name": "@acme/weather-mcp", "version": "1.3.0"})},
                  paths=("server.json",))
    assert sorted((f.path, f.rule.code) for f in result.findings) == [("package.json", "XF001"), ("server.json", "XF004")]


def test_pre_commit_on_a_client_config_reads_server_json(tmp_path: Path) -> None:
    files = {"server.json": server(),
             ".mcp.json": json.dumps({"mcpServers": {"w": {"command": "npx", "args": ["-y", "@acme/weather-mcp@1.2.0"],
                                                           "env": {"WEATHER_KEY": "${WEATHER_KEY}"}}}})}
    result = lint(tmp_path, files, paths=(".mcp.json",))
    assert [(f.path, f.rule.code) for f in result.findings] == [(".mcp.json", "XF007")]


def test_ambiguous_packages_are_not_paired(tmp_path: Path) -> None:
    copy = json.dumps({"name": "@acme/weather-mcp", "version": "9.9.9"})
    result = lint(tmp_path, {"mcp/server.json": server(), "a/package.json": copy, "b/package.json": copy})
    assert result.findings == []


def test_damaged_neighbours_never_raise(tmp_path: Path) -> None:
    files = {
        "server.json": server(packages=[{"registryType": "npm", "identifier": "@acme/weather-mcp"}, 7, None,
                                        {"registryType": "pypi", "identifier": ["x"]},
                                        {"registryType": "oci", "identifier": "ghcr.io/acme/w:1"},
                                        {"registryType": "pypi", "identifier": "weather"}]),
        "package.json": "{ not json",
        "pyproject.toml": "[project\nname=",
        "Dockerfile": "\x00\x01 binary",
        "manifest.json": "[]",
        ".mcp.json": json.dumps({"mcpServers": {"w": {"command": ["npx"], "args": "x"}, "v": 3}}),
        ".cursor/mcp.json": json.dumps({"mcpServers": {"w": {"url": 5}}}),
    }
    result = lint(tmp_path, files)
    assert result.errors == []


def test_pyproject_with_poetry_and_inline_readme(tmp_path: Path) -> None:
    pypi = [{"registryType": "pypi", "identifier": "weather-mcp", "version": "1.2.0", "transport": {"type": "stdio"}}]
    result = lint(tmp_path, {
        "server.json": server(packages=pypi),
        "pyproject.toml": '[project]\nname = "weather-mcp"\nversion = "1.2.0"\nreadme = {text = "Weather tools", content-type = "text/plain"}\n',
    })
    assert [(f.path, f.rule.code, f.line) for f in result.findings] == [("pyproject.toml", "XF002", 4)]
    result = lint(tmp_path / "poetry", {
        "server.json": server(packages=pypi),
        "pyproject.toml": '[tool.poetry]\nname = "weather-mcp"\nversion = "1.2.0"\nreadme = "README.md"\n',
        "README.md": "# Weather\n<!-- mcp-name: io.github.acme/weather -->\n",
    })
    assert result.findings == []
