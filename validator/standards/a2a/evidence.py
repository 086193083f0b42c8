"""Which A2A version a card without a version marker was written for, from the SDK the project depends on.

A card with neither `protocolVersion` nor `supportedInterfaces` does not say its version.
Its project often does: the A2A SDK it builds against reads and serves the card (a2a-sdk
1.x parses it into the 1.x protobuf `AgentCard`, 0.3.x into the 0.3 pydantic model). The
nearest build manifest above the card that names an A2A SDK with a version decides;
without one the version stays unknown (see `versions.detect`).

SDKs and their version lines (each SDK's major/minor follows the protocol it implements):
a2a-sdk (PyPI, github.com/a2aproject/a2a-python), @a2a-js/sdk (npm), a2a-go (Go module
github.com/a2aproject/a2a-go), io.github.a2asdk (Maven, a2a-java).
"""

from __future__ import annotations

import re

from validator.records import lazy
from validator.repo.files import Repo

_MANIFESTS = ("pyproject.toml", "requirements.txt", "setup.cfg", "setup.py", "package.json", "go.mod",
              "build.gradle", "build.gradle.kts")
_VERSION = r"v?(\d+)\.(\d+)"
_SDK_PATTERNS = {
    "pyproject.toml": lazy(r"""["']a2a[-_]sdk(?:\[[^\]]*\])?\s*(?:==|>=|~=|>|===)\s*""" + _VERSION, flags=re.IGNORECASE),
    "requirements.txt": lazy(r"^\s*a2a[-_]sdk(?:\[[^\]]*\])?\s*(?:==|>=|~=|>|===)\s*" + _VERSION, flags=re.IGNORECASE | re.MULTILINE),
    "setup.cfg": lazy(r"a2a[-_]sdk(?:\[[^\]]*\])?\s*(?:==|>=|~=|>|===)\s*" + _VERSION, flags=re.IGNORECASE),
    "setup.py": lazy(r"""["']a2a[-_]sdk(?:\[[^\]]*\])?\s*(?:==|>=|~=|>|===)\s*""" + _VERSION, flags=re.IGNORECASE),
    "package.json": lazy(r'"@a2a-js/sdk"\s*:\s*"\s*(?:[\^~=]|>=)?\s*' + _VERSION),
    "go.mod": lazy(r"github\.com/a2aproject/a2a-go(?:/v\d+)?\s+" + _VERSION),
    "build.gradle": lazy(r"io\.github\.a2asdk:[\w.-]+:" + _VERSION),
    "build.gradle.kts": lazy(r"io\.github\.a2asdk:[\w.-]+:" + _VERSION),
}
"""A dependency on an A2A SDK with a lower bound or exact version (`>=1.1.0`, `^0.3.4`, `==0.2.16`)."""


def sdk_version(index, relpath: str) -> tuple[tuple[int, int], str] | None:
    """((major, minor), manifest path) of the A2A SDK the nearest manifest above RELPATH names, or None."""
    repo = Repo.of(index)
    folder = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    while True:
        for name in _MANIFESTS:
            rel = f"{folder}/{name}" if folder else name
            text = repo.read_text(rel) if repo.is_file(rel) else None
            if not text:
                continue
            match = _SDK_PATTERNS[name].search(text)
            if match:
                return (int(match.group(1)), int(match.group(2))), rel
        if not folder:
            return None
        folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
