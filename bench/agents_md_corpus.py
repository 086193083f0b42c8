"""Run the AGM rules over ../shared/corpus/{agents-md,claude-md,other-instructions}.

The corpus holds single files without their repositories. Files of one repository are
placed together at their original paths in a temporary folder (so a CLAUDE.md symlink
finds its AGENTS.md when both were collected); a file whose whole content is
`SYMLINK -> target` is recreated as a symlink. Prints findings per rule and the files
that produced each, or JSON with --json. Usage:

    python bench/agents_md_corpus.py [--shared ../shared] [--json] [--show CODE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path


def run(shared: Path):
    from tests.test_agents_md_corpus import corpus_repos, materialize
    from validator.lint.runner import LintOptions, run_lint

    findings = []
    errors = []
    files = 0
    started = time.perf_counter()
    for repo, entries in sorted(corpus_repos(shared / "corpus").items()):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            materialize(root, entries)
            result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("AGM", "GEN")))
            files += result.files_checked
            errors.extend((repo, e.path, e.message) for e in result.errors)
            findings.extend((repo, f) for f in result.findings)
    return findings, errors, files, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="append", default=[])
    args = parser.parse_args(argv)
    findings, errors, files, seconds = run(Path(args.shared))
    counts = Counter(f.rule.code for _, f in findings)
    per_file = defaultdict(set)
    for repo, f in findings:
        per_file[f.rule.code].add(f"{repo}:{f.path}")
    if args.json:
        print(json.dumps({"files": files, "seconds": round(seconds, 2), "errors": errors,
                          "rules": {code: {"findings": n, "files": len(per_file[code])} for code, n in sorted(counts.items())}},
                         indent=2))
    else:
        print(f"{files} files, {len(findings)} findings, {len(errors)} internal errors, {seconds:.1f} s")
        for code, n in sorted(counts.items()):
            print(f"  {code}  {n:5d} findings in {len(per_file[code]):4d} files")
        for repo, path, message in errors:
            print(f"ERROR {repo}:{path}: {message}", file=sys.stderr)
        for code in args.show:
            for repo, f in findings:
                if f.rule.code == code:
                    print(f"{code} {repo}:{f.path}:{f.line}:{f.column} {f.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
