"""What a stdio server's `command` + `args` launch: a registry package, an image, or local code.

Understands the launchers MCP configs use: `npx` (and `bunx`, `pnpx`, `pnpm dlx`,
`yarn dlx`, `bun x`, `npm exec`), `uvx` / `uv tool run`, `pipx run`, `docker run` /
`podman run`, and `cmd /c` wrappers around any of them. For each it finds the package
spec (or image) and its position in `args`, whether the version is pinned, and for
Docker the flags that decide whether stdio can work. Used by the CFG rules and by
the cross-file stage (is this entry launching the repository's own package?).

Pure string work: nothing is executed or resolved.
"""

from __future__ import annotations

import re

from validator.records import field, lazy, record

SHELLS = frozenset({"sh", "bash", "zsh", "dash", "fish", "ksh", "cmd", "powershell", "pwsh"})
_EXACT_SEMVER = lazy(r"^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_PEP440_EXACT = lazy(r"^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$")
_LOCAL_FILE = lazy(r"\.(?:[cm]?js|[cm]?ts|tsx|jsx|py|sh)$")
"""A script file an argument names: `npx tsx src/index.ts` runs a local file, not the package's server."""
SCRIPT_RUNNERS = frozenset({"tsx", "ts-node", "ts-node-dev", "esno", "esrun", "vite-node", "jiti", "nodemon", "node",
                            "tsm", "sucrase-node", "@babel/node", "bun", "deno"})
"""npm packages that run the script given to them: `npx tsx ./server` is a local server whatever its argument.
A path or variable argument to any other package (`server-filesystem /data`, `--root ${HOME}`) is that server's
own setting, and the package is still fetched from the registry."""
_NPX_BOOL = frozenset({"-y", "--yes", "-q", "--quiet", "--no", "--no-install", "--prefer-offline", "--prefer-online",
                       "-s", "--silent", "--ignore-existing", "--offline", "--legacy-peer-deps", "-w"})
_UV_VALUE = frozenset({"--from", "--with", "--with-editable", "--with-requirements", "-p", "--python", "--index-url",
                       "--extra-index-url", "--index", "--default-index", "--find-links", "-f", "--constraints",
                       "--overrides", "--build-constraints", "--env-file", "--python-platform", "--cache-dir",
                       "--config-file", "--directory", "--project", "--color", "--index-strategy", "--keyring-provider",
                       "--resolution", "--prerelease", "--exclude-newer", "--link-mode", "--reinstall-package",
                       "--refresh-package", "--upgrade-package", "-P", "--no-binary-package", "--only-binary",
                       "--no-build-package", "--config-setting", "-C", "--allow-insecure-host"})
_PIPX_VALUE = frozenset({"--spec", "--python", "--pip-args", "--index-url", "-i", "--editable", "-e", "--backend"})
_DOCKER_VALUE = frozenset({
    "-e", "--env", "-v", "--volume", "--name", "-p", "--publish", "--network", "--net", "--mount", "-w", "--workdir",
    "-u", "--user", "--entrypoint", "--env-file", "--platform", "-l", "--label", "--add-host", "--cpus", "-m",
    "--memory", "--pull", "--restart", "-h", "--hostname", "--cap-add", "--cap-drop", "--device", "--dns",
    "--dns-search", "--dns-option", "--gpus", "--ipc", "--log-driver", "--log-opt", "--runtime", "--security-opt",
    "--shm-size", "--tmpfs", "--ulimit", "--stop-signal", "--stop-timeout", "--pid", "--userns", "--uts",
    "--cgroupns", "--cidfile", "--label-file", "--link", "--expose", "--health-cmd", "--health-interval",
    "--health-retries", "--health-timeout", "--health-start-period", "--memory-swap", "--memory-reservation",
    "-c", "--cpu-shares", "--cpuset-cpus", "--cpuset-mems", "-a", "--attach", "--group-add", "--mac-address",
    "--ip", "--ip6", "--network-alias", "--storage-opt", "--sysctl", "--volumes-from", "--volume-driver",
    "--isolation", "--domainname", "--oom-score-adj", "--detach-keys", "--annotation", "--cgroup-parent",
    "--device-read-bps", "--device-write-bps", "--blkio-weight", "--kernel-memory", "--cpu-period", "--cpu-quota",
    "--cpu-rt-period", "--cpu-rt-runtime", "--pids-limit", "--userns-remap", "--arch", "--os", "--secret",
    "--env-host", "--pod", "--replace"})
_DOCKER_BOOL_CLUSTER = lazy(r"^-[ditPq]+$")


@record
class Launch:
    """One stdio command line, understood."""

    tool: str
    """`npx`, `uvx`, `pipx`, `docker`, or the command's base name for anything else."""
    offset: int = 0
    """Index in the original `args` where the launcher's own arguments start (after `cmd /c npx`)."""
    package: str | None = None
    """Registry package name or image (without version/tag)."""
    version: str | None = None
    """The version, tag or digest as written (None when absent)."""
    spec_index: int | None = None
    """Index in the original `args` of the package spec or image."""
    pinned: bool = False
    local_runner: bool = False
    """The package only runs local code (`npx tsx src/index.ts`)."""
    source: str = "registry"
    """`registry`, `git`, `path` or `variable` (the spec is not a registry name)."""
    docker: dict = field(default_factory=dict)
    """For `docker run`: `run_index`, `interactive`, `tty`/`detach` (arg indexes), `attach`, `env` {KEY: index},
    `volumes` [(index, value)], `container_args` (index where the image's own arguments start)."""

    @property
    def args_after_spec(self) -> int | None:
        return None if self.spec_index is None else self.spec_index + 1


def base(command: str) -> str:
    name = re.split(r"[/\\]", command.strip())[-1].lower()
    for ext in (".exe", ".cmd", ".bat", ".ps1"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


def is_shell(command: object) -> bool:
    """COMMAND is a shell (`sh -c`, `cmd /c`, `powershell -Command`), which expands variables itself."""
    return isinstance(command, str) and base(command) in SHELLS


def analyze(command: object, args: object) -> Launch | None:
    """The launch of COMMAND with ARGS, or None when they are not a string and a list of strings."""
    if not isinstance(command, str) or not command.strip():
        return None
    argv = [a if isinstance(a, str) else "" for a in args] if isinstance(args, list) else []
    tool = base(command)
    offset = 0
    # `cmd /c npx ...` and `cmd.exe /c` wrappers (Windows instructions)
    if tool == "cmd" and argv and argv[0].lower() in ("/c", "/k", "/s") and len(argv) > 1:
        start = 1
        while start < len(argv) and argv[start].lower() in ("/c", "/k", "/s", "/q"):
            start += 1
        if start < len(argv):
            tool, offset = base(argv[start]), start + 1
    rest = argv[offset:]
    if tool in ("pnpm", "yarn") and rest[:1] == ["dlx"]:
        return _npx(tool, rest[1:], offset + 1)
    if tool == "bun" and rest[:1] == ["x"]:
        return _npx(tool, rest[1:], offset + 1)
    if tool == "npm" and rest[:1] == ["exec"]:
        return _npx(tool, [a for a in rest[1:]], offset + 1)
    if tool in ("npx", "bunx", "pnpx"):
        return _npx(tool, rest, offset)
    if tool == "uvx":
        return _uvx(rest, offset)
    if tool == "uv" and rest[:2] == ["tool", "run"]:
        return _uvx(rest[2:], offset + 2)
    if tool == "pipx" and rest[:1] == ["run"]:
        return _pipx(rest[1:], offset + 1)
    if tool in ("docker", "podman"):
        return _docker(tool, rest, offset)
    return Launch(tool, offset)


def _classify_source(spec: str) -> str:
    if "${" in spec or spec.startswith("$") or "%" in spec:
        return "variable"
    if spec.startswith(("git+", "github:", "gitlab:", "bitbucket:", "git://")) or "://" in spec:
        return "git"
    if spec.startswith((".", "/", "~", "file:")) or "\\" in spec or spec.endswith((".tgz", ".tar.gz", ".whl")) or \
            re.match(r"^[A-Za-z]:", spec):
        return "path"
    return "registry"


def _split_npm(spec: str) -> tuple[str, str | None]:
    at = spec.find("@", 1)
    if at == -1:
        return spec, None
    return spec[:at], spec[at + 1:]


def _npx(tool: str, argv: list[str], offset: int) -> Launch:
    launch = Launch("npx", offset)
    packages: list[tuple[int, str]] = []
    i = 0
    positional = None
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            i += 1
            if i < len(argv):
                positional = i
            break
        if arg in ("-p", "--package") and i + 1 < len(argv):
            packages.append((i + 1, argv[i + 1]))
            i += 2
            continue
        if arg.startswith("--package="):
            packages.append((i, arg.split("=", 1)[1]))
            i += 1
            continue
        if arg in ("-c", "--call"):
            break
        if arg.startswith("-"):
            i += 1
            continue
        positional = i
        break
    if packages:
        index, spec = packages[0]
    elif positional is not None:
        index, spec = positional, argv[positional]
    else:
        return launch
    launch.spec_index = offset + index
    launch.source = _classify_source(spec)
    if launch.source != "registry":
        return launch
    name, version = _split_npm(spec)
    launch.package, launch.version = name, version
    launch.pinned = version is not None and bool(_EXACT_SEMVER.match(version))
    if positional is not None and not packages:
        following = argv[positional + 1:]
        launch.local_runner = version is None and (name in SCRIPT_RUNNERS or any(
            _LOCAL_FILE.search(a) for a in following if not a.startswith("-")))
    return launch


def _split_python(spec: str) -> tuple[str, str | None, bool]:
    """(name, version text, pinned) of a PEP 508-ish spec or uv's `name@version`."""
    match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$", spec.strip())
    if not match:
        return spec, None, False
    name, rest = match.group(1), match.group(3).strip()
    if not rest:
        return name, None, False
    if rest.startswith("@"):
        version = rest[1:]
        return name, version, bool(_PEP440_EXACT.match(version) or _EXACT_SEMVER.match(version))
    if rest.startswith("==="):
        return name, rest[3:], True
    if rest.startswith("==") and "," not in rest:
        version = rest[2:]
        return name, version, "*" not in version
    return name, rest, False


def _python_spec(argv: list[str], spec_option: str, value_options: frozenset) -> tuple[int, str] | None:
    """(index, spec) of the package a Python tool runner installs: SPEC_OPTION's value, else the command."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == spec_option and i + 1 < len(argv):
            return i + 1, argv[i + 1]
        if arg.startswith(spec_option + "="):
            return i, arg.split("=", 1)[1]
        if arg in value_options:
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            # the command to run; a later --from/--spec would be its own argument
            return i, arg
    return None


def _python_launch(tool: str, argv: list[str], offset: int, spec_option: str, value_options: frozenset) -> Launch:
    """`uvx [--from spec] cmd` / `pipx run [--spec spec] app`."""
    launch = Launch(tool, offset)
    found = _python_spec(argv, spec_option, value_options)
    if found is None:
        return launch
    index, spec = found
    launch.spec_index = offset + index
    launch.source = _classify_source(spec)
    if launch.source == "registry":
        launch.package, launch.version, launch.pinned = _split_python(spec)
        if launch.version == "latest":
            launch.pinned = False
    return launch


def _uvx(argv: list[str], offset: int) -> Launch:
    return _python_launch("uvx", argv, offset, "--from", _UV_VALUE)


def _pipx(argv: list[str], offset: int) -> Launch:
    return _python_launch("pipx", argv, offset, "--spec", _PIPX_VALUE)


def split_image(ref: str) -> tuple[str, str | None, bool]:
    """(repository, tag-or-digest, pinned) of an image reference."""
    if "@" in ref:
        repo, digest = ref.split("@", 1)
        name = repo.rsplit(":", 1)[0] if ":" in repo.rsplit("/", 1)[-1] else repo
        return name, digest, digest.startswith("sha256:")
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = ref.rsplit(":", 1)
        return repo, tag, tag != "latest" and bool(tag)
    return ref, None, False


def _docker(tool: str, argv: list[str], offset: int) -> Launch:
    launch = Launch("docker", offset)
    if argv[:1] == ["run"]:
        start = 1
    elif argv[:2] == ["container", "run"]:
        start = 2
    else:
        return launch
    info: dict = {"run_index": offset + start - 1, "interactive": None, "tty": None, "detach": None,
                  "attach": False, "env": {}, "volumes": []}
    i = start
    image_at = None
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            i += 1
            continue
        if not arg.startswith("-") or arg == "-":
            image_at = i
            break
        name, _, value = arg.partition("=")
        if arg.startswith("--"):
            if name in ("--interactive", "--tty", "--detach"):
                on = value.lower() not in ("false", "0") if value else True
                info[{"--interactive": "interactive", "--tty": "tty", "--detach": "detach"}[name]] = (offset + i) if on else None
                i += 1
                continue
            if name in _DOCKER_VALUE:
                taken = value if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else "")
                _docker_value(info, name, taken, offset + (i if "=" in arg else i + 1))
                i += 1 if "=" in arg else 2
                continue
            i += 1
            continue
        if _DOCKER_BOOL_CLUSTER.match(arg):
            for flag, key in (("i", "interactive"), ("t", "tty"), ("d", "detach")):
                if flag in arg[1:]:
                    info[key] = offset + i
            i += 1
            continue
        short = arg[:2]
        if short in _DOCKER_VALUE:
            attached = arg[2:]
            if attached:
                _docker_value(info, short, attached.lstrip("="), offset + i)
                i += 1
            else:
                _docker_value(info, short, argv[i + 1] if i + 1 < len(argv) else "", offset + i + 1)
                i += 2
            continue
        i += 1
    launch.docker = info
    if image_at is None:
        return launch
    image = argv[image_at]
    launch.spec_index = offset + image_at
    info["container_args"] = offset + image_at + 1
    if "${" in image or image.startswith("$") or "=" in image:
        launch.source = "variable"
        return launch
    launch.package, launch.version, launch.pinned = split_image(image)
    return launch


def _docker_value(info: dict, option: str, value: str, index: int) -> None:
    if option in ("-e", "--env"):
        key = value.split("=", 1)[0]
        if key:
            info["env"][key] = index
    elif option in ("-v", "--volume", "--mount"):
        info["volumes"].append((index, value))
    elif option in ("-a", "--attach"):
        info["attach"] = True
