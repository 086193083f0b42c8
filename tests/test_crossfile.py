"""The cross-file stage: helpers, pairing rules, pre-commit runs and damaged neighbours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.crossfile.checks.bundle import is_mcpb_manifest
from validator.crossfile.checks.packages import comparable, oci_labels
from validator.crossfile.facts import normalize_image
from validator.lint.runner import LintOptions, run_lint
from validator.repo.manifests import pep503

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


def test_pre_commit_on_one_client_config_compares_it_with_the_others(tmp_path: Path) -> None:
    def config(version: str) -> str:
        return json.dumps({"mcpServers": {"weather": {"command": "npx", "args": ["-y", f"@acme/weather-mcp@{version}"]}}})

    result = lint(tmp_path, {".mcp.json": config("1.2.0"), ".cursor/mcp.json": config("1.0.0")}, paths=(".mcp.json",))
    assert [(f.path, f.rule.code, f.message) for f in result.findings] == [
        (".mcp.json", "XF008", "server 'weather' runs @acme/weather-mcp@1.2.0 here but @acme/weather-mcp@1.0.0 in "
                               ".cursor/mcp.json")]


class _Repository:
    """A `Repository` that has no other documents and records what the stage asks for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def paths(self, standard: str) -> list[str]:
        self.asked.append(standard)
        return []

    def document(self, standard: str, relpath: str):
        raise AssertionError("no paths were listed")


def _parsed(root: Path, rel: str, text: str):
    from validator.engine.files import FileIndex, SourceFile
    from validator.standards import client_config, server_json
    from validator.standards.base import CheckContext

    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)
    module = server_json if rel.endswith("server.json") else client_config
    return module.parse(SourceFile(root / rel, rel), CheckContext(root=root, index=FileIndex(root)))


def test_facts_from_the_run_documents(tmp_path: Path) -> None:
    from validator.crossfile.facts import gather

    repository = _Repository()
    assert gather([], None, repository) is None
    doc = _parsed(tmp_path, "server.json", server(
        packages=[7, {"registryType": "pypi", "identifier": "Weather_MCP",
                      "environmentVariables": [{"name": "KEY"}, {"nameless": 1}]}],
        remotes=[{"type": "streamable-http", "url": "https://w.example/mcp", "headers": [{"name": "X-Key"}]}, {"url": 3}]))
    facts = gather([doc], None, repository)
    assert facts is not None and facts.clients == () and repository.asked == []
    (srv,) = facts.servers
    (package,) = srv.packages
    assert (package.index, package.registry_type, package.identifier, package.key) == (1, "pypi", "Weather_MCP", "identifier")
    assert package.environment == {"KEY"} and package.match_key == ("pypi", "weather-mcp")
    assert srv.version_of(package) == ("1.2.0", ("version",))
    assert [(r.url, r.headers) for r in srv.remotes] == [("https://w.example/mcp", {"X-Key"})]

    config = _parsed(tmp_path, ".mcp.json", json.dumps({"mcpServers": {"w": {"command": "uvx", "args": ["weather-mcp"]}}}))
    facts = gather([config], None, repository)
    assert facts is not None and facts.project_servers() == () and facts.other_clients() == ()
    assert repository.asked == ["server-json", "mcp-client-config"]
    (entry,) = facts.clients[0].servers
    assert entry.name == "w" and entry.package_key == ("pypi", "weather-mcp")


def test_the_stage_never_imports_the_registry() -> None:
    import ast

    import validator.crossfile

    for path in Path(validator.crossfile.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [f"{node.module}.{alias.name}" for alias in node.names] if isinstance(node, ast.ImportFrom) else []
            assert not any(name.startswith(("validator.registry", "validator.lint")) for name in names), path


def test_non_list_packages_and_remotes_beside_a_client_config_never_raise(tmp_path: Path) -> None:
    files = {"server.json": server(packages=5, remotes=7),
             ".mcp.json": json.dumps({"mcpServers": {"w": {"command": "npx", "args": ["-y", "@acme/weather-mcp"]}}})}
    result = lint(tmp_path, files)
    assert result.errors == [] and result.findings == []
