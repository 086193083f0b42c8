"""The MCPB manifest standard: detection, damaged input, lightness, the legacy path, bundle files.

Rule behaviour is proven by the fixtures (tests/test_fixtures.py) and the schemas by the
oracle tests; this file covers what fixtures cannot: files that must be left alone,
broken bytes, symlinks out of the repository, the import budget, and the real corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.lint.runner import LintOptions, run_lint
from validator.standards.mcpb.bundle import png_dimensions
from validator.standards.mcpb.urls import can_parse, is_email

from .conftest import shared_path

GOOD = {
    "manifest_version": "0.3", "name": "weather", "version": "1.0.0", "description": "Weather forecasts",
    "author": {"name": "Acme"},
    "server": {"type": "node", "entry_point": "server/index.js",
               "mcp_config": {"command": "node", "args": ["${__dirname}/server/index.js"]}},
}
GOOD_BYTES = json.dumps(GOOD, indent=2).encode()


def lint(root: Path, *select: str):
    return run_lint(LintOptions(root=root, cwd=root, no_config=True, select=select or ("ALL",)))


def codes(result) -> list[str]:
    return sorted(f.rule.code for f in result.findings)


def write(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


# -- detection -------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    {"name": "Weather", "short_name": "W", "start_url": "/", "display": "standalone", "icons": [{"src": "i.png"}]},
    {"manifest_version": 3, "name": "Weather tab", "version": "1.0", "action": {"default_popup": "p.html"}},
    {"manifest_version": 2, "name": "x", "version": "1", "background": {"scripts": ["b.js"]}},
    {"manifest_version": "0.3", "name": "x", "server": "not an object"},
    {"version": 1, "files": {"main.js": "abc"}},
    ["not", "an", "object"],
])
def test_other_manifest_json_files_are_left_alone(tmp_path: Path, content) -> None:
    write(tmp_path, {"manifest.json": json.dumps(content)})
    result = lint(tmp_path)
    assert result.files_checked == 0 and result.findings == []


def test_unreadable_manifest_is_reported_only_when_it_looks_like_a_bundle(tmp_path: Path) -> None:
    write(tmp_path, {"a/manifest.json": GOOD_BYTES[:80], "b/manifest.json": b'{"name": "pwa", "start_url": "/",'})
    result = lint(tmp_path)
    assert [(f.path, f.rule.code) for f in result.findings] == [("a/manifest.json", "GEN001")]


def test_manifest_that_forgot_its_version_is_detected(tmp_path: Path) -> None:
    value = {k: v for k, v in GOOD.items() if k != "manifest_version"}
    write(tmp_path, {"manifest.json": json.dumps(value, indent=2), "server/index.js": "//"})
    assert codes(lint(tmp_path)) == ["MCPB001"]


def test_document_meta_for_the_cross_file_stage(tmp_path: Path) -> None:
    from validator.engine.files import FileIndex, SourceFile
    from validator.standards import mcpb
    from validator.standards.base import CheckContext

    write(tmp_path, {"manifest.json": GOOD_BYTES})
    ctx = CheckContext(root=tmp_path, index=FileIndex(tmp_path))
    doc = mcpb.parse(SourceFile(tmp_path / "manifest.json", "manifest.json"), ctx)
    assert doc.meta == {"manifest_version": "0.3", "declared_by": "manifest_version", "name": "weather", "version": "1.0.0"}


# -- damaged input ---------------------------------------------------------------------------

DAMAGE = {
    "truncated": (GOOD_BYTES[:60], "GEN001"),
    "bom": (b"\xef\xbb\xbf" + GOOD_BYTES, "GEN003"),
    "comment": (b"// bundle\n" + GOOD_BYTES, "GEN001"),
    "invalid-utf8": (GOOD_BYTES.replace(b"Weather", b"Caf\xe9"), "GEN002"),
    "deep": (GOOD_BYTES[:-2] + b', "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", "GEN006"),
    "duplicate-key": (GOOD_BYTES.replace(b'"name": "weather",', b'"name": "weather", "name": "w2",', 1), "GEN004"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_manifest_gets_a_positioned_finding(tmp_path: Path, kind: str) -> None:
    data, code = DAMAGE[kind]
    write(tmp_path, {"manifest.json": data, "server/index.js": "//"})
    result = lint(tmp_path)
    assert result.errors == []
    assert code in codes(result)
    assert all(f.line >= 1 and f.column >= 1 for f in result.findings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(GOOD_BYTES)), st.integers(min_value=0, max_value=40), st.binary(max_size=12))
def test_random_damage_never_raises(tmp_path_factory, start: int, length: int, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("mcpb")
    write(root, {"manifest.json": GOOD_BYTES[:start] + junk + GOOD_BYTES[start + length:]})
    result = lint(root)
    assert result.errors == []
    assert all(f.line >= 1 and f.column >= 1 for f in result.findings)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=20))
def test_any_json_value_in_any_field_never_raises(tmp_path_factory, junk) -> None:
    """Every field replaced by arbitrary JSON: findings, never a traceback."""
    root = tmp_path_factory.mktemp("mcpbjunk")
    for key in ("server", "user_config", "icon", "icons", "tools", "prompts", "compatibility", "version"):
        value = {**GOOD, key: junk}
        if key == "server" and not isinstance(junk, dict):
            continue
        write(root, {f"{key}/manifest.json": json.dumps(value)})
    result = lint(root)
    assert result.errors == []


def test_needle_in_an_escaped_string_falls_back_to_the_value(tmp_path: Path) -> None:
    text = GOOD_BYTES.decode().replace('"${__dirname}/server/index.js"', '"\\u0024{home}/server/index.js"')
    write(tmp_path, {"manifest.json": text, "server/index.js": "//"})
    findings = [f for f in lint(tmp_path).findings if f.rule.code == "MCPB020"]
    assert len(findings) == 1
    line = text.splitlines()[findings[0].line - 1]
    assert line[findings[0].column - 1:].startswith('"\\u0024{home}')


# -- the repository boundary -------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlinks_out_of_the_repository_are_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not a png")
    repo = tmp_path / "repo"
    write(repo, {"manifest.json": json.dumps({**GOOD, "icon": "icon.png"}), "server/index.js": "//"})
    os.symlink(outside / "secret.txt", repo / "icon.png")
    assert [c for c in codes(lint(repo)) if c.startswith("MCPB01")] == []


def test_paths_never_leave_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(tmp_path, {"icon.png": b"\x89PNG\r\n\x1a\n"})
    write(repo, {"mcpb/manifest.json": json.dumps({**GOOD, "icon": "../../icon.png",
                                                   "server": {**GOOD["server"], "entry_point": "../../../etc/passwd"}})})
    result = lint(repo)
    assert codes(result) == ["MCPB018", "MCPB018"]


def test_check_imports_neither_pydantic_nor_jsonschema(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"manifest.json": GOOD_BYTES, "server/index.js": "//"})
    probe = (
        "import sys, io, contextlib\n"
        "from validator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['check', {str(tmp_path)!r}])\n"
        "heavy = sorted(m for m in ('mcp', 'pydantic', 'jsonschema', 'markdown_it') if m in sys.modules)\n"
        "print(code, ','.join(heavy) or '-')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "-"]


# -- the legacy DXT schema -------------------------------------------------------------------------

def test_unknown_dxt_version_is_checked_against_the_legacy_schema(tmp_path: Path) -> None:
    legacy = {k: v for k, v in GOOD.items() if k != "manifest_version"}
    legacy.update({"dxt_version": "0.2.6", "compatibility": {"my_client": ">1.0.0"}, "homepage": "not a url"})
    write(tmp_path, {"manifest.json": json.dumps(legacy, indent=2), "server/index.js": "//"})
    result = lint(tmp_path)
    # mcpb refuses the version; the legacy schema (open compatibility) still finds the bad URL
    assert codes(result) == ["MCPB001", "MCPB002", "MCPB003"]
    assert "legacy DXT 0.2.6" in next(f.message for f in result.findings if f.rule.code == "MCPB001")


# -- helpers ---------------------------------------------------------------------------------------

def test_png_dimensions() -> None:
    header = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert png_dimensions(header + b"\x08\x06\x00\x00\x00") == (640, 480)
    assert png_dimensions(header[:20]) is None
    assert png_dimensions(header.replace(b"IHDR", b"IDAT")) is None


@pytest.mark.parametrize(("value", "ok"), [
    ("https://acme.example", True), ("acme.example", False), ("http://", False), ("mailto:a@b.c", True),
    ("https://acme.example:70000", False), ("https://[::1]:8080/x", True), ("https://1.2.3.999", False), (5, True),
])
def test_can_parse(value, ok) -> None:
    assert can_parse(value) is ok


def test_is_email() -> None:
    assert is_email("dev@acme.example") and not is_email("dev at acme") and not is_email("a..b@acme.example")


# -- the corpus ------------------------------------------------------------------------------------

def test_whole_corpus_lints_without_internal_errors(tmp_path: Path) -> None:
    source = shared_path("corpus", "mcpb-manifest")
    files = sorted(source.glob("*.json"))
    for path in files:
        write(tmp_path, {f"{path.stem}/manifest.json": path.read_bytes()})
    result = lint(tmp_path)
    assert result.errors == []
    assert result.files_checked == len(files) >= 40
    assert all(f.line >= 1 and f.column >= 1 and (f.end_line, f.end_column) >= (f.line, f.column) for f in result.findings)


def test_fix_renames_dxt_version_and_keeps_the_layout(tmp_path: Path) -> None:
    text = json.dumps({"dxt_version": "0.1", **{k: v for k, v in GOOD.items() if k != "manifest_version"}}, indent=2)
    (tmp_path / "manifest.json").write_text(text)
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "index.js").write_text("console.log('weather')\n")
    finding = next(f for f in lint(tmp_path, "MCPB002").findings if f.rule.code == "MCPB002")
    assert finding.fix is not None and finding.fix.safety == "safe"
    from validator.engine.fixes import write_fixes

    assert write_fixes(run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("MCPB002",),
                                            fix=True))) == 1
    fixed = (tmp_path / "manifest.json").read_text()
    assert fixed == text.replace('"dxt_version"', '"manifest_version"', 1)
    assert codes(lint(tmp_path, "MCPB002")) == []
    # both keys present: removing one is not offered as a mechanical fix
    (tmp_path / "manifest.json").write_text(json.dumps({"dxt_version": "0.1", **GOOD}, indent=2))
    assert all(f.fix is None for f in lint(tmp_path, "MCPB002").findings)
