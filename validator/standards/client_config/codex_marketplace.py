"""An OpenAI Codex plugin marketplace (`.agents/plugins/marketplace.json`) read the way Codex reads it: what makes
Codex refuse the whole file or skip one of its plugins (CFG023), and the local plugin folders it resolves (a missing
one is CFG024's). Pure functions over the parsed JSON value; the emitter is `checks/vendor_plugins.py`.

Primary source, openai/codex `codex-rs/core-plugins/src/marketplace.rs`, read at 0e543a2c666ece11db7b5c5267f510d0c12e6d0d
and at the newest stored revision (after openai/codex#28771, "support root local marketplace plugins", and the `npm`
source asked for in openai/codex#27831); where they differ, the newest wins, so a file current Codex reads is clean:
- Codex looks for `.agents/plugins/marketplace.json` (then `.claude-plugin/marketplace.json`) under a marketplace
  root: the home folder, a repository's root, or a folder added with `codex plugin marketplace add`.
- `load_raw_marketplace_manifest` parses the file into `RawMarketplaceManifest` with serde: `name` (string) and
  `plugins` (array) are required, `interface` an optional object whose `displayName` is an optional string; each
  entry needs `name` (string) and `source`, and takes an optional `policy` object (`installation`: `NOT_AVAILABLE`,
  `AVAILABLE` or `INSTALLED_BY_DEFAULT`; `authentication`: `ON_INSTALL` or `ON_USE`; `products` a list) and an
  optional `category` string. Unknown keys are ignored (the newest revision keeps them as manifest fields). Any
  other shape fails the parse: "invalid marketplace file", and Codex lists none of the marketplace's plugins
  ("skipping marketplace that failed to load").
- `source` is untagged: a string (a local path), or an object tagged by `source`: `local` (`path`), `url` (`url`,
  optional `path`, `ref`, `sha`), `git-subdir` (`url`, `path`, optional `ref`, `sha`), `npm` (`package`, optional
  `version`, `registry`). Anything else is `Unsupported`, and the entry is skipped ("skipping marketplace plugin
  with unsupported source").
- `resolve_local_plugin_source_path`: `.` and `./` are the marketplace root (#28771; older releases refused them);
  any other local path must start with `./` and hold only plain names after it (no `..`, no root, no leading `.`);
  it resolves against the marketplace root. Otherwise the entry is skipped ("skipping marketplace plugin that failed
  to resolve"), as is a git source whose `url` is empty, not a URL, path, `git@host:` address or GitHub
  `owner/repo`, or a relative URL with `..`, or whose subfolder `path` leaves the repository, and an npm source
  whose `package` is not an npm name, whose `version` or `registry` is blank, or whose `registry` is not https.
- `PluginId::new` (codex-rs/plugin/src/lib.rs): the plugin name and the marketplace name must be non-empty ASCII
  letters, digits, `_` and `-` (a later revision allows `.` between them, accepted here); an entry that fails is
  skipped, and an invalid marketplace name fails every entry.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.engine.schemacheck import describe_value
from validator.standards.client_config.codex_manifest import plugin_id_ok
from validator.standards.client_config.marketplace import plugins_unusable

MARKETPLACE = ".agents/plugins/marketplace.json"
_REFUSED = "Codex cannot parse the marketplace and lists none of its plugins"
_SKIPPED = "Codex skips this plugin"
INSTALLATION = ("NOT_AVAILABLE", "AVAILABLE", "INSTALLED_BY_DEFAULT")
AUTHENTICATION = ("ON_INSTALL", "ON_USE")
KINDS = {"local": ("path",), "url": ("url",), "git-subdir": ("url", "path"), "npm": ("package",)}
"""Source object kinds Codex reads, with their required string fields."""


def marketplace_root(relpath: str) -> str:
    """The marketplace root ('' for the repository root): the folder holding `.agents/plugins/marketplace.json`."""
    return relpath[:-len(MARKETPLACE)].rstrip("/")


def local_folder(path: str) -> tuple[str | None, str]:
    """(the folder a local source PATH names relative to the marketplace root, '') as
    `resolve_local_plugin_source_path` accepts it, or (None, why Codex skips the entry)."""
    if path in (".", "./"):
        return "", ""  # the marketplace root (openai/codex#28771)
    if path == "":
        return None, "a local plugin source path must not be empty"
    if not path.startswith("./"):
        return None, "a local plugin source path must start with `./`"
    rest = path[2:]
    parts = rest.split("/")
    if rest.startswith("/") or parts[0] == "." or ".." in parts:
        return None, "a local plugin source path must stay within the marketplace root (plain names after `./`)"
    return "/".join(part for part in parts if part not in ("", ".")), ""


def _git_url_ok(url: str) -> bool:
    """`normalize_git_plugin_source_url`: a URL, a path, an ssh address or a GitHub `owner/repo`."""
    url = url.strip()
    if url.startswith(("./", "../", ".\\", "..\\")):
        return ".." not in url.replace("\\", "/").split("/")  # the newest revision keeps it inside the root
    if url.startswith(("http://", "https://", "file://", "/", "ssh://")):
        return True
    if url.startswith("git@") and ":" in url:
        return True
    segments = url.split("/")
    return len(segments) == 2 and all(
        segment and all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in segment) for segment in segments)


def _subdir_problem(path: str) -> str:
    """`normalize_remote_plugin_subdir`: non-empty after an optional `./`, plain names only."""
    rest = path.strip()
    rest = rest[2:] if rest.startswith("./") else rest
    if not rest:
        return "the git source's 'path' must not be empty"
    parts = rest.split("/")
    if rest.startswith("/") or parts[0] == "." or ".." in parts:
        return "the git source's 'path' must stay within the repository (plain names)"
    return ""


def refusals(value) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for each thing that makes Codex refuse the marketplace VALUE or skip one of its entries."""
    if not isinstance(value, dict):
        yield f"the marketplace file must be a JSON object, not {describe_value(value)}; {_REFUSED}", ()
        return
    name = value.get("name")
    if "name" not in value:
        yield f"no 'name'; {_REFUSED}", ()
    elif not isinstance(name, str):
        yield f"'name' must be a string, not {describe_value(name)}; {_REFUSED}", ("name",)
    elif not plugin_id_ok(name):
        yield (f"marketplace name {name!r} may hold only ASCII letters, digits, '_' and '-'; Codex names every "
               "plugin `<plugin>@<marketplace>` and skips them all"), ("name",)
    interface = value.get("interface")
    if interface is not None and not isinstance(interface, dict):
        yield f"'interface' must be an object, not {describe_value(interface)}; {_REFUSED}", ("interface",)
    elif isinstance(interface, dict) and interface.get("displayName") is not None \
            and not isinstance(interface["displayName"], str):
        yield (f"'interface.displayName' must be a string, not {describe_value(interface['displayName'])}; "
               f"{_REFUSED}"), ("interface", "displayName")
    unusable = plugins_unusable(value, _REFUSED)
    if unusable is not None:
        yield unusable
        return
    for index, entry in enumerate(value["plugins"]):
        yield from _entry(entry, ("plugins", index))


