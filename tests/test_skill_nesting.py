"""Which SKILL.md files a client loads as skills, nested or in place (validator/standards/skills/nesting.py)."""

from pathlib import Path

from validator.engine.files import FileIndex
from validator.standards.skills.nesting import loaded_in_place, sub_document


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


def test_loaded_in_place_only_from_skills_folders(tmp_path):
    index = _index(tmp_path, ".claude/skills/a/SKILL.md", "pkg/assets/b-skill/SKILL.md", "skills/SKILL.md",
                   "pdf/SKILL.md", ".agents/clawhub/SKILL.md", ".agents/skills/group/c/SKILL.md",
                   ".opencode/skill/d/SKILL.md", "misc/e-0-1-0/SKILL.md")
    assert loaded_in_place(".claude/skills/a/SKILL.md", index)
    assert loaded_in_place(".agents/skills/group/c/SKILL.md", index)  # Codex scans .agents/skills recursively
    assert loaded_in_place(".opencode/skill/d/SKILL.md", index)
    assert loaded_in_place("pdf/SKILL.md", index)  # a catalogue at the root may be cloned into a skills folder
    assert not loaded_in_place("pkg/assets/b-skill/SKILL.md", index)
    assert not loaded_in_place("skills/SKILL.md", index)
    assert not loaded_in_place(".agents/clawhub/SKILL.md", index)
    assert not loaded_in_place("misc/e-0-1-0/SKILL.md", index)


def test_a_folder_a_plugin_manifest_lists_is_loaded_in_place(tmp_path):
    index = _index(tmp_path, "tools/pdf/SKILL.md", "tools/other/SKILL.md")
    (tmp_path / ".claude-plugin").mkdir()
    (tmp_path / ".claude-plugin/plugin.json").write_text('{"name": "p", "skills": ["./tools/pdf"]}')
    index = FileIndex(tmp_path)
    assert loaded_in_place("tools/pdf/SKILL.md", index)
    assert not loaded_in_place("tools/other/SKILL.md", index)

