"""What the cross-file emitters compare: typed facts built from the run's documents.

The lint run parses every file with its standard's own `parse`; this module turns
those `Document`s into small frozen records (`ServerJson` with its `Package`s and
`Remote`s, `ClientConfig` with its `ClientServer` entries and what each launches) and
gathers them, with the repository's other files (the run's `validator.repo.files.Repo`), into one `Facts`
object: the single argument, beside the context, of every XF emitter
(`fn(facts, ctx) -> Iterable[Problem]`).

Documents of the repository that this run was not given (a pre-commit run on one
client config still compares it with the others and with server.json) come from the
lint run through a `Repository` it passes in: the run parses them with the standard's
own `parse`, once. So the cross-file stage reads standards' documents and modules but
never the registry, and no standard knows this stage.

Every fact keeps its file's path and a locator, so a problem is always reported as
`Problem(..., where=Region, path=relpath)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from validator.parsing.text import Region
from validator.records import field, lazy, record
from validator.repo.files import Repo
from validator.repo.manifests import pep503
from validator.repo.paths import shallowest_first

if TYPE_CHECKING:  # the launch analysis loads only when a client config is compared
    from validator.standards.client_config.launch import Launch

SERVER_JSON = "server-json"
CLIENT_CONFIG = "mcp-client-config"
STANDARDS_READ = (SERVER_JSON, CLIENT_CONFIG)
"""The standards whose documents `gather` reads; a parallel run checks their files in the
process that runs this stage (`validator.lint.parallel`)."""
MAX_SCANNED_SERVER_JSON = 400
"""In a monorepo, at most this many server.json files are read when none was given."""

Locator = Callable[..., Region]
"""`locate(pointer, key=False) -> Region` of a parsed file (`StructuredDocument.locate`)."""


class Repository(Protocol):
    """The lint run's view of the repository's documents, beyond those it was given."""

    def paths(self, standard: str) -> Sequence[str]:
        """Repository files that STANDARD may own (its discovery; not yet parsed)."""
        ...

    def document(self, standard: str, relpath: str):
        """RELPATH parsed by STANDARD's own `parse` (once per run): a `Document`, or None."""
        ...


# -- server.json ------------------------------------------------------------------------------
@record(frozen=True)
class Package:
    """One object of server.json's `packages`, in any published schema version's spelling."""

    index: int
    """Its position in `packages`."""
    registry_type: str | None
    identifier: str | None
    key: str
    """The identifier's key: `identifier`, or `name` in early schema versions."""
    has_version: bool
    version: object
    environment: frozenset[str]
    """Names of its `environmentVariables`, and of variables its Docker `-e`/`--env` arguments set."""
    arguments: frozenset[str]
    """Names of its `packageArguments` (as written, dashes included)."""
    env_file: bool = False
    """Its arguments pass an `--env-file`: which variables it sets cannot be told."""
    url_argument: bool = False
    """One of its `packageArguments` or `runtimeArguments` is an http(s) URL (a proxy or bridge pointed at a host)."""
    transport: str | None = None
    """Its `transport.type` (`stdio`, `streamable-http`, `sse`), when a string."""

    @property
    def match_key(self) -> tuple | None:
        """(kind, comparable name) for matching a launched package: npm name, PEP 503 name or image repository."""
        return package_key(self.registry_type, self.identifier)


@record(frozen=True)
class Remote:
    """One object of server.json's `remotes` with a string `url`."""

    url: str
    headers: frozenset[str]


@record(frozen=True)
class ServerJson:
    """A server.json: its name, version, packages and remotes."""

    relpath: str
    name: str | None
    """The server's name, when a string."""
    version: object
    """The top-level `version` as written (None when absent)."""
    packages: tuple[Package, ...]
    """The package objects (other items of `packages` are skipped)."""
    remotes: tuple[Remote, ...]
    locate: Locator = field(compare=False, repr=False)

    def region(self, pointer: tuple) -> Region:
        return self.locate(pointer)

    def version_of(self, package: Package) -> tuple[object, tuple]:
        """The version PACKAGE publishes and its pointer: its own `version`, else the top-level one."""
        if package.has_version:
            return package.version, ("packages", package.index, "version")
        return self.version, ("version",)


def server_json_facts(doc) -> ServerJson | None:
    """The facts of a parsed server.json `Document` (None when its value is not an object)."""
    data = doc.data
    value = data.value if data is not None else None
    if not isinstance(value, dict):
        return None
    items = value.get("packages")
    packages = tuple(_package(i, pkg) for i, pkg in enumerate(items) if isinstance(pkg, dict)) \
        if isinstance(items, list) else ()
    items = value.get("remotes")
    remotes = tuple(Remote(remote["url"], names(remote.get("headers"))) for remote in items
                    if isinstance(remote, dict) and isinstance(remote.get("url"), str)) if isinstance(items, list) else ()
    name = value.get("name")
    return ServerJson(doc.relpath, name if isinstance(name, str) else None, value.get("version"), packages, remotes,
                      data.locate)


