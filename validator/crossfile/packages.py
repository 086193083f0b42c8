"""server.json against the packages it publishes (XF001-XF006).

A package of server.json is paired with a manifest in the repository only when that
is unambiguous: a package.json whose `name` is the npm `identifier`, a pyproject.toml
whose `[project] name` is the PyPI identifier (PEP 503-normalised), the Dockerfile(s)
beside server.json or at the root for an OCI image, the MCPB manifest beside it.
Manifests are looked for in server.json's folder, then at the root, then anywhere in
the repository (by name, bounded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.crossfile import rules as R
from validator.crossfile.checks import Manifest, RepoFiles, folder, join, near
from validator.model import Finding
from validator.parsing.text import Region, TextIndex

_VERSION = re.compile(r"^v?\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.+-]+)?$")
_PLACEHOLDER_VERSIONS = frozenset({"0.0.0", "0.0.0-development", "0.0.0-dev", "0.0.0-semantic-release", "0.0.0-semver"})
OCI_LABEL = "io.modelcontextprotocol.server.name"


def pep503(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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


def comparable(version) -> str | None:
    """VERSION without a leading `v` when it is a concrete version worth comparing."""
    if not isinstance(version, str) or not _VERSION.match(version.strip()):
        return None
    version = version.strip()
    if version in _PLACEHOLDER_VERSIONS:
        return None
    return version[1:] if version.startswith("v") else version


def package_fields(pkg: dict) -> tuple[str | None, str | None, str]:
    """(registry type, identifier, the identifier's key) in any published schema version's spelling."""
    rtype = pkg.get("registryType") or pkg.get("registry_type") or pkg.get("registry_name")
    key = "identifier" if "identifier" in pkg else "name"
    ident = pkg.get(key)
    return (rtype if isinstance(rtype, str) else None, ident if isinstance(ident, str) else None, key)


def check_server(doc, files: RepoFiles) -> Iterator[Finding]:
    value = doc.data.value
    name = value.get("name") if isinstance(value.get("name"), str) else None
    packages = value.get("packages") if isinstance(value.get("packages"), list) else []
    counts: dict[str, int] = {}
    for pkg in packages:
        if isinstance(pkg, dict):
            rtype = package_fields(pkg)[0]
            counts[rtype] = counts.get(rtype, 0) + 1
    for i, pkg in enumerate(packages):
        if not isinstance(pkg, dict):
            continue
        rtype, ident, key = package_fields(pkg)
        if not ident:
            continue
        if "version" in pkg:
            version, vpointer = pkg.get("version"), ("packages", i, "version")
        else:
            version, vpointer = value.get("version"), ("version",)
        site = _Site(doc, files, name, i, key, version, vpointer, counts.get(rtype, 0) == 1)
        if rtype == "npm":
            yield from site.npm(ident)
        elif rtype == "pypi":
            yield from site.pypi(ident)
        elif rtype in ("oci", "docker"):
            yield from site.oci(ident)
    yield from _mcpb(doc, files, value, packages)


class _Site:
    """One package of one server.json, and what it is compared with."""

    def __init__(self, doc, files: RepoFiles, name, index, key, version, vpointer, only_of_type) -> None:
        self.doc, self.files, self.name, self.index, self.key = doc, files, name, index, key
        self.version, self.vpointer, self.only = version, vpointer, only_of_type

    def here(self, pointer: tuple) -> Region:
        return self.doc.data.locate(pointer)

    def find(self, filename: str, fmt: str, matches) -> Manifest | None:
        """The manifest beside server.json (or at the root) that MATCHES, else the only one in the repository."""
        close = near(self.doc.relpath, filename)
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

    def drift(self, manifest: Manifest, own: object, where: str) -> Iterator[Finding]:
        mine, theirs = comparable(self.version), comparable(own)
        if mine and theirs and mine != theirs:
            label = f"packages[{self.index}].version" if self.vpointer[0] == "packages" else "version"
            yield Finding.at(R.XF004, self.doc.relpath, self.here(self.vpointer),
                             f"{label} is '{self.version}' but {manifest.path} {where} '{own}'")

    def npm(self, ident: str) -> Iterator[Finding]:
        paired = self.find("package.json", "json", lambda v: v.get("name") == ident)
        if paired is None:
            yield from self.unpaired(ident, "package.json", "json", lambda v: _published_npm(v), lambda v: v["name"])
            return
        if self.name:
            if "mcpName" not in paired.value:
                yield Finding.at(R.XF001, paired.path, paired.region(("name",)),
                                 f"package.json of '{ident}' has no \"mcpName\"; the MCP registry needs "
                                 f"\"mcpName\": \"{self.name}\" to publish {self.name}")
            elif paired.value.get("mcpName") != self.name:
                yield Finding.at(R.XF001, paired.path, paired.region(("mcpName",)),
                                 f"mcpName is {paired.value.get('mcpName')!r} but server.json is named "
                                 f"'{self.name}'; the MCP registry refuses to publish")
        yield from self.drift(paired, paired.value.get("version"), "says")

    def pypi(self, ident: str) -> Iterator[Finding]:
        want = pep503(ident)
        paired = self.find("pyproject.toml", "toml", lambda v: _py_name(v) is not None and pep503(_py_name(v)) == want)
        if paired is None:
            yield from self.unpaired(ident, "pyproject.toml", "toml", lambda v: _py_name(v) is not None,
                                     lambda v: _py_name(v), normalize=pep503)
            return
        project = paired.value.get("project") if isinstance(paired.value.get("project"), dict) else {}
        dynamic = project.get("dynamic") if isinstance(project.get("dynamic"), list) else []
        if "version" in project and "version" not in dynamic:
            yield from self.drift(paired, project.get("version"), "says")
        if self.name and "readme" not in dynamic:
            yield from self.readme(paired, project)

    def readme(self, paired: Manifest, project: dict) -> Iterator[Finding]:
        marker = f"mcp-name: {self.name}"
        readme = project.get("readme")
        if readme is None:
            poetry = paired.value.get("tool", {}).get("poetry", {}) if isinstance(paired.value.get("tool"), dict) else {}
            readme = poetry.get("readme") if isinstance(poetry, dict) else None
            if isinstance(readme, list) and len(readme) == 1:
                readme = readme[0]
        if isinstance(readme, dict) and isinstance(readme.get("text"), str):
            if marker not in readme["text"]:
                yield Finding.at(R.XF002, paired.path, paired.region(("project", "readme")),
                                 f"the inline readme of '{_py_name(paired.value)}' lacks '{marker}'; the MCP registry "
                                 "looks for it in the PyPI description")
            return
        if isinstance(readme, dict):
            readme = readme.get("file")
        if not isinstance(readme, str):
            return
        rel = join(folder(paired.path), readme)
        text = self.files.text(rel) if rel else None
        if text is None or marker in text:
            return
        first = TextIndex(text).line_region(1)
        yield Finding.at(R.XF002, rel, first, f"{rel} is the PyPI description of '{_py_name(paired.value)}' but lacks "
                         f"'{marker}'; the MCP registry needs it to publish {self.name}")

    def unpaired(self, ident: str, filename: str, fmt: str, published, name_of, normalize=lambda s: s) -> Iterator[Finding]:
        """No manifest names the identifier: compare with the one in server.json's own folder, if unambiguous."""
        if not self.only:
            return
        rel = join(folder(self.doc.relpath), filename)
        manifest = self.files.structured(rel, fmt) if rel else None
        if manifest is None or not isinstance(manifest.value, dict) or not published(manifest.value):
            return
        own = name_of(manifest.value)
        if isinstance(own, str) and normalize(own) != normalize(ident):
            yield Finding.at(R.XF005, self.doc.relpath, self.here(("packages", self.index, self.key)),
                             f"packages[{self.index}].{self.key} is '{ident}' but {rel} publishes '{own}'")

    def oci(self, ident: str) -> Iterator[Finding]:
        if not self.name:
            return
        dockerfiles = [rel for name in ("Dockerfile", "Containerfile") for rel in near(self.doc.relpath, name)
                       if self.files.exists(rel)]
        labels = [(rel, value, offset) for rel in dockerfiles for value, offset in oci_labels(self.files.text(rel))]
        if labels:
            if any(value == self.name for _, value, _ in labels):
                return
            for rel, value, offset in labels:
                if "$" in value:
                    continue
                text = self.files.text(rel)
                region = TextIndex(text).region(offset, offset + len(value))
                yield Finding.at(R.XF003, rel, region, f"label {OCI_LABEL} is '{value}' but server.json is named "
                                 f"'{self.name}'; the MCP registry refuses to publish the image {ident}")
            return
        if not dockerfiles or self._label_set_elsewhere():
            return
        rel = dockerfiles[0]
        yield Finding.at(R.XF003, rel, TextIndex(self.files.text(rel)).line_region(1),
                         f"no LABEL {OCI_LABEL}=\"{self.name}\" here or in the workflows; the MCP registry needs it "
                         f"on the image {ident}")

    def _label_set_elsewhere(self) -> bool:
        """Another Dockerfile, a workflow or a build file of the repository sets the label."""
        index = self.files.index
        candidates = [rel for rel in index.files if rel.rsplit("/", 1)[-1].startswith(("Dockerfile", "Containerfile"))
                      or rel.startswith(".github/workflows/") or rel.rsplit("/", 1)[-1].lower().startswith(
                          ("docker-bake", "makefile", "justfile", "compose", "docker-compose", ".goreleaser"))]
        for rel in candidates[:200]:
            text = self.files.text(rel)
            if text and OCI_LABEL in text:
                return True
        return False


def _published_npm(value: dict) -> bool:
    return isinstance(value.get("name"), str) and value.get("private") is not True and "workspaces" not in value


def _py_name(value: dict) -> str | None:
    project = value.get("project")
    if isinstance(project, dict) and isinstance(project.get("name"), str):
        return project["name"]
    tool = value.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict) and isinstance(poetry.get("name"), str):
        return poetry["name"]
    return None


