"""The folder a path-scoped instruction file covers (`validator/standards/agents_md/scope.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine.files import FileIndex
from validator.repo.files import Repo
from validator.standards.agents_md import names as N
from validator.standards.agents_md.markdown import parse_markdown
from validator.standards.agents_md.reader import InstructionFile
from validator.standards.agents_md.scope import scope_folder

TREE = {
    "package.json": "{}",
    "server/package.json": "{}",
    "server/src/mcp/tools/index.ts": "",
    "server/tooling/contracts/a.json": "{}",
    "cli/src/index.ts": "",
    "web/src/app.tsx": "",
}


def folder_of(tmp_path: Path, rel: str, front: str) -> str | None:
    files = dict(TREE, **{rel: f"---\n{front}\n---\n\n# Rule\n"})
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    repo = Repo(FileIndex(tmp_path))
    text = files[rel]
    data = InstructionFile(rel, N.classify(rel), text, parse_markdown(text), repo.stat(rel))
    return scope_folder(repo, data)


@pytest.mark.parametrize(("rel", "front", "want"), [
    # globs that start with one folder
    (".claude/rules/server.md", 'paths:\n  - "server/src/**/*.ts"\n  - "server/tooling/**"', "server"),
    (".cursor/rules/server.mdc", "globs: server/src/**/*.ts, server/tooling/**\nalwaysApply: false", "server"),
    (".github/instructions/server.instructions.md", 'applyTo: "server/**"', "server"),
    (".claude/rules/web.md", "globs: web/**/*.{ts,tsx}", "web"),
    # globs that name no folder: the folder every matching file lies in
    (".claude/rules/contracts.md", 'paths:\n  - "**/tooling/contracts/**/*.json"\n  - "**/mcp/**/tools/**/*.ts"', "server"),
    # no single folder
    (".claude/rules/both.md", 'paths:\n  - "server/**"\n  - "cli/**"', None),
    (".claude/rules/ts.md", 'paths:\n  - "**/*.ts"', None),
    (".github/instructions/all.instructions.md", 'applyTo: "**"', None),
    (".claude/rules/nothing.md", 'paths:\n  - "**/*.go"', None),
    (".claude/rules/absent.md", 'paths:\n  - "api/**"', None),
    (".claude/rules/negated.md", 'paths:\n  - "server/**"\n  - "!server/tooling/**"', None),
    (".cursor/rules/always.mdc", "globs: server/**\nalwaysApply: true", None),
    (".claude/rules/plain.md", "description: no scope", None),
    ("CLAUDE.md", 'paths:\n  - "server/**"', None),
])
def test_scope_folder(tmp_path: Path, rel: str, front: str, want: str | None) -> None:
    assert folder_of(tmp_path, rel, front) == want


def test_a_nested_cursor_rule_scopes_below_its_folder(tmp_path: Path) -> None:
    assert folder_of(tmp_path, "server/.cursor/rules/mcp.mdc", "globs: src/mcp/**") == "server/src/mcp"
