"""A Claude Code plugin marketplace (`.claude-plugin/marketplace.json`) read the way Claude Code reads it: what
makes Claude Code refuse the marketplace or one of its plugin entries (CFG023), and what loads but is wrong
(CFG024). Pure functions over the parsed JSON value; the emitter is `checks/marketplace.py`.

Source: Claude Code docs, "Create and distribute a plugin marketplace"
(https://code.claude.com/docs/en/plugin-marketplaces): "Marketplace schema", "Plugin entries", "Plugin sources",
"Strict mode", "Marketplace validation errors"; and the plugins reference
(https://code.claude.com/docs/en/plugins-reference): "Version management", "Debugging and development tools".
- Required: `name` (string), `owner` (object with a `name` string), `plugins` (array); each entry `name` and
  `source` (a string or an object). Claude Code checks the file against its schema when it loads the marketplace:
  a field of the wrong type fails it with "Invalid schema: plugins.N.source: Invalid input" (anthropics/claude-code
  issues 36352, 40333), and the marketplace, or on newer versions the entry, does not load.
- A relative `source` must start with `./` (or be a bare name, no `/`, under `metadata.pluginRoot`, v2.1.239+),
  resolves against the marketplace root (the folder holding `.claude-plugin/`) and must not contain `..`
  (`claude plugin validate`: `plugins[0].source: Path contains ".."`). `metadata.pluginRoot` is ignored for a
  source that starts with `./`.
- An object `source` names its kind in `source`: `github` (`repo`), `url` (`url`), `git-subdir` (`url`, `path`),
  `npm` (`package`), `archive` (`url`, HTTPS only), `command` (`command`); `sha` is a full 40-character commit.
- Duplicate plugin names are a validation error; the names listed under "Reserved names" stop the marketplace
  from loading.
- Warnings of `claude plugin validate` that mean something breaks elsewhere: a plugin name that is not kebab-case
  (the claude.ai marketplace sync rejects it), names Claude Desktop refuses (up to 128 letters, digits, `.`, `_`,
  `-`, starting with a letter or digit; marketplace names `org`, `org-provisioned`, `unknown`), an entry `version`
  that differs from the plugin's `plugin.json` (`plugin.json` wins). A relative source whose folder is missing
  fails to install ("Plugin directory not found at path"). `strict: false` with a `plugin.json` that declares
  components: "conflicting manifests", the plugin fails to load.
- Not judged: the plugin manifest is optional (plugins reference, "Plugin manifest schema"), so a folder without
  `.claude-plugin/plugin.json` is no finding whatever `strict` says; plugin entries take any plugin manifest
  field and the top-level field list is not exhaustive, so unknown fields are no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.engine.schemacheck import describe_value

MARKETPLACE = ".claude-plugin/marketplace.json"
_REFUSED = "Claude Code refuses the marketplace file"
_ENTRY_REFUSED = "Claude Code's schema check fails on it, and the marketplace (on newer versions, this plugin) does not load"

RESERVED_NAMES = frozenset({
    "claude-code-marketplace", "claude-code-plugins", "claude-plugins-official", "claude-plugins-community",
    "claude-community", "anthropic-marketplace", "anthropic-plugins", "agent-skills", "anthropic-agent-skills",
    "knowledge-work-plugins", "life-sciences", "claude-for-legal", "claude-for-financial-services",
    "financial-services-plugins", "first-party-plugins", "healthcare"})
"""plugin-marketplaces, "Reserved names": official Anthropic use only; Claude Code stops loading a marketplace
registered under one (re-checked on every load since v2.1.205)."""
DESKTOP_RESERVED = frozenset({"org", "org-provisioned", "unknown"})
"""Marketplace names Claude Desktop's managed sync rejects, in any casing ("Marketplace validation errors")."""
_DESKTOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SHA = re.compile(r"[0-9a-fA-F]{40}")
_GITHUB_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")

STRING, BOOLEAN, OBJECT, ARRAY, STRINGS, NUMBER = "a string", "a boolean", "an object", "an array", \
    "an array of strings", "a number"

TOP_LEVEL = {"$schema": STRING, "description": STRING, "version": STRING, "metadata": OBJECT,
             "allowCrossMarketplaceDependenciesOn": ARRAY, "renames": OBJECT, "forceRemoveDeletedPlugins": BOOLEAN}
"""Optional top-level fields and their documented types ("Optional fields"; `forceRemoveDeletedPlugins` from the
schema Claude Code exports to SchemaStore)."""
METADATA = {"pluginRoot": STRING, "description": STRING, "version": STRING}
OWNER = {"name": STRING, "email": STRING, "url": STRING}
ENTRY = {"displayName": STRING, "description": STRING, "version": STRING, "author": OBJECT, "homepage": STRING,
         "repository": STRING, "license": STRING, "keywords": STRINGS, "metadata": OBJECT, "category": STRING,
         "tags": STRINGS, "strict": BOOLEAN, "relevance": OBJECT, "defaultEnabled": BOOLEAN}
