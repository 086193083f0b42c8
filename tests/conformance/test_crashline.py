"""The reason line of a crashed server's stderr, per runtime (validator/conformance/protocol/crashline.py)."""

from __future__ import annotations

import pytest

from validator.conformance.protocol.crashline import why

PYTHON = """INFO: starting
Traceback (most recent call last):
  File "/srv/server.py", line 3, in <module>
    import fastmcp
ModuleNotFoundError: No module named 'fastmcp'
"""
GO = """panic: listen tcp :8080: bind: address already in use

goroutine 1 [running]:
main.main()
\t/src/main.go:12 +0x1d
"""
RUST = """thread 'main' panicked at src/main.rs:10:5:
called `Result::unwrap()` on an `Err` value: NotFound
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
"""
RUST_OLD = """thread 'main' panicked at 'missing API_KEY', src/main.rs:10:5
note: run with `RUST_BACKTRACE=1`
"""
NODE = """node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module '/app/dist/index.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}

Node.js v20.11.0
"""


@pytest.mark.parametrize("stderr,line", [
    (PYTHON, "ModuleNotFoundError: No module named 'fastmcp'"),
    (GO, "panic: listen tcp :8080: bind: address already in use"),
    (RUST, "thread 'main' panicked at src/main.rs:10:5: called `Result::unwrap()` on an `Err` value: NotFound"),
    (RUST_OLD, "thread 'main' panicked at 'missing API_KEY', src/main.rs:10:5"),
    (NODE, "Error: Cannot find module '/app/dist/index.js'"),
    ("INFO: starting\nlistening on 3000\n", None),
])
def test_reason_line(stderr, line):
    assert why(stderr) == line
