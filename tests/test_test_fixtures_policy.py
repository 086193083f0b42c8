"""Files in a repository's test-fixture folders are not discovered, but are checked when named."""

import json
from pathlib import Path

import pytest

from validator.engine.files import in_test_fixtures
from validator.lint.runner import LintOptions, run_lint


@pytest.mark.parametrize("path", [
    "tests/fixtures/mcp-file/.mcp.json", "test/fixtures/a/SKILL.md", "packages/x/__tests__/fixtures/server.json",
    "src/__fixtures__/agent-card.json", "internal/testdata/skills/a_b/SKILL.md",
    "core/src/test/resources/skills/underscore_skill/SKILL.md", "tests/skill-eval/fixtures/AGENTS.md",
    "spec/fixtures/manifest.json", "packages/vscode-extension/e2e/fixtures/skills/my-e2e-skill/SKILL.md",
    "test_data/skills/.codex/skills/no-desc/SKILL.md", "crates/x/test-data/server.json",
    "tests/Fixtures/skills/nested-skill/SKILL.md", "src/Test/Resources/x/SKILL.md",
])
def test_fixture_folders(path):
    assert in_test_fixtures(path)


@pytest.mark.parametrize("path", [
    "fixtures/mcp/server.json", "tests/AGENTS.md", "src/main/resources/agent/agent-card.json",
    "skills/testing/SKILL.md", "tests/skills/x/SKILL.md", ".mcp.json", "testdata.json",
    "skills/e2e/SKILL.md", "e2e/AGENTS.md",
])
def test_not_fixture_folders(path):
    assert not in_test_fixtures(path)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    bad = tmp_path / "tests" / "fixtures" / "mcp-file"
    bad.mkdir(parents=True)
    (bad / ".mcp.json").write_text(json.dumps({"remote": {"type": "http", "url": "https://example.com/mcp"}}))
    return tmp_path


def _codes(root: Path, *paths: str) -> list[tuple[str, str]]:
    result = run_lint(LintOptions(paths=paths, cwd=root, no_config=True))
    return sorted((f.rule.code, f.path) for f in result.findings)


def test_repository_run_skips_test_fixtures(tmp_path):
    root = _repo(tmp_path)
    assert _codes(root) == []
    assert _codes(root, ".") == []


def test_named_fixture_file_or_folder_is_checked(tmp_path):
    root = _repo(tmp_path)
    assert ("CFG001", "tests/fixtures/mcp-file/.mcp.json") in _codes(root, "tests/fixtures/mcp-file/.mcp.json")
    assert ("CFG001", "tests/fixtures/mcp-file/.mcp.json") in _codes(root, "tests/fixtures")