_LABEL_LINE = re.compile(r"^[ \t]*LABEL[ \t]+", re.IGNORECASE | re.MULTILINE)
_LABEL_PAIR = re.compile(r"""(?:"io\.modelcontextprotocol\.server\.name"|io\.modelcontextprotocol\.server\.name)"""
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


def _mcpb(doc, files: RepoFiles, value: dict, packages: list) -> Iterator[Finding]:
    mcpb_version = None
    has_mcpb = False
    for i, pkg in enumerate(packages):
        if isinstance(pkg, dict) and package_fields(pkg)[0] == "mcpb":
            has_mcpb = True
            if "version" in pkg:
                mcpb_version = (pkg.get("version"), ("packages", i, "version"))
    for rel in near(doc.relpath, "manifest.json"):
        manifest = files.structured(rel, "json")
        if manifest is None or not is_mcpb_manifest(manifest.value):
            continue
        if not (has_mcpb or folder(rel) == folder(doc.relpath)):
            continue
        version, pointer = mcpb_version or (value.get("version"), ("version",))
        mine, theirs = comparable(version), comparable(manifest.value.get("version"))
        if mine and theirs and mine != theirs:
            label = "version" if pointer == ("version",) else f"packages[{pointer[1]}].version"
            yield Finding.at(R.XF006, doc.relpath, doc.data.locate(pointer),
                             f"{label} is '{version}' but the MCPB bundle {rel} is version "
                             f"'{manifest.value.get('version')}'")
        return


def is_mcpb_manifest(value) -> bool:
    """An MCPB (formerly DXT) manifest.json, read as plain JSON (not a web-app manifest)."""
    return isinstance(value, dict) and ("manifest_version" in value or "dxt_version" in value) and \
        isinstance(value.get("server"), dict)
