"""Which configuration governs each file: the nearest one up its folders, as ruff finds it.

In a monorepo a package may carry its own `agentconform.toml` (or `pyproject.toml` with a
`[tool.agentconform]` table): files under it follow that configuration, whatever folder
the run starts from (pre-commit runs from the root). A nested configuration that wants
the root's settings says so with `extend = "../../agentconform.toml"`. The run-wide
settings (exclude, fail-on, baseline, size and listing limits) come from the configuration
found for the run itself; the per-file ones (rule selection, severities, per-file ignores
relative to the configuration's folder, standard options) from each file's nearest one.
With `--config FILE` or `--no-config`, that one configuration governs every file.
"""

from __future__ import annotations

from pathlib import Path

from validator.engine import config as config_mod
from validator.engine.config import Config, Selection
from validator.model import Rule, Severity
from validator.records import record


@record
class Scope:
    """One configuration resolved for the files it governs."""

    config: Config
    folder: str
    """Its folder, relative to the root ('' for the root or no file)."""
    enabled: frozenset[str]
    severity: dict[str, Severity]
    per_file: dict[str, set[str]]
    """Per-file ignores: globs relative to `folder` -> codes."""

    def local(self, relpath: str) -> str:
        """RELPATH relative to this scope's folder (for its per-file-ignore globs)."""
        return relpath[len(self.folder) + 1:] if self.folder and relpath.startswith(self.folder + "/") else relpath


class Settings:
    """The scopes of a run: the run's own configuration, and nested ones found on demand."""

    def __init__(self, run_config: Config, command_line: Selection, rules: dict[str, Rule], root: Path,
                 standard_names: list[str], *, hierarchical: bool) -> None:
        self.rules = rules
        self.root = root
        self.command_line = command_line
        self.standard_names = standard_names
        self.hierarchical = hierarchical
        self.run_scope = self._scope(run_config, self._folder_of(run_config))
        self._by_config: dict[Path, Scope] = {}
        self._by_folder: dict[str, Scope] = {}

    def _folder_of(self, config: Config) -> str:
        if config.path is None:
            return ""
        try:
            rel = config.path.resolve().parent.relative_to(self.root).as_posix()
        except ValueError:
            return ""
        return "" if rel == "." else rel

    def _scope(self, config: Config, folder: str) -> Scope:
        rules = self.rules
        enabled = config_mod.enabled_codes(rules, [*config.selections, self.command_line])
        severity: dict[str, Severity] = {}
        for selector, level in config.severity.items():
            for code in config_mod.expand_selector(selector, rules, label="severity"):
                severity[code] = level
        per_file = {glob: config_mod.expand_all(selectors, rules, label=f"per-file-ignores.{glob}")
                    for glob, selectors in config.per_file_ignores.items()}
        return Scope(config, folder, frozenset(enabled), severity, per_file)

    def scope(self, relpath: str) -> Scope:
        """The scope of the file at RELPATH (repository-relative; absolute for files outside)."""
        if not self.hierarchical or relpath.startswith("/"):
            return self.run_scope
        return self._folder_scope(relpath.rpartition("/")[0])

    def _folder_scope(self, folder: str) -> Scope:
        found = self._by_folder.get(folder)
        if found is None:
            found = self._by_folder[folder] = self._lookup(folder)
        return found

    def _lookup(self, folder: str) -> Scope:
        path = self._config_in(folder)
        if path is not None:
            if path.resolve() == (self.run_scope.config.path.resolve() if self.run_scope.config.path else None):
                return self.run_scope
            scope = self._by_config.get(path)
            if scope is None:
                config = config_mod.load_config(path, self.standard_names, root=self.root)
                scope = self._by_config[path] = self._scope(config, folder)
            return scope
        if not folder or folder == self.run_scope.folder:
            return self.run_scope
        return self._folder_scope(folder.rpartition("/")[0])

    def _config_in(self, folder: str) -> Path | None:
        """A configuration file in FOLDER (the same names and order as the run's own search)."""
        return config_mod.config_in(self.root / folder if folder else self.root, symlinks=False)

    def scopes(self) -> list[Scope]:
        """Every scope this run has met, the run's own first."""
        return [self.run_scope, *(s for s in self._by_config.values() if s is not self.run_scope)]

    def enabled_anywhere(self) -> frozenset[str]:
        codes: set[str] = set()
        for scope in self.scopes():
            codes |= scope.enabled
        return frozenset(codes)
