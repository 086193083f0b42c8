"""What every standard package provides, and what the engine gives it back.

A standard package (`validator/standards/<std>/__init__.py`) is light to import and
exposes the same small face:

- `NAME`, `TITLE`, `PREFIX` and `PATTERNS` (path globs of the files it owns, which
  also feed the pre-commit `files:` regex);
- `RULES`: its `Rule`s (from a light `rules` module);
- `discover(index) -> iterable of repo-relative paths` it may own;
- `parse(source, ctx) -> Document | None`: None means "not this standard after all"
  (a `server.json` of json-server, a web-app `manifest.json`);
- `CHECKS`: the modules (dotted names) holding its emitters, functions decorated with
  `@emits(rule, ...)` (`validator.emitters`) that take `(document, ctx)` and yield
  `Problem`s; the lint driver imports them on first use, runs them in order and turns
  their problems into findings;
- optionally `INLINE_DIRECTIVES = True` when its files are Markdown that may carry
  `<!-- agentconform-disable ... -->` directives (its documents set `is_markdown`), and
  `export_schemas()` when it publishes JSON Schemas under `schemas/`.

Heavy imports (pydantic, jsonschema, markdown-it) live in the modules `parse` and
`check` load on first call. Standards know nothing of each other; consistency
between files lives in `validator.crossfile`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from validator.engine.files import FileIndex, SourceFile, glob_filter, glob_match
from validator.model import Rule, Span
from validator.parsing.text import Region, TextIndex
from validator.records import field, record

TEMPLATE_VALUES = "template_values"
"""`Document.meta` key: pointers of values an unfilled template asks its user to write
(`<your package ID here>`). The lint driver drops a problem addressed to one of them: the
file is a template, and the fault is the placeholder it is meant to have."""


@record
class Document:
    """One file a standard has claimed, with whatever its parser made of it."""

    source: SourceFile
    standard: str
    data: Any = None
    """The parsed form (e.g. a `StructuredDocument`), or None when unusable."""
    problems: list = field(default_factory=list)
    """`validator.model.Problem`s found while reading the file (encoding, syntax, duplicates)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Facts for later stages, e.g. the schema version a server.json declares."""
    is_markdown: bool = False
    """Inline `<!-- agentconform-... -->` directives apply to this file."""

    index: TextIndex | None = None
    """The text's line index, for `Span`s, when `data` has none of its own."""

    @property
    def relpath(self) -> str:
        return self.source.relpath

    def text_index(self) -> TextIndex | None:
        return self.index if self.index is not None else getattr(self.data, "index", None)

    def locate(self, where, at_key: bool = False) -> Region:
        """The region of WHERE: a `Region`, a `Span` of the text, or a pointer into `data`."""
        if isinstance(where, Region):
            return where
        if isinstance(where, Span):
            index = self.text_index()
            if index is None:
                raise TypeError(f"{self.relpath}: a Span needs the document's text index")
            return index.region(where.start, where.end)
        if isinstance(where, tuple):
            return self.data.locate(where, key=at_key)
        raise TypeError(f"{self.relpath}: cannot locate {where!r}")


@record
class CheckContext:
    """What a standard may consult while checking: the repository and its options."""

    root: Path
    index: FileIndex
    options: dict[str, Any] = field(default_factory=dict)
    """This standard's options from `[tool.agentconform.<standard>]`."""
    enabled: frozenset[str] | None = None
    """Codes this run reports (None: all). Findings of other rules are dropped anyway; a
    standard may ask `wants(rule)` to skip work whose only product would be dropped."""

    def wants(self, rule: Rule) -> bool:
        return self.enabled is None or rule.code in self.enabled



class StandardModule(Protocol):
    NAME: str
    TITLE: str
    PREFIX: str
    PATTERNS: tuple[str, ...]
    RULES: tuple[Rule, ...]
    CHECKS: tuple[str, ...]

    def discover(self, index: FileIndex) -> Iterable[str]: ...

    def parse(self, source: SourceFile, ctx: CheckContext) -> Document | None: ...


def delegate(module: str, name: str):
    """A function that imports MODULE on first call and runs its NAME: a standard's face
    (`parse = delegate("validator.standards.x.checker", "parse")`) stays light to import."""
    def call(*args):
        import importlib

        return getattr(importlib.import_module(module), name)(*args)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{name} of {module} (imported on first use)."
    return call


def matches(relpath: str, patterns: Iterable[str]) -> bool:
    return any(glob_match(relpath, pattern) for pattern in patterns)


def discover_by_patterns(index: FileIndex, patterns: Iterable[str]) -> list[str]:
    """Listed files matching PATTERNS (a base-name pattern matches at any depth)."""
    return glob_filter(index.files, tuple(patterns))
