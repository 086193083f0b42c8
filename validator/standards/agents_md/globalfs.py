"""The user's own instruction files outside the repository (`agentconform context --include-global`).

`GlobalFS` is the opt-in view of the user's home (`~/.codex/AGENTS.md`, `~/.claude/CLAUDE.md`,
...); the lint never uses it. The repository itself is read through `validator.repo.files.Repo`.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_READ = 4 * 1024 * 1024


class GlobalFS:
    """The user's own instruction files (`~/.codex/AGENTS.md`, ...), read only on request."""

    def __init__(self, home: Path | None = None, env: dict | None = None) -> None:
        self.home = home if home is not None else Path.home()
        self.env = env if env is not None else dict(os.environ)

    def path(self, *parts: str) -> Path:
        return self.home.joinpath(*parts)

    def codex_home(self) -> Path:
        value = self.env.get("CODEX_HOME")
        return Path(value).expanduser() if value else self.path(".codex")

    def read(self, path: Path) -> bytes | None:
        try:
            if path.is_file() and path.stat().st_size <= MAX_READ:
                return path.read_bytes()
        except OSError:
            return None
        return None
