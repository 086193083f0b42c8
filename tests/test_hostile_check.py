"""`check` on a hostile repository: nothing leaks, nothing hangs, nothing exhausts the machine.

Each case builds a repository in a temporary folder and runs the real CLI in a child
process with a wall-clock bound (10 s) and a memory bound (500 MB of peak RSS); no
content from outside the repository may appear in any output format, and the run
ends with exit 0, 1 or 2 and at most one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "HOSTILE-SECRET-7f3a9c"
FORMATS = ("text", "json", "sarif", "junit", "github")
WALL_SECONDS = 10
PEAK_RSS_MB = 500


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in REPO, bounded; (exit code, stdout, stderr). Fails the test past the bounds."""
    process = subprocess.Popen([sys.executable, "-m", "validator", "check", *args], cwd=repo,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    try:
        out, err = process.communicate(timeout=WALL_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"check ran past {WALL_SECONDS} s")
    assert process.returncode in (0, 1, 2), (process.returncode, err)
    text_err = err.decode("utf-8", "replace")
    assert "Traceback" not in text_err, text_err
    return process.returncode, out.decode("utf-8", "replace"), text_err


def peak_rss_mb(repo: Path, *args: str) -> float:
    """Peak resident memory of one bounded run, in MB (from the child's own rusage)."""
    process = subprocess.Popen([sys.executable, "-m", "validator", "check", *args], cwd=repo,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import signal
    import threading

    timer = threading.Timer(WALL_SECONDS, lambda: os.kill(process.pid, signal.SIGKILL))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    assert os.WIFEXITED(status), f"killed after {WALL_SECONDS} s"
    return usage.ru_maxrss / 1024


def every_format(repo: Path, *args: str) -> dict[str, str]:
    outputs = {}
    for fmt in FORMATS:
        code, out, err = run(repo, "--format", fmt, *args)
        outputs[fmt] = out + err
    return outputs


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.json").write_text(json.dumps({"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
                                                    "name": SECRET, "version": SECRET, "packages": [{"registryType": SECRET}]}))
    (folder / "SKILL.md").write_text(f"---\nname: {SECRET}\ndescription: {SECRET}\n---\n{SECRET}\n")
    return folder


@pytest.mark.parametrize("name", ["server.json", ".claude/skills/x/SKILL.md", ".well-known/mcp/server-card.json",
                                  ".mcp.json", "manifest.json"])
def test_symlinks_out_of_the_repository_are_not_read(repo: Path, outside: Path, name: str) -> None:
    link = repo / name
    link.parent.mkdir(parents=True, exist_ok=True)
    target = outside / ("SKILL.md" if name.endswith(".md") else "secret.json")
    link.symlink_to(target)
    for fmt, output in every_format(repo).items():
        assert SECRET not in output, fmt
    # named explicitly (pre-commit passes file names) as well
    for fmt, output in every_format(repo, name).items():
        assert SECRET not in output, fmt
    code, out, _ = run(repo, "--format", "json", name)
    if name in ("server.json", ".mcp.json", "manifest.json", ".claude/skills/x/SKILL.md"):
        assert any(f["rule"] == "GEN007" for f in json.loads(out)["findings"])


def test_a_symlinked_file_named_on_the_command_line_does_not_choose_the_root(repo: Path, outside: Path) -> None:
    (outside / ".git").mkdir()
    (repo / "server.json").symlink_to(outside / "secret.json")
    code, out, err = run(repo, "--format", "json", "server.json")
    assert SECRET not in out + err
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["GEN007"]


def test_fifo_and_devices_neither_hang_nor_exhaust(repo: Path) -> None:
    os.mkfifo(repo / "server.json")
    (repo / ".mcp.json").symlink_to("/dev/zero")
    os.mkfifo(repo / "fifo")
    (repo / "SKILL.md").symlink_to(repo / "fifo")
    code, out, _ = run(repo, "--format", "json")
    rules = sorted((f["path"], f["rule"]) for f in json.loads(out)["findings"])
    assert rules == [(".mcp.json", "GEN007"), ("SKILL.md", "GEN007"), ("server.json", "GEN007")]
    assert peak_rss_mb(repo) < PEAK_RSS_MB