"""The documented metadata fields of a plugin entry ("Optional plugin fields"); the component fields (`skills`,
`commands`, `hooks`, `mcpServers` ...) take several shapes and are left to the plugin manifest's own checks."""
AUTHOR = {"name": STRING, "email": STRING, "url": STRING}

SOURCES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "github": (("repo",), {"repo": STRING, "ref": STRING, "sha": STRING}),
    "url": (("url",), {"url": STRING, "ref": STRING, "sha": STRING}),
    "git-subdir": (("url", "path"), {"url": STRING, "path": STRING, "ref": STRING, "sha": STRING}),
    "npm": (("package",), {"package": STRING, "version": STRING, "registry": STRING}),
    "archive": (("url",), {"url": STRING, "sha256": STRING}),
    "command": (("command",), {"command": STRING, "timeout": NUMBER, "mode": STRING}),
}
"""Plugin source kinds: (required fields, field types) ("Plugin sources" table and each kind's field table)."""
COMPONENTS = ("skills", "commands", "agents", "hooks", "mcpServers", "lspServers", "outputStyles", "monitors")
"""Component fields of a plugin manifest ("Strict mode": the components `strict` is about)."""
DEFAULT_COMPONENTS = ("skills", "commands", "agents", "hooks/hooks.json")
"""What Claude Code discovers in a plugin folder without being told (plugins reference, "File locations reference");
with `strict: false` and a `plugin.json`, the loader counts them as the manifest's components (reports in
JasonColapietro/suede-creator-skills#167, OptimNow/cloud-finops-skills#114)."""


def _typed(value, kind: str) -> bool:
    if kind == STRING:
        return isinstance(value, str)
    if kind == BOOLEAN:
        return isinstance(value, bool)
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == OBJECT:
        return isinstance(value, dict)
    if kind == ARRAY:
        return isinstance(value, list)
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _types(value: dict, table: dict[str, str], pointer: tuple, consequence: str) -> Iterator[tuple[str, tuple]]:
    for key, kind in table.items():
        if key in value and not _typed(value[key], kind):
            yield f"'{dotted((*pointer, key))}' must be {kind}, not {describe_value(value[key])}; {consequence}", (*pointer, key)


def dotted(pointer: tuple) -> str:
    """POINTER as the docs and `claude plugin validate` name a field: `plugins[2].source.repo`."""
    out = ""
    for part in pointer:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def _required_string(value: dict, key: str, pointer: tuple, consequence: str) -> Iterator[tuple[str, tuple]]:
    if key not in value:
        yield f"no '{key}'; {consequence}", pointer
    elif not isinstance(value[key], str) or not value[key]:
        got = "an empty string" if value[key] == "" else describe_value(value[key])
        yield f"'{key}' must be a non-empty string, not {got}; {consequence}", (*pointer, key)


def plugins_unusable(value: dict, consequence: str) -> tuple[str, tuple] | None:
    """(message, pointer) when a marketplace's `plugins` is missing or not an array (both vendors refuse the file)."""
    if "plugins" not in value:
        return f"no 'plugins'; {consequence}", ()
    if not isinstance(value["plugins"], list):
        return f"'plugins' must be an array of plugin entries, not {describe_value(value['plugins'])}; {consequence}", ("plugins",)
    return None


def plugin_root_base(value: dict) -> str | None:
    """`metadata.pluginRoot` as a folder relative to the marketplace root ('' for the root), or None when unset or
    unusable (not a string, absolute, leaving the marketplace)."""
    metadata = value.get("metadata")
    base = metadata.get("pluginRoot") if isinstance(metadata, dict) else None
    if not isinstance(base, str) or base.startswith("/"):
        return None
    parts = [part for part in base.split("/") if part not in ("", ".")]
    return None if ".." in parts else "/".join(parts)


def relative_folder(source: str, base: str | None) -> tuple[str | None, str]:
    """(the folder SOURCE names relative to the marketplace root, '' for the root, and '') as Claude Code resolves a
    string source, or (None, why Claude Code refuses it). BASE is the usable `metadata.pluginRoot`, if any."""
    if source.startswith("./") or source in (".", "./"):
        parts = [part for part in source.split("/") if part not in ("", ".")]
        if ".." in parts:
            return None, "the path contains `..` (`claude plugin validate`: Path contains \"..\")"
        return "/".join(parts), ""
    if ".." in source.split("/"):
        return None, "the path contains `..` (`claude plugin validate`: Path contains \"..\")"
    if source and "/" not in source and "\\" not in source and ":" not in source and base is not None:
        return "/".join(part for part in (base, source) if part), ""  # a bare name under metadata.pluginRoot
    if not source:
        return None, "the source is empty"
    if "/" not in source and ":" not in source:
        return None, ("a relative source must start with `./` (a bare name needs `metadata.pluginRoot`, "
                      "Claude Code v2.1.239+)")
    return None, "a relative source must start with `./` (resolved against the marketplace root)"


