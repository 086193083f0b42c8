"""Cursor and GitHub Copilot CLI plugins read the way their docs describe them: where the manifest and marketplace
live, what the manifest must hold (CFG021), where the plugin's MCP config is, what a marketplace must hold (CFG023)
and what loads but is off (CFG024). Pure functions over parsed JSON; the repository is read by `vendor_plugins.py`.

Cursor (closed source; what is written here is documented): plugins reference,
https://cursor.com/docs/reference/plugins: "Every plugin requires a `.cursor-plugin/plugin.json` manifest"; its one
required field is `name`, "Lowercase, kebab-case (alphanumerics, hyphens, and periods). Must start and end with an
alphanumeric character"; the plugin's MCP servers are in `mcp.json` at the plugin root. Cursor's published schema
(cursor/plugins `schemas/plugin.schema.json`) takes `mcpServers` as a path, an inline object or a list of either.
A multi-plugin repository lists its plugins in `.cursor-plugin/marketplace.json`; its fields are not documented on
that page, so only a local plugin folder missing from the repository is reported (warning).

GitHub Copilot CLI (closed source; documented): CLI plugin reference,
https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-plugin-reference: the manifest is looked up
as `.plugin/plugin.json`, `plugin.json`, `.github/plugin/plugin.json` or `.claude-plugin/plugin.json` (in this
order); `name` is required ("Kebab-case plugin name (letters, numbers, hyphens only). Max 64 chars."); `mcpServers`
is a path to an MCP config file or inline servers; the default MCP configs are `.mcp.json` and `.github/mcp.json`.
A marketplace is `marketplace.json`, `.plugin/marketplace.json`, `.github/plugin/marketplace.json` or
`.claude-plugin/marketplace.json`, with required `name`, `owner` and `plugins`, and per entry `name` and `source`
("the path to the plugin's directory, relative to the root of the repository. It is not necessary to use `./`").
What the CLI does with a file that breaks these is not documented: a missing required field is reported as an
error (the docs make it required), a name that is not kebab-case or longer than 64 as a warning.
The bare `marketplace.json` and a `.claude-plugin/` marketplace are not read here as Copilot's (too common a name;
the Claude Code rules cover the other).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from validator.engine.schemacheck import describe_value

CURSOR_MANIFEST = ".cursor-plugin/plugin.json"
CURSOR_MARKETPLACE = ".cursor-plugin/marketplace.json"
CURSOR_MCP = ("mcp.json",)
COPILOT_MANIFESTS = (".plugin/plugin.json", ".github/plugin/plugin.json")
"""The Copilot manifest locations read as such wherever they are; a bare `plugin.json` only where a Copilot
marketplace lists its folder (`vendor_plugins.py`)."""
COPILOT_MARKETPLACES = (".plugin/marketplace.json", ".github/plugin/marketplace.json")
COPILOT_MCP = (".mcp.json", ".github/mcp.json")

CURSOR_NAME = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_COPILOT_NAME = 64
LABEL = {"cursor": "Cursor", "copilot": "Copilot CLI"}


def vendor_of(key: str) -> str:
    """'cursor' or 'copilot' for a client key of this module's files."""
    return "cursor" if key.startswith("cursor") else "copilot"


