"""Commands the file tells agents to run, checked against what the repository defines: AGM060-AGM064 and
AGM066-AGM069 (one emitter, so that a command read twice is reported once), and AGM047 (package managers that
differ between CLAUDE.md-like files and the AGENTS.md beside them).

`npm|pnpm|yarn|bun run X` against package.json scripts (workspaces, filters, `cd`, `--prefix`), `make X`
against Makefile targets, `just`/`task`/`deno task`, `uv run` / `poetry run` / `pdm run` / `hatch run`,
`tox -e`, `nox -s`, `cargo -p` and `cargo xtask` (`command_tools.py`), repository scripts (AGM063, here), and
install commands against the lockfile. PATH is never consulted.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy, replace
from validator.repo import paths as RP
from validator.repo.commands import IF_PRESENT, PLACEHOLDER, Command, commands, created_paths
from validator.repo.javascript import JS, js_managers, js_package_manager
from validator.repo.paths import nearest, normalize_folder
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks import command_python as TP
from validator.standards.agents_md.checks import command_tools as T
from validator.standards.agents_md.checks.common import beside_skill, in_context, owner_folder
from validator.standards.agents_md.checks.path_context import in_example_section, in_history_section
from validator.standards.agents_md.locations import suggest, unknown_location
from validator.standards.agents_md.reader import repo_for


@emits(R.AGM060, R.AGM061, R.AGM062, R.AGM063, R.AGM064, R.AGM066, R.AGM067, R.AGM068, R.AGM069)
def instructed_commands(doc, ctx) -> Iterator[Problem]:
    """Every command the file tells agents to run, against what the repository defines (one finding per rule and place)."""
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if beside_skill(repo, data):
        return  # `./pocketbase serve` in a PocketBase skill's reference runs in the user's project
    seen: set[tuple] = set()
    causes: dict[tuple[str, str], list[Problem]] = {}
    conditional: dict[str, bool] = {}
    """Per line: "(if present)" and the like; a fenced block's lines hold many commands (the search was a tenth
    of a monorepo's run when repeated per command)."""
    found = commands(data.view)
    made = _made_by_the_file(found)
    for cmd in found:
        if not cmd.argv or cmd.foreign:
            continue
        if cmd.source != "fence" and cmd.argv[-1] in _OUTCOMES and len(cmd.argv) > 1:
            continue  # "Commands run: e.g. `npm run test PASS`": a report's line, the command with its outcome
        line = cmd.line_text
        if line not in conditional:
            folded = line.lower()  # every alternative holds "if", "when" or "(optional)": skip the regex without one
            conditional[line] = ("if" in folded or "when" in folded or "(optional)" in folded) and \
                IF_PRESENT.search(line) is not None
        if conditional[line]:
            continue
        folder = _folder(repo, N.working_folder(data.relpath), cmd.cd)
        if folder is None:
            continue
        problems = list(_dispatch(cmd, folder, data, repo, made))
        # Whether prose or a code span is an instruction is asked only of a command with a finding:
        # most code spans of a large file are names, not commands, and the clause reading is costly.
        if not problems or (cmd.source != "fence" and not instructed(data.view.text, cmd.spans[0][0], cmd.spans[-1][1])):
            continue
        if cmd.source == "fence" and _hedged_above(data.view.text, cmd.start):
            continue  # "# Format code (if available)" on the line above
        if in_history_section(data.view, data.view.text, cmd.spans[0][0]):
            continue  # "## Known Regressions": what a past version ran or shipped, reported, not instructed
        if in_example_section(data.view, data.view.text, cmd.spans[0][0]):
            continue  # "### Framework-Specific Examples" / "#### Vue/Nuxt": another setup's commands
        for problem in problems:
            key = (problem.rule.code, data.view.index.position(problem.where.start))
            if key in seen:
                continue
            seen.add(key)
            # one finding per cause: the same missing `./run.sh`, script or `uv run dg` in ten steps is one fix
            causes.setdefault((problem.rule.code, problem.message), []).append(problem)
    for repeats in causes.values():
        first, more = repeats[0], len(repeats) - 1
        yield first if not more else replace(first, message=f"{first.message} (and {more} more use{'s' if more > 1 else ''})")


_OUTCOMES = frozenset({"PASS", "PASSED", "FAIL", "FAILED", "OK", "SKIP", "SKIPPED", "ERROR", "GREEN", "RED", "✅", "❌"})
"""An outcome written after a command in a code span: the span records a run, it does not ask for one (audit 22)."""


