"""What only `mcp-publisher publish` meets (registry types, base URLs, package fields, hosting, `_meta`): SRV030-SRV036."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.server_json import rules as R
from validator.standards.server_json.golike import (
    META_KEY,
    Keys,
    go_dict,
    go_list,
    go_str,
)
from validator.standards.server_json.versions import SHAPES

# -- publish time (official registry) ----------------------------------------------------

REGISTRY_TYPES = ("npm", "pypi", "nuget", "oci", "mcpb")
BASE_URLS = {"npm": "https://registry.npmjs.org", "pypi": "https://pypi.org", "nuget": "https://api.nuget.org/v3/index.json"}
_OCI_HOSTS = {"docker.io", "registry-1.docker.io", "index.docker.io", "ghcr.io", "quay.io", "mcr.microsoft.com"}
_GITHUB_RELEASE = lazy(r"^https://github\.com/[^/]+/[^/]+/releases/download/.+/[^/]+$")
"""A release asset; the tag may hold a slash (`releases/download/@upstash/context7-mcp@2.0.2/context7.mcpb`,
audit 19): whether the download answers is the registry's test at publish time, not the URL's shape."""
_GITLAB_RELEASE = lazy(r"^https://gitlab\.com/.+/-/(releases/[^/]+/downloads/.+|package_files/\d+/download)$")
_REPO_OWNER = lazy(r"^https?://(?:www\.)?github\.com/([\w.-]+)/", re.ASCII)


@emits(R.SRV030, R.SRV031, R.SRV032, R.SRV033, R.SRV034, R.SRV035, R.SRV036)
def publish_time(doc, ctx) -> Iterator[Problem]:
    value, shape = doc.data.value, SHAPES[doc.meta["schema_version"]]
    k = Keys(shape)
    meta = go_dict(value, "_meta")
    if META_KEY in meta:
        size = len(json.dumps(meta[META_KEY], separators=(",", ":"), ensure_ascii=False).encode())
        if size > 4096:
            yield Problem(R.SRV030, f"publisher-provided metadata is {size} bytes; the registry accepts at most 4096", ("_meta", META_KEY))
    name = go_str(value, "name")
    owner_match = _REPO_OWNER.match(go_str(go_dict(value, "repository"), "url"))
    if name.startswith("io.github.") and "/" in name and owner_match:
        owner = name.split("/", 1)[0][len("io.github."):]
        repo_owner = owner_match.group(1)
        if owner and "." not in owner and owner.lower() != repo_owner.lower():
            yield Problem(R.SRV031, f"namespace io.github.{owner} is not the owner of {owner_match.group(0)}...; "
                          f"publishing needs a GitHub login for {owner}",
                          ("name",))
    for i, package in enumerate(go_list(value, "packages")):
        if isinstance(package, dict):
            yield from _publish_package(("packages", i), package, k)


def _publish_package(base: tuple, package: dict, k: Keys) -> Iterator[Problem]:
    kind = go_str(package, k.registry_type)
    if not kind:
        return
    if kind not in REGISTRY_TYPES:
        yield Problem(R.SRV032, f"registry type {kind!r} is not accepted by the official registry ({', '.join(REGISTRY_TYPES)})",
                      base + (k.registry_type,))
        return
    base_url = package.get(k.registry_base_url)
    if isinstance(base_url, str):
        if kind in BASE_URLS and base_url != BASE_URLS[kind]:
            yield Problem(R.SRV033, f"{kind} packages must use {BASE_URLS[kind]} (or omit registryBaseUrl)", base + (k.registry_base_url,))
        elif kind in ("oci", "mcpb"):
            yield Problem(R.SRV033, f"{kind} packages must not set registryBaseUrl", base + (k.registry_base_url,))
    has_version = bool(go_str(package, "version"))
    has_sha = k.file_sha256 in package
    if kind in BASE_URLS:
        if not has_version:
            yield Problem(R.SRV034, f"{kind} packages need a version", base)
        if has_sha:
            yield Problem(R.SRV034, f"{kind} packages must not carry fileSha256", base + (k.file_sha256,), at_key=True)
    elif kind == "oci":
        if "version" in package:
            yield Problem(R.SRV034, "OCI packages carry the version in the image reference, not in version", base + ("version",), at_key=True)
        if has_sha:
            yield Problem(R.SRV034, "OCI packages must not carry fileSha256", base + (k.file_sha256,), at_key=True)
        yield from _oci_host(base + ("identifier",), go_str(package, "identifier"))
    elif kind == "mcpb":
        if not has_sha:
            yield Problem(R.SRV034, "MCPB packages need fileSha256", base)
        identifier = go_str(package, "identifier")
        if identifier and not ((_GITHUB_RELEASE.match(identifier) or _GITLAB_RELEASE.match(identifier))
                               and "mcp" in identifier.lower()):
            yield Problem(R.SRV035, f"{identifier!r} is not an https GitHub/GitLab release-asset URL containing 'mcp'",
                          base + ("identifier",))


def _oci_host(pointer: tuple, reference: str) -> Iterator[Problem]:
    if not reference:
        return
    first = reference.split("/", 1)[0]
    host = first if ("/" in reference and ("." in first or ":" in first or first == "localhost")) else "docker.io"
    host_name = host.split(":", 1)[0]
    if host_name in _OCI_HOSTS or host_name.endswith((".pkg.dev", ".azurecr.io")):
        return
    yield Problem(R.SRV036, f"OCI registry {host!r} is not accepted by the official registry "
                                     "(docker.io, ghcr.io, quay.io, mcr.microsoft.com, *.pkg.dev, *.azurecr.io)", pointer)


