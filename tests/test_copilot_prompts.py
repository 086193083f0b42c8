"""Copilot prompt files (`.github/prompts/*.prompt.md`): found, listed, and judged at the severities VS Code's own
handling of them earns (the fixtures pin the positions; these tests pin what a fixture cannot say)."""

from __future__ import annotations

import json
from pathlib import Path

from validator.lint.runner import LintOptions, run_lint


def lint(root: Path, files: dict[str, str], select: tuple[str, ...] = ("agents-md",)):
    (root / ".git").mkdir(exist_ok=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return run_lint(LintOptions(paths=(), cwd=root, no_config=True, select=select))


def findings(result, code: str) -> list[tuple[str, str, int]]:
    return sorted((f.path, f.severity, f.line) for f in result.findings if f.rule.code == code)


def test_a_header_that_swallows_the_prompt_is_an_error_a_yaml_slip_a_warning(tmp_path: Path) -> None:
    """VS Code sends no body when the header never closes (promptFileParser.ts); YAML it cannot read is flagged in the
    editor, yet the prompt still runs."""
    result = lint(tmp_path, {
        ".github/prompts/open.prompt.md": "---\ndescription: Review\n\nReview the change.\n",
        ".github/prompts/list.prompt.md": "---\ntools: ['search'\nagent: agent\n---\nReview the change.\n",
        ".github/prompts/plain.prompt.md": "Review the change.\n\n---\n\nBe brief.\n",
    })
    assert findings(result, "AGM086") == [(".github/prompts/list.prompt.md", "warning", 3),
                                          (".github/prompts/open.prompt.md", "error", 1)]


def test_unquoted_values_are_text_as_vscode_reads_them(tmp_path: Path) -> None:
    """VS Code's header reader takes an unquoted value to the end of its line (base/common/yaml.ts): a colon or a
    leading backtick that a strict YAML parser refuses is no finding, and the header's other keys are still judged."""
    result = lint(tmp_path, {".github/prompts/a.prompt.md": "---\ndescription: Review: style and tests\n"
                             "argument-hint: `path` to review\nmodle: GPT-4o\n---\nReview.\n"})
    assert [(f.rule.code, f.line) for f in result.findings] == [("AGM087", 4)]


def test_header_findings_are_warnings_because_vscode_still_runs_the_prompt(tmp_path: Path) -> None:
    result = lint(tmp_path, {".github/prompts/old.prompt.md": "---\nmode: edit\ntools: search\nagent: Ghost\n---\nFix it.\n"})
    got = {(f.rule.code, f.severity) for f in result.findings if f.rule.code in ("AGM087", "AGM088", "AGM089")}
    assert got == {("AGM087", "warning"), ("AGM088", "warning"), ("AGM089", "warning")}
    assert not [f for f in result.findings if f.severity == "error"]


def test_templates_keep_their_prompt_headers(tmp_path: Path) -> None:
    """A cookiecutter's prompt holds placeholders and foreign keys on purpose: its header is not judged."""
    result = lint(tmp_path, {"templates/app/.github/prompts/new.prompt.md": "---\ndescription: {{ description }}\n"
                             "agent: {{ agent }}\ncolour: blue\n"})
    assert not [f for f in result.findings if f.rule.code in ("AGM086", "AGM087", "AGM088", "AGM089")]


def test_file_references_in_every_copilot_file_but_not_in_agents_md(tmp_path: Path) -> None:
    """VS Code resolves `#file:` in the body of prompts, agents and instructions (every prompt type); in AGENTS.md it
    is text other agents do not follow."""
    result = lint(tmp_path, {
        ".github/agents/review.agent.md": "---\ndescription: Reviews\n---\nRead #file:../../docs/missing.md first.\n",
        ".github/instructions/py.instructions.md": "---\napplyTo: '**/*.py'\n---\nSee #file:../../docs/style.md.\n",
        "AGENTS.md": "# Project\n\nSee #file:docs/missing.md.\n",
        "docs/style.md": "# Style\n",
    }, select=("AGM054",))
    assert findings(result, "AGM054") == [(".github/agents/review.agent.md", "warning", 4)]


def test_prompt_files_are_listed_with_show_files(tmp_path: Path, capsys) -> None:
    from validator.cli import main

    lint(tmp_path, {".github/prompts/review.prompt.md": "---\ndescription: Review the change\n---\nReview it.\n"})
    code = main(["check", str(tmp_path), "--no-config", "--show-files", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"path": ".github/prompts/review.prompt.md", "standards": ["agents-md"]} in report["files"]


def test_yaml_1_1_scalars_are_text_as_vscode_reads_them(tmp_path: Path) -> None:
    """A strict YAML 1.1 parser turns `yes` and dates into booleans and dates; VS Code's reader keeps them as text, so
    they are no wrong kinds; only `true`/`false` are booleans."""
    result = lint(tmp_path, {".github/prompts/a.prompt.md": "---\ndescription: yes\nname: 2024-01-01\nargument-hint: on\n"
                             "model: true\n---\nBody.\n"})
    assert [(f.rule.code, f.line) for f in result.findings if f.rule.code == "AGM088"] == [("AGM088", 5)]