def _hedged_above(text: str, start: int) -> bool:
    """The comment line right above the command's line hedges it: `# Format code (if available)` then `turbo run
    format` (audit 21: ruby-mcp)."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < 2:
        return False
    above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip()
    return above.startswith(("#", "//", "::", "REM ")) and IF_PRESENT.search(above) is not None


_CLAUSE_END = lazy(r"[.;!?](?:\s|$)|\s[-–—]\s|—|,\s*(?:but|and|then|use|run|prefer|instead)\b|\n", re.I)
_REJECTED = lazy(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|don'?t|do\s+not|does\s+not|never|avoid(?:ing)?|"
                 r"not|no\s+longer|stop\s+using|forbidden|prohibited|deprecated)\b|\bno\s*$"
                 r"|\bignore\s+(?:any\s+|the\s+|all\s+)?(?:stale|old|outdated|legacy|obsolete)\b", re.I)
"""Earlier in the command's clause; `no` right before it too ("there is intentionally no `make check`"), and "ignore
any stale `npm run migrate` mention"."""
_DESCRIBED = lazy(r"\b(?:the\s+|our\s+|this\s+)?(?:cli|script|tool|app|application|server|extension|installer|wrapper|"
                  r"plugin|launcher|binary|code|program|hook|it|which|that)\s+(?:will\s+|automatically\s+|then\s+)?"
                  r"(?:runs?|installs?|executes?|invokes?|calls?|spawns?|downloads?)\s*$"
                  # the command is what something is for: "**NPM**: Package for `npm install`" (how users get it)
                  r"|\b(?:package[sd]?|published|available|ready|built|made)\s+for\s*$"
                  # what a tool observed: "the app correctly detects `npm run start` in clanki" (audit 22)
                  r"|\b(?:detect(?:s|ed)?|recogni[sz]e[sd]?|finds|found|reports|reported|prints|printed|shows|showed|"
                  r"displays|suggests|suggested|lists|listed)\s*$", re.I)


