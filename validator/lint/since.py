"""`check --changed-since REV`: which files changed since REV, asked of git without letting the repository run anything.

The changed set is every path that differs between REV and the working tree (committed
since REV, staged or not) plus the untracked files that are not ignored, each with how it
changed: `A` added, `D` deleted, `M` modified in place (same kind of file), `T` other.

`check` never executes anything from the repository it lints, and a repository's
configuration can make git run programs: an fsmonitor hook (`core.fsmonitor`), hooks
(`core.hooksPath`), an external diff (`diff.external`, `diff.<driver>.command`), textconv
drivers (`diff.<driver>.textconv`), and clean/process filters (`filter.<driver>.clean`,
`.process`) that `git diff` applies to work-tree files. The system `git` is run with all of
them turned off on its command line (the most trusted configuration scope), no pager, no
prompt, no optional locks, every wait bounded (`GIT_TIMEOUT`). Filter drivers have
free names, so the ones configured are listed first (`git config --get-regexp`, which only
reads) and each is emptied. Git's own `safe.directory` protection is left as it is: a
repository owned by another user is refused by git, and `check` reports that (exit 2).

Which targets to lint once the set is known is decided by `select`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from validator.engine.config import CONFIG_FILES, ConfigError
from validator.records import field, record

GIT_TIMEOUT = 60.0
"""Seconds any one git command may take."""

SAFE_CONFIG = (
    "core.fsmonitor=false", "core.hooksPath=/dev/null", "core.untrackedCache=false", "core.pager=cat",
    "diff.external=", "diff.relative=false", "core.askPass=", "credential.helper=", "core.sshCommand=", "protocol.allow=never",
)
"""`-c` overrides on every git command: nothing a repository configures runs (see the module docstring)."""

SELF_CONTAINED = frozenset({"server-json", "mcp-server-card"})
"""Standards whose checks read their own file and nothing else of the repository (no listing query,
no other file: proven by tests/lint/test_changed_since.py, which watches every read). The checks of
every other standard may read other files or ask what exists, so any change elsewhere may change them."""


@record
class Changes:
    """What differs between REV and the working tree: repository path -> A, D, M or T."""

    rev: str
    status: dict[str, str]


def changed_since(root: Path, rev: str, listed: list[str] | None = None) -> Changes:
    """The changed set of the git work tree at ROOT since REV; a `ConfigError` (exit 2) when it cannot be known.

    LISTED (the run's file listing, relative to ROOT) adds the listed files git does not track: git's
    untracked files honour the user's global excludes file (`core.excludesFile`) and the lint's
    listing does not, so a new file only the global excludes hide is still linted, and so is still new."""
    if not rev or rev.startswith("-") or "\x00" in rev:
        raise ConfigError(f"--changed-since: {rev!r} is not a revision")
    git = shutil.which("git")
    if git is None:
        raise ConfigError("--changed-since needs git, which is not on PATH")
    top = _git(git, root, "rev-parse", "--show-toplevel").strip()
    if not top:
        raise ConfigError(f"--changed-since: {root} is not in a git work tree")
    commit = _git(git, root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
                  what=f"--changed-since: {rev!r} does not name a commit here").strip()
    filters = _filter_overrides(git, root)
    status: dict[str | None, str] = {}
    diff = _git(git, root, *filters, "diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                "--ignore-submodules", "--no-color", commit, "--", ".")
    fields = diff.split("\x00")
    for code, path in zip(fields[0::2], fields[1::2], strict=False):
        if path:
            status[_relative(top, root, path)] = code[:1] if code[:1] in ("A", "D", "M") else "T"
    untracked = _git(git, root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ".")
    for path in untracked.split("\x00"):
        if path:
            status[_relative(top, root, path)] = "A"
    if listed is not None:
        tracked = {_relative(top, root, path) for path in
                   _git(git, root, "ls-files", "-z", "--cached", "--full-name", "--", ".").split("\x00") if path}
        for path in listed:
            if path not in tracked and path not in status:
                status[path] = "A"
    # a file outside the linted folder is never read by its checks (reads stay inside the root)
    return Changes(rev, {path: code for path, code in status.items() if path is not None})


def _relative(top: str, root: Path, path: str) -> str | None:
    """PATH (relative to git's top level) relative to the lint ROOT; None when it lies outside."""
    try:
        return (Path(top) / path).relative_to(root).as_posix()
    except ValueError:
        return None


def _filter_overrides(git: str, root: Path) -> list[str]:
    """`-c` arguments that empty every configured filter driver (clean, smudge, process) and make none required."""
    listing = _git(git, root, "config", "-z", "--get-regexp", r"^filter\..*\.(clean|smudge|process|required)$",
                   allowed=(0, 1))
    drivers = set()
    for item in listing.split("\x00"):
        key = item.split("\n", 1)[0]
        if key.startswith("filter.") and key.count(".") >= 2:
            drivers.add(key[len("filter."):key.rindex(".")])
    out = []
    for driver in sorted(drivers):
        for part, value in (("clean", ""), ("smudge", ""), ("process", ""), ("required", "false")):
            out += ["-c", f"filter.{driver}.{part}={value}"]
    return out


def _git(git: str, root: Path, *args: str, what: str | None = None, allowed: tuple[int, ...] = (0,)) -> str:
    """Output of `git ARGS` in ROOT under the safe overrides; a `ConfigError` when it fails."""
    overrides = [item for pair in (("-c", setting) for setting in SAFE_CONFIG) for item in pair]
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_") or key in _KEPT_ENV}
    env.update(GIT_PAGER="cat", PAGER="cat", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", GIT_EXTERNAL_DIFF="",
               GIT_CONFIG_PARAMETERS="", LC_ALL="C")
    try:
        done = subprocess.run([git, "--no-pager", *overrides, *args], cwd=root, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ConfigError(f"--changed-since: git {args[0]} took longer than {GIT_TIMEOUT:.0f} s") from None
    except OSError as err:
        raise ConfigError(f"--changed-since: git could not be run: {err}") from None
    if done.returncode not in allowed:
        said = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        # git's reason is its `fatal:` line; hints follow it (the `safe.directory` refusal ends with a command)
        reason = next((line for line in said if line.startswith(("fatal:", "error:"))), said[-1] if said else "failed")
        raise ConfigError(what or f"--changed-since: git {args[0]}: {reason}")
    return done.stdout.decode("utf-8", "surrogateescape")


_KEPT_ENV = frozenset({"GIT_DIR", "GIT_WORK_TREE", "GIT_CONFIG_NOSYSTEM", "GIT_CEILING_DIRECTORIES"})
"""Git variables a user may rely on to say where the repository is; every other one (a
`GIT_EXTERNAL_DIFF`, `GIT_CONFIG_COUNT` settings ...) is dropped."""


@record
class Selection:
    """The targets a `--changed-since` run lints."""

    positions: list[int]
    everything: bool
    """A configuration file changed: every target is linted, as in a full run."""
    crossfile: bool
    """The cross-file stage runs (something changed)."""
    rest: list = field(default_factory=list)
    """The targets not linted (the runner fills it in: those that host a cross-file finding are linted after all)."""


def select(targets: list, changes: Changes, config_paths: set[str]) -> Selection:
    """The positions of TARGETS ((module, relpath, abspath), see `runner._targets`) whose findings CHANGES may have changed.

    A target is linted when its file changed (or is reached through a symlink, whose target may be
    the file that changed). The checks of every standard not in `SELF_CONTAINED`
    read other files (build manifests, linked Markdown, skill resources, bundle files, ignore files)
    and ask what exists; which ones is not recorded, so as soon as anything changed every target of
    those standards is linted (a package.json edit can change an AGENTS.md's findings, a deleted
    file a link's). A changed configuration file (CONFIG_PATHS, the files of the configurations this
    run loaded, or any configuration name or `*.toml`, which an `extend` may name) makes every
    target linted, as in a full run.
    """
    changed = changes.status
    if not changed:
        return Selection([], everything=False, crossfile=False)
    if any(path in config_paths or path.rsplit("/", 1)[-1] in CONFIG_FILES or path.endswith(".toml") for path in changed):
        return Selection(list(range(len(targets))), everything=True, crossfile=True)
    positions = [i for i, (module, relpath, abspath) in enumerate(targets)
                 if relpath in changed or module.NAME not in SELF_CONTAINED or _through_symlink(abspath)]
    return Selection(positions, everything=False, crossfile=True)


def _through_symlink(path: Path) -> bool:
    """PATH or a folder on its way is a symlink: what it says may have changed with another file."""
    try:
        return Path(path).resolve() != Path(os.path.abspath(path))
    except (OSError, RuntimeError):
        return True