def test_fifo_and_devices_as_baseline_or_config_are_refused(repo: Path) -> None:
    os.mkfifo(repo / "base.json")
    code, _, err = run(repo, "--baseline", "base.json")
    assert code == 2 and "named pipe" in err
    code, _, err = run(repo, "--baseline", "/dev/zero")
    assert code == 2 and "device" in err
    os.mkfifo(repo / "agentconform.toml")
    code, _, err = run(repo)
    assert code in (0, 2)  # a FIFO config is skipped or refused, never read


def test_repository_config_cannot_widen_reads(repo: Path, outside: Path) -> None:
    (repo / "agentconform.toml").write_text(f'baseline = "{outside / "secret.json"}"\n')
    code, out, err = run(repo)
    assert code == 2 and SECRET not in out + err and "inside the repository" in err
    (repo / "agentconform.toml").write_text('baseline = "../outside/secret.json"\n')
    code, out, err = run(repo)
    assert code == 2 and SECRET not in out + err
    (repo / "agentconform.toml").write_text(f"max-file-size = {2 ** 63}\n")
    code, _, err = run(repo)
    assert code == 2 and "max-file-size" in err


def test_backtracking_patterns(repo: Path) -> None:
    pattern = "*a" * 30 + "*b"
    (repo / ".gitignore").write_text(pattern + "\n")
    (repo / ("a" * 200)).write_text("x")
    (repo / "sub").mkdir()
    (repo / "sub" / ("a" * 200 + ".json")).write_text("{}")
    run(repo)
    (repo / "agentconform.toml").write_text(f'exclude = ["{pattern}"]\nper-file-ignores = {{"{pattern}" = ["SRV"]}}\n')
    run(repo)


def test_many_duplicate_keys(repo: Path) -> None:
    n = 20_000
    keys = ",".join(f'"k{i}": {{"command": "x"}}' for i in range(n))
    dups = ",".join(f'"k{i}": {{"command": "y"}}' for i in range(n))
    (repo / ".mcp.json").write_text('{"mcpServers": {' + keys + "," + dups + "}}")
    code, out, _ = run(repo, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "GEN004"]
    assert len(found) == 20 and "more duplicate keys" in found[-1]["message"]


def test_a_huge_instruction_file_is_not_read_whole(repo: Path) -> None:
    with open(repo / "AGENTS.md", "wb") as handle:
        handle.truncate(1024 ** 3)  # sparse: 1 GiB that costs no disk
    code, out, _ = run(repo, "--format", "sarif")
    assert "GEN005" in out
    assert peak_rss_mb(repo, "--format", "sarif") < PEAK_RSS_MB


def test_a_hostile_git_index_cannot_lead_reads_out(repo: Path, outside: Path) -> None:
    from validator.engine.gitindex import parse_index

    entry = lambda name: (b"\x00" * 24 + (0o100644).to_bytes(4, "big") + b"\x00" * 32  # noqa: E731
                          + len(name).to_bytes(2, "big") + name + b"\x00" * (8 - (62 + len(name)) % 8))
    names = [b"../outside/secret.json", b".git/config", b"ok/server.json", b"a//b", b"/etc/passwd"]
    data = b"DIRC" + (2).to_bytes(4, "big") + len(names).to_bytes(4, "big") + b"".join(entry(n) for n in names) + b"\x00" * 20
    assert parse_index(data) == ["ok/server.json"]


def test_file_names_cannot_forge_output(repo: Path) -> None:
    folder = repo / "evil\n::stop-commands::x\x1b[31m"
    folder.mkdir()
    (folder / "server.json").write_text('{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", '
                                        '"name": "io.github.a/b", "version": "^1", "packages": []}')
    bad = os.fsencode(repo) + b"/\xff\xfe-dir"
    os.mkdir(bad)
    with open(bad + b"/server.json", "w") as handle:
        handle.write('{"name": "io.github.a/b", "version": "latest", "packages": []}')
    outputs = every_format(repo)
    for fmt in ("text", "github", "junit"):
        assert "\n::stop-commands::" not in outputs[fmt], fmt
        assert "\x1b" not in outputs[fmt], fmt
    assert "evil\\n::stop-commands::" in outputs["text"]
    code, sarif, _ = run(repo, "--format", "sarif")
    assert json.loads(sarif)["runs"][0]["results"]
    code, _, err = run(repo, "--format", "sarif", "-o", "out/report.sarif")
    assert (repo / "out" / "report.sarif").is_file(), err


