"""Committed client configs against server.json (XF007) and against each other (XF008).

An entry "runs this repository's server" when it launches a package server.json lists
(same npm name, PEP 503 PyPI name or OCI repository) or reaches one of its remotes;
only those are compared with server.json. Drift between configs compares what each
entry of the same name runs: the package and its pinned version, the local script, or
the remote host; per-client flags and stdio-versus-remote alternatives are normal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from validator.crossfile import rules as R
from validator.crossfile.facts import ClientConfig, ClientServer, Facts, Package, Remote, ServerJson
from validator.emitters import emits
from validator.model import Problem
from validator.repo.files import Repo
from validator.repo.paths import directory, join_inside

RUNTIME_ENV = frozenset({
    "PATH", "HOME", "USER", "NODE_ENV", "NODE_OPTIONS", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED", "DEBUG",
    "NO_COLOR", "FORCE_COLOR", "TERM", "TZ", "LANG", "LC_ALL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy",
    "https_proxy", "no_proxy", "PYTHONUNBUFFERED", "PYTHONPATH", "PYTHONIOENCODING", "PYTHONDONTWRITEBYTECODE",
    "VIRTUAL_ENV", "UV_PYTHON", "UV_INDEX_URL", "PIP_INDEX_URL", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
    "DOCKER_HOST", "CI",
})
_ROOT_VARIABLES = ("${workspaceFolder}/", "${CLAUDE_PLUGIN_ROOT}/", "${CLAUDE_PROJECT_DIR}/", "${PWD}/", "./")


# -- settings server.json does not declare -----------------------------------------------------
@emits(R.XF007)
def undeclared_settings(facts: Facts, ctx) -> Iterator[Problem]:
    """Env vars, flags and headers the given client configs pass to this repository's own server."""
    if not facts.clients:
        return
    packages, remotes = _own(facts.project_servers())
    if not (packages or remotes):
        return
    for config in facts.clients:
        for entry in config.servers:
            yield from _undeclared(config, entry, packages, remotes, facts.files)


def _own(servers: tuple[ServerJson, ...]) -> tuple[dict, dict]:
    """This repository's packages {match key: (server.json path, package)} and remotes {url: (path, remote)}."""
    packages: dict[tuple, tuple[str, Package]] = {}
    remotes: dict[str, tuple[str, Remote]] = {}
    for server in servers:
        for package in server.packages:
            key = package.match_key
            if key:
                packages.setdefault(key, (server.relpath, package))
        for remote in server.remotes:
            remotes.setdefault(remote.url.rstrip("/"), (server.relpath, remote))
    return packages, remotes


def _undeclared(config: ClientConfig, entry: ClientServer, packages: dict, remotes: dict,
                files: Repo) -> Iterator[Problem]:
    def at(pointer: tuple, message: str, *, key: bool = False) -> Problem:
        return Problem(R.XF007, message, config.region(pointer, key=key), path=config.relpath)

    launch = entry.launch
    key = entry.package_key
    if launch is not None and key in packages:
        path, package = packages[key]
        ident = package.identifier
        args = entry.args
        env = dict(entry.env)
        keyed = set(env)
        start = launch.docker.get("container_args") if launch.tool == "docker" else launch.args_after_spec
        passed = args[start or len(args):]
        bundled = _bundled_files(files, config.relpath, passed)
        for name, index in (launch.docker.get("env", {}) if launch.tool == "docker" else {}).items():
            if 0 <= index < len(args):
                env.setdefault(name, args[index][1])
        values = dict(entry.env_values)
        for name, pointer in env.items() if not package.env_file else ():
            if name in package.environment or name in RUNTIME_ENV or _read_by(files, bundled, name):
                continue
            if values.get(name, "").startswith(_CHECKOUT_PATHS):
                continue  # a path into the contributor's checkout (`${workspaceFolder}/../x-template`): a dev setting
            yield at(pointer, f"{name} is set for {ident} here, but {path} does not declare it in environmentVariables; "
                     "registry users will not know to set it", key=name in keyed)
        declared_flags = {n.lstrip("-") for n in package.arguments}
        for i, (arg, pointer) in enumerate(passed):
            if not isinstance(arg, str) or not arg.startswith("--") or arg == "--":
                continue
            flag, joined, value = arg.partition("=")
            if not joined and i + 1 < len(passed) and isinstance(passed[i + 1][0], str) \
                    and not passed[i + 1][0].startswith("-"):
                value = passed[i + 1][0]
            if flag.lstrip("-") in declared_flags or _restates_transport(flag, value, package.transport):
                continue
            if value and _repository_file(files, config.relpath, value):
                continue  # a file shipped beside the config (`--config ${CLAUDE_PLUGIN_ROOT}/x.toml`): see below
            if value and "{{" in value and "}}" in value:
                continue  # `--dir {{PROJECT_PATH}}`: a scaffold's per-install slot (firebase init writes the file), not a setting
            yield at(pointer, f"{flag} is passed to {ident} here, but {path} declares no such packageArgument")
        return
    url = entry.url
    if entry.kind == "remote" and isinstance(url, str) and url.rstrip("/") in remotes:
        path, remote = remotes[url.rstrip("/")]
        declared = {n.lower() for n in remote.headers}
        for name, pointer in entry.headers:
            if name.lower() not in declared:
                yield at(pointer, f"header {name} is sent to {url} here, but {path} does not declare it in the "
                         "remote's headers", key=True)


