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


def test_selection_follows_ruffs_precedence(repo: Path, capsys) -> None:
    """ruff's documented rules: the more specific selector wins, an ignore wins a tie, and the
    command line's select replaces the configuration's (so it brings back what the config ignores)."""
    write(repo, "server.json", {**GOOD, "version": "latest", "packages": [{**GOOD["packages"][0], "version": "^1"}]})
    def codes(*a):
        return {f["rule"] for f in json.loads(run(capsys, "check", "--format", "json", *a)[1])["findings"]}

    assert codes() == {"SRV011", "SRV012"}
    assert codes("--ignore", "ALL", "--select", "SRV012") == {"SRV012"}  # selected nothing before
    assert codes("--select", "SRV", "--ignore", "SRV012") == {"SRV011", "SRV049"}  # a selected prefix brings its opt-in rules
    assert codes("--select", "SRV012", "--ignore", "SRV") == {"SRV012"}  # the narrower select wins
    assert codes("--select", "SRV012", "--ignore", "version-looks-like-range") == set()  # a tie: ignore wins
    write(repo, "agentconform.toml", 'ignore = ["SRV012"]\n')
    assert codes() == {"SRV011"}
    assert codes("--select", "SRV012") == {"SRV012"}  # a config ignore used to beat a command-line select
    assert codes("--extend-select", "SRV012") == {"SRV011", "SRV012"}  # the command line's layer edits the config's
    (repo / "agentconform.toml").unlink()


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


def test_colour_from_the_environment(repo: Path, monkeypatch) -> None:
    import io

    from validator.outputs import color_wanted

    tty, pipe = io.StringIO(), io.StringIO()
    tty.isatty = lambda: True  # type: ignore[method-assign]
    for force, no, stream, want in [("", "", tty, True), ("", "", pipe, False), ("1", "", pipe, True),
                                    ("", "1", tty, False), ("", "", tty, True)]:
        monkeypatch.setenv("FORCE_COLOR", force)
        monkeypatch.setenv("NO_COLOR", no)  # an empty NO_COLOR does not count
        assert color_wanted("auto", stream) is want, (force, no)


def test_diff_shows_a_bom_fix(repo: Path, capsys) -> None:
    (repo / "server.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    code, out, _ = run(capsys, "check", "--diff")
    assert code == 1 and "-<U+FEFF>{" in out and "+{" in out


def test_explain_knows_conformance_checks(capsys) -> None:
    code, out, _ = run(capsys, "explain", "tools-list")
    assert code == 0 and "# tools-list (conformance check" in out and "TOOL-" in out and "modelcontextprotocol.io" in out
    code, _, err = run(capsys, "explain", "no-such-check")
    assert code == 2 and "conformance --list" in err


def test_standard_override_and_stdin(repo: Path) -> None:
    """Files no standard owns by name can be checked as one (--standard), and editors can pipe
    a buffer (- with --stdin-filename); before, both said '0 files checked' and exit 0."""
    import subprocess
    import sys

    body = json.dumps({**GOOD, "version": "latest"})
    (repo / "weather-server.json").write_text(body)

    def run(*args, stdin=None):
        return subprocess.run([sys.executable, "-m", "validator", "check", "--format", "json", *args], cwd=repo,
                              input=stdin, capture_output=True, text=True)

    assert json.loads(run("weather-server.json").stdout)["files_checked"] == 0
    done = run("--standard", "server-json", "weather-server.json")
    assert done.returncode == 1 and [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["SRV011"]
    done = run("-", "--stdin-filename", "server.json", stdin=body)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and [(f["path"], f["rule"]) for f in report["findings"]] == [("server.json", "SRV011")]
    done = run("-", stdin=body)
    assert done.returncode == 2 and "--stdin-filename" in done.stderr
    done = run("--standard", "no-such-standard", "weather-server.json")
    assert done.returncode == 2 and "server-json" in done.stderr


def test_directives_in_jsonc_yaml_and_toml_comments(tmp_path: Path) -> None:
    """Suppression directives work in every format that has comments, with an optional
    `-- reason`; inside a string value they are text; unused ones are GEN011."""
    from validator.lint.runner import LintOptions, run_lint

    (tmp_path / ".git").mkdir()
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "mcp.json").write_text(
        '{\n  // agentconform-disable-next-line CFG017 -- pinned by our lock file\n'
        '  "servers": {"a": {"command": "npx", "args": ["some-mcp-server"]},\n'
        '    "b": {"command": "npx", "args": ["other-mcp-server"]}  /* agentconform-disable-line CFG017 */\n'
        '  },\n  "note": "// agentconform-disable-file CFG999 in a string"\n}\n')
    (tmp_path / ".codex").mkdir()
    (tmp_path / ".codex" / "config.toml").write_text(
        '[mcp_servers.x]\ncommand = "npx"\n# agentconform-disable-next-line unpinned-package -- reviewed\n'
        'args = ["some-mcp-server"]\n# agentconform-disable-next-line CFG017\n')
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("CFG017", "GEN011", "GEN012")))
    assert [(f.path, f.line, f.rule.code) for f in result.findings] == [(".codex/config.toml", 5, "GEN011")]
    assert result.suppressed == 3


