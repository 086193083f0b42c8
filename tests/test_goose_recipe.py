"""goose recipes: template variables as goose sees them, detection, the recipe schema, the corpus.

There is no official recipe schema: the schema cases below follow goose's Rust types
(crates/goose/src/recipe/mod.rs, recipe_extension_adapter.rs, agents/types.rs) field by
field, and `response.json_schema` checking is held against jsonschema's meta-schema check.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from validator.engine.files import FileIndex, SourceFile, in_test_fixtures
from validator.engine.schemacheck import Validator
from validator.standards import goose_recipe
from validator.standards.base import CheckContext
from validator.standards.goose_recipe.checks.response import schema_problems
from validator.standards.goose_recipe.models import json_schema
from validator.standards.goose_recipe.template import blank_tags, scan

from .corpus import lint_each_repository

# (template text, the variables goose's validation sees)
TEMPLATES = [
    ("Hello {{ name }}!", {"name"}),
    ("{{ greeting }} {{ name }}!", {"greeting", "name"}),
    ("Hello {{hf model org}}_{{hf model name}}!", set()),  # not minijinja: kept as literal text
    ("{{valid_var}} and {{invalid var}}", {"valid_var"}),
    ("{{ recipe_dir }}/style.md", set()),  # built-in
    ("{% if user_role in ['a', 'b'] %}x{% else %}y{% endif %}", {"user_role"}),
    ("{{'{{API_KEY}}'}}", set()),  # escaped literal
    ("{% raw %}{{ literal }}{% endraw %}", set()),
    ("{# {{ commented }} #}", set()),
    ("{% for item in items %}{{ item }} {{ loop.index }}{% endfor %}", {"items"}),
    ("{% set n = count + 1 %}{{ n }}", {"count"}),
    ("{{ data | indent(2) }}", {"data"}),
    ("{{ user.name }}", {"user.name"}),  # minijinja's nested undeclared variables are dotted
    ("{{ x is defined }} {{ a if b else c }}", {"x", "a", "b", "c"}),
    ("{{ name.upper() }}", {"name"}),
]


@pytest.mark.parametrize(("text", "variables"), TEMPLATES, ids=[t for t, _ in TEMPLATES])
def test_template_variables_as_goose_sees_them(text: str, variables: set[str]) -> None:
    assert set(scan(text).variables) == variables


def test_blanking_keeps_positions() -> None:
    text = "prompt: |\n  a\n{% if x %}\n  b\n{% endif %}\n"
    blanked = blank_tags(text)
    assert blanked.count("\n") == text.count("\n")
    assert "{%" not in blanked
    # a line that holds only tags becomes empty (as goose renders it); other lines keep their columns
    assert blanked == "prompt: |\n  a\n\n  b\n\n"
    mixed = "prompt: |\r\n  {# note #} a {% if x %}b{% endif %}\r\n    {%- if y -%}  \r\n  c\r\n"
    out = blank_tags(mixed).split("\n")
    # a tag that opens a line moves to its end: the text keeps the line's indentation, as goose renders it
    assert out[1] == "  " + " a " + " " * len("{% if x %}") + "b" + " " * len("{% endif %}") + " " * len("{# note #}") + "\r"
    assert out[2] == "\r" and out[3] == "  c\r"
    inner = "prompt: |\n  a {% if x %}b{% endif %}\n"
    assert blank_tags(inner) == "prompt: |\n  a " + " " * len("{% if x %}") + "b" + " " * len("{% endif %}") + "\n"


def test_tag_on_the_first_line_of_a_block_scalar_parses() -> None:
    import yaml

    text = "title: t\nprompt: |\n  {% if plan_path %}\n  Read the plan.\n  {% endif %}\n"
    assert yaml.safe_load(blank_tags(text))["prompt"] == "\nRead the plan.\n"
    same_line = "title: t\nprompt: |\n  {% if plan_path %}Read the plan.\n  Then work.{% endif %}\n"
    assert yaml.safe_load(blank_tags(same_line))["prompt"].split("\n")[:2] == ["Read the plan." + " " * 18, "Then work." + " " * 11]


BASE = {"title": "Review", "description": "Review a change", "prompt": "Review the diff"}
STDIO = {"type": "stdio", "name": "gh", "cmd": "github-mcp-server", "args": []}
PARAM = {"key": "pr", "input_type": "number", "requirement": "required", "description": "PR"}
# (case, recipe, valid?) — each verdict follows a field of goose's Rust types
SCHEMA_CASES = [
    ("minimal", BASE, True),
    ("title is a String (required)", {k: v for k, v in BASE.items() if k != "title"}, False),
    ("description is a String (required)", {k: v for k, v in BASE.items() if k != "description"}, False),
    ("scalars convert to strings", {**BASE, "title": 42, "version": 1.0}, True),
    ("a mapping is no string", {**BASE, "title": {"en": "Review"}}, False),
    ("unknown fields are ignored", {**BASE, "x-team": "core"}, True),
    ("stdio needs cmd", {**BASE, "extensions": [{k: v for k, v in STDIO.items() if k != "cmd"}]}, False),
    ("stdio needs args", {**BASE, "extensions": [{k: v for k, v in STDIO.items() if k != "args"}]}, False),
    ("stdio complete", {**BASE, "extensions": [{**STDIO, "envs": {"A": "1", "B": 2}, "env_keys": ["T"], "timeout": 300}]}, True),
    ("timeout is unsigned", {**BASE, "extensions": [{**STDIO, "timeout": -1}]}, False),
    ("streamable_http needs uri", {**BASE, "extensions": [{"type": "streamable_http", "name": "docs"}]}, False),
    ("streamable_http complete", {**BASE, "extensions": [{"type": "streamable_http", "name": "d", "uri": "https://x/mcp",
                                                          "headers": {"Authorization": "Bearer ${T}"}}]}, True),
    ("builtin needs only a name", {**BASE, "extensions": [{"type": "builtin", "name": "developer"}]}, True),
    ("platform needs only a name", {**BASE, "extensions": [{"type": "platform", "name": "summon"}]}, True),
    ("inline_python needs code", {**BASE, "extensions": [{"type": "inline_python", "name": "p"}]}, False),
    ("frontend needs tools", {**BASE, "extensions": [{"type": "frontend", "name": "f"}]}, False),
    ("unknown extension type", {**BASE, "extensions": [{"type": "websocket", "name": "w"}]}, False),
    ("extension name is required", {**BASE, "extensions": [{"type": "builtin"}]}, False),
    ("parameter complete", {**BASE, "parameters": [PARAM]}, True),
    ("parameter input_type enum", {**BASE, "parameters": [{**PARAM, "input_type": "text"}]}, False),
    ("parameter requirement enum", {**BASE, "parameters": [{**PARAM, "requirement": "mandatory"}]}, False),
    *[(f"parameter {key} required", {**BASE, "parameters": [{k: v for k, v in PARAM.items() if k != key}]}, False)
      for key in PARAM],
    ("parameter default may be a number", {**BASE, "parameters": [{**PARAM, "requirement": "optional", "default": 10}]}, True),
    ("select options are strings", {**BASE, "parameters": [{**PARAM, "input_type": "select", "options": ["a", "b"]}]}, True),
    ("retry needs max_retries and checks", {**BASE, "retry": {"max_retries": 3}}, False),
    ("retry max_retries > 0", {**BASE, "retry": {"max_retries": 0, "checks": []}}, False),
    ("retry complete", {**BASE, "retry": {"max_retries": 3, "timeout_seconds": 30, "on_failure": "echo no",
                                          "checks": [{"type": "shell", "command": "test -f out"}]}}, True),
    ("check type is shell", {**BASE, "retry": {"max_retries": 1, "checks": [{"type": "http", "command": "x"}]}}, False),
    ("check needs a command", {**BASE, "retry": {"max_retries": 1, "checks": [{"type": "shell"}]}}, False),
    ("retry timeout > 0", {**BASE, "retry": {"max_retries": 1, "checks": [], "timeout_seconds": 0}}, False),
    ("settings types", {**BASE, "settings": {"goose_provider": "anthropic", "temperature": 0.2, "max_turns": 50}}, True),
    ("temperature is a number", {**BASE, "settings": {"temperature": "warm"}}, False),
    ("max_turns is unsigned", {**BASE, "settings": {"max_turns": -5}}, False),
    ("sub_recipe needs name and path", {**BASE, "sub_recipes": [{"name": "scan"}]}, False),
    ("sub_recipe complete", {**BASE, "sub_recipes": [{"name": "scan", "path": "./scan.yaml", "values": {"level": 2},
                                                      "sequential_when_repeated": True}]}, True),
    ("activities are strings", {**BASE, "activities": ["Review", 3]}, True),
    ("activities are a list", {**BASE, "activities": "Review"}, False),
    ("response json_schema is any value", {**BASE, "response": {"json_schema": {"type": "object"}}}, True),
    ("author fields are strings", {**BASE, "author": {"contact": "me@example.com"}}, True),
]


@pytest.mark.parametrize(("case", "recipe", "valid"), SCHEMA_CASES, ids=[c[0] for c in SCHEMA_CASES])
def test_recipe_schema_follows_goose_types(case: str, recipe: dict, valid: bool) -> None:
    schema = json_schema()
    assert Validator(schema).is_valid(recipe) == valid, case
    assert Draft202012Validator(schema).is_valid(recipe) == valid, case


RESPONSE_SCHEMAS = [
    {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]},
    {"type": ["string", "null"], "minLength": 1},
    {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1, "uniqueItems": True},
    {"anyOf": [{"type": "string"}, {"type": "number"}]},
    {"$defs": {"a": {"type": "string"}}, "$ref": "#/$defs/a"},
    True,
    {"type": "obj"},
    {"type": "object", "required": "summary"},
    {"type": "object", "properties": {"a": "string"}},
    {"type": "string", "minLength": -1},
    {"type": "string", "maxLength": 1.5},
    {"anyOf": []},
    {"type": "number", "multipleOf": 0},
    {"type": "number", "minimum": "0"},
    {"items": [{"type": "string"}, 3]},
    {"uniqueItems": "yes"},
    {"enum": "a"},
    {"required": ["a", "a"]},
    {"not": 5},
    "object",
]


@pytest.mark.parametrize("schema", RESPONSE_SCHEMAS, ids=[str(s)[:40] for s in RESPONSE_SCHEMAS])
def test_response_schema_check_agrees_with_the_meta_schema(schema) -> None:
    try:
        Draft202012Validator.check_schema(schema)
        meta_valid = True
    except SchemaError:
        meta_valid = False
    assert (list(schema_problems(schema, ())) == []) == meta_valid


def _claimed(tmp_path, files: dict[str, str]) -> set[str]:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    ctx = CheckContext(root=tmp_path, index=FileIndex(tmp_path))
    return {rel for rel in files if goose_recipe.parse(SourceFile(tmp_path / rel, rel), ctx) is not None}


def test_detection_is_precise(tmp_path) -> None:
    files = {
        ".goose/recipes/review.yaml": "title: Review\ndescription: d\nprompt: Review\n",
        "recipes/review.json": '{"title": "Review", "description": "d", "instructions": "Review"}',
        "tools/ci.yaml": "title: CI\ndescription: d\nprompt: go\nextensions:\n  - type: builtin\n    name: developer\n",
        "saved.yaml": "name: Review\nrecipe:\n  title: Review\n  description: d\n  prompt: go\n  parameters: []\n"
                      "  activities: [Go]\nisGlobal: true\n",
        "recipes/pancakes.yaml": "title: Pancakes\ndescription: Fluffy\ningredients: [flour, milk]\ninstructions: Mix and fry.\n",
        "prompts/summary.yaml": "title: Summary\ndescription: d\nprompt: Summarise\nmodel: gpt-4o\n",
        ".github/workflows/ci.yml": "name: CI\non: push\njobs: {}\n",
        "recipes/steps.yaml": "title: Bread\ndescription: d\ninstructions: [knead, bake]\n",
        "mongoose/seed.yaml": "title: Seed\ndescription: d\ninstructions: Load the fixtures.\n",
    }
    assert _claimed(tmp_path, files) == {".goose/recipes/review.yaml", "recipes/review.json", "tools/ci.yaml", "saved.yaml"}


def test_whole_corpus_lints_at_real_paths_without_internal_errors(tmp_path) -> None:
    written, results = lint_each_repository("goose-recipe", tmp_path)
    assert all(result.errors == [] for result in results)
    # files in a repository's test-fixture folders are its own test inputs and are not discovered
    # (docs/configuration.md, "Paths and roots"); every other corpus file is checked
    shipped = [row for _, row in written if not in_test_fixtures(row["path"])]
    assert sum(result.files_checked for result in results) == len(shipped)
    findings = [f for result in results for f in result.findings]
    assert not [f for f in findings if f.rule.code == "GEN001"], "a template tag was taken for a YAML error"
    assert all(f.line >= 1 and f.column >= 1 for f in findings)


def test_sniff_skips_yaml_that_cannot_be_a_recipe(tmp_path, monkeypatch) -> None:
    """Issue forms and workflows have titles and descriptions too: outside a recipe or goose place, and
    without a goose-only field, they are never parsed (a monorepo has hundreds of them)."""
    from validator.lint.runner import LintOptions, run_lint
    from validator.standards.goose_recipe import reader

    forms = tmp_path / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    (forms / "bug.yml").write_text("name: Bug\ndescription: File a bug\ntitle: '[Bug]: '\nbody:\n  - type: textarea\n")
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "triage.yaml").write_text(
        "title: Triage\ndescription: Sort issues\ninstructions: Label each issue\n"
        "extensions:\n  - type: builtin\n    name: developer\n")
    parsed = []
    real = reader.load_structured
    monkeypatch.setattr(reader, "load_structured", lambda view, fmt: parsed.append(view.relpath) or real(view, fmt))
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, jobs=1))
    assert parsed == ["agents/triage.yaml"]
    assert "agents/triage.yaml" in result.files and ".github/ISSUE_TEMPLATE/bug.yml" not in result.files
