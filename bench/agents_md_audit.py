"""Run agentconform (AGM rules) and, if installed, agnix over checkouts of real repositories.

Prints per-repository findings of the default AGM rules (for a by-hand true/false
positive review), counts per rule for both tools restricted to agent instruction
files, and wall times. The checkouts are not part of this repository: make them
with `git archive` (or `git worktree add`) from public repositories, one folder each.

    python bench/agents_md_audit.py /tmp/audit --repos uv,pnpm,... [--agnix PATH/TO/agnix] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

INSTRUCTION_FILE = re.compile(
    r"(^|/)(AGENTS\.md|AGENTS\.override\.md|AGENT\.md|CLAUDE\.md|CLAUDE\.local\.md|GEMINI\.md|copilot-instructions\.md|"
    r"[^/]+\.instructions\.md|\.cursorrules|\.windsurfrules|\.clinerules|\.rules|\.goosehints)$")


def timed(argv: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repos", required=True, help="comma-separated folder names under FOLDER")
    parser.add_argument("--agnix", help="path to the agnix binary (PyPI agnix) for the side-by-side")
    parser.add_argument("--json", type=Path, help="write all results as JSON")
    args = parser.parse_args(argv)
    ours_counts: Counter = Counter()
    agnix_counts: Counter = Counter()
    ours_times, agnix_times = [], []
    report = {}
    for name in [r for r in args.repos.split(",") if r]:
        root = args.folder / name
        seconds, out = timed([sys.executable, "-m", "validator.cli", "check", str(root), "--format", "json", "--no-config"])
        ours_times.append(seconds)
        findings = [f for f in json.loads(out)["findings"] if f["rule"].startswith(("AGM", "GEN01"))]
        ours_counts.update(f["rule"] for f in findings)
        entry = {"agentconform_seconds": round(seconds, 3), "findings": findings}
        for f in findings:
            print(f"{name}: {f['rule']} {f['severity']} {f['path']}:{f['line']}:{f['column']} {f['message']}")
        if args.agnix:
            seconds, out = timed([args.agnix, str(root), "--format", "json"])
            agnix_times.append(seconds)
            try:
                diagnostics = json.loads(out)["diagnostics"]
            except (ValueError, KeyError):
                diagnostics = []
            mine = [d for d in diagnostics if INSTRUCTION_FILE.search(d["file"])]
            agnix_counts.update(d["rule"] for d in mine)
            entry.update(agnix_seconds=round(seconds, 3), agnix=mine)
        report[name] = entry
    print(f"\nagentconform: {sum(ours_counts.values())} findings {dict(sorted(ours_counts.items()))}")
    print(f"  wall per repo: median {statistics.median(ours_times):.2f} s, max {max(ours_times):.2f} s, total {sum(ours_times):.1f} s")
    if args.agnix:
        print(f"agnix: {sum(agnix_counts.values())} diagnostics on instruction files {dict(agnix_counts.most_common())}")
        print(f"  wall per repo: median {statistics.median(agnix_times):.2f} s, max {max(agnix_times):.2f} s, total {sum(agnix_times):.1f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