def anthropic_owned(value: dict) -> bool:
    """The marketplace says Anthropic maintains it (`owner.name` "Anthropic", or an anthropic.com address): the
    reserved names are its own. A third party that claims so only escapes a finding."""
    owner = value.get("owner")
    if not isinstance(owner, dict):
        return False
    name, email = owner.get("name"), owner.get("email")
    return (isinstance(name, str) and name.strip().lower().startswith("anthropic")) or \
        (isinstance(email, str) and email.strip().lower().endswith("@anthropic.com"))


def refusals(value, official: bool = False) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for each thing that makes Claude Code refuse the marketplace VALUE or one of its entries;
    OFFICIAL: the repository is Anthropic's own, where the reserved names belong."""
    if not isinstance(value, dict):
        yield f"the marketplace file must be a JSON object, not {describe_value(value)}; {_REFUSED}", ()
        return
    yield from _required_string(value, "name", (), _REFUSED)
    name = value.get("name")
    if isinstance(name, str) and name.lower() in RESERVED_NAMES and not official and not anthropic_owned(value):
        yield (f"marketplace name '{name}' is reserved for official Anthropic marketplaces; Claude Code stops "
               "loading a marketplace registered under it"), ("name",)
    owner = value.get("owner")
    if "owner" not in value:
        yield f"no 'owner'; {_REFUSED}", ()
    elif not isinstance(owner, dict):
        yield f"'owner' must be an object with a 'name', not {describe_value(owner)}; {_REFUSED}", ("owner",)
    else:
        yield from _required_string(owner, "name", ("owner",), _REFUSED)
        yield from _types(owner, {k: v for k, v in OWNER.items() if k != "name"}, ("owner",), _REFUSED)
    yield from _types(value, TOP_LEVEL, (), _REFUSED)
    if isinstance(value.get("metadata"), dict):
        yield from _types(value["metadata"], METADATA, ("metadata",), _REFUSED)
    unusable = plugins_unusable(value, _REFUSED)
    if unusable is not None:
        yield unusable
        return
    plugins = value["plugins"]
    base = plugin_root_base(value)
    seen: dict[str, int] = {}
    for index, entry in enumerate(plugins):
        pointer = ("plugins", index)
        if not isinstance(entry, dict):
            yield f"a plugin entry must be an object, not {describe_value(entry)}; {_ENTRY_REFUSED}", pointer
            continue
        yield from _required_string(entry, "name", pointer, _ENTRY_REFUSED)
        plugin = entry.get("name")
        if isinstance(plugin, str) and plugin.strip():
            if plugin in seen:
                yield (f"plugin name '{plugin}' is already used by plugins[{seen[plugin]}]; Claude Code refuses "
                       "duplicate plugin names"), (*pointer, "name")
            else:
                seen[plugin] = index
        yield from _types(entry, ENTRY, pointer, _ENTRY_REFUSED)
        author = entry.get("author")
        if isinstance(author, dict):
            yield from _required_string(author, "name", (*pointer, "author"), _ENTRY_REFUSED)
            yield from _types(author, {k: v for k, v in AUTHOR.items() if k != "name"}, (*pointer, "author"),
                              _ENTRY_REFUSED)
        if "source" not in entry:
            yield f"no 'source'; Claude Code cannot tell where to fetch the plugin; {_ENTRY_REFUSED}", pointer
        else:
            yield from _source_refusals(entry["source"], (*pointer, "source"), base)


