"""The command line: exit codes, options, formats, config errors, baselines, fixes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from validator import __version__
from validator.cli import main

SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
GOOD = {"$schema": SCHEMA, "name": "io.github.acme/weather", "description": "Weather", "version": "1.0.0",
        "packages": [{"registryType": "npm", "identifier": "@acme/w", "version": "1.0.0", "transport": {"type": "stdio"}}]}


def write(root: Path, rel: str, value) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value, indent=2) + "\n")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_repository_exits_zero(repo: Path, capsys) -> None:
    write(repo, "server.json", GOOD)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "No problems found in 1 file checked" in out


def test_error_exits_one_and_points_at_the_value(repo: Path, capsys) -> None:
    write(repo, "sub/server.json", {**GOOD, "version": "^1.0.0"})
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 1
    report = json.loads(out)
    finding = next(f for f in report["findings"] if f["rule"] == "SRV012")
    assert finding["path"] == "sub/server.json"
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (5, 14, 5, 22)
    assert set(report) >= {"tool", "files_checked", "findings", "summary"}
    assert report["tool"] == {"name": "agentconform", "version": __version__}
    assert set(finding) >= {"rule", "alias", "standard", "severity", "path", "line", "column", "end_line",
                            "end_column", "message", "spec"}


def test_run_from_a_subdirectory_reports_paths_from_the_root(repo: Path, capsys, monkeypatch) -> None:
    write(repo, "pkg/server.json", {**GOOD, "version": "latest"})
    monkeypatch.chdir(repo / "pkg")
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 1
    assert {f["path"] for f in json.loads(out)["findings"]} == {"pkg/server.json"}


def test_explicit_files_are_exactly_what_is_checked(repo: Path, capsys) -> None:
    write(repo, "a/server.json", {**GOOD, "version": "latest"})
    b = write(repo, "b/server.json", GOOD)
    write(repo, "notes.txt", "hello")
    code, out, _ = run(capsys, "check", str(b), "notes.txt", "--format", "json")
    assert code == 0
    assert json.loads(out)["files_checked"] == 1


def test_explicit_files_in_several_folders_outside_a_repository_keep_their_folders(tmp_path: Path, capsys,
                                                                                    monkeypatch) -> None:
    bad = {**GOOD, "version": "latest"}
    a, b = write(tmp_path, "work/a/server.json", bad), write(tmp_path, "work/b/server.json", bad)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, _ = run(capsys, "check", "../work/a/server.json", "../work/b/server.json", "--format", "json",
                       "--no-config")
    assert code == 1
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {a.resolve().as_posix(), b.resolve().as_posix()} or \
        paths == {Path(str(a)).absolute().as_posix(), Path(str(b)).absolute().as_posix()}
    # one folder: paths stay relative to it, as before
    monkeypatch.chdir(tmp_path / "work" / "a")
    code, out, _ = run(capsys, "check", "server.json", "--format", "json", "--no-config")
    assert {f["path"] for f in json.loads(out)["findings"]} == {"server.json"}


def test_warnings_and_fail_on(repo: Path, capsys) -> None:
    # a file whose only finding is a warning (SRV041; SRV003, used here before, is an error since publishing fails)
    remote = {"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}
    write(repo, "server.json", {**GOOD, "remotes": [remote, dict(remote)]})
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "check", "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "--fail-on", "warning", "--exit-zero")[0] == 0


def test_select_ignore_and_extend_select(repo: Path, capsys) -> None:
    write(repo, "server.json", {**GOOD, "version": "latest", "packages": [{**GOOD["packages"][0], "version": "1.2.0"}]})
    def codes(*a):
        return {f["rule"] for f in json.loads(run(capsys, "check", "--format", "json", *a)[1])["findings"]}

    assert codes() == {"SRV011"}
    assert codes("--ignore", "SRV011") == set()
    assert codes("--ignore", "reserved-version-string") == set()
    assert codes("--extend-select", "SRV049") == {"SRV011", "SRV049"}
    assert codes("--select", "server-json", "--ignore", "SRV011") == {"SRV049"}  # a selected standard brings its opt-in rules


def test_package_version_mismatch_is_opt_in(repo: Path, capsys) -> None:
    write(repo, "server.json", {**GOOD, "version": "1.3.0"})
    def codes(*a):
        return {f["rule"] for f in json.loads(run(capsys, "check", "--format", "json", *a)[1])["findings"]}

    assert codes() == set()
    assert codes("--extend-select", "SRV049") == {"SRV049"}


def test_unknown_selector_is_a_usage_error(repo: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "--select", "NOPE")
    assert code == 2
    assert err.count("\n") == 1 and "NOPE" in err and "Traceback" not in err


def test_unknown_config_key_names_the_key(repo: Path, capsys) -> None:
    write(repo, "pyproject.toml", "[tool.agentconform]\nselct = ['SRV']\n")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "selct" in err and err.count("\n") == 1


def test_config_severity_per_file_ignores_and_exclude(repo: Path, capsys) -> None:
    write(repo, "a/server.json", {**GOOD, "version": "latest"})
    write(repo, "b/server.json", {**GOOD, "version": "latest"})
    write(repo, "vendor/server.json", {**GOOD, "version": "latest"})
    write(repo, "agentconform.toml", 'exclude = ["vendor/**"]\n[severity]\nSRV011 = "warning"\n'
                                    '[per-file-ignores]\n"b/*.json" = ["reserved-version-string"]\n')
    code, out, _ = run(capsys, "check", "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert [(f["path"], f["severity"]) for f in report["findings"]] == [("a/server.json", "warning")]
    assert report["files_checked"] == 2


def test_no_config_and_config_file(repo: Path, capsys, tmp_path_factory) -> None:
    write(repo, "server.json", {**GOOD, "version": "latest"})
    write(repo, "agentconform.toml", 'ignore = ["SRV011"]\n')
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "check", "--no-config")[0] == 1
    other = tmp_path_factory.mktemp("cfg") / "strict.toml"
    other.write_text("select = ['ALL']\n")
    assert run(capsys, "check", "--config", str(other))[0] == 1
    assert run(capsys, "check", "--config", "missing.toml")[0] == 2


def test_baseline_round_trip_and_stale_entries(repo: Path, capsys) -> None:
    path = write(repo, "server.json", {**GOOD, "version": "latest"})
    assert run(capsys, "check", "--write-baseline", "baseline.json")[0] == 0
    assert json.loads((repo / "baseline.json").read_text())["findings"] == {"server.json": {"SRV011": 1}}
    assert run(capsys, "check", "--baseline", "baseline.json")[0] == 0
    write(repo, "server.json", GOOD)
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "--format", "json")
    stale = json.loads(out)["findings"]
    assert [f["rule"] for f in stale] == ["GEN010"] and stale[0]["path"] == "baseline.json"
    assert code == 0  # a warning; --fail-on warning makes it fail
    assert run(capsys, "check", "--baseline", "baseline.json", "--fail-on", "warning")[0] == 1
    del path


def test_broken_baseline_is_a_usage_error(repo: Path, capsys) -> None:
    write(repo, "server.json", GOOD)
    write(repo, "baseline.json", "{not json")
    code, _, err = run(capsys, "check", "--baseline", "baseline.json")
    assert code == 2 and "baseline" in err


def test_fix_removes_a_bom_and_diff_only_shows_it(repo: Path, capsys) -> None:
    path = repo / "server.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    code, out, _ = run(capsys, "check", "--diff")
    assert code == 1 and path.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, _ = run(capsys, "check", "--fix")
    assert code == 0
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(path.read_text()) == GOOD


def test_github_format_is_automatic_in_actions(repo: Path, capsys, monkeypatch) -> None:
    write(repo, "server.json", {**GOOD, "version": "latest"})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert out.startswith("::group::server.json\n::error file=server.json,line=5,col=14,endLine=5,endColumn=22,title=SRV011 reserved-version-string::")


def test_output_file(repo: Path, capsys) -> None:
    write(repo, "server.json", {**GOOD, "version": "latest"})
    code, out, _ = run(capsys, "check", "--format", "sarif", "--output", "out.sarif")
    assert code == 1 and out == ""
    assert json.loads((repo / "out.sarif").read_text())["version"] == "2.1.0"


def test_missing_path_is_a_usage_error(repo: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "does/not/exist")
    assert code == 2 and "no such file" in err


def test_rules_and_explain(capsys) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    rules = json.loads(out)
    assert {r["code"] for r in rules} >= {"SRV001", "GEN001"}
    assert all({"code", "alias", "severity", "level", "spec"} <= set(r) for r in rules)
    code, out, _ = run(capsys, "explain", "version-looks-like-range")
    assert code == 0 and out.startswith("# SRV012 `version-looks-like-range`")
    assert run(capsys, "explain", "ZZZ999")[0] == 2


def test_console_script_version_and_usage_errors() -> None:
    done = subprocess.run([sys.executable, "-m", "validator", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"agentconform {__version__}"
    done = subprocess.run([sys.executable, "-m", "validator", "check", "--format", "xml"], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "validator"], capture_output=True, text=True)
    assert done.returncode == 2


def test_show_files_and_the_file_list_in_reports(tmp_path: Path) -> None:
    """Which files were checked is visible: --show-files, JSON `files`, SARIF `artifacts`; and
    a cross-file finding on a file no standard owns does not make the count say '2 of 1'."""
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / "server.json").write_text(json.dumps({
        "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        "name": "io.github.acme/weather", "description": "Weather", "version": "1.0.0",
        "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.0.0", "transport": {"type": "stdio"}}]}))
    (tmp_path / "package.json").write_text(json.dumps({"name": "@acme/weather", "version": "2.0.0"}))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "validator", "check", *args], cwd=tmp_path, capture_output=True, text=True)

    text = run("--show-files").stdout
    assert text.startswith("server.json  server-json  (1 finding)\n")
    assert "in 1 of 1 file checked and 1 file read for context" in text
    done = run("--show-files", "--format", "json")
    report = json.loads(done.stdout)
    assert report["files"] == [{"path": "server.json", "standards": ["server-json"]}]
    assert [f["path"] for f in report["findings"]] == ["package.json", "server.json"] and "server.json" in done.stderr
    sarif = json.loads(run("--format", "sarif").stdout)
    assert [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]] == ["server.json"]
