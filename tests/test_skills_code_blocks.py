"""Fenced blocks and where their commands run (validator/standards/skills/code_blocks.py)."""

from validator.standards.skills.code_blocks import cd_elsewhere, created_folders, fenced_blocks


def _owners(text: str) -> list:
    return [owner for owner, _ in fenced_blocks(text.splitlines(keepends=True))]


def test_a_fence_with_a_language_inside_a_block_nests():
    text = "```markdown\nreply\n```scss\n@include x('[v]');\n```\nmore\n```\nafter\n"
    assert _owners(text) == [0, 0, 0, 0, 0, 0, 0, None]


def test_only_a_bare_fence_as_long_closes_a_block():
    text = "````md\n```\ninner\n```\n````\nout\n~~~\n```\n~~~\nout\n"
    assert _owners(text) == [0, 0, 0, 0, 0, None, 6, 6, 6, None]


def test_inline_triple_backticks_are_no_fence():
    assert _owners("```a``` is inline\ntext\n") == [None, None]


def test_cd_into_another_folder_moves_the_commands():
    assert cd_elsewhere("cd Documentation/web && ", ".ai/skills/qa-docs")
    assert cd_elsewhere('cd "$PROJECT_ROOT"; ', "skills/x")
    assert not cd_elsewhere("cd ~/.claude/skills/qa-docs && ", ".ai/skills/qa-docs")
    assert not cd_elsewhere('cd "$SKILL_DIR" && ', "skills/x")
    assert not cd_elsewhere('cd "$(dirname "$0")" && ', "skills/x")
    assert not cd_elsewhere("cd .. && ", "skills/x")


def test_folders_the_setup_creates():
    text = "1. Creating directory structure (`.specify/memory/`, `specs/`, `scripts/`)\n\n```bash\nmkdir -p logs/run\n```\n"
    assert created_folders(text) == {".specify", "specs", "scripts", "logs"}
    assert created_folders("Run `scripts/x.sh` from `scripts/`.") == frozenset()
