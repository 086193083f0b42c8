"""Python test runners named by an instruction file: tox environments (AGM067) and nox sessions (AGM068), each looked
up in the config the runner reads from the folder the command runs in (tox: the nearest of tox.ini, tox.toml,
setup.cfg and pyproject.toml; nox: noxfile.py or `-f`). Split from `command_tools.py` for size.
https://tox.wiki/en/latest/user_guide.html  https://nox.thea.codes/en/stable/usage.html
"""

from __future__ import annotations

import posixpath

from validator.model import Problem
from validator.repo import paths as RP
from validator.repo.commands import PLACEHOLDER, Command
from validator.repo.paths import nearest
from validator.repo.python import nox_has, nox_sessions, tox_config, tox_has
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.command_tools import LAUNCH_ANYWHERE_ABOVE, at, hint


def tox(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    envs = []
    for i, tok in enumerate(argv[1:], 1):
        if tok == "--":
            break
        if tok in ("-e", "--env") and i + 1 < len(argv):
            envs.append((argv[i + 1], i + 1))
        elif tok.startswith(("-e=", "--env=")):
            envs.append((tok.split("=", 1)[1], i))
        elif tok.startswith("-e") and len(tok) > 2 and not tok.startswith("--"):
            envs.append((tok[2:], i))
    if not envs:
        return
    info = tox_config(repo, folder)
    if not info.found:
        return
    for value, index in envs:
        for env in value.split(","):
            env = env.strip()
            if not env or PLACEHOLDER.search(env) or tox_has(info, env):
                continue
            above = _tox_above(repo, info.source, env)
            if above is not None:
                # tox reads the nearest config, so here it fails; the root's config has it (a nested AGENTS.md of a
                # monorepo whose integration environments live in the root tox.ini): misplaced, not missing. A
                # nested CLAUDE.md or GEMINI.md may be used from the folder above, where its session started.
                if data.kind in LAUNCH_ANYWHERE_ABOVE and cmd.cd is None:
                    continue
                relative = posixpath.relpath(above, folder or ".")
                yield Problem(R.AGM067, f"tox has no environment {env!r} in {info.source}, the config tox reads here; "
                              f"only {above} has it (run tox from {RP.directory(above) or 'the repository root'}, or "
                              f"tox -c {relative})", at(cmd, index))
                continue
            yield Problem(R.AGM067, f"tox has no environment {env!r} in {info.source}{hint(env, info.envs)}",
                          at(cmd, index))


def _tox_above(repo, source: str, env: str) -> str | None:
    """The tox config of a folder above SOURCE's that defines ENV, or None."""
    folder = RP.directory(source)
    while folder:
        folder = RP.directory(folder)
        above = tox_config(repo, folder)
        if above.found and tox_has(above, env):
            return above.source
        if not above.found:
            return None
        folder = RP.directory(above.source)
    return None


def nox(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    sessions = []
    noxfile = None
    i = 1
    while i < len(argv):
        tok = argv[i]
        if tok in ("-f", "--noxfile") and i + 1 < len(argv):
            noxfile = argv[i + 1]
            i += 2
            continue
        if tok in ("-s", "-e", "--session", "--sessions"):
            i += 1
            while i < len(argv) and not argv[i].startswith("-"):
                sessions.append((argv[i], i))
                i += 1
            continue
        if tok.startswith(("--session=", "--sessions=")):
            sessions.append((tok.split("=", 1)[1], i))
        i += 1
    if not sessions:
        return
    rel = posixpath.normpath(RP.join(folder, noxfile)) if noxfile else nearest(repo, folder, ("noxfile.py",))
    if rel is None or not repo.is_file(rel):
        return
    info = nox_sessions(repo, rel)
    if not info.found or not info.complete:
        return
    for name, index in sessions:
        if PLACEHOLDER.search(name.split("(", 1)[0]) or nox_has(info, name):
            continue
        yield Problem(R.AGM068, f"nox has no session {name!r} in {rel}{hint(name, info.sessions)}", at(cmd, index))