def test_prune_baseline_lowers_counts_and_drops_fixed_entries(repo: Path, capsys) -> None:
    write(repo, "server.json", {**GOOD, "version": "latest"})
    (repo / "AGENTS.md").write_text("# Notes\n")
    base = repo / "base.json"
    base.write_text(json.dumps({"tool": "agentconform", "version": 1, "findings": {
        "server.json": {"SRV011": 3, "SRV012": 1}, "gone.json": {"SRV011": 1}}}))
    code, _, _ = run(capsys, "check", "--baseline", str(base), "--prune-baseline")
    kept = json.loads(base.read_text())["findings"]
    assert kept["server.json"] == {"SRV011": 1}  # lowered to what remains, the fixed rule dropped
    assert "gone.json" not in kept  # a deleted file keeps nothing
    assert code == 0
    code, _, err = run(capsys, "check", "--prune-baseline")
    assert code == 2 and "needs a baseline" in err


def test_nearest_configuration_per_file_and_extend(tmp_path: Path) -> None:
    """A monorepo package's own configuration governs its files even when the run starts at
    the root (pre-commit); `extend` builds on the root's; extends stay inside the repository."""
    from validator.engine.config import ConfigError
    from validator.lint.runner import LintOptions, run_lint

    (tmp_path / ".git").mkdir()
    bad = json.dumps({**GOOD, "version": "latest", "packages": [{**GOOD["packages"][0], "version": "^1"}]})
    for folder in ("", "packages/a", "packages/b", "packages/b/deep"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "server.json").write_text(bad)
    (tmp_path / "agentconform.toml").write_text('ignore = ["SRV011"]\n[severity]\nSRV012 = "warning"\n')
    (tmp_path / "packages/a/agentconform.toml").write_text('select = ["SRV011"]\n')
    (tmp_path / "packages/b/pyproject.toml").write_text(
        '[tool.agentconform]\nextend = "../../agentconform.toml"\nextend-select = ["SRV011"]\n'
        '[tool.agentconform.per-file-ignores]\n"deep/server.json" = ["SRV012"]\n')

    def seen(**options):
        result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, **options))
        return sorted((f.path, f.rule.code, f.severity) for f in result.findings if f.rule.code in ("SRV011", "SRV012"))

    assert seen() == [
        ("packages/a/server.json", "SRV011", "error"),                                     # a's own selection
        ("packages/b/deep/server.json", "SRV011", "error"),                                # b re-selects it; deep ignores SRV012
        ("packages/b/server.json", "SRV011", "error"), ("packages/b/server.json", "SRV012", "warning"),  # severity extended
        ("server.json", "SRV012", "warning"),                                              # the root's
    ]
    assert seen(no_config=True) == sorted((p, c, "error") for p in ("packages/a/server.json", "packages/b/deep/server.json",
                                                                   "packages/b/server.json", "server.json") for c in ("SRV011", "SRV012"))
    (tmp_path / "packages/a/agentconform.toml").write_text('extend = "../../../elsewhere.toml"\n')
    with pytest.raises(ConfigError, match="out of the repository"):
        run_lint(LintOptions(root=tmp_path, cwd=tmp_path))