def _package(index: int, pkg: dict) -> Package:
    rtype = pkg.get("registryType") or pkg.get("registry_type") or pkg.get("registry_name")
    key = "identifier" if "identifier" in pkg else "name"
    ident = pkg.get(key)
    arguments = [item for spelling in ("runtimeArguments", "runtime_arguments", "packageArguments", "package_arguments")
                 if isinstance(items := pkg.get(spelling), list) for item in items if isinstance(item, dict)]
    passed, env_file = argument_environment(arguments)
    return Package(index, rtype if isinstance(rtype, str) else None, ident if isinstance(ident, str) else None, key,
                   "version" in pkg, pkg.get("version"),
                   names(pkg.get("environmentVariables", pkg.get("environment_variables"))) | passed,
                   names(pkg.get("packageArguments", pkg.get("package_arguments"))), env_file,
                   any(_is_url(arg.get(k)) for arg in arguments for k in ("value", "default", "name")),
                   _transport_type(pkg.get("transport")))


def _transport_type(transport) -> str | None:
    kind = transport.get("type") if isinstance(transport, dict) else None
    return kind if isinstance(kind, str) else None


def _is_url(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


_ENV_FLAGS = ("-e", "--env")
_ENV_NAME = lazy(r"[A-Za-z_][A-Za-z0-9_]*")


def argument_environment(arguments: list[dict]) -> tuple[frozenset[str], bool]:
    """Variables that server.json arguments set through Docker's `-e NAME=value` / `--env NAME` (and whether an
    `--env-file` is passed).

    An OCI package commonly declares its settings as `runtimeArguments` rather than `environmentVariables`:
    `{"type": "named", "name": "-e", "value": "TFE_TOKEN={token}", "variables": {...}}` tells registry users to set
    TFE_TOKEN just as well (https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/
    generic-server-json.md, "runtimeArguments"; Docker: https://docs.docker.com/reference/cli/docker/container/run/#env).
    The positional spelling (`-e`, then `NAME=value`) and the joined one (`--env=NAME=value`) count too.
    """
    found: set[str] = set()
    env_file = False
    expect = False
    for arg in arguments:
        name, value = arg.get("name"), arg.get("value", arg.get("default"))
        if arg.get("type") == "positional" or not isinstance(name, str):
            name, value = (value, None) if not expect else (None, value)
        if expect:
            expect = False
            if name is None:
                found.update(_env_name(value))
                continue
        if not isinstance(name, str):
            continue
        flag, joined, rest = name.partition("=")
        if flag == "--env-file":
            env_file = True
        elif flag in _ENV_FLAGS:
            if joined:
                found.update(_env_name(rest))
            elif isinstance(value, str):
                found.update(_env_name(value))
            else:
                expect = True
    return frozenset(found), env_file


def _env_name(text) -> tuple[str, ...]:
    if not isinstance(text, str):
        return ()
    match = _ENV_NAME.fullmatch(text.split("=", 1)[0].strip())
    return (match.group(0),) if match else ()


def names(items) -> frozenset[str]:
    """The string `name`s of a list of objects (environment variables, arguments, headers)."""
    if not isinstance(items, list):
        return frozenset()
    return frozenset(item["name"] for item in items if isinstance(item, dict) and isinstance(item.get("name"), str))


# -- client configs ---------------------------------------------------------------------------
@record(frozen=True)
class ClientServer:
    """One server entry of a client config, as the client reads it (see `client_config.entries.Entry`)."""

    name: str
    pointer: tuple
    """The entry object (its key is the server name)."""
    kind: str | None
    """`stdio`, `remote`, `other` or None (cannot tell)."""
    args: tuple[tuple[object, tuple], ...]
    """(value, pointer) of each argument."""
    env: tuple[tuple[str, tuple], ...]
    """(name, pointer) of each environment variable."""
    url: object
    headers: tuple[tuple[str, tuple], ...]
    """(name, pointer) of each header."""
    disabled: bool
    launch: Launch | None = field(compare=False)
    """What an enabled stdio entry's command line launches (None otherwise)."""
    env_values: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """(name, value) of each environment variable whose value is text."""

    @property
    def package_key(self) -> tuple | None:
        """(kind, comparable name) of the registry package it launches, as `Package.match_key`."""
        launch = self.launch
        if launch is None or not launch.package or launch.source != "registry":
            return None
        if launch.tool == "npx":
            return ("npm", launch.package.lower())
        if launch.tool in ("uvx", "pipx"):
            return ("pypi", pep503(launch.package))
        if launch.tool == "docker":
            return ("oci", normalize_image(launch.package))
        return None


@record(frozen=True)
class ClientConfig:
    """A client config file and its server entries."""

    relpath: str
    client: str
    servers: tuple[ClientServer, ...]
    locate: Locator = field(compare=False, repr=False)

    def region(self, pointer: tuple, *, key: bool = False) -> Region:
        return self.locate(pointer, key=key)


def client_config_facts(doc) -> ClientConfig | None:
    """The facts of a parsed client-config `Document` (from `meta["servers"]`; None without data)."""
    if doc.data is None:
        return None
    entries = tuple(_client_server(entry) for entry in doc.meta.get("servers", []))
    return ClientConfig(doc.relpath, doc.meta.get("client", ""), entries, doc.data.locate)


def _client_server(entry: dict) -> ClientServer:
    args = tuple(entry.get("args", []))
    launch = None
    if entry.get("kind") == "stdio" and not entry.get("disabled"):
        from validator.standards.client_config.launch import analyze

        launch = analyze(entry.get("command"), [arg if isinstance(arg, str) else "" for arg, _ in args])
    return ClientServer(entry["name"], entry["pointer"], entry.get("kind"), args, tuple(entry.get("env", {}).items()),
                        entry.get("url"), tuple(entry.get("headers", {}).items()), bool(entry.get("disabled")), launch,
                        tuple(entry.get("env_values", {}).items()))


# -- names compared across files --------------------------------------------------------------
def package_key(registry_type: str | None, identifier: str | None) -> tuple | None:
    if not isinstance(identifier, str) or not identifier:
        return None
    if registry_type == "npm":
        return ("npm", identifier.lower())
    if registry_type == "pypi":
        return ("pypi", pep503(identifier))
    if registry_type in ("oci", "docker"):
        return ("oci", normalize_image(identifier))
    return None


def normalize_image(ref: str) -> str:
    """An image reference without tag/digest, default registry and `library/` (for comparison)."""
    from validator.standards.client_config.launch import split_image

    repo = split_image(ref.strip())[0].lower()
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        if repo.startswith(prefix):
            repo = repo[len(prefix):]
    if repo.startswith("library/"):
        repo = repo[len("library/"):]
    return repo


# -- everything, for one run ------------------------------------------------------------------
class Facts:
    """The run's server.json files and client configs as facts, and lazy access to the rest of the repository."""

    def __init__(self, servers: Sequence[ServerJson], clients: Sequence[ClientConfig], files: Repo,
                 repository: Repository) -> None:
        self.servers: tuple[ServerJson, ...] = tuple(servers)
        """The server.json files this run was given."""
        self.clients: tuple[ClientConfig, ...] = tuple(clients)
        """The client configs this run was given."""
        self.files = files
        self.repository = repository
        self._repository_servers: tuple[ServerJson, ...] | None = None
        self._other_clients: tuple[ClientConfig, ...] | None = None

    def locate(self, where, at_key: bool = False):
        """(The lint driver's hook for pointer problems.) Cross-file problems always name their file."""
        raise TypeError(f"a cross-file problem names its file: Problem(..., where=Region, path=...), not {where!r}")

    @property
    def given(self) -> frozenset[str]:
        """Paths of the client configs this run was given (and reports on)."""
        return frozenset(client.relpath for client in self.clients)

    def project_servers(self) -> tuple[ServerJson, ...]:
        """The server.json files that describe this repository: those given, else the repository's own."""
        if self.servers:
            return self.servers
        if self._repository_servers is None:
            paths = shallowest_first(self.repository.paths(SERVER_JSON))[:MAX_SCANNED_SERVER_JSON]
            found = (self.repository.document(SERVER_JSON, rel) for rel in paths)
            self._repository_servers = tuple(facts for doc in found if doc is not None
                                             and (facts := server_json_facts(doc)) is not None)
        return self._repository_servers

    def other_clients(self) -> tuple[ClientConfig, ...]:
        """The repository's client configs this run was not given (pre-commit on a few files)."""
        if self._other_clients is None:
            given = self.given
            found = (self.repository.document(CLIENT_CONFIG, rel) for rel in self.repository.paths(CLIENT_CONFIG)
                     if rel not in given)
            self._other_clients = tuple(facts for doc in found if doc is not None
                                        and (facts := client_config_facts(doc)) is not None)
        return self._other_clients


def gather(documents, index, repository: Repository) -> Facts | None:
    """The facts of DOCUMENTS (every document this run parsed); None when none is a server.json or client config."""
    servers = [server for doc in documents if doc.standard == SERVER_JSON and (server := server_json_facts(doc))]
    clients = [config for doc in documents if doc.standard == CLIENT_CONFIG and (config := client_config_facts(doc))]
    if not servers and not clients:
        return None
    return Facts(servers, clients, Repo.of(index), repository)
