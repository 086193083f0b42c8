"""Where an Agent Skills rule lowers its severity (SKL001, SKL002 and SKL005 where only Claude Code loads the skill, SKL004 outside skills folders, SKL008 for a client's boolean flag, SKL010 for fields VS Code reads too)."""

from validator.lint.runner import LintOptions, run_lint


def test_name_mismatch_is_an_error_in_place_and_a_warning_in_an_installer_source(tmp_path):
    # `.claude-plugin/skills/` sits beside plugin.json, not at the plugin root Claude Code loads skills from (audit 20)
    for rel in (".claude/skills/pdf/SKILL.md", "packages/cli/assets/pdf-skill/SKILL.md", ".claude-plugin/skills/pdf/SKILL.md"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("---\nname: pdf-processing\ndescription: Extract text from PDFs.\n---\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, select=("SKL004",), no_config=True))
    assert {f.path: f.severity for f in result.findings} == {
        ".claude/skills/pdf/SKILL.md": "error", "packages/cli/assets/pdf-skill/SKILL.md": "warning",
        ".claude-plugin/skills/pdf/SKILL.md": "warning"}


def test_the_skills_cli_internal_flag_is_info_not_a_quote_it_warning(tmp_path):
    skill = tmp_path / ".agents/skills/carnet/SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text("---\nname: carnet\ndescription: Keep notes.\nmetadata:\n  internal: true\n  level: 2\n---\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, select=("SKL008",), no_config=True))
    assert sorted((f.severity, "quote it" in f.message) for f in result.findings) == [("info", False), ("warning", True)]


def test_fields_vs_code_reads_too_are_info_and_claude_only_fields_warnings(tmp_path):
    skill = tmp_path / ".github/skills/release/SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text("---\nname: release\ndescription: Draft release notes.\nuser-invocable: true\nwhen_to_use: releasing\n---\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, select=("SKL010",), no_config=True))
    assert sorted((f.severity, f.message.split("'")[1]) for f in result.findings) == [
        ("info", "user-invocable"), ("warning", "when_to_use")]


def test_a_missing_description_is_a_warning_only_where_claude_code_alone_loads_the_skill(tmp_path):
    """Claude Code falls back to the body's first paragraph (code.claude.com/docs/en/skills, frontmatter reference);
    a skill any other client loads is skipped without one (audit 18: mcp_coder's `.claude/skills`)."""
    for rel in (".claude/skills/review/SKILL.md", ".agents/skills/review/SKILL.md"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("---\nname: review\n---\n\nReview the staged change.\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, select=("SKL005",), no_config=True))
    assert {f.path: f.severity for f in result.findings} == {
        ".claude/skills/review/SKILL.md": "warning", ".agents/skills/review/SKILL.md": "error"}


def test_no_front_matter_is_a_warning_only_where_claude_code_alone_loads_the_skill(tmp_path):
    """Claude Code documents every SKILL.md field as optional (audit 21: Ivy-Tendril, orm-discovery-mcp-go); any other
    client skips a skill without front matter."""
    for rel in (".claude/skills/debug/SKILL.md", ".agents/skills/debug/SKILL.md"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("# Debug a job\n\nRead the job's log first.\n")
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, select=("SKL001",), no_config=True))
    assert {f.path: f.severity for f in result.findings} == {
        ".claude/skills/debug/SKILL.md": "warning", ".agents/skills/debug/SKILL.md": "error"}
