"""Benchmark `agentconform check`: cold start on a small repository and throughput on the corpus.

Run from the repository root (needs ../shared for the corpus):

    python bench/lint.py            # prints a Markdown report
    python bench/lint.py --peers    # also times check-jsonschema on the same server.json files
    python bench/lint.py --small [--runs N]   # five instruction files: cold start against agnix
    python bench/lint.py --monorepo [--scale K] [--agnix PATH] [--runs N]
                                    # a generated monorepo, agentconform vs agnix, alternated runs

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


PACKAGE_WORDS = ("core", "api", "web", "cli", "utils", "auth", "billing", "search", "ui", "db", "queue",
                 "mail", "config", "logger", "metrics", "cache", "router", "forms", "charts", "payments")


def _instruction_texts() -> tuple[list[bytes], list[bytes]]:
    """Corpus AGENTS.md and CLAUDE.md texts in name order (symlink markers left out)."""
    def texts(folder: str, suffix: str) -> list[bytes]:
        found = []
        for path in sorted((SHARED / "corpus" / folder).glob(f"*{suffix}")):
            data = path.read_bytes()
            if not data.startswith(b"SYMLINK -> "):
                found.append(data)
        return found
    return texts("agents-md", "AGENTS.md"), texts("claude-md", "CLAUDE.md")


def monorepo(root: Path, scale: int = 1, packages: int | None = None) -> Path:
    """A deterministic monorepo: 3,000 x SCALE packages, a third with an AGENTS.md, ~14.6 files each.

    packages/<name>/{AGENTS.md (every third), CLAUDE.md (every tenth), package.json with
    scripts, README.md, Makefile (every fifth), src/*.ts, test/*.test.ts}, a root AGENTS.md,
    package.json and .gitignore, and an ignored node_modules with many files. Everything
    but node_modules is committed, as in a real checkout.
    """
    repo = root / (f"monorepo-{scale}x" if packages is None else f"monorepo-{packages}")
    agents, claudes = _instruction_texts()
    packages = packages or 3000 * scale
    (repo / "packages").mkdir(parents=True)
    (repo / ".gitignore").write_text("node_modules/\ndist/\n*.log\n")
    (repo / "AGENTS.md").write_bytes(agents[0])
    (repo / "package.json").write_text(json.dumps({
        "name": "monorepo", "private": True, "workspaces": ["packages/*"],
        "scripts": {"build": "turbo build", "test": "turbo test", "lint": "eslint ."}}, indent=2) + "\n")
    for i in range(packages):
        name = f"{PACKAGE_WORDS[i % len(PACKAGE_WORDS)]}-{i:05d}"
        pkg = repo / "packages" / name
        (pkg / "src" / "lib").mkdir(parents=True)
        (pkg / "test").mkdir()
        scripts = {"build": "tsc -p .", "test": "vitest run", "lint": "eslint src"}
        if i % 2:
            scripts["dev"] = "vite"
        (pkg / "package.json").write_text(json.dumps({
            "name": f"@mono/{name}", "version": "1.0.0", "main": "dist/index.js", "scripts": scripts,
            "dependencies": {f"@mono/{PACKAGE_WORDS[(i + 1) % len(PACKAGE_WORDS)]}-{(i + 1) % packages:05d}": "*"}},
            indent=2) + "\n")
        (pkg / "README.md").write_text(f"# {name}\n\nPart of the monorepo. See `src/index.ts`.\n")
        if i % 3 == 0:
            (pkg / "AGENTS.md").write_bytes(agents[(i // 3) % len(agents)])
        if i % 10 == 0:
            (pkg / "CLAUDE.md").write_bytes(claudes[(i // 10) % len(claudes)])
        if i % 5 == 0:
            (pkg / "Makefile").write_text("build:\n\tnpm run build\n\ntest:\n\tnpm test\n")
        (pkg / "src" / "index.ts").write_text(f"export * from './lib/a';\nexport const name = '{name}';\n")
        for j in range(6):
            (pkg / "src" / "lib" / f"{'abcdef'[j]}.ts").write_text(f"export const v{j} = {i + j};\n")
        for j in range(3):
            (pkg / "test" / f"t{j}.test.ts").write_text(f"import {{ v{j} }} from '../src/lib/{'abc'[j]}';\n")
        (pkg / "tsconfig.json").write_text('{"extends": "../../tsconfig.base.json"}\n')
    # an ignored node_modules holding many files, some of them agent files
    for i in range(400 * scale):
        dep = repo / "node_modules" / f"dep-{i:05d}"
        (dep / "lib").mkdir(parents=True)
        (dep / "package.json").write_text(json.dumps({"name": f"dep-{i:05d}", "scripts": {"x": "y"}}) + "\n")
        (dep / "README.md").write_text("# dep\n")
        if i % 20 == 0:
            (dep / "AGENTS.md").write_bytes(agents[i % len(agents)])
        for j in range(20):
            (dep / "lib" / f"m{j}.js").write_text("module.exports = 1;\n")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "monorepo"], cwd=repo, check=True,
                   env={**ENV, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"})
    return repo


def peak_rss_run(command: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run of COMMAND, measured by GNU time (0 when it is missing)."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    start = time.perf_counter()
    if not Path(gnu_time).is_file():
        subprocess.run(command, cwd=cwd, env=ENV, capture_output=True)
        return time.perf_counter() - start, 0
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        subprocess.run([gnu_time, "-f", "%M", "-o", out.name, *command], cwd=cwd, env=ENV, capture_output=True)
        seconds = time.perf_counter() - start
        return seconds, int(out.read().strip().splitlines()[-1] or 0)


def alternated(commands: dict[str, list[str]], runs: int, cwd: Path,
               envs: dict[str, dict] | None = None, *, warm_up: bool = True) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each command, run in turn (A, B, A, B ...) after one warm-up each.

    CPU time (user + system of the child) is given beside wall time because the machine is
    shared: under load, wall time measures the neighbours as much as the command.
    """
    import resource

    envs = envs or {}
    for name, command in commands.items() if warm_up else ():
        subprocess.run(command, cwd=cwd, env=envs.get(name, ENV), capture_output=True)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, env=envs.get(name, ENV), capture_output=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            samples[name].append((wall, cpu))
    return samples


def find_agnix(given: str | None) -> str | None:
    for candidate in (given, shutil.which("agnix"), str(REPO / ".peers" / "agnix-pkg" / "bin" / "agnix")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def five_agent_files(root: Path) -> Path:
    """A small git repository with five instruction files from the corpus (AGENTS.md, docs/AGENTS.md,
    CLAUDE.md, GEMINI.md, .github/copilot-instructions.md) and a package.json."""
    corpus = SHARED / "corpus"
    repo = root / "small5"
    (repo / "docs").mkdir(parents=True)
    (repo / ".github").mkdir()
    agents = sorted((corpus / "agents-md").glob("*AGENTS.md"))
    shutil.copy(agents[4], repo / "AGENTS.md")
    shutil.copy(agents[8], repo / "docs" / "AGENTS.md")
    shutil.copy(sorted((corpus / "claude-md").glob("*CLAUDE.md"))[2], repo / "CLAUDE.md")
    shutil.copy(corpus / "other-instructions" / "00-Aryan__Content-Creation-Automation__GEMINI.md", repo / "GEMINI.md")
    shutil.copy(corpus / "other-instructions" / "PrefectHQ__fastmcp__.github__copilot-instructions.md",
                repo / ".github" / "copilot-instructions.md")
    (repo / "package.json").write_text('{"name": "small", "scripts": {"build": "tsc", "test": "vitest"}}\n')
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def small_main(args) -> int:
    """Cold start on the five-file repository, agentconform and agnix alternated."""
    agnix = find_agnix(args.agnix)
    with tempfile.TemporaryDirectory() as tmp:
        repo = five_agent_files(Path(tmp))
        ours = AGENTCONFORM.split() + ["check", "--exit-zero", "--no-config"]
        commands = {"python -c pass": [sys.executable, "-c", "pass"],
                    "agentconform": ours + ["--no-cache"],
                    "agentconform, warm cache": ours + ["--cache", "--cache-dir", str(Path(tmp) / "cache")]}
        if agnix:
            commands["agnix"] = [agnix, ".", "--format", "json"]
        samples = alternated(commands, args.runs, repo)
    print(f"## Small repository, five instruction files ({args.runs} alternated runs)\n")
    print("| command | median wall | min wall | median CPU (user+sys) |\n| --- | --- | --- | --- |")
    for name, values in samples.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"| {name} | {statistics.median(walls) * 1000:.0f} ms | {min(walls) * 1000:.0f} ms "
              f"| {statistics.median(cpus) * 1000:.0f} ms |")
    return 0


def monorepo_main(args) -> int:
    agnix = find_agnix(args.agnix)
    ours = AGENTCONFORM.split() + ["check", "--exit-zero", "--no-config", "--no-cache", *args.extra]
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="agentconform-mono-"))
    warm = [*ours[:-1 - len(args.extra)], "--cache", "--cache-dir", str(root / "cache"), *args.extra]
    try:
        repo = root / f"monorepo-{args.scale}x"
        if not repo.exists():
            start = time.perf_counter()
            repo = monorepo(root, args.scale)
            print(f"built {repo} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        tracked = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout.count("\n")
        agents = subprocess.run(["git", "ls-files", "*AGENTS.md"], cwd=repo, capture_output=True,
                                text=True).stdout.count("\n")
        commands = {"agentconform": ours, "agentconform, warm cache": warm}
        envs = {}
        if args.against:
            commands[f"agentconform@{args.against}"] = [sys.executable, "-m", "validator", *ours[len(AGENTCONFORM.split()):]]
            envs[f"agentconform@{args.against}"] = {**ENV, "PYTHONPATH": args.against}
        if agnix:
            commands["agnix"] = [agnix, ".", "--format", "json"]
        done = subprocess.run(ours + ["--format", "json"], cwd=repo, env=ENV, capture_output=True, text=True)
        report = json.loads(done.stdout)
        samples = alternated(commands, args.runs, repo, envs)
        _, rss = peak_rss_run(ours, repo)
        _, agnix_rss = peak_rss_run(commands["agnix"], repo) if agnix else (0, 0)
        print(f"## Monorepo {args.scale}x ({time.strftime('%Y-%m-%d')}, {platform.python_implementation()} "
              f"{platform.python_version()}, {os.cpu_count()} CPUs, {args.runs} alternated runs)\n")
        print(f"{tracked} tracked files, {agents} AGENTS.md, {report['files_checked']} checked, "
              f"{sum(report['summary'].values())} findings\n")
        print("| command | median wall | min wall | median CPU (user+sys) |\n| --- | --- | --- | --- |")
        for name, values in samples.items():
            walls, cpus = [w for w, _ in values], [c for _, c in values]
            print(f"| {name} | {statistics.median(walls):.2f} s | {min(walls):.2f} s | {statistics.median(cpus):.2f} s |")
        print(f"\npeak RSS: agentconform {rss / 1024:.0f} MiB, agnix {agnix_rss / 1024:.0f} MiB")
        edited = next(repo.glob("packages/*/README.md"))
        before = edited.read_text()
        edited.write_text(before + "\nOne more line.\n")
        (wall, cpu), = alternated({"edited": warm}, 1, repo, warm_up=False)["edited"]
        edited.write_text(before)
        print(f"\ncache after one README.md edit (every file that reads others checked again): {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--peers", action="store_true", help="also time check-jsonschema (installs it if missing)")
    parser.add_argument("--monorepo", action="store_true", help="time a generated monorepo against agnix")
    parser.add_argument("--small", action="store_true", help="cold start on five instruction files, against agnix")
    parser.add_argument("--scale", type=int, default=1, help="monorepo size: 3,000 x K packages")
    parser.add_argument("--agnix", help="agnix binary (default: on PATH, else .peers/agnix-pkg/bin/agnix)")
    parser.add_argument("--keep", help="build the monorepo under this folder and keep it (reused when present)")
    parser.add_argument("--against", help="also time `python -m validator` from this source tree (A/B of a change)")
    parser.add_argument("extra", nargs="*", help="extra arguments for agentconform check (after --)")
    args = parser.parse_args()
    if args.monorepo:
        return monorepo_main(args)
    if args.small:
        return small_main(args)
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