def root_of(relpath: str, suffixes: tuple[str, ...]) -> str:
    """The folder ('' for the repository root) RELPATH sits under as `<root>/<one of SUFFIXES>`."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if relpath == suffix or relpath.endswith("/" + suffix):
            return relpath[:-len(suffix)].rstrip("/")
    return posixpath.dirname(relpath)


def manifest_problems(value, vendor: str) -> Iterator[tuple[str, tuple, str]]:
    """(message, pointer, severity) for the plugin manifest VALUE of VENDOR ('cursor' or 'copilot')."""
    label = LABEL[vendor]
    if not isinstance(value, dict):
        yield f"the plugin manifest must be a JSON object, not {describe_value(value)}; {label} cannot read it", (), \
            "error"
        return
    name = value.get("name")
    if "name" not in value:
        yield f"no 'name': {label}'s plugin reference makes it the one required field", (), "error"
        return
    if not isinstance(name, str) or not name.strip():
        got = "an empty string" if name == "" else describe_value(name)
        yield f"'name' must be a non-empty string, not {got}: {label}'s plugin reference requires it", ("name",), \
            "error"
        return
    if vendor == "cursor" and not CURSOR_NAME.fullmatch(name):
        yield (f"plugin name {name!r} is not what Cursor's plugin reference asks: lowercase letters, digits, "
               "hyphens and periods, starting and ending with a letter or digit"), ("name",), "warning"
    if vendor == "copilot" and (not KEBAB.fullmatch(name) or len(name) > MAX_COPILOT_NAME):
        yield (f"plugin name {name!r} is not what the Copilot CLI plugin reference asks: kebab-case (lowercase "
               f"letters, digits, hyphens), at most {MAX_COPILOT_NAME} characters"), ("name",), "warning"


def mcp_paths(value) -> list[tuple[str, tuple]] | None:
    """[(path, pointer)] of the MCP config files the manifest VALUE names in `mcpServers`; None when it names none
    (the vendor's default files apply); [] for inline servers only."""
    servers = value.get("mcpServers") if isinstance(value, dict) else None
    if isinstance(servers, str):
        return [(servers, ("mcpServers",))]
    if isinstance(servers, list):
        return [(item, ("mcpServers", index)) for index, item in enumerate(servers) if isinstance(item, str)]
    return [] if isinstance(servers, dict) else None


def config_target(root: str, path: str) -> str | None:
    """The repository path of an MCP config PATH relative to the plugin ROOT ('./' optional), or None for a path
    that is not a literal relative .json file inside the repository (absolute, templated, leaving it)."""
    if not path.lower().endswith(".json") or posixpath.isabs(path) or "$" in path or "://" in path:
        return None
    joined = posixpath.normpath(posixpath.join(root, path) if root else path)
    return None if joined.startswith("..") or joined == "." else joined


def config_targets(root: str, manifest: str, path: str) -> list[str]:
    """The repository paths an MCP config PATH may name: relative to the plugin ROOT (what the docs say), then
    relative to the folder of the MANIFEST (`.github/plugin/`, `.cursor-plugin/`), which some plugins assume
    (microsoft/azure-skills wrote `../plugins/...` in `.github/plugin/plugin.json`) and neither tool's docs exclude."""
    out = [config_target(root, path), config_target(posixpath.dirname(manifest), path)]
    return [target for target in dict.fromkeys(out) if target]


def copilot_marketplace_refusals(value) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for each field the Copilot CLI plugin reference requires and the marketplace VALUE lacks."""
    if not isinstance(value, dict):
        yield f"the marketplace file must be a JSON object, not {describe_value(value)}", ()
        return
    for key, kind in (("name", str), ("owner", dict), ("plugins", list)):
        what = {str: "a string", dict: "an object", list: "an array"}[kind]
        if key not in value:
            yield f"no '{key}': the Copilot CLI plugin reference requires it", ()
        elif not isinstance(value[key], kind):
            yield f"'{key}' must be {what}, not {describe_value(value[key])}", (key,)
    owner = value.get("owner")
    if isinstance(owner, dict) and not isinstance(owner.get("name"), str):
        yield "'owner' needs a 'name' string (the Copilot CLI plugin reference: `{ name, email? }`)", ("owner",)
    plugins = value.get("plugins")
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        pointer = ("plugins", index)
        if not isinstance(entry, dict):
            yield f"a plugin entry must be an object, not {describe_value(entry)}", pointer
            continue
        for key in ("name", "source"):
            if key not in entry:
                yield f"no '{key}': the Copilot CLI plugin reference requires it in every plugin entry", pointer
        if "name" in entry and not isinstance(entry["name"], str):
            yield f"'name' must be a string, not {describe_value(entry['name'])}", (*pointer, "name")
        if "source" in entry and not isinstance(entry["source"], (str, dict)):
            yield (f"'source' must be a relative path or a source object, not {describe_value(entry['source'])}",
                   (*pointer, "source"))


def copilot_name_warnings(value) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for marketplace and plugin names the Copilot CLI plugin reference does not allow."""
    if not isinstance(value, dict):
        return
    named = [(value.get("name"), ("name",), "marketplace")]
    plugins = value.get("plugins")
    named += [(entry.get("name"), ("plugins", index, "name"), "plugin")
              for index, entry in enumerate(plugins if isinstance(plugins, list) else []) if isinstance(entry, dict)]
    for name, pointer, what in named:
        if isinstance(name, str) and name.strip() and (not KEBAB.fullmatch(name) or len(name) > MAX_COPILOT_NAME):
            yield (f"{what} name {name!r} is not what the Copilot CLI plugin reference asks: kebab-case (lowercase "
                   f"letters, digits, hyphens), at most {MAX_COPILOT_NAME} characters"), pointer


def local_sources(value) -> Iterator[tuple[str, list[str], tuple]]:
    """(source as written, candidate folders relative to the marketplace root, pointer) for each entry whose `source`
    is a relative path: the path itself (`./` optional) and, when `metadata.pluginRoot` is set, the path under it."""
    if not isinstance(value, dict):
        return
    metadata = value.get("metadata")
    base = metadata.get("pluginRoot") if isinstance(metadata, dict) else None
    plugins = value.get("plugins")
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        source = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(source, str) or not source.strip() or "://" in source or source.startswith(("/", "~")) \
                or ":" in source or "$" in source or "{" in source or "<" in source:
            continue
        candidates = [_inside(source)]
        if isinstance(base, str) and not base.startswith("/"):
            candidates.append(_inside(posixpath.join(base, source)))
        folders = [folder for folder in candidates if folder is not None]
        if folders:
            yield source, folders, ("plugins", index, "source")


def _inside(path: str) -> str | None:
    joined = posixpath.normpath(path)
    if joined == ".":
        return ""
    return None if joined.startswith("..") else joined
