"""The A2A SDK dependency that decides the version of a card without a version marker."""

from pathlib import Path

import pytest

from validator.engine.files import FileIndex
from validator.standards.a2a.evidence import sdk_version
from validator.standards.a2a.versions import V1, detect


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("pyproject.toml", '[project]\ndependencies = ["a2a-sdk[http-server]>=1.1.0,<2"]\n', (1, 1)),
    ("requirements.txt", "fastapi\na2a-sdk==0.3.4\n", (0, 3)),
    ("package.json", '{"dependencies": {"@a2a-js/sdk": "^0.3.5"}}', (0, 3)),
    ("go.mod", "module x\n\nrequire github.com/a2aproject/a2a-go v0.3.0\n", (0, 3)),
    ("build.gradle.kts", 'implementation("io.github.a2asdk:a2a-java-sdk-server-common:1.0.0")\n', (1, 0)),
])
def test_nearest_manifest_names_the_sdk(tmp_path: Path, name, text, expected):
    (tmp_path / "svc" / "agent").mkdir(parents=True)
    (tmp_path / "svc" / name).write_text(text)
    (tmp_path / "svc" / "agent" / "agent-card.json").write_text("{}")
    found = sdk_version(FileIndex(tmp_path), "svc/agent/agent-card.json")
    assert found == (expected, f"svc/{name}")


def test_no_sdk_anywhere(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["google-adk>=2"]\n')
    (tmp_path / "agent-card.json").write_text("{}")
    assert sdk_version(FileIndex(tmp_path), "agent-card.json") is None


def test_detection_without_marker():
    card = {"name": "a"}
    assert detect(card).undecided == V1
    assert detect({**card, "url": "https://a.example"}).undecided is None
    assert detect(card, ((1, 1), "pyproject.toml")).v1
    assert not detect(card, ((0, 3), "package.json")).v1
    assert detect({**card, "supportedInterfaces": []}, None).v1
