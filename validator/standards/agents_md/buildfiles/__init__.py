"""What a repository's build files define, and how build tools read their command lines.

npm/pnpm/yarn/bun scripts and workspaces (`javascript.py`), Make, just, Task and deno
(`make.py`), uv/Poetry/PDM/Hatch projects, tox and nox (`python.py`), Cargo
(`cargo.py`), and the shell commands an instruction file tells an agent to run
(`commands.py`). Static reads only (JSON, TOML, INI, YAML, a Makefile/justfile scan,
Python `ast` for noxfile.py): nothing from the repository is ever executed. Every
reader says whether its answer is complete; when a file builds names dynamically
(Make variables in target names, `eval`, nox sessions registered in a loop), the
checks treat a missing name as unknown rather than absent. Results are cached on the
run's `Repo` (anything with `cache`, `read_text`, `is_file`, `is_dir`, `index`).

Knows nothing of rules, findings or problems: the AGM checks (`checks/commands.py`)
judge with these answers. Meant to be lifted out whole into a shared package; it
needs only `names` (path helpers) and `record` from this standard.
"""
