"""server.json against the packages it publishes: registry ownership, versions, identifiers (XF001-XF005).

A package of server.json is paired with a manifest in the repository only when that
is unambiguous: a package.json whose `name` is the npm `identifier`, a pyproject.toml
whose `[project] name` is the PyPI identifier (PEP 503-normalised), the Dockerfile(s)
beside server.json or at the root for an OCI image. Manifests are looked for in
server.json's folder, then at the root, then anywhere in the repository (by name,
bounded). The MCPB bundle is `bundle.py`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.crossfile import rules as R
from validator.crossfile.facts import Facts, Package, ServerJson
from validator.emitters import emits
from validator.model import Problem
from validator.parsing.text import TextIndex
from validator.records import lazy
from validator.repo.files import Manifest, Repo
from validator.repo.manifests import npm_published, pep503, poetry_readme, project_name, project_table
from validator.repo.paths import directory, join_inside, near

_VERSION = lazy(r"^v?\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.+-]+)?$")
_PLACEHOLDER_VERSIONS = frozenset({"0.0.0", "0.0.0-development", "0.0.0-dev", "0.0.0-semantic-release", "0.0.0-semver"})
_RELEASE = lazy(r"^v?(\d+(?:\.\d+)*)")
_SUFFIX_WORD = lazy(r"[A-Za-z]+")
# The words that mark a version as work in progress rather than a release: PEP 440's developmental release
# (`1.0.dev3`, `1.0dev`, https://peps.python.org/pep-0440/#developmental-releases), semver/npm `-dev.N`,
# `-development`, `-devel`, and Maven's `-SNAPSHOT`.
_DEV_WORDS = frozenset({"dev", "devel", "development", "snapshot"})
OCI_LABEL = "io.modelcontextprotocol.server.name"


@emits(R.XF001, R.XF002, R.XF003, R.XF004, R.XF005)
def published_packages(facts: Facts, ctx) -> Iterator[Problem]:
    """Each npm, PyPI and OCI package of each given server.json against its manifest in the repository."""
    names = frozenset(server.name for server in facts.servers if server.name)
    for server in facts.servers:
        counts: dict[str | None, int] = {}
        for package in server.packages:
            counts[package.registry_type] = counts.get(package.registry_type, 0) + 1
        for package in server.packages:
            if not package.identifier:
                continue
            site = _Site(server, package, facts.files, counts[package.registry_type] == 1, names)
            if package.registry_type == "npm":
                yield from site.npm(package.identifier)
            elif package.registry_type == "pypi":
                yield from site.pypi(package.identifier)
            elif package.registry_type in ("oci", "docker"):
                yield from site.oci(package.identifier)


def comparable(version) -> str | None:
    """VERSION without a leading `v` when it is a concrete version worth comparing."""
    if not isinstance(version, str) or not _VERSION.match(version.strip()):
        return None
    version = version.strip()
    if version in _PLACEHOLDER_VERSIONS:
        return None
    return version[1:] if version.startswith("v") else version


def is_development(version: str) -> bool:
    """VERSION marks unreleased work (`0.9.0.dev5`, `1.3.0-dev.2`, `2.0-SNAPSHOT`); a `+local` label is ignored."""
    release = _RELEASE.match(version)
    suffix = version[release.end():] if release else version
    suffix = suffix.split("+", 1)[0]
    return any(word.lower() in _DEV_WORDS for word in _SUFFIX_WORD.findall(suffix))


def _release(version: str) -> tuple[int, ...]:
    match = _RELEASE.match(version)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def names_last_release(published: str, manifest: str) -> bool:
    """The manifest is at a development version and server.json names a release before the one being developed:
    between releases the source moves on to `0.9.0.dev5` while server.json rightly keeps the last published
    release (`0.8.25`); pointing it at the development version would name a release that does not exist."""
    if not is_development(manifest) or is_development(published):
        return False
    mine, theirs = _release(published), _release(manifest)
    width = max(len(mine), len(theirs))
    return mine + (0,) * (width - len(mine)) < theirs + (0,) * (width - len(theirs))


_WRITES_SERVER_JSON = lazy(
    r"""\bmv\s+\S+\s+\S*server\.json\b|>\s*\S*server\.json\b|\bsed\s+-i\S*\s[^\n]*server\.json"""
    r"""|open\(\s*['"][^'"\n]*server\.json['"]\s*,\s*['"][wa]|writeFileSync\([^)\n]*server\.json"""
    r"""|\bsponge\s+\S*server\.json\b""")
"""A workflow line that writes server.json: `jq ... > server.tmp && mv server.tmp server.json`, `sed -i ... server.json`,
Python opening server.json for writing, Node's `writeFileSync('server.json', ...)`."""


def stamped_in_ci(files: Repo) -> bool:
    """A GitHub Actions workflow rewrites server.json before publishing (the release sets its version from the tag or
    the package), so the committed version is a stand-in until then and drift from the package is expected
    (audit 15: Figma-Context-MCP, storybookjs/mcp, PagerDuty)."""
    def build() -> bool:
        for rel in files.listed_files():
            if rel.startswith(".github/workflows/") and rel.endswith((".yml", ".yaml")):
                text = files.read_text(rel) or ""
                if "server.json" in text and _WRITES_SERVER_JSON.search(text):
                    return True
        return False
    return files.memo(("crossfile", "server-json-stamped-in-ci"), build)


class _Site:
    """One package of one server.json, and what it is compared with."""

    def __init__(self, server: ServerJson, package: Package, files: Repo, only_of_type: bool,
                 names: frozenset[str] = frozenset()) -> None:
        self.server, self.package, self.files, self.only = server, package, files, only_of_type
        self.names = names
        """The names of every server.json of the repository."""
        self.name = server.name
        self.version, self.vpointer = server.version_of(package)

    def find(self, filename: str, fmt: str, matches) -> Manifest | None:
        """The manifest beside server.json (or at the root) that MATCHES, else the only one in the repository."""
        close = near(self.server.relpath, filename)
        for rel in close:
            manifest = self.files.structured(rel, fmt)
            if manifest is not None and isinstance(manifest.value, dict) and matches(manifest.value):
                return manifest
        found = []
        for rel in self.files.named(filename):
            if rel in close:
                continue
            manifest = self.files.structured(rel, fmt)
            if manifest is not None and isinstance(manifest.value, dict) and matches(manifest.value):
                found.append(manifest)
                if len(found) > 1:
                    return None  # several packages of that name (copies, fixtures): ambiguous, compare none
        return found[0] if found else None

    def drift(self, manifest: Manifest, own: object, where: str) -> Iterator[Problem]:
        mine, theirs = comparable(self.version), comparable(own)
        if mine and theirs and mine != theirs and not names_last_release(mine, theirs) \
                and not stamped_in_ci(self.files):
            label = f"packages[{self.package.index}].version" if self.vpointer[0] == "packages" else "version"
            yield Problem(R.XF004, f"{label} is '{self.version}' but {manifest.path} {where} '{own}'",
                          self.server.region(self.vpointer), path=self.server.relpath)

    def npm(self, ident: str) -> Iterator[Problem]:
        paired = self.find("package.json", "json", lambda v: v.get("name") == ident)
        if paired is not None:
            paired = self.published_member(paired, ident) or paired
        if paired is None:
            yield from self.unpaired(ident, "package.json", "json", npm_published, lambda v: v["name"])
            return
        if self.name:
            if "mcpName" not in paired.value:
                yield Problem(R.XF001, f"package.json of '{ident}' has no \"mcpName\"; the MCP registry needs "
                              f"\"mcpName\": \"{self.name}\" to publish {self.name}",
                              paired.region(("name",)), path=paired.path)
            elif paired.value.get("mcpName") != self.name and paired.value.get("mcpName") not in self.names:
                # a mcpName that names another server.json of the repository publishes under that one: a NuGet
                # package's `.mcp/server.json` beside the root's (audit 19: memorylens-mcp)
                yield Problem(R.XF001, f"mcpName is {paired.value.get('mcpName')!r} but server.json is named "
                              f"'{self.name}'; the MCP registry refuses to publish",
                              paired.region(("mcpName",)), path=paired.path)
        yield from self.drift(paired, paired.value.get("version"), "says")

    def published_member(self, root: Manifest, ident: str) -> Manifest | None:
        """The one workspace member of ROOT (a workspaces root) that bears the name IDENT and is not private: the
        package npm publishes, where the root only groups it (`local/` and `shared/` under one server folder)."""
        if not isinstance(root.value.get("workspaces"), (list, dict)):
            return None
        from validator.repo.javascript import workspace_members

        found = []
        for rel in workspace_members(self.files, root.path):
            manifest = self.files.structured(rel, "json")
            value = manifest.value if manifest is not None else None
            if isinstance(value, dict) and value.get("name") == ident and value.get("private") is not True:
                found.append(manifest)
        return found[0] if len(found) == 1 else None

    def pypi(self, ident: str) -> Iterator[Problem]:
        want = pep503(ident)
        paired = self.find("pyproject.toml", "toml", lambda v: _pep503_name(v) == want)
        if paired is None:
            yield from self.unpaired(ident, "pyproject.toml", "toml", lambda v: project_name(v) is not None,
                                     project_name, normalize=pep503)
            return
        project = project_table(paired.value)
        dynamic = project.get("dynamic")
        if not isinstance(dynamic, list):
            dynamic = []
        if "version" in project and "version" not in dynamic:
            yield from self.drift(paired, project.get("version"), "says")
        if self.name and "readme" not in dynamic:
            yield from self.readme(paired, project)

    def readme(self, paired: Manifest, project: dict) -> Iterator[Problem]:
        marker = f"mcp-name: {self.name}"
        readme = project.get("readme")
        if readme is None:
            readme = poetry_readme(paired.value)
        if isinstance(readme, dict) and isinstance(readme.get("text"), str):
            if marker not in readme["text"]:
                yield Problem(R.XF002, f"the inline readme of '{project_name(paired.value)}' lacks '{marker}'; "
                              "the MCP registry looks for it in the PyPI description",
                              paired.region(("project", "readme")), path=paired.path)
            return
        if isinstance(readme, dict):
            readme = readme.get("file")
        if not isinstance(readme, str):
            return
        rel = join_inside(directory(paired.path), readme)
        text = self.files.read_text(rel) if rel else None
        if text is None or marker in text:
            return
        yield Problem(R.XF002, f"{rel} is the PyPI description of '{project_name(paired.value)}' but lacks "
                      f"'{marker}'; the MCP registry needs it to publish {self.name}",
                      TextIndex(text).line_region(1), path=rel)

    def unpaired(self, ident: str, filename: str, fmt: str, published, name_of, normalize=lambda s: s) -> Iterator[Problem]:
        """No manifest names the identifier: compare with the one in server.json's own folder, if unambiguous."""
        if not self.only:
            return
        rel = join_inside(directory(self.server.relpath), filename)
        manifest = self.files.structured(rel, fmt) if rel else None
        if manifest is None or not isinstance(manifest.value, dict) or not published(manifest.value):
            return
        own = name_of(manifest.value)
        if isinstance(own, str) and normalize(own) != normalize(ident):
            if (self.package.url_argument or is_bridge(ident)) and not close_names(own, ident):
                # The entry deliberately installs a proxy or bridge (`mcp-proxy-for-aws`, `mcp-remote`,
                # `supergateway`) pointed at a hosted endpoint: not the package beside server.json, and not a typo.
                return
            if renamed_at_publish(self.files, ident):
                return  # the publishing workflow renames the package to the identifier (`jq '.name = "..."'`)
            index, key = self.package.index, self.package.key
            yield Problem(R.XF005, f"packages[{index}].{key} is '{ident}' but {rel} publishes '{own}'",
                          self.server.region(("packages", index, key)), path=self.server.relpath)

    def oci(self, ident: str) -> Iterator[Problem]:
        if not self.name:
            return
        dockerfiles = [rel for name in ("Dockerfile", "Containerfile") for rel in near(self.server.relpath, name)
                       if self.files.read_text(rel) is not None]
        labels = [(rel, value, offset) for rel in dockerfiles for value, offset in oci_labels(self.files.read_text(rel))]
        if labels:
            if any(value == self.name for _, value, _ in labels):
                return
            for rel, value, offset in labels:
                if "$" in value:
                    continue
                region = TextIndex(self.files.read_text(rel) or "").region(offset, offset + len(value))
                yield Problem(R.XF003, f"label {OCI_LABEL} is '{value}' but server.json is named "
                              f"'{self.name}'; the MCP registry refuses to publish the image {ident}", region, path=rel)
            return
        if not dockerfiles or _label_set_elsewhere(self.files):
            return
        rel = dockerfiles[0]
        yield Problem(R.XF003, f"no LABEL {OCI_LABEL}=\"{self.name}\" here or in the workflows; the MCP registry "
                      f"needs it on the image {ident}", TextIndex(self.files.read_text(rel) or "").line_region(1), path=rel)


_BRIDGES = ("mcp-remote", "mcp-proxy", "supergateway")
_GENERIC_TOKENS = frozenset({"mcp", "server", "servers", "modelcontextprotocol"})


def is_bridge(ident: str) -> bool:
    """IDENT is a known stdio-to-remote bridge or proxy package (`mcp-remote`, `mcp-proxy*`, `supergateway`)."""
    base = ident.lower().rsplit("/", 1)[-1]
    return any(base == bridge or base.startswith(bridge + "-") or base.startswith(bridge + "_") for bridge in _BRIDGES)


def _core(name: str) -> str:
    tokens = re.split(r"[-_./@]+", name.lower())
    return "-".join(t for t in tokens if t and t not in _GENERIC_TOKENS)


def close_names(a: str, b: str) -> bool:
    """A and B differ by a scope, an added or dropped `mcp`/`server`, or a small edit (a likely mistake)."""
    ca, cb = _core(a), _core(b)
    if not ca or not cb:
        return True
    if ca == cb or ca in cb or cb in ca:
        return True
    import difflib  # only when two names are compared

    return difflib.SequenceMatcher(None, ca, cb).ratio() >= 0.7


def _pep503_name(value: dict) -> str | None:
    name = project_name(value)
    return pep503(name) if name is not None else None


_PUBLISH = lazy(r"\b(?:npm|pnpm|yarn|bun)\b[^\n]*\bpublish\b|\b(?:twine\s+upload|uv\s+publish|poetry\s+publish|"
              r"flit\s+publish|hatch\s+publish)\b|pypa/gh-action-pypi-publish|JS-DevTools/npm-publish")


def renamed_at_publish(files: Repo, ident: str) -> bool:
    """A CI workflow that publishes also sets the package's name to IDENT (`jq '.name = "@acme/x"'`, `npm pkg set
    name=@acme/x`, `sed ... "name": "@acme/x"`): the manifest's own name is a development name, and the package
    reaches the registry as IDENT."""
    setting = re.compile(r"""\bname["']?\s*[:=]\s*\\?["']?""" + re.escape(ident) + r"""(?![\w@/.-])""")
    workflows = [rel for rel in files.listed_files() if rel.startswith(".github/workflows/")
                 and rel.endswith((".yml", ".yaml")) or rel in (".gitlab-ci.yml", ".circleci/config.yml")]
    for rel in workflows[:200]:
        text = files.read_text(rel)
        if text and ident in text and _PUBLISH.search(text) and setting.search(text):
            return True
    return False


def _label_set_elsewhere(files: Repo) -> bool:
    """Another Dockerfile, a workflow or a build file of the repository sets the label."""
    candidates = [rel for rel in files.listed_files() if rel.rsplit("/", 1)[-1].startswith(("Dockerfile", "Containerfile"))
                  or rel.startswith(".github/workflows/") or rel.rsplit("/", 1)[-1].lower().startswith(
                      ("docker-bake", "makefile", "justfile", "compose", "docker-compose", ".goreleaser"))]
    for rel in candidates[:200]:
        text = files.read_text(rel)
        if text and OCI_LABEL in text:
            return True
    return False


_LABEL_LINE = lazy(r"^[ \t]*LABEL[ \t]+", re.IGNORECASE | re.MULTILINE)
_LABEL_PAIR = lazy(r"""(?:"io\.modelcontextprotocol\.server\.name"|io\.modelcontextprotocol\.server\.name)"""
                         r"""(?:[ \t]*=[ \t]*|[ \t]+)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s\\]+))""")


def oci_labels(text: str | None) -> list[tuple[str, int]]:
    """(value, offset) of each `io.modelcontextprotocol.server.name` set by a LABEL instruction in TEXT."""
    if not text:
        return []
    out = []
    for start in _LABEL_LINE.finditer(text):
        end = start.end()
        # a logical line continues while a physical line ends with a backslash
        while True:
            newline = text.find("\n", end)
            if newline == -1:
                end = len(text)
                break
            if text[:newline].rstrip("\r").endswith("\\"):
                end = newline + 1
                continue
            end = newline
            break
        for match in _LABEL_PAIR.finditer(text, start.end(), end):
            group = 1 if match.group(1) is not None else 2 if match.group(2) is not None else 3
            out.append((match.group(group), match.start(group)))
    return out
