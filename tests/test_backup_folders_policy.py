"""Backup copies (`backups/`, `*.bak/`, dated backup folders) are not discovered, but are checked when named.

No client loads skills, rules or configs from such folders (Claude Code reads `.claude/skills/` and installed
plugins' `skills/`, Codex `.agents/skills/`, Copilot `.github/skills/`), so their stale copies are noise in a
repository run, like test fixtures (docs/configuration.md)."""

from pathlib import Path

import pytest

from validator.engine.files import discovered_by_default, in_backup_folder
from validator.lint.runner import LintOptions, run_lint


@pytest.mark.parametrize("path", [
    "backups/plugin-backups/x_20251019_122343/skills/skill-adapter/SKILL.md", "Backup/AGENTS.md",
    "skills.bak/a/SKILL.md", ".backup/.mcp.json", "old/skills-backup-20251204/a/SKILL.md",
    "20251204_000554_backup/a/SKILL.md", "plugin-backups/a/SKILL.md", "skills.orig/a/SKILL.md",
    "docs/_archive/structure/contexts/ai/AGENTS.md", "archived/skills/a/SKILL.md",
])
def test_backup_folders(path):
    assert in_backup_folder(path)
    assert not discovered_by_default(path)


@pytest.mark.parametrize("path", [
    "skills/backup-manager/SKILL.md", "skills/db-backup/SKILL.md", "backup.md", "plugins/backup-tools/.mcp.json",
    "skills/restore-from-backup/SKILL.md", "AGENTS.md", "docs/backups.md",
    # a skill named backup: its own folder is its name (audit 7: terrylica/cc-skills asciinema-tools)
    "plugins/asciinema-tools/skills/backup/SKILL.md", ".claude/skills/backups/SKILL.md",
    # a plain archive/ is as often a feature of that name
    "packages/archive/AGENTS.md",
])
def test_not_backup_folders(path):
    assert not in_backup_folder(path)
    assert discovered_by_default(path)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    stale = tmp_path / "backups" / "skills-20251204" / "pdf"
    stale.mkdir(parents=True)
    (stale / "SKILL.md").write_text("---\nname: PDF Tools\ndescription: Work with PDFs. Use for PDF files.\n---\n\n# PDF\n")
    return tmp_path


def _codes(root: Path, *paths: str) -> list[tuple[str, str]]:
    result = run_lint(LintOptions(paths=paths, cwd=root, no_config=True))
    return sorted((f.rule.code, f.path) for f in result.findings)


def test_repository_run_skips_backups(tmp_path):
    root = _repo(tmp_path)
    assert _codes(root) == []
    assert _codes(root, ".") == []


def test_named_backup_file_or_folder_is_checked(tmp_path):
    root = _repo(tmp_path)
    assert ("SKL003", "backups/skills-20251204/pdf/SKILL.md") in _codes(root, "backups/skills-20251204/pdf/SKILL.md")
    assert ("SKL003", "backups/skills-20251204/pdf/SKILL.md") in _codes(root, "backups")


@pytest.mark.parametrize("path", [
    "references/vendored/compose-expert/SKILL.md", "vendor/github.com/acme/tool/AGENTS.md",
    "src/resources/extension-subtrees/julia-engine/AGENTS.md", "subtrees/lib/CLAUDE.md",
    "third_party/skills/x/SKILL.md", "libs/Third-Party/mcp/server.json",
])
def test_vendored_copies_are_not_discovered(path):
    assert not discovered_by_default(path)


@pytest.mark.parametrize("path", ["skills/vendor-onboarding/SKILL.md", "docs/vendors.md", "vendor.md", "AGENTS.md"])
def test_folders_that_only_mention_vendors_are_ordinary(path):
    assert discovered_by_default(path)


def test_skill_evaluation_inputs_are_not_discovered(tmp_path):
    """`evals/<case>/SKILL.md` is an evaluation's input, read by its script and never installed (audit 23); a skill
    named `evals` and a named file are still checked."""
    (tmp_path / ".git").mkdir()
    case = tmp_path / "evals" / "security-spike" / "skill-content-controlled"
    case.mkdir(parents=True)
    (case / "SKILL.md").write_text("---\nname: security-content-controlled\ndescription: A case. Use in evals.\n---\n\n# Case\n")
    named = tmp_path / ".claude" / "skills" / "evals"
    named.mkdir(parents=True)
    (named / "SKILL.md").write_text("---\nname: Evals\ndescription: Runs evals. Use to score skills.\n---\n\n# Evals\n")
    found = _codes(tmp_path)
    assert not [path for _code, path in found if path.startswith("evals/")]
    assert ("SKL003", ".claude/skills/evals/SKILL.md") in found
    assert ("SKL004", "evals/security-spike/skill-content-controlled/SKILL.md") in \
        _codes(tmp_path, "evals/security-spike/skill-content-controlled/SKILL.md")