def _entry(entry, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    if not isinstance(entry, dict):
        yield f"a plugin entry must be an object, not {describe_value(entry)}; {_REFUSED}", pointer
        return
    name = entry.get("name")
    if "name" not in entry:
        yield f"no 'name'; {_REFUSED}", pointer
    elif not isinstance(name, str):
        yield f"'name' must be a string, not {describe_value(name)}; {_REFUSED}", (*pointer, "name")
    elif not plugin_id_ok(name):
        yield (f"plugin name {name!r} may hold only ASCII letters, digits, '_' and '-'; {_SKIPPED}"), (*pointer, "name")
    if entry.get("category") is not None and not isinstance(entry["category"], str):
        yield (f"'category' must be a string, not {describe_value(entry['category'])}; {_REFUSED}",
               (*pointer, "category"))
    if "policy" in entry:
        yield from _policy(entry["policy"], (*pointer, "policy"))
    if "source" not in entry:
        yield f"no 'source'; {_REFUSED}", pointer
    else:
        yield from _source(entry["source"], (*pointer, "source"))


def _policy(policy, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    if not isinstance(policy, dict):
        yield f"'policy' must be an object, not {describe_value(policy)}; {_REFUSED}", pointer
        return
    for key, allowed in (("installation", INSTALLATION), ("authentication", AUTHENTICATION)):
        if key in policy and policy[key] not in allowed:
            got = repr(policy[key]) if isinstance(policy[key], str) else describe_value(policy[key])
            yield (f"'policy.{key}' must be one of {', '.join(allowed)}, not {got}; "
                   f"{_REFUSED}"), (*pointer, key)
    products = policy.get("products")
    if products is not None and not isinstance(products, list):
        yield f"'policy.products' must be a list, not {describe_value(products)}; {_REFUSED}", (*pointer, "products")


def _source(source, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    if isinstance(source, str):
        folder, why = local_folder(source)
        if folder is None:
            yield f"source {source!r}: {why}; {_SKIPPED}", pointer
        return
    kind = source.get("source") if isinstance(source, dict) else None
    if not isinstance(kind, str) or kind not in KINDS:
        what = f"source kind {kind!r}" if isinstance(source, dict) else f"a source of {describe_value(source)}"
        yield (f"Codex does not support {what} (it reads a './' path, or a 'local', 'url', 'git-subdir' or "
               f"'npm' object); {_SKIPPED}"), (*pointer, "source") if isinstance(kind, str) else pointer
        return
    for key in KINDS[kind]:
        if not isinstance(source.get(key), str):
            got = "missing" if key not in source else describe_value(source[key])
            yield f"a '{kind}' source needs '{key}' as a string ({got}); {_SKIPPED}", \
                (*pointer, key) if key in source else pointer
            return
    optional = ("version", "registry") if kind == "npm" else ("path", "ref", "sha")
    for key in optional:
        if key not in KINDS[kind] and source.get(key) is not None and not isinstance(source[key], str):
            yield f"'{key}' must be a string, not {describe_value(source[key])}; {_SKIPPED}", (*pointer, key)
    if kind == "npm":
        yield from _npm(source, pointer)
        return
    if kind == "local":
        folder, why = local_folder(source["path"])
        if folder is None:
            yield f"path {source['path']!r}: {why}; {_SKIPPED}", (*pointer, "path")
        return
    url = source["url"]
    if not url.strip():
        yield f"the git source's 'url' must not be empty; {_SKIPPED}", (*pointer, "url")
    elif not _git_url_ok(url):
        yield (f"git source url {url!r} is not a URL, a path, a git@host: address or a GitHub owner/repo; "
               f"{_SKIPPED}"), (*pointer, "url")
    path = source.get("path")
    if isinstance(path, str) and (problem := _subdir_problem(path)):
        yield f"{problem}; {_SKIPPED}", (*pointer, "path")


_NPM_SEGMENT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."


def _npm(source: dict, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    """`normalize_npm_package`, `normalize_optional_npm_version`, `normalize_optional_npm_registry`."""
    package = source["package"].strip()
    scoped = package.startswith("@")
    segments = package[1:].split("/") if scoped else package.split("/")
    if not package or len(segments) != (2 if scoped else 1) or not all(
            segment not in ("", ".", "..") and (scoped or segment[0] not in "._")
            and all(ch in _NPM_SEGMENT for ch in segment) for segment in segments):
        yield f"{source['package']!r} is not an npm package name; {_SKIPPED}", (*pointer, "package")
    for key in ("version", "registry"):
        value = source.get(key)
        if isinstance(value, str) and not value.strip():
            yield f"the npm source's '{key}' must not be blank; {_SKIPPED}", (*pointer, key)
        elif key == "version" and isinstance(value, str) and (value.strip() in (".", "..")
                                                               or any(ch in value for ch in "/\\:")):
            yield f"npm version {value!r} must be a registry version or range; {_SKIPPED}", (*pointer, key)
        elif key == "registry" and isinstance(value, str) and not value.strip().lower().startswith("https://"):
            yield f"npm registry {value!r} must be an https URL; {_SKIPPED}", (*pointer, key)


def local_sources(value) -> Iterator[tuple[str, str, tuple]]:
    """(source path as written, folder relative to the marketplace root, pointer) for each local source Codex
    resolves."""
    plugins = value.get("plugins") if isinstance(value, dict) else None
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        source = entry.get("source") if isinstance(entry, dict) else None
        pointer: tuple = ("plugins", index, "source")
        if isinstance(source, dict) and source.get("source") == "local" and isinstance(source.get("path"), str):
            source, pointer = source["path"], (*pointer, "path")
        if isinstance(source, str):
            folder, _ = local_folder(source)
            if folder:  # the root ('') is always there
                yield source, folder, pointer
