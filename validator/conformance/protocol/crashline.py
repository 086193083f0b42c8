"""The line of a crashed server's stderr that says why it died.

A server that dies at start-up prints a stack trace; its last lines are frames, not the
reason. Each runtime puts the reason on a line of its own: Python the exception's last
line (`ModuleNotFoundError: No module named 'x'`), Go `panic: …`, Rust
`thread 'main' panicked at …` (the message on the next line since Rust 1.73), Node
`Error: …` / `TypeError: …` above its `at …` frames.
"""

from __future__ import annotations

import re

_GO = re.compile(r"^(panic|fatal error): ")
_RUST = re.compile(r"^thread '[^']*' panicked at ")
_NODE_OR_PY = re.compile(r"^(?:Uncaught )?[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)?(?: \[[\w-]+\])?: \S")
_NAMED_ERROR = re.compile(r"^(?:Uncaught )?(?:[A-Za-z_][\w.]*)?(?:Error|Exception)(?: \[[\w-]+\])?: ")
_FRAME = re.compile(r"^\s+(at |File \"|\^|~)|^\s*$|^Traceback |^goroutine |^note: |^stack backtrace:|^Node\.js v")


def why(stderr: str) -> str | None:
    """The reason line of STDERR (a trace's own line), or None when none is recognised."""
    lines = [line.rstrip() for line in stderr.splitlines()]
    for i, line in enumerate(lines):
        if _GO.match(line):
            return line
        if _RUST.match(line):
            rest = line.split(" panicked at ", 1)[1]
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            # Rust >= 1.73: "panicked at src/main.rs:3:5:" then the message on the next line
            return f"{line} {following}" if rest.endswith(":") and following else line
    candidates = [line for line in lines if not _FRAME.match(line) and _NODE_OR_PY.match(line)]
    if "Traceback (most recent call last):" in stderr:
        return candidates[-1] if candidates else None  # Python prints the exception after its frames
    # Node prints the error first, then its frames; only an error's name counts (not "INFO: starting")
    errors = [line for line in candidates if _NAMED_ERROR.match(line)]
    return errors[0] if errors else None