_TRANSPORT_FLAGS = frozenset({"transport", "transport-type", "transport-mode", "mode"})
_TRANSPORT_SPELLINGS = {"http": "streamablehttp", "shttp": "streamablehttp"}


def _transport_name(text: str) -> str:
    name = re.sub(r"[-_\s]", "", text.lower())
    return _TRANSPORT_SPELLINGS.get(name, name)


def _restates_transport(flag: str, value: str, declared: str | None) -> bool:
    """FLAG (with VALUE) only selects the transport server.json already declares (`--transport stdio`, `--stdio`
    for a `"transport": {"type": "stdio"}` package): registry users launched by `transport.type` lose nothing."""
    if not declared:
        return False
    name = flag.lstrip("-").lower()
    if _transport_name(name) == _transport_name(declared):
        return True
    return name in _TRANSPORT_FLAGS and bool(value) and _transport_name(value) == _transport_name(declared)


# Where a config's own files live: the variables clients expand to the plugin's or the workspace's root
# (https://code.claude.com/docs/en/plugins-reference#environment-variables,
# https://code.visualstudio.com/docs/reference/variables-reference).
_PLUGIN_ROOT = "${CLAUDE_PLUGIN_ROOT}/"
_WORKSPACE_ROOTS = ("${workspaceFolder}/", "${CLAUDE_PROJECT_DIR}/", "${PWD}/")
_CHECKOUT_PATHS = _WORKSPACE_ROOTS + ("${workspaceRoot}/", "./", "../")
"""A value that is a path into (or beside) the contributor's checkout: a development setting."""
_MAX_BUNDLED = 8
_MAX_BUNDLED_BYTES = 256 * 1024


def _repository_file(files: Repo, config_path: str, value: str) -> str | None:
    """The repository file an argument names (a path under the plugin root, the workspace, or relative to the
    config or the root), or None. Paths outside the repository or built from other variables are not resolved."""
    folder = directory(config_path)
    if value.startswith(_PLUGIN_ROOT):
        # a plugin's .mcp.json sits at its root; servers inlined in plugin.json sit in its `.claude-plugin/`
        root = directory(folder) if folder.rsplit("/", 1)[-1] == ".claude-plugin" else folder
        bases, rest = [root], value[len(_PLUGIN_ROOT):]
    elif value.startswith(_WORKSPACE_ROOTS):
        bases, rest = [""], value.split("/", 1)[1]
    else:
        bases, rest = [folder, ""], value
    if not rest or rest.startswith(("/", "~")) or any(ch in rest for ch in "$%{}`*?\n"):
        return None
    for base in dict.fromkeys(bases):
        rel = join_inside(base, rest)
        if rel and files.is_file(rel):
            return rel
    return None


def _bundled_files(files: Repo, config_path: str, passed) -> tuple[str, ...]:
    """The repository files the entry's arguments pass to the server (a config file, a policy ...)."""
    found: list[str] = []
    for arg, _ in passed:
        if not isinstance(arg, str):
            continue
        value = arg.partition("=")[2] if arg.startswith("-") else arg
        rel = _repository_file(files, config_path, value) if value else None
        if rel and rel not in found:
            found.append(rel)
    return tuple(found[:_MAX_BUNDLED])


