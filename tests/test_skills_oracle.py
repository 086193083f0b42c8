"""Agent Skills against the reference validator `skills-ref validate` (the oracle).

For every corpus SKILL.md (each at its real path, each repository linted as its own
root) and for front matter mutations of them, the problems `skills-ref` reports and the
problems our SKL rules report must fall in the same categories. Differences on purpose
are listed in INTENTIONAL with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from skills_ref import (
    validator as skills_ref,  # a test dependency: pip install -e '.[test]'
)

from validator.engine.files import in_test_fixtures
from validator.lint.runner import LintOptions, run_lint
from validator.standards.skills.checks.front_matter import CLIENT_FIELDS, SPEC_FIELDS
from validator.standards.skills.nesting import claude_code_only

from .corpus import lint_each_repository, materialize

CATEGORIES = {
    "front-matter": ("SKL001", "GEN001", "GEN002"),
    "unexpected-field": ("SKL010", "SKL011"),
    "name-missing": ("SKL002",),
    "name-format": ("SKL003",),
    "name-directory": ("SKL004",),
    "description-missing": ("SKL005",),
    "description-length": ("SKL006",),
    "compatibility": ("SKL007",),
}
BY_CODE = {code: category for category, codes in CATEGORIES.items() for code in codes}


def oracle_categories(skill_dir: Path) -> set[str]:
    out = set()
    for message in skills_ref.validate(skill_dir):
        if re.search(r"frontmatter \(---\)|not properly closed|must be a YAML mapping|Invalid YAML|Missing required file", message):
            out.add("front-matter")
        elif message.startswith("Unexpected fields"):
            out.add("unexpected-field")
        elif "Missing required field in frontmatter: name" in message or "Field 'name'" in message:
            out.add("name-missing")
        elif message.startswith("Directory name"):
            out.add("name-directory")
        elif message.startswith("Skill name") or "Skill name cannot" in message:
            out.add("name-format")
        elif "description" in message.lower() and ("Missing" in message or "non-empty" in message):
            out.add("description-missing")
        elif message.startswith("Description exceeds"):
            out.add("description-length")
        elif "ompatibility" in message:
            out.add("compatibility")
        else:
            raise AssertionError(f"unmapped skills-ref message: {message}")
    return out


def our_categories(root: Path, skill_md: Path) -> set[str]:
    # per-file verdicts, as skills-ref gives them: repeats folded into another skill's finding still count here
    result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",), fold=False))
    assert result.errors == []
    rel = skill_md.relative_to(root).as_posix()
    return {BY_CODE[f.rule.code] for f in result.findings if f.path == rel and f.rule.code in BY_CODE}


def intentional(text: str, skill_md: Path, root: Path) -> str | None:
    """Why our verdict may differ from skills-ref on this file, or None."""
    front = text.split("---", 2)[1] if text.startswith("---") and text.count("---") >= 2 else ""
    if re.search(r"^[\w-]+:\s*[\[{]", front, re.MULTILINE):
        return "strictyaml refuses YAML flow style ([a, b], {a: b}); PyYAML, Claude Code and the spec's YAML accept it"
    if skill_md.parent == root:
        return "a SKILL.md at the repository root: the checkout's folder name is arbitrary, so no name/folder check"
    keys = re.findall(r"^([\w-]+):", front, re.MULTILINE)
    if len(keys) != len(set(keys)):
        return ("a duplicate key: strictyaml rejects the file, we report GEN004 (a warning) because YAML "
                "parsers in clients keep the last value")
    if re.search(r"^compatibility:\s*(''|\"\")\s*$", front, re.MULTILINE):
        return "the specification says compatibility is 1-500 characters; skills-ref lets an empty one pass"
    name = re.search(r"^name:\s*(.*?)\s*$", front, re.MULTILINE)
    name = name.group(1).strip("'\"") if name else None
    if name and name != skill_md.parent.name and (len(name) > 64 or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name)):
        return ("an invalid name that also differs from its folder is one fault: SKL003 supersedes SKL004 at the same "
                "position, where skills-ref reports both")
    rel = skill_md.relative_to(root).as_posix()
    unknown = [key for key in keys if key not in SPEC_FIELDS]
    if unknown and claude_code_only(rel) and all(key in CLIENT_FIELDS for key in unknown):
        return "Claude Code's own .claude/skills/ folder: its fields are what the skill is written for (no SKL010)"
    if unknown and all((key in CLIENT_FIELDS and claude_code_only(rel)) or _in_an_earlier_skill(root, rel, key)
                       for key in unknown):
        return ("the unknown field (SKL011) or client field (SKL010) is reported once per repository, at the first "
                "skill that has it")
    return None


def _in_an_earlier_skill(root: Path, rel: str, key: str) -> bool:
    for other in sorted(p.relative_to(root).as_posix() for p in root.rglob("SKILL.md")):
        if other >= rel:
            return False
        text = (root / other).read_text(encoding="utf-8", errors="replace")
        front = text.split("---", 2)[1] if text.startswith("---") and text.count("---") >= 2 else ""
        if re.search(rf"^{re.escape(key)}:", front, re.MULTILINE):
            return True
    return False


def _compare(root: Path, skill_md: Path, label: str, mismatches: list, counts: dict) -> None:
    text = skill_md.read_text(encoding="utf-8")
    expected, ours = oracle_categories(skill_md.parent), our_categories(root, skill_md)
    counts["compared"] += 1
    if expected == ours:
        counts["agreed"] += 1
    elif intentional(text, skill_md, root):
        counts["intentional"] += 1
    else:
        mismatches.append((label, sorted(expected), sorted(ours)))


def test_corpus_agrees_with_skills_ref(tmp_path) -> None:
    counts = {"compared": 0, "agreed": 0, "intentional": 0}
    mismatches: list = []
    for path, row in materialize("skill-md", tmp_path):
        _compare(tmp_path / row["repo"].replace("/", "__"), path, row["path"], mismatches, counts)
    print(f"skills corpus vs skills-ref: {counts['agreed']}/{counts['compared']} agree, "
          f"{counts['intentional']} differ on purpose")
    assert counts["compared"] >= 40
    assert mismatches == []


MUTATIONS = [
    ("name uppercase", lambda fm: re.sub(r"^name:.*$", "name: Pdf-Tools", fm, flags=re.M)),
    ("name double hyphen", lambda fm: re.sub(r"^name:.*$", "name: pdf--tools", fm, flags=re.M)),
    ("name leading hyphen", lambda fm: re.sub(r"^name:.*$", "name: -pdf", fm, flags=re.M)),
    ("name too long", lambda fm: re.sub(r"^name:.*$", "name: " + "a" * 65, fm, flags=re.M)),
    ("name underscore", lambda fm: re.sub(r"^name:.*$", "name: pdf_tools", fm, flags=re.M)),
    ("name removed", lambda fm: re.sub(r"^name:.*\n", "", fm, flags=re.M)),
    ("name empty", lambda fm: re.sub(r"^name:.*$", "name: ''", fm, flags=re.M)),
    ("description removed", lambda fm: re.sub(r"^description:.*\n(?:[ \t]+.*\n)*", "", fm, flags=re.M)),
    ("description too long", lambda fm: re.sub(r"^description:.*\n(?:[ \t]+.*\n)*", "description: " + "x" * 1100 + "\n", fm, flags=re.M)),
    ("description blank", lambda fm: re.sub(r"^description:.*\n(?:[ \t]+.*\n)*", "description: '  '\n", fm, flags=re.M)),
    ("unknown key", lambda fm: fm + "category: docs\n"),
    ("claude key", lambda fm: fm + "model: sonnet\n"),
    ("compatibility too long", lambda fm: fm + "compatibility: " + "y" * 501 + "\n"),
    ("compatibility fine", lambda fm: fm + "compatibility: Requires git\n"),
    ("license", lambda fm: fm + "license: MIT\n"),
    ("metadata", lambda fm: fm + "metadata:\n  author: acme\n"),
    ("unchanged", lambda fm: fm),
]


@pytest.mark.parametrize(("label", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_front_matter_mutations_agree_with_skills_ref(tmp_path, label, mutate) -> None:
    counts = {"compared": 0, "agreed": 0, "intentional": 0}
    mismatches: list = []
    for path, row in materialize("skill-md", tmp_path):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "\n---" not in text[3:]:
            continue
        end = text.index("\n---", 3) + 1
        path.write_text("---\n" + mutate(text[4:end]) + text[end:], encoding="utf-8")
        _compare(tmp_path / row["repo"].replace("/", "__"), path, f"{label}: {row['path']}", mismatches, counts)
    assert counts["compared"] >= 30
    assert mismatches == [], mismatches[:5]


def test_whole_corpus_lints_without_internal_errors(tmp_path) -> None:
    written, results = lint_each_repository("skill-md", tmp_path)
    assert all(result.errors == [] for result in results)
    # files in a repository's test-fixture folders are its own test inputs and are not discovered
    # (docs/configuration.md, "Paths and roots"); every other corpus file is checked
    shipped = [row for _, row in written if not in_test_fixtures(row["path"])]
    assert sum(result.files_checked for result in results) == len(shipped)
    assert all(f.line >= 1 and f.column >= 1 for result in results for f in result.findings)