_LIST_MARKER = lazy(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BY_ITSELF = lazy(r"\b(?:on\s+(?:the\s+)?first\s+(?:run|use|launch|start)|at\s+(?:run|start)[- ]?time|automatically|for\s+you|"
                  r"by\s+itself|when\s+(?:it\s+)?(?:starts|launches))\b", re.I)


def instructed(text: str, offset: int, end: int | None = None) -> bool:
    """Whether the command at OFFSET (in a code span or prose) is an instruction: not when its clause names it to
    reject it ("use `bun install` instead of `npm install`", "never run", "avoid", "(not `npm ci`)") or describes
    what the code runs by itself ("the CLI installs `foo` on first run")."""
    start = text.rfind("\n", 0, offset) + 1
    before = text[start:offset].replace("`", "")
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    clause = _LIST_MARKER.sub("", clause)
    if _REJECTED.search(clause) or _DESCRIBED.search(clause) or _names_linked_project(text, clause):
        return False
    if end is None:
        return True
    stop = text.find("\n", end)
    after = text[end:stop if stop != -1 else len(text)].replace("`", "")
    cut = _CLAUSE_END.search(after)
    clause_after = after[:cut.start()] if cut else after
    return not (_BY_ITSELF.search(clause_after) or _OTHER_CHECKOUT.search(clause_after))


_LINKED_REPO = lazy(r"\[([^\]\n]{1,80})\]\(https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/"
                   r"[\w.-]+/([\w.-]+?)(?:\.git)?/?[)#?]", re.I)
_LAST_NAME = lazy(r"([\w.@-]+?)(?:'s)?(?:\s+(?:installer|script|repo|repository|cli|tool))?\s*$")


@functools.lru_cache(maxsize=16)
def _linked_projects(text: str) -> frozenset[str]:
    """The names of the other repositories TEXT links to: each link's label and the repository name of its URL."""
    return frozenset(name.lower().strip() for m in _LINKED_REPO.finditer(text) for name in m.groups())


def _names_linked_project(text: str, clause: str) -> bool:
    """The clause names a repository the file links to right before the command ("Optionally run agency-agents
    `./scripts/install.sh`" after "[agency-agents](https://github.com/x/agency-agents)"): that project's command, run
    in its checkout (audit 18: TappsMCP)."""
    if _OTHER_CHECKOUT.search(clause):
        return True  # "From a [meshtastic-mcp](https://...) checkout: `./run-tests.sh`" (audit 22: meshtastic/firmware)
    m = _LAST_NAME.search(clause)
    return m is not None and bool(m.group(1)) and "](" in text and m.group(1).lower() in _linked_projects(text)


_OTHER_CHECKOUT = lazy(r"\b(?:from|in|inside|within)\s+(?:a|an|the|your)\s+\[?[\w.@/-]+\]?(?:\([^)\s]*\))?\s+"
                       r"(?:checkout|clone|working\s+copy)\b", re.I)
"""Earlier in the clause: the command runs in another project's checkout ("From a meshtastic-mcp checkout:")."""


def _folder(repo, folder: str, cd: str | None) -> str | None:
    if not cd:
        return folder
    for base in (folder, ""):
        moved = normalize_folder(base, cd)
        if moved is not None and (moved == "" or repo.is_dir(moved)):
            return moved
    return None


def _made_by_the_file(found: list[Command]) -> dict[str, int]:
    """Where the file first makes each path it makes (`wget URL`, `curl -o x.sh`, `git clone URL dir`, `cat > x.sh`,
    `cp a b`): as written from the file's folder with the command's `cd`, a folder ending in `/`."""
    made: dict[str, int] = {}
    for cmd in found:
        if not cmd.argv and not cmd.writes:
            continue
        files, folders = created_paths(cmd)
        for path, suffix in [(f, "") for f in files] + [(f, "/") for f in folders]:
            if path.startswith(("/", "~", "$")) or "://" in path:
                continue
            key = _from_file(cmd, path) + suffix
            made[key] = min(made.get(key, cmd.start), cmd.start)
    return made


def _from_file(cmd: Command, path: str) -> str:
    return posixpath.normpath(RP.join(cmd.cd or "", path.removeprefix("./")))


def _made_earlier(cmd: Command, path: str, made: dict[str, int]) -> bool:
    """PATH is made by a command the file gives before CMD (the same chain, block or an earlier step), so running
    it finds the file: `wget https://dot.net/v1/dotnet-install.sh && ./dotnet-install.sh`."""
    key = _from_file(cmd, path)
    if made.get(key, cmd.start) < cmd.start:
        return True
    parts = key.split("/")
    return any(made.get("/".join(parts[:i]) + "/", cmd.start) < cmd.start for i in range(1, len(parts)))


def _dispatch(cmd: Command, folder: str, data, repo, made: dict[str, int]):
    prog = cmd.argv[0]
    name = prog.rsplit("/", 1)[-1]
    if name in JS:
        yield from T.js_run(cmd, folder, data, repo)
        yield from T.js_install(cmd, folder, data, repo)
    elif name in ("npx", "bunx") and len(cmd.argv) > 1 and cmd.argv[1] == "turbo":
        yield from T.turbo(cmd, 2, folder, data, repo)
    elif name == "turbo":
        yield from T.turbo(cmd, 1, folder, data, repo)
    elif name == "make" and cmd.source != "prose":
        yield from T.make(cmd, folder, data, repo)
    elif name == "just":
        yield from T.just(cmd, folder, data, repo)
    elif name == "task":
        yield from T.task(cmd, folder, data, repo)
    elif name == "deno" and len(cmd.argv) > 2 and cmd.argv[1] == "task":
        yield from T.deno(cmd, folder, data, repo)
    elif name in ("uv", "poetry", "pdm", "hatch", "rye", "pipenv"):
        yield from T.python_run(cmd, folder, data, repo)
        yield from T.python_install(cmd, folder, data, repo)
    elif name == "tox":
        yield from TP.tox(cmd, folder, data, repo)
    elif name == "nox":
        yield from TP.nox(cmd, folder, data, repo)
    elif name == "cargo":
        yield from T.cargo(cmd, folder, data, repo)
    yield from _script_file(cmd, folder, data, repo, made)


_INTERPRETERS = frozenset({"bash", "sh", "zsh", "python", "python3", "node", "ruby", "perl", "pwsh", "powershell", "tsx",
                           "ts-node", "source", "."})


_SCRIPT_EXT = lazy(r"\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|mts|rb|pl|ps1)$")


_SHELL_EXT = lazy(r"\.(?:sh|bash|zsh|ps1|bat|cmd)$")
"""Files that run by themselves; a `.py` or `.ts` path alone is usually a reference, not a command."""


def _script_file(cmd: Command, folder: str, data, repo, made: dict[str, int]):
    argv = cmd.argv
    prog = argv[0]
    candidates = []
    if cmd.source == "span" and len(argv) == 1 and not (prog.startswith("./") and _SHELL_EXT.search(prog)):
        return  # a lone path in backticks names a file or a module (`./internals.js`), not an invocation
    if (prog.startswith("./") and (cmd.source == "fence" or _SHELL_EXT.search(prog))) \
            or ("/" in prog and _SHELL_EXT.search(prog)):
        candidates.append((prog, 0))
    elif prog in _INTERPRETERS and len(argv) > 1:
        i = 1
        while i < len(argv) and argv[i].startswith("-"):
            if argv[i] in ("-m", "-c", "-e", "--eval", "-p"):
                return
            i += 1
        # `node server.ts`, `python app.py`: a bare file name is as often the reader's own project
        if i < len(argv) and _SCRIPT_EXT.search(argv[i]) and "/" in argv[i]:
            candidates.append((argv[i], i))
    for path, index in candidates:
        if PLACEHOLDER.search(path) or path.startswith(("/", "~", "$")) or "://" in path or _made_up(path) \
                or _made_earlier(cmd, path, made):
            continue
        clean = path[2:] if path.startswith("./") else path
        if not (_SCRIPT_EXT.search(clean) or (prog.startswith("./") and cmd.source == "fence")):
            continue
        bases = [folder] + ([""] if folder else [])
        anchored = []
        for base in bases:
            target = posixpath.normpath(RP.join(base, clean))
            if target.startswith("../"):
                continue
            if repo.lexists(target):
                anchored = None
                break
            parent = RP.directory(target)
            if parent == "" or repo.is_dir(parent):
                anchored.append(target)
        if not anchored:
            continue
        if any(unknown_location(repo, t) for t in anchored):
            continue
        wrapper = _wrapper_has_build(repo, anchored)
        if wrapper is False:
            continue  # `./mvnw verify` where no pom.xml is: steps for the reader's own project (a rules catalogue)
        if wrapper is None and not _SCRIPT_EXT.search(clean) and RP.directory(anchored[0]) == "":
            continue  # `./configure`, `./a.out`: produced by a build step (a build wrapper is committed)
        if _under_placeholder_cd(data, repo, clean):
            continue  # `cd src/apps/{provider}` in an earlier step, then `./scripts/push.sh`: run in each provider
        if any(repo.lexists(RP.join(base, clean)) for base in _earlier_folders(data, repo, cmd)):
            continue  # `cd tests` in the section's first block, then `./run-tests.sh` in the next (audit 24: quarto)
        others = repo.named(posixpath.basename(clean)) if "/" not in clean else []
        if len(others) > 1:  # one per package of a monorepo (`./run_tests.sh` in each server's folder): misplaced
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            yield Problem(R.AGM063, f"{path} is not in {RP.directory(anchored[0]) or 'the repository root'}, where this "
                          f"runs; {len(others)} folders have one ({shown}): say which folder to run it from", T.at(cmd, index))
            continue
        yield Problem(R.AGM063, f"{path} does not exist ({anchored[0]}){suggest(repo, anchored[0])}", T.at(cmd, index))


_WRAPPER_BUILD_FILES = {
    "mvnw": ("pom.xml",), "mvnw.cmd": ("pom.xml",),
    "gradlew": ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
    "gradlew.bat": ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
}
"""A build tool's wrapper script and the build files it serves: the wrapper lives beside them
(https://maven.apache.org/wrapper/, https://docs.gradle.org/current/userguide/gradle_wrapper.html)."""


def _wrapper_has_build(repo, anchored: list[str]) -> bool | None:
    """None when the script is no build wrapper; else whether a place it could be holds the build its tool runs
    (False: the commands are for another project)."""
    build_files = _WRAPPER_BUILD_FILES.get(anchored[0].rsplit("/", 1)[-1])
    if build_files is None:
        return None
    return any(repo.lexists(RP.join(RP.directory(target), build)) for target in anchored for build in build_files)


@emits(R.AGM047)
def package_managers(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    if data.kind == N.AGENTS:
        return
    repo = repo_for(ctx)
    owner = owner_folder(data)
    agents = RP.join(owner, "AGENTS.md")
    if not repo.is_file(agents) or agents == data.relpath:
        return
    if nearest(repo, owner, ("package.json",)) is None:
        return
    manager, _ = js_package_manager(repo, owner)
    if manager is not None:
        return  # the lockfile settles it (AGM064)
    mine = js_managers(commands(data.view))
    from validator.standards.agents_md.markdown import parse_markdown

    text = repo.read_text(agents) or ""
    theirs = js_managers(commands(parse_markdown(text)))
    if len(mine) != 1 or len(theirs) != 1:
        return
    (pm, cmd), (other, _) = next(iter(mine.items())), next(iter(theirs.items()))
    if pm == other:
        return
    yield Problem(R.AGM047, f"{data.relpath} uses {pm} while {agents} uses {other} for the same project; agents reading "
                  "different files will use different package managers", T.at(cmd, 0))


_MADE_UP_LEAD = frozenset({"my", "your", "foo", "bar", "baz", "example", "sample", "some", "dummy"})
_MADE_UP_ANYWHERE = frozenset({"my", "your", "foo", "bar", "baz"})
"""Words that make a name made up wherever they stand (`deploy-your-service.sh`, audit 23)."""
_CD_SLOT = lazy(r"\{[^{}/]*\}|<[^<>/]*>|\[[^\[\]/]*\]|\$\{?\w+\}?")


_CD_LINE = lazy(r"(?m)^[ \t]*(?:\$[ \t]+)?cd[ \t]+([^\s;&|#`]+)")


def _earlier_folders(data, repo, cmd: Command) -> list[str]:
    """Where CMD may run besides the file's folder: the folders an earlier `cd` of the same section moved to (a shell
    keeps its folder from block to block), and the folder a path-scoped rule covers (`paths: tests/**`)."""
    from validator.standards.agents_md.scope import scope_folder

    section_start = max((h.start for h in data.view.headings if h.start < cmd.start), default=0)
    folders = []
    for match in _CD_LINE.finditer(data.view.text, section_start, cmd.start):
        target = match.group(1).strip("'\"")
        for folder in (normalize_folder(N.working_folder(data.relpath), target), normalize_folder("", target)):
            if folder and repo.is_dir(folder):
                folders.append(folder)
    scoped = scope_folder(repo, data)
    if scoped:  # the scope's folder and those above it (`tests/` for a rule over `tests/integration/playwright/**`)
        folders.extend(f for f in reversed(RP.ancestors(scoped)) if f)
    return list(dict.fromkeys(folders))


def _under_placeholder_cd(data, repo, clean: str) -> bool:
    """The file `cd`s into a folder named with a slot (`cd src/500-application/{provider-folder}`) and CLEAN exists
    below a folder that slot stands for: the command runs there, in whichever folder the reader picks (audit 23)."""
    import fnmatch

    def build() -> list[str]:
        globs = []
        for cmd in commands(data.view):
            # a `cd` is folded into the commands after it in its block (`cmd.cd`); on its own it is `cd X`
            for target in (cmd.cd or "", cmd.argv[1] if len(cmd.argv) >= 2 and cmd.argv[0] == "cd" else ""):
                if _CD_SLOT.search(target):
                    folder = _CD_SLOT.sub("*", target.strip().removeprefix("./").rstrip("/"))
                    if folder and not folder.startswith(("/", "~", "*")):
                        globs.append(folder)
        return list(dict.fromkeys(globs))

    globs = repo.memo(("placeholder-cds", data.relpath), build)
    if not globs:
        return False
    have = repo.named(posixpath.basename(clean))
    for folder in globs:
        for base in dict.fromkeys(("", data.folder)):
            pattern = posixpath.normpath(RP.join(base, folder)) + "/" + clean
            if any(fnmatch.fnmatchcase(rel, pattern) for rel in have):
                return True
    return False


def _made_up(path: str) -> bool:
    """`scripts/my-script.sh`, `bin/foo.py`, `scripts/example_tool.sh`: a name made up to explain something
    (how paths resolve, how a script is run), not a file of this repository."""
    stem = path.rsplit("/", 1)[-1].split(".", 1)[0].lower()
    words = [w for w in re.split(r"[-_]", stem) if w]
    return bool(words) and (words[0] in _MADE_UP_LEAD or (len(words) == 1 and words[0] in ("script", "myscript"))
                            or any(word in _MADE_UP_ANYWHERE for word in words[1:]))
