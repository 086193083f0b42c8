"""A2A cards, SKILL.md, goose recipes and Server Cards: damaged input never raises, and `check` stays light.

Each file type gets the damage of tests/test_robustness.py (truncation, binary, BOM,
invalid UTF-8, UTF-16, deep nesting, empty) at its real path, plus random damage; the
run must finish with positioned findings and no internal error. A repository holding
all four is checked without importing pydantic, jsonschema or mcp.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.lint.runner import LintOptions, run_lint

CARD = json.dumps({
    "protocolVersion": "0.3.0", "name": "Recipe Agent", "description": "Finds recipes", "url": "https://a.example/a2a",
    "preferredTransport": "JSONRPC", "version": "1.0.0", "capabilities": {}, "defaultInputModes": ["text/plain"],
    "defaultOutputModes": ["text/plain"], "skills": [{"id": "f", "name": "Find", "description": "d", "tags": ["t"]}],
}, indent=2).encode()
SKILL = b"---\nname: pdf-processing\ndescription: Extract text from PDFs. Use for PDF files.\n---\n\n# PDF\n\nRun `python scripts/x.py`.\n"
RECIPE = (b'version: "1.0.0"\ntitle: Review\ndescription: Review a change\nprompt: Review {{ branch }}\n'
          b"parameters:\n  - key: branch\n    input_type: string\n    requirement: optional\n    default: main\n"
          b"    description: Branch\nextensions:\n  - type: stdio\n    name: gh\n    cmd: npx\n    args: [-y, gh-mcp]\n")
SERVER_CARD = json.dumps({
    "$schema": "https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json", "name": "com.example/w",
    "version": "1.0.0", "description": "Weather", "remotes": [{"type": "streamable-http", "url": "https://x.example/mcp"}],
}, indent=2).encode()
FILES = {
    ".well-known/agent-card.json": CARD,
    ".claude/skills/pdf-processing/SKILL.md": SKILL,
    ".goose/recipes/review.yaml": RECIPE,
    "server-card.json": SERVER_CARD,
}


def damage(good: bytes) -> dict[str, bytes]:
    return {
        "truncated": good[: len(good) // 2],
        "binary": b"\x00\x01\x02title description prompt skills\xff\xfe" * 10,
        "bom": b"\xef\xbb\xbf" + good,
        "invalid-utf8": good.replace(b"e", b"\xe9", 1),
        "utf16": "\ufeff".encode("utf-16-le") + good.decode().encode("utf-16-le"),
        "deep": good[:-2] + b', "x": ' + b"[" * 5000 + b"]" * 5000 + b"}" if good.startswith(b"{") else good + b"x: " + b"[" * 5000 + b"]" * 5000,
        "empty": b"",
    }


CASES = [(path, kind) for path in FILES for kind in damage(FILES[path])]


def lint(root: Path):
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))


@pytest.mark.parametrize(("path", "kind"), CASES, ids=[f"{p}-{k}" for p, k in CASES])
def test_damaged_files_get_positioned_findings(tmp_path: Path, path: str, kind: str) -> None:
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(damage(FILES[path])[kind])
    result = lint(tmp_path)
    assert result.errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1


@pytest.mark.parametrize("path", list(FILES))
def test_the_undamaged_files_are_clean_of_errors(tmp_path: Path, path: str) -> None:
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(FILES[path])
    result = lint(tmp_path)
    assert result.errors == []
    assert result.files_checked == 1
    assert [f for f in result.findings if f.severity == "error"] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(list(FILES)), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=40),
       st.binary(max_size=12))
def test_random_damage_never_raises(tmp_path_factory, path: str, start: int, length: int, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("damage")
    good = FILES[path]
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(good[:start] + junk + good[start + length:])
    result = lint(root)
    assert result.errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1


def test_check_of_all_four_formats_stays_light(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for path, data in FILES.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    probe = (
        "import sys, io, contextlib\n"
        "from validator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['check', {str(tmp_path)!r}, '--format', 'json'])\n"
        "heavy = sorted(m for m in ('mcp', 'pydantic', 'jsonschema', 'markdown_it') if m in sys.modules)\n"
        "import json\n"
        "print(len({f['path'] for f in json.loads(out.getvalue())['findings']}), ','.join(heavy) or '-')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    files_with_findings, heavy = done.stdout.split()
    assert heavy == "-", f"check imported {heavy}"
    assert int(files_with_findings) >= 2  # the skill's missing script, the recipe's unpinned npx package


def test_secret_prefilter_drops_no_hit(monkeypatch) -> None:
    """The per-format literal prefilter of validator.secrets keeps every text its formats match."""
    from validator import secrets

    samples = [
        "ghp_R8mZq2LkT7vW4nB9xC1yD6fH3jK5sP0aE2gU", "github_pat_" + "A1b2" * 14, "sk-ant-api03-" + "x9Y8" * 21,
        "sk-proj-" + "Ab3d" * 11, "sk-" + "Q1w2E3r4T5" * 2 + "T3BlbkFJ" + "Z9x8C7v6B5" * 2, "AKIAZ7Q3K9L2M4N6P8R1",
        "xoxb-2716-3849-aZ9q", "https://hooks.slack.com/services/T0AB12/B0CD34/" + "aB3dE5gH7jK9mN1pQ3sT",
        "AIza" + "Sy9Zk3Lq8Wm2Xn7Vb4Rt6Yc1Ud5Ef0Gh3Ij", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "glpat-" + "xY7zQ2wE9rT4uI1oP3aS",
        "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "hf_" + "aBcD1234eFgH5678iJkL9012mNoP3456qR",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7\n", "Authorization: Bearer " + "Zx9Qw8Er7Ty6Ui5Op4As3Df2",
        "nothing to see here", "a token: <YOUR_TOKEN>",
    ]
    found = [secrets.find_secrets(text) for text in samples]
    # every format on every text: the literal prefilter must change nothing
    monkeypatch.setattr(secrets, "_formats_for",
                        lambda text: ((kind, secrets._pattern(source)) for kind, _, source in secrets._FORMAT_SOURCES))
    assert [secrets.find_secrets(text) for text in samples] == found
    assert sum(bool(hits) for hits in found) >= 15
