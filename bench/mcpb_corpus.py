"""MCPB manifest figures for docs/benchmarks.md: findings per rule on the corpus, and timings.

    python bench/mcpb_corpus.py [--shared ../shared]

Each corpus manifest is linted in a folder of its own (the corpus holds manifests only,
so the rules about bundle files - entry point, icons - cannot be judged on it and are
reported separately). Timings: the per-manifest check time over the corpus, and the
cold start of `agentconform check` on a one-manifest repository (bytecode enabled,
median of 7 runs after 2 warm-ups).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILE_RULES = {"MCPB010", "MCPB011", "MCPB012", "MCPB013", "MCPB015", "MCPB016", "MCPB017", "MCPB018", "MCPB019"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from validator.lint.runner import LintOptions, run_lint

    corpus = sorted((Path(args.shared) / "corpus" / "mcpb-manifest").glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for path in corpus:
            (root / path.stem).mkdir()
            shutil.copy(path, root / path.stem / "manifest.json")
        start = time.perf_counter()
        result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))
        elapsed = time.perf_counter() - start
    per_rule: Counter = Counter()
    files_per_rule: dict[str, set] = defaultdict(set)
    for finding in result.findings:
        per_rule[finding.rule.code] += 1
        files_per_rule[finding.rule.code].add(finding.path.split("/")[0])
    print(f"corpus: {len(corpus)} manifests, {result.files_checked} checked, {len(result.errors)} internal errors, "
          f"{elapsed * 1000 / max(1, len(corpus)):.1f} ms per manifest")
    print("| rule | findings | files | note |")
    print("| --- | ---: | ---: | --- |")
    for code in sorted(per_rule):
        note = "bundle file absent from the manifest-only corpus" if code in FILE_RULES else ""
        print(f"| {code} | {per_rule[code]} | {len(files_per_rule[code])} | {note} |")
    print(json.dumps({code: sorted(files) for code, files in files_per_rule.items() if code not in FILE_RULES}, indent=1))

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp)
        (small / ".git").mkdir()
        shutil.copytree(REPO / "fixtures" / "mcpb-manifest" / "MCPB001" / "pass" / "known-version", small, dirs_exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [sys.executable, "-m", "validator", "check", str(small)]
        times = []
        for i in range(9):
            start = time.perf_counter()
            subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)
            if i >= 2:
                times.append(time.perf_counter() - start)
        print(f"cold start, one manifest.json: median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
