"""Damaged input gets a finding with a position, never a traceback; `check` stays light.

Truncated, binary, BOM-prefixed, invalid UTF-8, 20,000-deep, duplicate-key and 10 MB
server.json files, plus hypothesis-generated damage of a real manifest.
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

SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
GOOD = json.dumps({"$schema": SCHEMA, "name": "io.github.acme/weather", "description": "Weather", "version": "1.0.0",
                   "packages": [{"registryType": "npm", "identifier": "@acme/w", "version": "1.0.0",
                                 "transport": {"type": "stdio"}}]}, indent=2).encode()


def lint_bytes(root: Path, data: bytes):
    (root / "server.json").write_bytes(data)
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))


DAMAGE = {
    "truncated": (GOOD[:57], "GEN001"),
    "binary": (b"\x00\x01\x02modelcontextprotocol\xff\xfe" * 10, "GEN002"),
    "bom": (b"\xef\xbb\xbf" + GOOD, "GEN003"),
    "invalid-utf8": (GOOD.replace(b"Weather", b"Caf\xe9"), "GEN002"),
    "deep": (b'{"$schema": "' + SCHEMA.encode() + b'", "x": ' + b"[" * 20000 + b"]" * 20000 + b"}", "GEN006"),
    "duplicate-keys": (GOOD.replace(b'"version": "1.0.0",', b'"version": "1.0.0", "version": "2.0.0",', 1), "GEN004"),
    "ten-megabytes": (GOOD[:-2] + b', "_meta": {"x": "' + b"a" * 10_000_000 + b'"}}', "GEN005"),
    "empty": (b"", None),
    "utf16": ("\ufeff".encode("utf-16-le") + GOOD.decode().encode("utf-16-le"), "GEN002"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_server_json_gets_a_positioned_finding(kind: str, tmp_path: Path) -> None:
    data, code = DAMAGE[kind]
    result = lint_bytes(tmp_path, data)
    assert result.errors == []
    if code is None:
        assert result.findings == []  # an empty file is not recognisably an MCP manifest
        return
    assert code in {f.rule.code for f in result.findings}
    for finding in result.findings:
        assert finding.path == "server.json" and finding.line >= 1 and finding.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(GOOD)), st.integers(min_value=0, max_value=len(GOOD)), st.binary(max_size=12))
def test_random_damage_never_raises(tmp_path_factory, start: int, length: int, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("damage")
    damaged = GOOD[:start] + junk + GOOD[start + length:]
    result = lint_bytes(root, damaged)
    assert result.errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1


def test_check_imports_neither_mcp_nor_pydantic(tmp_path: Path) -> None:
    """The check path stays light: no mcp, no pydantic, no jsonschema (our own validator runs the exported schemas)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "server.json").write_bytes(GOOD)
    probe = (
        "import sys, io, contextlib\n"
        "from validator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['check', {str(tmp_path)!r}])\n"
        "heavy = sorted(m for m in ('mcp', 'pydantic', 'jsonschema', 'markdown_it', 'httpx2', 'anyio') if m in sys.modules)\n"
        "print(code, ','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    code, heavy = done.stdout.strip().split(" ") if " " in done.stdout.strip() else (done.stdout.strip(), "")
    assert code == "0"
    assert heavy == "", f"check imported {heavy}"


def test_check_parses_instruction_files_with_the_rust_parser(tmp_path: Path) -> None:
    """An AGENTS.md costs markdown-it-pyrs (~2 ms to import), not markdown-it-py (~30 ms),
    where its wheel is installed; markdown-it-py is imported only as the fallback."""
    pytest.importorskip("markdown_it_pyrs")
    (tmp_path / ".git").mkdir()
    (tmp_path / "AGENTS.md").write_text("# Repo\n\nRun `make test` before a commit.\n")
    probe = (
        "import sys, io, contextlib\n"
        "from validator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(tmp_path)!r}, '--no-config'])\n"
        "print(','.join(sorted(m for m in ('markdown_it', 'markdown_it_pyrs', 'mcp', 'pydantic', 'jsonschema') "
        "if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "markdown_it_pyrs"


def test_an_unclosed_ipv6_bracket_in_the_schema_url_is_a_finding(tmp_path: Path) -> None:
    """hypothesis found it in the final run of the stop: `"$schema": "https://[static..."` made urlsplit raise
    inside the third-party-schema test (versions.foreign_schema), an internal error instead of a finding."""
    result = lint_bytes(tmp_path, GOOD[:24] + b"[" + GOOD[24:])
    assert result.errors == []
    assert {f.rule.code for f in result.findings} & {"SRV002", "SRV003", "SRV004"}
