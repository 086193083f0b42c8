"""The cross-file run: gather the documents, read the files around them, run the XF checks.

`RepoFiles` reads files no standard owns through `ctx.index` (once each, with
positions when a finding needs one). `run` hands server.json documents to
`packages` (XF001-XF006) and client-config documents to `configs` (XF007-XF008).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from validator.model import Finding
from validator.parsing.document import ParseError, StructuredDocument
from validator.parsing.text import Region

MAX_SCANNED_MANIFESTS = 400
"""In a monorepo, at most this many package.json / pyproject.toml files are read to pair a package."""


@dataclass(slots=True)
class Manifest:
    """A file read for comparison: its path, parsed value and (for positions) its document."""

    path: str
    value: Any
    doc: StructuredDocument | None

    def region(self, pointer: tuple, *, key: bool = False) -> Region:
        if self.doc is None:
            return Region.file_start()
        return self.doc.locate(pointer, key=key)


class RepoFiles:
    """Files around the documents, read lazily through the index and cached."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.index = ctx.index
        self._cache: dict[str, Manifest | None] = {}
        self._text: dict[str, str | None] = {}

    def text(self, rel: str) -> str | None:
        if rel not in self._text:
            self._text[rel] = self.index.read_text(rel) if rel else None
        return self._text[rel]

    def exists(self, rel: str) -> bool:
        return self.text(rel) is not None

    def structured(self, rel: str, fmt: str) -> Manifest | None:
        """REL parsed as FMT (`json` or `toml`), or None when absent or not well-formed."""
        if rel in self._cache:
            return self._cache[rel]
        text = self.text(rel)
        manifest = None
        if text is not None:
            try:
                if fmt == "json":
                    from validator.parsing.json import parse_json

                    doc = parse_json(text)
                else:
                    from validator.parsing.toml import parse_toml

                    doc = parse_toml(text)
                manifest = Manifest(rel, doc.value, doc)
            except (ParseError, ValueError, RecursionError):
                manifest = None
        self._cache[rel] = manifest
        return manifest

    def named(self, name: str) -> list[str]:
        """Listed files called NAME, shallowest first, bounded."""
        found = sorted(self.index.by_name(name), key=lambda rel: (rel.count("/"), rel))
        return found[:MAX_SCANNED_MANIFESTS]


def folder(relpath: str) -> str:
    return relpath.rsplit("/", 1)[0] if "/" in relpath else ""


def join(base: str, name: str) -> str:
    import posixpath

    joined = posixpath.normpath(f"{base}/{name}" if base else name)
    return "" if joined.startswith("..") or joined == "." else joined


def near(relpath: str, name: str) -> list[str]:
    """NAME in RELPATH's folder, then at the repository root (each once)."""
    here = folder(relpath)
    paths = [join(here, name), name]
    return list(dict.fromkeys(p for p in paths if p))


def run(documents, ctx) -> list[Finding]:
    from validator.crossfile import configs, packages

    files = RepoFiles(ctx)
    findings: list[Finding] = []
    servers = [doc for doc in documents if doc.standard == "server-json" and doc.data is not None
               and isinstance(doc.data.value, dict)]
    for doc in servers:
        findings.extend(packages.check_server(doc, files))
    clients = [doc for doc in documents if doc.standard == "mcp-client-config" and doc.data is not None]
    if clients:
        all_servers = servers or configs.lazy_server_docs(files, documents)
        findings.extend(configs.check_clients(clients, all_servers, files, documents))
    return findings


def load_json_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
