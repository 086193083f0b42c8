"""Which nested SKILL.md files a client loads as skills (validator/standards/skills/nesting.py)."""

from pathlib import Path

from validator.engine.files import FileIndex
from validator.standards.skills.nesting import sub_document


def _index(tmp_path: Path, *files: str) -> FileIndex:
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("---\nname: x\ndescription: y\n---\n")
    return FileIndex(tmp_path)


def test_nested_in_a_claude_plugin_is_a_sub_document(tmp_path):
    index = _index(tmp_path, "p/.claude-plugin/plugin.json", "p/skills/a/SKILL.md", "p/skills/a/b/SKILL.md")
    assert sub_document("p/skills/a/b/SKILL.md", index)
    assert not sub_document("p/skills/a/SKILL.md", index)


def test_nested_where_codex_scans_is_a_skill(tmp_path):
    index = _index(tmp_path, ".agents/skills/a/SKILL.md", ".agents/skills/a/b/SKILL.md",
                   "q/.codex-plugin/plugin.json", "q/skills/a/SKILL.md", "q/skills/a/b/SKILL.md")
    assert not sub_document(".agents/skills/a/b/SKILL.md", index)
    assert not sub_document("q/skills/a/b/SKILL.md", index)


def test_root_skill_does_not_make_a_catalogue_nested(tmp_path):
    index = _index(tmp_path, "SKILL.md", "skills/a/SKILL.md")
    assert not sub_document("skills/a/SKILL.md", index)
