"""What a repository's own files say, read once per run: the knowledge no standard owns.

The AGENTS.md checks (are the commands an instruction file names defined?) and the
cross-file stage (does server.json match the package it publishes?) both ask the
repository's build files. They ask them here:

    files.py       `Repo`, the one cached reader per run over the `FileIndex` (`Repo.of(index)`):
                   stat, bytes, text, TOML and JSON/TOML with positions (`Manifest`), a per-run memo
    paths.py       repository-relative path helpers (folders, ancestors, `near`, `cd` arithmetic)
    prose.py       how Markdown prose talks about paths: example sentences, made-up names, home paths
    manifests.py   what package.json and pyproject.toml say of the package: name, npm publishing, PEP 503
    commands.py    the shell commands an instruction file tells an agent to run
    javascript.py  package.json scripts, workspaces, lockfiles, npm/pnpm/yarn/bun argument handling
    make.py        Make, just, Task and deno targets, recipes and tasks
    python.py      Python projects' scripts and dependencies (uv, Poetry, PDM, Hatch), tox and nox
    cargo.py       Cargo packages and aliases

The readers take the run's `Repo` and memoise their answers on it. Every answer says
whether it is complete: when a file builds names dynamically (Make variables in target
names, `eval`, nox sessions registered in a loop), a missing name is unknown, not absent.
Static reads only: nothing from the repository is ever executed, and every read goes
through `FileIndex.read_text` or `safefs.read_regular` (regular files inside the root,
bounded). Knows nothing of rules, findings, problems or standards: layer 1, it imports
only `validator.engine`, `validator.parsing` and `validator.model`.
"""
