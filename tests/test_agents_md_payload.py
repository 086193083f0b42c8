"""Instruction files the repository ships rather than reads (`validator/standards/agents_md/payload.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine.files import FileIndex
from validator.repo.files import Repo
from validator.standards.agents_md.payload import shipped


def repo_with(tmp_path: Path, files: dict[str, str]) -> Repo:
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return Repo(FileIndex(tmp_path))


@pytest.mark.parametrize(("manifest", "content", "want"), [
    ("gemini-extension.json", '{"name": "x", "version": "1", "contextFileName": "agents/AGENTS.md"}', True),
    ("qwen-extension.json", '{"name": "x", "version": "1", "contextFileName": ["README.md", "agents/AGENTS.md"]}', True),
    ("ext/gemini-extension.json", '{"name": "x", "version": "1", "contextFileName": "../agents/AGENTS.md"}', True),
    ("gemini-extension.json", '{"name": "x", "version": "1", "contextFileName": "GEMINI.md"}', False),
    ("gemini-extension.json", '{"name": "x", "contextFileName": ', False),
    ("gemini-extension.json", '["agents/AGENTS.md"]', False),
    ("package.json", '{"contextFileName": "agents/AGENTS.md"}', False),
])
def test_extension_context_file(tmp_path: Path, manifest: str, content: str, want: bool) -> None:
    repo = repo_with(tmp_path, {manifest: content, "agents/AGENTS.md": "# Skills\n"})
    assert (shipped(repo, "agents/AGENTS.md") is not None) is want


@pytest.mark.parametrize(("script", "line", "want"), [
    ("install.sh", 'cp "$SCRIPT_DIR/config/AGENTS.md" "$INSTALL_DIR/AGENTS.md"', True),
    ("scripts/install.sh", "mkdir -p ~/.agent && cp -f ../config/AGENTS.md ~/.agent/", True),
    ("setup.sh", "ln -s \"$PWD/config/AGENTS.md\" \"$HOME/.codex/AGENTS.md\"", True),
    ("install.ps1", "Copy-Item -Path config/AGENTS.md -Destination $env:USERPROFILE\\.agent\\AGENTS.md", True),
    ("check.sh", 'grep -q Config config/AGENTS.md && echo "config/AGENTS.md ok"', False),
    ("check.sh", "cat config/AGENTS.md", False),
    ("check.sh", "cp other/AGENTS.md config/AGENTS.md", False),
    ("check.sh", 'cp "config/AGENTS.md', False),
    ("notes.txt", 'cp config/AGENTS.md "$HOME/"', False),
])
def test_file_a_script_copies(tmp_path: Path, script: str, line: str, want: bool) -> None:
    repo = repo_with(tmp_path, {script: f"#!/bin/sh\n{line}\n", "config/AGENTS.md": "# Persona\n"})
    assert (shipped(repo, "config/AGENTS.md") is not None) is want
