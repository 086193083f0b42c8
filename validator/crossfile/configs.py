"""Committed client configs against server.json and against each other (XF007, XF008).

An entry "runs this repository's server" when it launches a package server.json lists
(same npm name, PEP 503 PyPI name or OCI repository) or reaches one of its remotes;
only those are compared with server.json. Drift between configs compares what each
entry of the same name runs: the package and its pinned version, the local script, or
the remote host; per-client flags and stdio-versus-remote alternatives are normal.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from validator.crossfile import rules as R
from validator.crossfile.checks import RepoFiles
from validator.crossfile.packages import normalize_image, package_fields, pep503
from validator.model import Finding

RUNTIME_ENV = frozenset({
    "PATH", "HOME", "USER", "NODE_ENV", "NODE_OPTIONS", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED", "DEBUG",
    "NO_COLOR", "FORCE_COLOR", "TERM", "TZ", "LANG", "LC_ALL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy",
    "https_proxy", "no_proxy", "PYTHONUNBUFFERED", "PYTHONPATH", "PYTHONIOENCODING", "PYTHONDONTWRITEBYTECODE",
    "VIRTUAL_ENV", "UV_PYTHON", "UV_INDEX_URL", "PIP_INDEX_URL", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
    "DOCKER_HOST", "CI",
})
_ROOT_VARIABLES = ("${workspaceFolder}/", "${CLAUDE_PLUGIN_ROOT}/", "${CLAUDE_PROJECT_DIR}/", "${PWD}/", "./")


def lazy_server_docs(files: RepoFiles, documents) -> list:
    """server.json files of the repository when none were given (a pre-commit run on client configs)."""
    from validator.standards.server_json.reader import is_mcp_server_json

    out = []
    for rel in files.named("server.json"):
        manifest = files.structured(rel, "json")
        if manifest is not None and is_mcp_server_json(manifest.value):
            out.append(_Lazy(rel, manifest))
    return out


class _Lazy:
    """A file read through the index, shaped like a parsed Document for this module."""

    def __init__(self, relpath: str, manifest) -> None:
        self.relpath = relpath
        self.data = manifest.doc
        self.meta = {}


def _own(servers) -> tuple[dict, dict]:
    """This repository's packages {(kind, name): (server.json path, package)} and remotes {url: remote}."""
    packages: dict = {}
    remotes: dict = {}
    for doc in servers:
        value = doc.data.value
        for pkg in value.get("packages") or []:
            if not isinstance(pkg, dict):
                continue
            rtype, ident, _ = package_fields(pkg)
            key = _package_key(rtype, ident)
            if key:
                packages.setdefault(key, (doc.relpath, pkg))
        for remote in value.get("remotes") or []:
            if isinstance(remote, dict) and isinstance(remote.get("url"), str):
                remotes.setdefault(remote["url"].rstrip("/"), (doc.relpath, remote))
    return packages, remotes


def _package_key(rtype, ident) -> tuple | None:
    if not isinstance(ident, str) or not ident:
        return None
    if rtype == "npm":
        return ("npm", ident.lower())
    if rtype == "pypi":
        return ("pypi", pep503(ident))
    if rtype in ("oci", "docker"):
        return ("oci", normalize_image(ident))
    return None


def _launch_key(launch) -> tuple | None:
    if launch is None or not launch.package or launch.source != "registry":
        return None
    if launch.tool == "npx":
        return ("npm", launch.package.lower())
    if launch.tool in ("uvx", "pipx"):
        return ("pypi", pep503(launch.package))
    if launch.tool == "docker":
        return ("oci", normalize_image(launch.package))
    return None


def _launch_of(entry: dict):
    from validator.standards.client_config.launch import analyze

    if entry.get("kind") != "stdio" or entry.get("disabled"):
        return None
    return analyze(entry.get("command"), [arg if isinstance(arg, str) else "" for arg, _ in entry.get("args", [])])


def check_clients(clients, servers, files: RepoFiles, documents) -> Iterator[Finding]:
    packages, remotes = _own(servers)
    if packages or remotes:
        for doc in clients:
            for entry in doc.meta.get("servers", []):
                yield from _undeclared(doc, entry, packages, remotes)
    yield from _drift(clients, files, documents)