def _source_refusals(source, pointer: tuple, base: str | None) -> Iterator[tuple[str, tuple]]:
    if isinstance(source, str):
        folder, why = relative_folder(source, base)
        if folder is None:
            yield f"source {source!r}: {why}; {_ENTRY_REFUSED}", pointer
        return
    if not isinstance(source, dict):
        yield (f"'source' must be a relative path or a source object, not {describe_value(source)}; "
               f"{_ENTRY_REFUSED}"), pointer
        return
    kind = source.get("source")
    if "source" not in source:
        yield f"the source object has no 'source' kind ({', '.join(SOURCES)}); {_ENTRY_REFUSED}", pointer
        return
    if not isinstance(kind, str) or kind not in SOURCES:
        yield (f"unknown source kind {kind!r}: Claude Code knows {', '.join(SOURCES)}; it refuses to install "
               "the plugin (older versions refuse the whole marketplace)"), (*pointer, "source")
        return
    required, types = SOURCES[kind]
    for key in required:
        if key not in source:
            yield f"a '{kind}' source needs '{key}'; {_ENTRY_REFUSED}", pointer
        elif not isinstance(source[key], str) or not source[key].strip():
            yield (f"'{key}' of a '{kind}' source must be a non-empty string, not {describe_value(source[key])}; "
                   f"{_ENTRY_REFUSED}"), (*pointer, key)
    yield from ((message, where) for message, where in _types(source, types, pointer, _ENTRY_REFUSED)
                if where[-1] not in required)
    sha = source.get("sha")
    if kind in ("github", "url", "git-subdir") and isinstance(sha, str) and not _SHA.fullmatch(sha):
        yield (f"'sha' must be a full 40-character commit SHA, not {sha!r}; {_ENTRY_REFUSED}"), (*pointer, "sha")
    yield from _kind_refusals(kind, source, pointer)


def _kind_refusals(kind: str, source: dict, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    """The per-kind limits the docs state as refusals (archive URLs, command sources)."""
    url = source.get("url")
    if kind == "archive" and isinstance(url, str) and url.strip() and not url.lower().startswith("https://"):
        yield (f"archive URL {url!r} is not HTTPS; Claude Code refuses the download and the plugin does not "
               "install"), (*pointer, "url")
    if kind == "archive" and isinstance(source.get("sha256"), str) \
            and not re.fullmatch(r"[0-9a-fA-F]{64}", source["sha256"]):
        yield "'sha256' must be 64 hex characters; Claude Code refuses the install", (*pointer, "sha256")
    if kind != "command":
        return
    command = source.get("command")
    if isinstance(command, str) and command.strip():
        if len(command) > 500 or not all(" " <= ch <= "~" for ch in command) or "    " in command:
            yield ("the command must be printable ASCII, at most 500 characters, without runs of four spaces; "
                   "Claude Code refuses to run it"), (*pointer, "command")
    timeout = source.get("timeout")
    if _typed(timeout, NUMBER) and (timeout != int(timeout) or not 0 < timeout <= 600):
        yield f"'timeout' must be a whole number of seconds up to 600, not {timeout}", (*pointer, "timeout")
    mode = source.get("mode")
    if isinstance(mode, str) and mode not in ("copy", "link"):
        yield f"'mode' must be \"copy\" or \"link\", not {mode!r}; {_ENTRY_REFUSED}", (*pointer, "mode")


def name_warnings(value: dict) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for names Claude Code accepts but other Anthropic surfaces refuse."""
    name = value.get("name")
    if isinstance(name, str) and name.strip():
        if name.lower() in DESKTOP_RESERVED:
            yield (f"marketplace name '{name}' is reserved in Claude Desktop, whose managed marketplace sync "
                   "rejects the whole marketplace"), ("name",)
        elif not _DESKTOP_NAME.fullmatch(name):
            yield (f"marketplace name '{name}' is not accepted by Claude Desktop (up to 128 letters, digits, `.`, "
                   "`_`, `-`, starting with a letter or digit); its managed sync rejects the marketplace"), ("name",)
    plugins = value.get("plugins")
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        plugin = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(plugin, str) or not plugin.strip() or _KEBAB.fullmatch(plugin):
            continue
        if not _DESKTOP_NAME.fullmatch(plugin):
            yield (f"plugin name '{plugin}' is not accepted by Claude Desktop, whose managed sync silently drops "
                   "the entry, nor by the claude.ai marketplace sync (kebab-case only)"), ("plugins", index, "name")
        else:
            yield (f"plugin name '{plugin}' is not kebab-case (lowercase letters, digits, hyphens); Claude Code "
                   "accepts it, the claude.ai marketplace sync rejects it"), ("plugins", index, "name")


def source_warnings(value: dict) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for remote sources that pass the schema but name no fetchable place: a `github` `repo`
    that is not `owner/repo` ("GitHub repositories": "GitHub repository in `owner/repo` format")."""
    plugins = value.get("plugins")
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        source = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(source, dict) or source.get("source") != "github":
            continue
        repo = source.get("repo")
        if isinstance(repo, str) and repo.strip() and not _GITHUB_REPO.fullmatch(repo.removesuffix(".git")):
            yield (f"a 'github' source takes the repository as owner/repo, not {repo!r}; Claude Code cannot clone "
                   "it (use a 'url' source for a full URL)"), ("plugins", index, "source", "repo")
