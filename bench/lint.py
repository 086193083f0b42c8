"""Benchmark `agentconform check`: cold start on a small repository and throughput on the corpus.

Run from the repository root (needs ../shared for the corpus):

    python bench/lint.py            # prints a Markdown report
    python bench/lint.py --peers    # also times check-jsonschema on the same server.json files

Cold start is measured with hyperfine when it is installed (Debian: `hyperfine`), else
with repeated subprocess runs; bytecode is allowed (PYTHONDONTWRITEBYTECODE unset), as
after a normal `pip install`. Throughput lints one tree holding every corpus file under
its real file name. Figures go to docs/benchmarks.md by hand, with the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AGENTCONFORM_SHARED", REPO.parent / "shared"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
AGENTCONFORM = shutil.which("agentconform") or f"{sys.executable} -m validator"


def timed(command: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """(mean, stdev) wall seconds of COMMAND over RUNS runs, after one warm-up."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(["hyperfine", "-N", "-w", "2", "-r", str(runs), "-i", "--export-json", out.name,
                            " ".join(command)], cwd=cwd, env=ENV, check=True, capture_output=True)
            result = json.load(open(out.name))["results"][0]
            return result["mean"], result["stddev"] or 0.0
    subprocess.run(command, cwd=cwd, env=ENV, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.mean(samples), statistics.pstdev(samples)


def small_repo(root: Path) -> Path:
    repo = root / "small"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SHARED / "corpus" / "server-json" / "github__github-mcp-server__server.json", repo / "server.json")
    agents = sorted((SHARED / "corpus" / "agents-md").glob("*AGENTS.md"))
    if agents:
        shutil.copy(agents[0], repo / "AGENTS.md")
    (repo / "README.md").write_text("# small\n")
    return repo


def corpus_tree(root: Path) -> tuple[Path, int]:
    """Every corpus file at its real relative path (from SOURCES.tsv), one folder per source repo."""
    tree = root / "corpus"
    count = 0
    for sources in SHARED.glob("corpus/**/SOURCES.tsv"):
        header, *rows = sources.read_text(encoding="utf-8").splitlines()
        columns = header.split("\t")
        for row in rows:
            fields = dict(zip(columns, row.split("\t")))
            corpus_file = fields.get("file") or fields.get("corpus_file")
            if not corpus_file:
                continue
            source = sources.parent / corpus_file if (sources.parent / corpus_file).exists() else SHARED / "corpus" / corpus_file
            if not source.exists():
                continue
            target = tree / fields["repo"].replace("/", "__") / fields["path"]
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
            count += 1
    (tree / ".git").mkdir(exist_ok=True)
    return tree, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--peers", action="store_true", help="also time check-jsonschema (installs it if missing)")
    args = parser.parse_args()
    command = AGENTCONFORM.split()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        repo = small_repo(root)
        python_mean, _ = timed([sys.executable, "-c", "pass"], args.runs, repo)
        cold_mean, cold_sd = timed(command + ["check", "--exit-zero"], args.runs, repo)
        tree, copied = corpus_tree(root)
        done = subprocess.run(command + ["check", "--exit-zero", "--format", "json"], cwd=tree, env=ENV,
                              capture_output=True, text=True)
        report = json.loads(done.stdout)
        tree_mean, tree_sd = timed(command + ["check", "--exit-zero"], max(3, args.runs // 4), tree)
        print(f"## Lint benchmark ({time.strftime('%Y-%m-%d')}, {platform.python_implementation()} "
              f"{platform.python_version()}, {os.cpu_count()} CPUs)\n")
        print("| measurement | result |\n| --- | --- |")
        print(f"| `python -c pass` (interpreter start) | {python_mean * 1000:.0f} ms |")
        print(f"| cold start, `agentconform check` on a small repo (server.json + AGENTS.md + README) "
              f"| {cold_mean * 1000:.0f} ms ± {cold_sd * 1000:.0f} |")
        print(f"| corpus tree: {copied} files copied, {report['files_checked']} checked, "
              f"{sum(report['summary'].values())} findings | {tree_mean:.2f} s ± {tree_sd:.2f} "
              f"→ {report['files_checked'] / tree_mean:.0f} files/s |")
        if args.peers:
            peer_rows(root, tree, args)
    return 0


def peer_rows(root: Path, tree: Path, args) -> None:
    """check-jsonschema with the official 2025-12-11 schema on every server.json of the tree."""
    exe = shutil.which("check-jsonschema")
    if exe is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "check-jsonschema"], check=True)
        exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    files = sorted(str(p) for p in tree.rglob("server.json"))
    schema = SHARED / "spec" / "server-json" / "2025-12-11" / "server.schema.json"
    mean, sd = timed([exe, "--schemafile", str(schema), *files], max(3, args.runs // 4), root)
    ours, ours_sd = timed(AGENTCONFORM.split() + ["check", "--exit-zero", *files], max(3, args.runs // 4), tree)
    print(f"| {len(files)} server.json: agentconform (all SRV rules, each file's own schema version) "
          f"| {ours:.2f} s ± {ours_sd:.2f} |")
    print(f"| {len(files)} server.json: check-jsonschema (one schema, structure only) | {mean:.2f} s ± {sd:.2f} |")


if __name__ == "__main__":
    raise SystemExit(main())
