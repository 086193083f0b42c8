"""Findings per rule and timing of the client-config checks on the real corpus (and on repositories).

    python bench/client_config_corpus.py                  # ../shared/corpus/client-config at real paths
    python bench/client_config_corpus.py REPO [REPO ...]  # whole repositories (every standard, cross-file)

Prints the number of findings per rule and severity, the files checked, and the wall
time of the lint run (median of 5). Never a timed test: numbers go to docs/benchmarks.md.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.lint.runner import LintOptions, run_lint  # noqa: E402

SHARED = ROOT.parent / "shared"


def materialise(target: Path, corpus: Path = SHARED / "corpus") -> int:
    """Write the client-config corpus under TARGET at each file's real path: TARGET/<owner>__<repo>/<path>."""
    count = 0
    with open(corpus / "SOURCES.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["format"] != "client-config":
                continue
            dest = target / row["repo"].replace("/", "__") / row["path"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes((corpus / row["file"]).read_bytes())
            count += 1
    return count


def lint(root: Path):
    times = []
    result = None
    for _ in range(5):
        start = time.perf_counter()
        result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("ALL",)))
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


class _Merged:
    """Several per-repository results reported as one."""

    def __init__(self, results) -> None:
        self.findings = [f for r in results for f in r.findings]
        self.roots = {id(f): str(r.root) for r in results for f in r.findings}
        self.errors = [e for r in results for e in r.errors]
        self.files_checked = sum(r.files_checked for r in results)


def report(label: str, result, seconds: float) -> None:
    counts = Counter((f.rule.code, f.severity) for f in result.findings)
    roots = getattr(result, "roots", {})
    files = Counter(code for code, _ in {(f.rule.code, (roots.get(id(f), ""), f.path)) for f in result.findings})
    print(f"## {label}: {result.files_checked} files checked, {len(result.findings)} findings, "
          f"{len(result.errors)} internal errors, lint {seconds * 1000:.0f} ms (median of 5)")
    for (code, severity), n in sorted(counts.items()):
        print(f"  {code} {severity:7} {n:4} findings in {files[code]} file(s)")


def main(argv: list[str]) -> int:
    if argv:
        for repo in argv:
            result, seconds = lint(Path(repo).resolve())
            report(repo, result, seconds)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        count = materialise(Path(tmp))
        # each corpus repository is its own root, so cross-file rules compare only files of one repository
        results, total = [], 0.0
        for repo in sorted(Path(tmp).iterdir()):
            result, seconds = lint(repo)
            results.append(result)
            total += seconds
        report(f"client-config corpus ({count} files, {len(results)} repositories)", _Merged(results), total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
