"""A/B timing of two agentconform installs, runs alternated so machine load hits both alike.

    python bench/ab.py --a /tmp/before/bin/agentconform --b /tmp/after/bin/agentconform [--runs 15]

Measures, for each install: cold start of `check` on a small repository (server.json, a
19.7 KB AGENTS.md, a README; needs ../shared for the files), `check` over every fixture
repository of this checkout (a few thousand small files), and one `conformance` run of
the reference server over stdio at one revision (`--small-only`: the cold start alone).
Prints a Markdown table (median, p10 and min wall time, median CPU time, in seconds) for
docs/benchmarks.md. Make the installs with `pip install <checkout>` in two venvs
(bytecode allowed, as after a normal install).
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


def once(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU is the child's user + system time, which the
    neighbours' load on a shared machine disturbs far less than wall time."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="the first agentconform executable (e.g. before a change)")
    parser.add_argument("--b", required=True, help="the second one (after)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--small-only", action="store_true", help="only the small repository's cold start")
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
        if args.small_only:
            cases = dict(list(cases.items())[:1])
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for name, (command, cwd) in cases.items():
            for exe in (args.a, args.b):
                once([exe, *command], cwd)  # warm the file cache and bytecode
            for _ in range(args.runs):
                for label, exe in (("a", args.a), ("b", args.b)):
                    times.setdefault((name, label), []).append(once([exe, *command], cwd))
    print(f"| measurement ({args.runs} alternated runs) | A median | A p10 | A min | A CPU median "
          "| B median | B p10 | B min | B CPU median |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in cases:
        row = [name]
        for label in ("a", "b"):
            walls = sorted(w for w, _ in times[(name, label)])
            cpus = [c for _, c in times[(name, label)]]
            p10 = max(0, len(walls) // 10)
            row += [f"{statistics.median(walls):.3f}", f"{walls[p10]:.3f}", f"{walls[0]:.3f}",
                    f"{statistics.median(cpus):.3f}"]
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