def _undeclared(doc, entry: dict, packages: dict, remotes: dict) -> Iterator[Finding]:
    def at(pointer: tuple, message: str, *, key: bool = False) -> Finding:
        return Finding.at(R.XF007, doc.relpath, doc.data.locate(pointer, key=key), message)

    launch = _launch_of(entry)
    key = _launch_key(launch)
    if key in packages:
        path, pkg = packages[key]
        ident = package_fields(pkg)[1]
        declared_env = _names(pkg.get("environmentVariables", pkg.get("environment_variables")))
        args = entry.get("args", [])
        env = dict(entry.get("env", {}))
        keyed = set(env)
        for name, index in (launch.docker.get("env", {}) if launch.tool == "docker" else {}).items():
            if 0 <= index < len(args):
                env.setdefault(name, args[index][1])
        for name, pointer in env.items():
            if name in declared_env or name in RUNTIME_ENV:
                continue
            yield at(pointer, f"{name} is set for {ident} here, but {path} does not declare it in environmentVariables; "
                     "registry users will not know to set it", key=name in keyed)
        declared_flags = {n.lstrip("-") for n in _names(pkg.get("packageArguments", pkg.get("package_arguments")))}
        start = launch.docker.get("container_args") if launch.tool == "docker" else launch.args_after_spec
        for arg, pointer in args[start or len(args):]:
            if not isinstance(arg, str) or not arg.startswith("--") or arg == "--":
                continue
            flag = arg.split("=", 1)[0]
            if flag.lstrip("-") not in declared_flags:
                yield at(pointer, f"{flag} is passed to {ident} here, but {path} declares no such packageArgument")
        return
    url = entry.get("url")
    if entry.get("kind") == "remote" and isinstance(url, str) and url.rstrip("/") in remotes:
        path, remote = remotes[url.rstrip("/")]
        declared = {n.lower() for n in _names(remote.get("headers"))}
        for name, pointer in entry.get("headers", {}).items():
            if name.lower() not in declared:
                yield at(pointer, f"header {name} is sent to {url} here, but {path} does not declare it in the "
                         "remote's headers", key=True)


def _names(items) -> set[str]:
    if not isinstance(items, list):
        return set()
    return {item["name"] for item in items if isinstance(item, dict) and isinstance(item.get("name"), str)}


# -- drift between configs ---------------------------------------------------------------------
def _signature(entry: dict) -> tuple | None:
    if entry.get("disabled"):
        return None
    if entry.get("kind") == "remote":
        url = entry.get("url")
        if not isinstance(url, str) or "$" in url or "{" in url:
            return None
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
        return ("remote", host) if host else None
    launch = _launch_of(entry)
    if launch is None:
        return None
    key = _launch_key(launch)
    if key is not None:
        return ("package", key, launch.version if launch.pinned else None)
    if launch.source != "registry" or launch.tool in ("npx", "uvx", "pipx", "docker"):
        return None
    for arg, _ in entry.get("args", []):
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


def _drift(clients, files: RepoFiles, documents) -> Iterator[Finding]:
    given = {doc.relpath for doc in clients}
    everything = list(clients) + _other_client_docs(files, given)
    by_name: dict[str, list] = {}
    for doc in everything:
        for entry in doc.meta.get("servers", []):
            signature = _signature(entry)
            if signature is not None:
                by_name.setdefault(entry["name"], []).append((doc, entry, signature))
    for name, uses in by_name.items():
        uses.sort(key=lambda use: use[0].relpath)
        reported: set[str] = set()
        for i, (doc, entry, signature) in enumerate(uses):
            for other_doc, other_entry, other in uses[:i]:
                if other_doc.relpath == doc.relpath or not _differ(signature, other):
                    continue
                # report on the later file, or on the earlier one when only that one was given
                if doc.relpath in given:
                    target, target_entry, mine, theirs, where = doc, entry, signature, other, other_doc.relpath
                elif other_doc.relpath in given:
                    target, target_entry, mine, theirs, where = other_doc, other_entry, other, signature, doc.relpath
                else:
                    continue
                if target.relpath in reported:
                    continue
                reported.add(target.relpath)
                yield Finding.at(R.XF008, target.relpath, target.data.locate(target_entry["pointer"], key=True),
                                 f"server '{name}' runs {_describe(mine)} here but {_describe(theirs)} in {where}")


def _other_client_docs(files: RepoFiles, given: set[str]) -> list:
    """Client configs of the repository that were not given (pre-commit on a few files), parsed lazily."""
    from validator import registry
    from validator.engine.files import SourceFile
    from validator.standards.base import CheckContext

    module = next((m for m in registry.standards() if m.NAME == "mcp-client-config"), None)
    if module is None:
        return []
    out = []
    ctx = CheckContext(root=files.index.root, index=files.index)
    for rel in module.discover(files.index):
        if rel in given:
            continue
        path = files.index.resolve(rel)
        if path is None:
            continue
        try:
            doc = module.parse(SourceFile(path, rel), ctx)
        except Exception:  # noqa: BLE001 - a file that cannot be read is simply not compared
            continue
        if doc is not None and doc.data is not None:
            out.append(doc)
    return out