def test_fixes_never_write_outside(repo: Path, outside: Path) -> None:
    target = outside / "bom.json"
    target.write_bytes(b"\xef\xbb\xbf" + b'{"name": "io.github.a/b", "packages": []}')
    (repo / "server.json").symlink_to(target)
    (repo / "AGENTS.md").symlink_to(target)
    before = target.read_bytes()
    run(repo, "--fix")
    assert target.read_bytes() == before


def test_listing_past_the_cap_fails_closed(repo: Path) -> None:
    for i in range(12):
        (repo / f"f{i}.txt").write_text("x")
    code, _, err = run(repo, "--max-files", "5")
    assert code == 2 and "--max-files" in err


def test_unreadable_named_file_is_an_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file nobody could read is a finding, never "0 files checked" (root reads anything,
    so the permission check is what the test takes away)."""
    from validator.engine import safefs
    from validator.lint.runner import LintOptions, run_lint

    (repo / "server.json").write_text("{}")
    real_access = os.access
    monkeypatch.setattr(safefs.os, "access", lambda path, mode: False if str(path).endswith("server.json") else real_access(path, mode))
    result = run_lint(LintOptions(paths=("server.json",), cwd=repo, no_config=True))
    assert [(f.rule.code, f.severity, f.message) for f in result.findings] == [
        ("GEN007", "error", "cannot read the file: permission denied")]


def test_lint_runs_nothing_and_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over every fixture repository (every standard, build files included), a lint run
    starts no process and opens no network connection."""
    import socket

    from validator.lint.runner import LintOptions, run_lint

    def refuse(*args, **kwargs):
        raise AssertionError(f"check tried to run or connect: {args[:2]}")

    for name in ("Popen", "run", "call", "check_output"):
        monkeypatch.setattr(subprocess, name, refuse)
    for name in ("system", "execv", "execve", "execvp", "posix_spawn", "posix_spawnp", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    result = run_lint(LintOptions(root=fixtures, cwd=fixtures, no_config=True, select=("ALL",)))
    assert not result.errors, result.errors[:3]
    assert result.files_checked > 500


def _agents_md(repo: Path, commands: str) -> None:
    (repo / "AGENTS.md").write_text(f"# Notes\n\nRun the checks:\n\n```sh\n{commands}\n```\n")


def test_a_yaml_alias_bomb_in_a_taskfile(repo: Path) -> None:
    lines = ['version: "3"', 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
              for i in range(1, 12)]
    lines += ["tasks:", "  lint:", "    cmds: *a11"]
    (repo / "Taskfile.yml").write_text("\n".join(lines) + "\n")
    _agents_md(repo, "task lint\ntask build")
    run(repo)
    assert peak_rss_mb(repo) < PEAK_RSS_MB


def test_a_brace_bomb_and_a_product_in_tox(repo: Path) -> None:
    (repo / "tox.ini").write_text("[tox]\nenvlist = py" + "{a,b}" * 40 + "\n\n[testenv:" + "{x,y}" * 40 + "]\ncommands = pytest\n")
    _agents_md(repo, "tox -e py311\ntox -e lint")
    run(repo)
    (repo / "tox.ini").unlink()
    axes = ", ".join('["' + '", "'.join(f"v{i}" for i in range(50)) + '"]' for _ in range(8))
    (repo / "tox.toml").write_text(f"env_list = [{{ product = [{axes}] }}]\n")
    run(repo)
    assert peak_rss_mb(repo) < PEAK_RSS_MB


def test_many_commands_and_a_deep_noxfile(repo: Path) -> None:
    _agents_md(repo, "\n".join(f"npm run task{i}" for i in range(150_000)))
    (repo / "package.json").write_text('{"name": "x", "scripts": {"task1": "true"}}')
    (repo / "noxfile.py").write_text("import nox\nx = " + " + ".join(["1"] * 500_000) + "\n")
    code, out, _ = run(repo, "--format", "json")
    assert code in (0, 1) and json.loads(out)["findings"]  # judged on its first commands, no internal error
    assert peak_rss_mb(repo) < PEAK_RSS_MB
