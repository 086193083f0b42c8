"""Committed files generated from the project's data, and the `--check` that keeps them current.

`python -m validator.precommit` and `python -m validator.conformance.traceability` each
render one file; `write_or_check` is their shared command line: write the file, or with
`--check` exit 1 (and say which command to run) when the committed copy differs. Tests
call the `--check` form, so a stale file fails CI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def write_or_check(path: Path, text: str, argv: list[str] | None, *, command: str, description: str) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {command}", description=description)
    parser.add_argument("--check", action="store_true", help=f"fail if {path.name} is stale")
    args = parser.parse_args(argv)
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if args.check:
        if current != text:
            print(f"{path.name} is stale; run python -m {command}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0