def _read_by(files: Repo, bundled: tuple[str, ...], name: str) -> bool:
    """A file the entry passes to the server interpolates NAME (`dsn = "${DBHUB_DSN}"`): the variable feeds the
    project's own file, which registry users do not have, so it is not a setting server.json should declare."""
    reference = re.compile(r"\$\{(?:env[:.])?" + re.escape(name) + r"(?:[}:?=-])|\$" + re.escape(name) + r"\b|"
                           r"\{env[:.]" + re.escape(name) + r"\}|%" + re.escape(name) + r"%")
    for rel in bundled:
        data = files.read_bytes(rel)
        if data is not None and len(data) <= _MAX_BUNDLED_BYTES and reference.search(data.decode("utf-8", "replace")):
            return True
    return False


# -- drift between configs ---------------------------------------------------------------------
@emits(R.XF008)
def server_drift(facts: Facts, ctx) -> Iterator[Problem]:
    """A server of the same name that runs something else in another of the repository's client configs."""
    if not facts.clients:
        return
    given = facts.given
    by_name: dict[str, list[tuple[ClientConfig, ClientServer, tuple]]] = {}
    for config in facts.clients + facts.other_clients():
        for entry in config.servers:
            signature = _signature(entry)
            if signature is not None:
                by_name.setdefault(entry.name, []).append((config, entry, signature))
    for name, uses in by_name.items():
        uses.sort(key=lambda use: use[0].relpath)
        reported: set[str] = set()
        for i, (config, entry, signature) in enumerate(uses):
            for other_config, other_entry, other in uses[:i]:
                if other_config.relpath == config.relpath or not _differ(signature, other):
                    continue
                # report on the later file, or on the earlier one when only that one was given
                if config.relpath in given:
                    target, target_entry, mine, theirs, where = config, entry, signature, other, other_config.relpath
                elif other_config.relpath in given:
                    target, target_entry, mine, theirs, where = other_config, other_entry, other, signature, config.relpath
                else:
                    continue
                if target.relpath in reported:
                    continue
                reported.add(target.relpath)
                yield Problem(R.XF008, f"server '{name}' runs {_describe(mine)} here but {_describe(theirs)} in {where}",
                              target.region(target_entry.pointer, key=True), path=target.relpath)


def _signature(entry: ClientServer) -> tuple | None:
    if entry.disabled:
        return None
    if entry.kind == "remote":
        url = entry.url
        if not isinstance(url, str) or "$" in url or "{" in url:
            return None
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
        return ("remote", host) if host else None
    launch = entry.launch
    if launch is None:
        return None
    key = entry.package_key
    if key is not None:
        return ("package", key, launch.version if launch.pinned else None)
    if launch.source != "registry" or launch.tool in ("npx", "uvx", "pipx", "docker"):
        return None
    for arg, _ in entry.args:
        if isinstance(arg, str) and not arg.startswith("-") and ("/" in arg or "\\" in arg) and "." in arg.rsplit("/", 1)[-1]:
            return ("script", _strip_root(arg))
    return None


def _strip_root(path: str) -> str:
    path = path.replace("\\", "/")
    changed = True
    while changed:
        changed = False
        for prefix in _ROOT_VARIABLES:
            if path.startswith(prefix):
                path, changed = path[len(prefix):], True
    return path


def _describe(signature: tuple) -> str:
    kind = signature[0]
    if kind == "remote":
        return f"a server at {signature[1]}"
    if kind == "script":
        return signature[1]
    name = signature[1][1]
    return f"{name}@{signature[2]}" if signature[2] else name


def _differ(a: tuple, b: tuple) -> bool:
    if a[0] != b[0]:
        return False  # a local build in one client and the published package in another is normal
    if a[0] == "package":
        if a[1] != b[1]:
            return True
        return a[2] is not None and b[2] is not None and a[2] != b[2]
    if a[0] == "script":
        # `/abs/path/to/repo/dist/index.js` and `dist/index.js` name the same script
        return not (a[1] == b[1] or a[1].endswith("/" + b[1]) or b[1].endswith("/" + a[1]))
    return a[1] != b[1]
