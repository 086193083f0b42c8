"""A/B timing of two agentconform installs, runs alternated so machine load hits both alike.

    python bench/ab.py --a /tmp/before/bin/agentconform --b /tmp/after/bin/agentconform [--runs 15]

Measures, for each install: cold start of `check` on a small repository (server.json, a
19.7 KB AGENTS.md, a README; needs ../shared for the files), `check` over every fixture
repository of this checkout (a few thousand small files), and one `conformance` run of
the reference server over stdio at one revision. Prints a Markdown table (median, p10,
in seconds) for docs/benchmarks.md. Make the installs with `pip install <checkout>` in
two venvs (bytecode allowed, as after a normal install).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lint import small_repo  # noqa: E402 - the same small repository as bench/lint.py

REPO = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(argv: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="the first agentconform executable (e.g. before a change)")
    parser.add_argument("--b", required=True, help="the second one (after)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small = small_repo(Path(tmp))
        fixtures = REPO / "fixtures"
        reference = [sys.executable, str(REPO / "fixtures" / "servers" / "reference_server.py")]
        cases = {
            "check, small repository (cold start)": (["check", "--no-config"], small),
            "check, every fixture repository": (["check", "--no-config", "--exit-zero", str(fixtures)], fixtures),
            "conformance, reference server over stdio, 2025-11-25": (
                ["conformance", "--spec-version", "2025-11-25", "--format", "json", "--", *reference], REPO),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for name, (command, cwd) in cases.items():
            for exe in (args.a, args.b):
                once([exe, *command], cwd)  # warm the file cache and bytecode
            for _ in range(args.runs):
                for label, exe in (("a", args.a), ("b", args.b)):
                    times.setdefault((name, label), []).append(once([exe, *command], cwd))
    print(f"| measurement ({args.runs} alternated runs) | A median | A p10 | B median | B p10 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in cases:
        a, b = sorted(times[(name, "a")]), sorted(times[(name, "b")])
        p10 = max(0, len(a) // 10)
        print(f"| {name} | {statistics.median(a):.3f} | {a[p10]:.3f} | {statistics.median(b):.3f} | {b[p10]:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
