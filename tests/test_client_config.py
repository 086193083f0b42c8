"""MCP client configs: launch analysis, value checks, detection, damaged input and the real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.lint.runner import LintOptions, run_lint
from validator.standards.client_config import values as V
from validator.standards.client_config.clients import client_for
from validator.standards.client_config.launch import analyze, split_image

from .conftest import shared_path


# -- launch analysis ------------------------------------------------------------------------
@pytest.mark.parametrize(("command", "args", "tool", "package", "version", "pinned", "index"), [
    ("npx", ["-y", "@modelcontextprotocol/server-filesystem", "."], "npx", "@modelcontextprotocol/server-filesystem", None, False, 1),
    ("npx", ["-y", "@scope/pkg@1.2.3"], "npx", "@scope/pkg", "1.2.3", True, 1),
    ("npx", ["pkg@latest"], "npx", "pkg", "latest", False, 0),
    ("npx", ["-y", "pkg@^1.2.0"], "npx", "pkg", "^1.2.0", False, 1),
    ("npx", ["--package", "pkg@2.0.0", "pkg-bin"], "npx", "pkg", "2.0.0", True, 1),
    ("npx.cmd", ["-y", "pkg@1.0.0-beta.2"], "npx", "pkg", "1.0.0-beta.2", True, 1),
    ("cmd", ["/c", "npx", "-y", "pkg"], "npx", "pkg", None, False, 3),
    ("pnpm", ["dlx", "pkg@1.0.0"], "npx", "pkg", "1.0.0", True, 1),
    ("uvx", ["mcp-server-fetch"], "uvx", "mcp-server-fetch", None, False, 0),
    ("uvx", ["mcp-server-fetch==2025.4.7"], "uvx", "mcp-server-fetch", "2025.4.7", True, 0),
    ("uvx", ["awslabs.core-mcp-server@latest"], "uvx", "awslabs.core-mcp-server", "latest", False, 0),
    ("uvx", ["--python", "3.12", "--from", "mcp-x[cli]==1.0", "mcp-x"], "uvx", "mcp-x", "1.0", True, 3),
    ("uv", ["tool", "run", "pkg>=1"], "uvx", "pkg", ">=1", False, 2),
    ("pipx", ["run", "--spec", "pkg==3.1", "pkg"], "pipx", "pkg", "3.1", True, 2),
    ("docker", ["run", "-i", "--rm", "-e", "X", "ghcr.io/acme/img:1.2"], "docker", "ghcr.io/acme/img", "1.2", True, 5),
    ("docker", ["run", "-i", "localhost:5000/img"], "docker", "localhost:5000/img", None, False, 2),
    ("podman", ["container", "run", "-i", "img@sha256:abc"], "docker", "img", "sha256:abc", True, 3),
])
def test_launch_packages(command, args, tool, package, version, pinned, index) -> None:
    launch = analyze(command, args)
    assert (launch.tool, launch.package, launch.version, launch.pinned, launch.spec_index) == \
        (tool, package, version, pinned, index)


def test_launch_sources_and_local_runners() -> None:
    assert analyze("npx", ["tsx", "src/index.ts"]).local_runner
    assert analyze("npx", ["-y", "github:acme/tool"]).source == "git"
    assert analyze("uvx", ["--from", "git+https://github.com/oraios/serena", "serena"]).source == "git"
    assert analyze("npx", ["./local-pkg"]).source == "path"
    assert analyze("docker", ["run", "-i", "${IMAGE}"]).source == "variable"
    assert analyze("node", ["dist/index.js"]).package is None
    assert analyze(None, ["x"]) is None and analyze("", []) is None


def test_docker_flags() -> None:
    info = analyze("docker", ["run", "--rm", "-it", "-v", "/a:/b", "--name=x", "img:1", "-d"]).docker
    assert info["interactive"] == 2 and info["tty"] == 2 and info["detach"] is None  # -d after the image is the server's
    assert info["volumes"] == [(4, "/a:/b")] and info["container_args"] == 7
    info = analyze("docker", ["run", "--interactive=false", "--detach", "img:1"]).docker
    assert info["interactive"] is None and info["detach"] == 2
    assert split_image("registry:5000/team/img") == ("registry:5000/team/img", None, False)
    assert split_image("img:latest") == ("img", "latest", False)


# -- values ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "dialect", "shell", "flagged"), [
    ("${GITHUB_TOKEN}", "vscode", False, True),
    ("${env:GITHUB_TOKEN}", "vscode", False, False),
    ("${input:token}", "vscode", False, False),
    ("${workspaceFolder}/src", "vscode", False, False),
    ("${workspaceFolder:api}/src", "vscode", False, False),
    ("$HOME/x", "vscode", False, True),
    ("${env:TOKEN}", "claude", False, True),
    ("${TOKEN:-default}", "claude", False, False),
    ("${CLAUDE_PLUGIN_ROOT}/dist", "claude", False, False),
    ("${workspaceFolder}/x", "claude", False, True),
    ("$HOME/x", "claude", False, True),
    ("echo $HOME", "claude", True, False),
    ("$TOKEN", "gemini", False, False),
    ("${input:x}", "gemini", False, True),
    ("${TOKEN}", "none", False, True),
    ("price is $5", "claude", False, False),
])
def test_unexpanded_variables(text: str, dialect: str, shell: bool, flagged: bool) -> None:
    assert bool(list(V.unexpanded(text, dialect, shell=shell))) is flagged


@pytest.mark.parametrize(("text", "found"), [
    ("/Users/alice/src/x", "/Users/alice"),  # a plausible real name is reported; only obvious placeholders are not
    ("C:\\Users\\kwame\\Documents", "C:\\Users\\kwame"),
    ("--root=/home/kwame/notes", "/home/kwame"),
    ("/Users/yourname/src", None),
    ("/Users/<you>/src", None),
    ("/home/USER/x", None),
    ("/home/node/app", None),
    ("/home/linuxbrew/.linuxbrew/bin/uvx", None),
    ("/usr/local/bin/node", None),
    ("https://host/Users/kwame", None),
    ("~/notes", None),
])
def test_home_paths(text: str, found) -> None:
    assert V.home_path(text) == found


@pytest.mark.parametrize(("url", "host"), [
    ("http://mcp.weather-api.net/mcp", "mcp.weather-api.net"),
    ("http://8.8.8.8/mcp", "8.8.8.8"),
    ("https://mcp.weather-api.net/mcp", None),
    ("http://localhost:3000/mcp", None),
    ("http://127.0.0.1/mcp", None),
    ("http://[::1]:8080/mcp", None),
    ("http://10.1.2.3/mcp", None),
    ("http://nas.local/mcp", None),
    ("http://intranet/mcp", None),
    ("http://${HOST}/mcp", None),
    ("http://mcp.example.com/mcp", "mcp.example.com"),  # a documentation host is still plain HTTP
])
def test_insecure_urls(url: str, host) -> None:
    assert V.insecure_url(url) == host


# -- detection ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "client"), [
    (".mcp.json", "claude-code"), ("plugins/x/.mcp.json", "claude-code"), (".vscode/mcp.json", "vscode"),
    ("a/.cursor/mcp.json", "cursor"), ("docs/claude_desktop_config.json", "claude-desktop"),
    (".gemini/settings.json", "gemini"), (".qwen/settings.json", "qwen"), (".codex/config.toml", "codex"),
    (".codeium/windsurf/mcp_config.json", "windsurf"), ("examples/mcp_config.json", "mcp-config"),
    (".zed/settings.json", "zed"), (".kiro/settings/mcp.json", "kiro"), (".roo/mcp.json", "roo"),
    ("opencode.json", "opencode"), ("goose/config.yaml", "goose"), ("mcp.json", None), ("settings.json", None),
    (".codex-plugin/plugin.json", "codex-plugin-manifest"), ("plugins/x/.codex-plugin/plugin.json", "codex-plugin-manifest"),
    (".claude-plugin/marketplace.json", "claude-code-marketplace"), ("x/.claude-plugin/marketplace.json", "claude-code-marketplace"),
    ("marketplace.json", None),
])
def test_client_by_path(path: str, client) -> None:
    found = client_for(path)
    assert (found.key if found else None) == client


def _lint(root: Path, files: dict[str, str | bytes], **options):
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",), **options))


def test_files_that_are_not_mcp_configs_are_left_alone(tmp_path: Path) -> None:
    result = _lint(tmp_path, {
        ".gemini/settings.json": '{"theme": "GitHub"}',
        ".zed/settings.json": '{"theme": "One Dark", "vim_mode": true}',
        ".codex/config.toml": 'model = "gpt-5"\n',
        "config.yaml": "extensions:\n  - .py\n  - .md\nserver:\n  port: 8080\n",
        "app/config.yaml": "extensions:\n  pdf: {enabled: true}\n",
        "opencode.json": '{"$schema": "https://opencode.ai/config.json", "theme": "tokyonight"}',
        ".qwen/settings.json": "{ not even json",
    })
    assert result.errors == [] and result.findings == [] and result.files_checked == 0


def test_a_broken_dedicated_file_is_reported(tmp_path: Path) -> None:
    result = _lint(tmp_path, {".mcp.json": '{"mcpServers": {"x": {"command": "x",}}}',
                              ".gemini/settings.json": '{"mcpServers": {"x": }'})
    assert result.errors == []
    assert sorted((f.path, f.rule.code) for f in result.findings) == [(".gemini/settings.json", "GEN001"),
                                                                       (".mcp.json", "GEN001")]


def test_a_goose_config_is_recognised(tmp_path: Path) -> None:
    result = _lint(tmp_path, {"config.yaml": "GOOSE_PROVIDER: openai\nextensions:\n  developer:\n    bundled: true\n"
                                             "    enabled: true\n    type: builtin\n  fetch:\n    type: stdio\n"
                                             "    enabled: true\n    args: [mcp-server-fetch]\n"})
    assert [(f.rule.code, f.line) for f in result.findings] == [("CFG002", 8)]


def test_pre_commit_on_one_config_still_compares_the_others(tmp_path: Path) -> None:
    files = {
        ".mcp.json": json.dumps({"mcpServers": {"w": {"command": "npx", "args": ["-y", "w-mcp@2.0.0"]}}}),
        ".cursor/mcp.json": json.dumps({"mcpServers": {"w": {"command": "npx", "args": ["-y", "w-mcp@1.0.0"]}}}),
    }
    result = _lint(tmp_path, files, paths=(".cursor/mcp.json",))
    assert [(f.path, f.rule.code) for f in result.findings] == [(".cursor/mcp.json", "XF008")]


# -- damaged and hostile input -------------------------------------------------------------------
DAMAGED = [
    b"", b"null", b"[]", b'"x"', b"{", b'{"mcpServers": null}', b'{"mcpServers": []}', b'{"mcpServers": {"x": 1}}',
    b'{"mcpServers": {"x": {"command": 5, "args": {"a": 1}, "env": [1], "url": {}, "type": ["http"]}}}',
    b'{"mcpServers": {"x": {"type": {}, "url": 3, "headers": "h"}}}',
    b'{"mcpServers": {"x": {"command": "docker", "args": ["run"]}}}',
    b'{"mcpServers": {"x": {"command": "cmd", "args": ["/c"]}}}',
    b'{"servers": {"x": {"command": "npx", "args": ["-p"]}}, "inputs": [1, {"id": 2}, {"id": "a", "type": "bogus"}]}',
    b"\xef\xbb\xbf" + b'{"mcpServers": {}}', b'{"mcpServers": {"x": {"command": "x"}}}' + b"\xff",
    b'{"a": ' * 3000 + b"1" + b"}" * 3000,
]


@pytest.mark.parametrize("path", [".mcp.json", ".vscode/mcp.json", ".gemini/settings.json", ".codex/config.toml",
                                  "goose/config.yaml", ".zed/settings.json", "opencode.json",
                                  ".codex-plugin/plugin.json", ".claude-plugin/marketplace.json"])
@pytest.mark.parametrize("data", DAMAGED, ids=range(len(DAMAGED)))
def test_damaged_configs_never_raise(tmp_path: Path, path: str, data: bytes) -> None:
    result = _lint(tmp_path, {path: data})
    assert result.errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["command", "args", "env", "url", "type", "headers", "inputs", "x", "servers",
                                         "mcpServers", "cwd", "serverUrl", "disabled"]), inner, max_size=5),
                    max_leaves=25))
def test_random_structures_never_raise(tmp_path_factory, value) -> None:
    root = tmp_path_factory.mktemp("cfg")
    for path in (".mcp.json", ".vscode/mcp.json", ".gemini/settings.json"):
        result = _lint(root, {path: json.dumps({"mcpServers": {"s": value}, "servers": {"s": value}})})
        assert result.errors == []


# -- the real corpus -----------------------------------------------------------------------------------
def test_whole_corpus_lints_without_internal_errors(tmp_path: Path) -> None:
    from bench.client_config_corpus import materialise

    count = materialise(tmp_path, shared_path("corpus"))
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("ALL",)))
    assert result.errors == []
    assert result.files_checked == count == 70  # every corpus file is recognised by its real path
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
    # precision guard: the reviewed corpus has no certain breakage (see docs/benchmarks.md)
    assert [f for f in result.findings if f.severity == "error"] == []


def test_checking_client_configs_stays_light(tmp_path: Path) -> None:
    """Client configs and the cross-file stage import neither pydantic nor jsonschema nor mcp."""
    import subprocess
    import sys

    files = {".mcp.json": json.dumps({"mcpServers": {"w": {"command": "npx", "args": ["-y", "w@1.0.0"], "arg": [1]}}}),
             ".vscode/mcp.json": '{"servers": {"w": {"type": "http", "url": "https://w.io/mcp"}}}',
             ".codex/config.toml": '[mcp_servers.w]\nurl = "https://w.io/mcp"\n',
             "server.json": json.dumps({"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
                                        "name": "io.github.a/w", "description": "W", "version": "1.0.0",
                                        "packages": [{"registryType": "npm", "identifier": "w", "version": "1.0.0",
                                                      "transport": {"type": "stdio"}}]}),
             "package.json": json.dumps({"name": "w", "version": "1.0.0", "mcpName": "io.github.a/w"})}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    (tmp_path / ".git").mkdir()
    probe = ("import sys, io, contextlib\nfrom validator.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    main(['check', {str(tmp_path)!r}])\n"
             "print(','.join(sorted(m for m in ('mcp', 'pydantic', 'jsonschema', 'markdown_it') if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"check imported {done.stdout.strip()}"
