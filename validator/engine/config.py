"""Configuration: `[tool.agentconform]` in pyproject.toml, or agentconform.toml.

The nearest file is used, searching from the working directory up to the repository
root. Every key is validated and an unknown one is a `ConfigError` (exit 2) that
names it. Rule selectors (`select`, `ignore`, per-file ignores, severities) accept a
code, a code prefix (`SRV`, `SRV01`), an alias, a standard name or `ALL`.

The schema is checked by hand rather than with pydantic: `check` loads the config on
every run and must start in well under 150 ms; `tests/test_config.py` holds the
hand-written checks against the documented schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validator.engine.safefs import Refusal, read_regular
from validator.model import SEVERITIES, Rule, Severity
from validator.records import field, record

CONFIG_FILES = ("agentconform.toml", ".agentconform.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration or usage problem: reported on one line, exit code 2."""


@record
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str | None = None
    max_file_size: int | None = None
    baseline: str | None = None
    fold: bool | None = None
    """`fold = false`: report every repeat of a rule that judges a convention (as `--no-fold`)."""
    standards: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Options of each standard, e.g. `[tool.agentconform.agents-md]`."""
    conformance: dict[str, Any] = field(default_factory=dict)
    """`[tool.agentconform.conformance]`: defaults for the pytest plugin and the CLI."""
    extend: str | None = None
    """A configuration file this one builds on (relative to this one's folder), as ruff's `extend`."""
    inherited: tuple[Selection, ...] = ()
    """The rule selections of the configurations it extends, outermost first."""

    @property
    def selections(self) -> tuple[Selection, ...]:
        """This configuration's rule selection layers: what it extends, then its own."""
        return (*self.inherited, Selection(self.select, tuple(self.extend_select), tuple(self.ignore)))


MAX_CONFIG_BYTES = 1024 * 1024
MAX_FILE_SIZE_FROM_CONFIG = 64 * 1024 * 1024

_LIST_KEYS = {"select", "ignore", "extend-select", "exclude", "extend-exclude"}
_SCALAR_KEYS = {"fail-on": str, "max-file-size": int, "baseline": str, "extend": str}
MAX_EXTEND_DEPTH = 8
_TABLE_KEYS = {"severity", "per-file-ignores", "conformance"}


def find_config(start: Path, root: Path) -> Path | None:
    """The nearest config file from START up to ROOT (inclusive)."""
    start = start.resolve()
    root = root.resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        found = config_in(folder)
        if found is not None:
            return found
        if folder == root:
            break
    return None


def config_in(folder: Path, *, symlinks: bool = True) -> Path | None:
    """The configuration file of FOLDER, if it has one: the first of CONFIG_FILES, a
    pyproject.toml only with a `[tool.agentconform]` table. Without SYMLINKS a symlinked
    file does not count (nested configurations of a repository under lint)."""
    for name in CONFIG_FILES:
        candidate = folder / name
        if (candidate.is_file() and (symlinks or not candidate.is_symlink())
                and (name != "pyproject.toml" or has_tool_table(candidate))):
            return candidate
    return None


def has_tool_table(path: Path) -> bool:
    raw = read_regular(path, root=None, limit=MAX_CONFIG_BYTES)
    return not isinstance(raw, Refusal) and b"[tool.agentconform" in raw


def load_config(path: Path, standard_names: list[str], *, root: Path | None = None, _chain: tuple[Path, ...] = ()) -> Config:
    """The configuration at PATH, merged over what its `extend` names (with ROOT, an extended
    file must lie inside it: a repository's configuration cannot read files elsewhere)."""
    config = _load_one(path, standard_names)
    if config.extend is None:
        return config
    parent_path = (path.parent / config.extend)
    if len(_chain) >= MAX_EXTEND_DEPTH or parent_path.resolve() in (*_chain, path.resolve()):
        raise ConfigError(f"{path}: extend = {config.extend!r} makes a cycle or a chain deeper than {MAX_EXTEND_DEPTH}")
    if root is not None:
        from validator.engine.safefs import inside_root

        if not inside_root(parent_path, root):
            raise ConfigError(f"{path}: extend = {config.extend!r} leads out of the repository")
    if not parent_path.is_file():
        raise ConfigError(f"{path}: extend = {config.extend!r}: no such configuration file")
    parent = load_config(parent_path, standard_names, root=root, _chain=(*_chain, path.resolve()))
    return _merged(parent, config)


def _merged(parent: Config, child: Config) -> Config:
    """CHILD over PARENT as ruff merges `extend`: a setting the child gives replaces the parent's,
    `extend-exclude` adds up, tables merge key by key, rule selection stacks as layers."""
    merged = Config(path=child.path, extend=child.extend)
    merged.inherited = parent.selections
    merged.select, merged.extend_select, merged.ignore = child.select, child.extend_select, child.ignore
    merged.exclude = child.exclude or parent.exclude
    merged.extend_exclude = (*parent.extend_exclude, *child.extend_exclude)
    merged.severity = {**parent.severity, **child.severity}
    merged.per_file_ignores = {**parent.per_file_ignores, **child.per_file_ignores}
    for name in ("fail_on", "max_file_size", "baseline", "fold"):
        setattr(merged, name, getattr(child, name) if getattr(child, name) is not None else getattr(parent, name))
    merged.standards = {name: {**parent.standards.get(name, {}), **child.standards.get(name, {})}
                        for name in {*parent.standards, *child.standards}}
    merged.conformance = {**parent.conformance, **child.conformance}
    return merged


def _load_one(path: Path, standard_names: list[str]) -> Config:
    import tomllib

    raw = read_regular(path, root=None, limit=MAX_CONFIG_BYTES)
    if isinstance(raw, Refusal):
        raise ConfigError(f"cannot read config {path}: {raw.detail if raw.kind != 'too-large' else 'it is over 1 MiB'}")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as err:
        raise ConfigError(f"invalid TOML in {path}: {err}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("agentconform", {})
        where = "[tool.agentconform]"
    else:
        table = data
        where = path.name
    return parse_config(table, standard_names, path=path, where=where)


def parse_config(table: dict, standard_names: list[str], *, path: Path | None = None, where: str = "config") -> Config:
    """Validate TABLE (the `[tool.agentconform]` table) into a `Config`."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    config = Config(path=path)
    for key, value in table.items():
        label = f"{where}: {key}"
        if key in _LIST_KEYS:
            items = _string_list(value, label)
            if key == "select":
                config.select = items
            else:
                setattr(config, key.replace("-", "_"), items)
        elif key in _SCALAR_KEYS:
            kind = _SCALAR_KEYS[key]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ConfigError(f"{label} must be a {kind.__name__}")
            if key == "fail-on" and value not in SEVERITIES:
                raise ConfigError(f"{label} must be one of {', '.join(SEVERITIES)}")
            if key == "max-file-size" and isinstance(value, int) and not 0 < value <= MAX_FILE_SIZE_FROM_CONFIG:
                # a repository's own configuration must not widen what check reads past a bound
                raise ConfigError(f"{label} must be between 1 and {MAX_FILE_SIZE_FROM_CONFIG} bytes in a configuration "
                                  "file (--max-file-size on the command line may go higher)")
            setattr(config, key.replace("-", "_"), value)
        elif key == "fold":
            if not isinstance(value, bool):
                raise ConfigError(f"{label} must be true or false")
            config.fold = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{label} must be a table of rule = severity")
            for rule, severity in value.items():
                if severity not in SEVERITIES:
                    raise ConfigError(f"{label}.{rule} must be one of {', '.join(SEVERITIES)}")
            config.severity = dict(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{label} must be a table of glob = [rules]")
            config.per_file_ignores = {glob: _string_list(rules, f"{label}.{glob}") for glob, rules in value.items()}
        elif key == "conformance":
            if not isinstance(value, dict):
                raise ConfigError(f"{label} must be a table")
            config.conformance = dict(value)
        elif key in standard_names:
            if not isinstance(value, dict):
                raise ConfigError(f"{label} must be a table of options for the {key} standard")
            config.standards[key] = dict(value)
        else:
            raise ConfigError(f"unknown configuration key {key!r} in {where}")
    return config


def _string_list(value: Any, label: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{label} must be a list of strings")
    return tuple(value)


# -- rule selection -------------------------------------------------------------------

def expand_selector(selector: str, rules: dict[str, Rule], *, label: str = "selector") -> set[str]:
    """Codes a selector names: `ALL`, a code, a code prefix, an alias or a standard."""
    name = selector.strip()
    if not name:
        raise ConfigError(f"empty rule selector in {label}")
    if name.upper() == "ALL":
        return set(rules)
    upper = name.upper()
    if upper in rules:
        return {upper}
    by_alias = [code for code, rule in rules.items() if rule.alias == name.lower()]
    if by_alias:
        return set(by_alias)
    by_standard = {code for code, rule in rules.items() if rule.standard == name.lower()}
    if by_standard:
        return by_standard
    by_prefix = {code for code in rules if code.startswith(upper)}
    if by_prefix and upper[:1].isalpha():
        return by_prefix
    raise ConfigError(f"unknown rule selector {selector!r} in {label}")


def expand_all(selectors, rules: dict[str, Rule], *, label: str) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        codes |= expand_selector(selector, rules, label=label)
    return codes


@record(frozen=True)
class Selection:
    """One layer of rule selection: a configuration file's, or the command line's."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def specificity(selector: str, rules: dict[str, Rule]) -> int:
    """How narrowly SELECTOR names rules: `ALL` < a standard (or its prefix) < a longer code
    prefix < one rule (code or alias). Between a select and an ignore, the narrower wins."""
    name = selector.strip()
    upper = name.upper()
    if upper == "ALL":
        return 0
    if upper in rules or any(rule.alias == name.lower() for rule in rules.values()):
        return 100
    if any(rule.standard == name.lower() for rule in rules.values()):
        return 1
    prefixes = {code.rstrip("0123456789") for code in rules if code.startswith(upper[:1])}
    base = max((len(p) for p in prefixes if upper.startswith(p)), default=len(upper))
    return 1 + max(0, len(upper) - base)


def enabled_codes(rules: dict[str, Rule], layers: list[Selection]) -> set[str]:
    """The rules a run reports, resolved as ruff resolves its rule selection.

    Layers apply in order (configuration, then command line). Within a layer, selectors
    apply from the least to the most specific, an ignore after a select of the same
    specificity: `--ignore ALL --select SRV012` reports SRV012 alone, `select = ["SRV"]`
    with `ignore = ["SRV012"]` reports every SRV rule but that one. A layer with `select`
    replaces the set built so far (so `--select X` on the command line brings back an X the
    configuration ignores); a layer without one edits it. The start is the default set (every
    rule but the opt-in ones). https://docs.astral.sh/ruff/settings/#lint_select
    """
    enabled = {code for code, rule in rules.items() if rule.default_enabled}
    for layer in layers:
        selected = [(specificity(s, rules), 0, s, "select") for s in (*(layer.select or ()), *layer.extend_select)]
        ignored = [(specificity(s, rules), 1, s, "ignore") for s in layer.ignore]
        updates: dict[str, bool] = {}
        for _, _, selector, kind in sorted(selected + ignored, key=lambda item: (item[0], item[1])):
            for code in expand_selector(selector, rules, label=kind if kind == "ignore" else "select"):
                updates[code] = kind == "select"
        if layer.select is not None:
            enabled = {code for code, on in updates.items() if on}
        else:
            enabled = (enabled | {c for c, on in updates.items() if on}) - {c for c, on in updates.items() if not on}
    return enabled
