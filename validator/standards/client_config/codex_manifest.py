"""An OpenAI Codex plugin manifest (`.codex-plugin/plugin.json`) read the way Codex reads it: what makes Codex
refuse the plugin (CFG021), which fields it ignores (CFG022), and the paths it resolves under the plugin's root.

Primary source, openai/codex at commit bad46dc4c83ccca0a299287cd2b060769bb27170:
- `codex-rs/core-plugins/src/manifest_document.rs`: the serde struct. Unknown keys are ignored; `name` is a
  string, `version` and `description` optional strings, `keywords` a string list, `interface` an object of
  optional strings plus `capabilities` and `screenshots` string lists. A value of another type fails
  `serde_json::from_str`, `load_plugin_manifest` returns None, and the loader (`core-plugins/src/loader.rs`,
  `load_plugin`) records "missing or invalid plugin.json": nothing of the plugin loads. `skills`, `mcpServers`,
  `hooks` and `interface.defaultPrompt` are untagged enums with an `Invalid` arm instead: a wrong type there
  is ignored with a warning.
- `codex-rs/core-plugins/src/manifest.rs`, `resolve_manifest_path`: every path field (`skills`, `mcpServers`,
  `apps`, `hooks`, `interface.composerIcon`, `interface.logo`, `interface.screenshots`) must start with `./`,
  must not be `./` alone, and may hold only plain names after it (no `..`, no root, no leading `.`);
  otherwise the field is ignored with a warning ("ignoring skills: path must start with `./` relative to
  plugin root") and the rest of the plugin loads. An ignored `skills` or `mcpServers` leaves the defaults
  (`skills/`, `.mcp.json`). `resolve_default_prompts`: at most 3 prompts of at most 128 characters after
  whitespace is collapsed; others are dropped with a warning.
- `codex-rs/core-plugins/src/store.rs` (commit 03d211355dd9982d495a907139e09597dd75401a), `install_with_version`:
  installing refuses a plugin whose manifest name (the plugin folder's name when `name` is blank) is not a
  valid plugin id segment (`codex-rs/plugin/src/plugin_id.rs`, `validate_plugin_segment`: ASCII letters,
  digits, `_` and `-`; the newest revision also allows `.` between such runs, accepted here), or whose
  `version`, trimmed, is blank or holds more than ASCII letters, digits, `.`, `+`, `_` and `-`.
- Later revisions (`codex-rs/plugin/src/manifest.rs`, commit 4338591d883eff137a14513e3b087af92ead9245) accept
  a list for `skills`, `apps` and `mcpServers` and read `interface.logoDark`: those forms are accepted here too.

Pure functions over the parsed JSON value; the emitters are `checks/extension.py` and `checks/plugin_fields.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.engine.schemacheck import describe_value

MANIFEST = ".codex-plugin/plugin.json"
MAX_PROMPTS = 3
MAX_PROMPT_LENGTH = 128

_NAME = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")
_VERSION = re.compile(r"[A-Za-z0-9._+-]+")
_INTERFACE_STRINGS = ("displayName", "shortDescription", "longDescription", "developerName", "category",
                      "websiteURL", "websiteUrl", "privacyPolicyURL", "privacyPolicyUrl", "termsOfServiceURL",
                      "termsOfServiceUrl", "brandColor", "composerIcon", "logo")
_INTERFACE_LISTS = ("capabilities", "screenshots")
_ASSETS = ("composerIcon", "logo", "logoDark")
FALLBACK = {"skills": "it reads only the default skills/ folder", "mcpServers": "it reads the plugin's .mcp.json instead"}
"""What Codex loads when it ignores the field (`plugin_skill_roots`, `plugin_mcp_config_paths`); others load nothing."""
_REFUSED = "Codex refuses the manifest and loads nothing of the plugin"


def plugin_root(manifest: str) -> str:
    """The plugin's folder ('' for the repository root) of the manifest at `.../.codex-plugin/plugin.json`."""
    return manifest[:-len(MANIFEST)].rstrip("/")


def plugin_id_ok(name: str) -> bool:
    """NAME is a valid plugin id segment (`validate_plugin_segment`; `.` between runs as the newest revision allows)."""
    return bool(_NAME.fullmatch(name))


def resolve(path: str) -> tuple[str | None, str]:
    """(PATH relative to the plugin root, '') as `resolve_manifest_path` accepts it, or (None, why Codex ignores it)."""
    if path == "":
        return None, "it is empty"
    if not path.startswith("./"):
        return None, "the path must start with `./` (relative to the plugin root)"
    rest = path[2:]
    if rest == "":
        return None, "the path must not be `./` alone"
    if rest.startswith("/") or rest.split("/", 1)[0] == ".":
        return None, "the path must stay within the plugin root (plain names after `./`)"
    parts = [part for part in rest.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None, "the path must not contain `..`"
    return "/".join(parts), ""


def refusals(value, folder_name: str | None) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for each reason Codex refuses the manifest VALUE; FOLDER_NAME is the plugin folder's
    name (None at the repository root, where the clone's name is unknown)."""
    if not isinstance(value, dict):
        yield f"the manifest must be a JSON object, not {describe_value(value)}; {_REFUSED}", ()
        return
    name = value.get("name", "")
    if not isinstance(name, str):
        yield f"'name' must be a string, not {describe_value(name)}; {_REFUSED}", ("name",)
    elif name.strip() and not _NAME.fullmatch(name):
        yield (f"plugin name {name!r} may hold only ASCII letters, digits, '_' and '-' (and '.' between them); "
               "Codex refuses to install the plugin"), ("name",)
    elif not name.strip() and folder_name is not None and not _NAME.fullmatch(folder_name):
        yield (f"no 'name': Codex names the plugin after its folder, {folder_name!r}, which is not a valid plugin "
               "name (ASCII letters, digits, '_', '-'); Codex refuses to install the plugin"), \
            (("name",) if "name" in value else ())
    for key in ("version", "description"):
        if value.get(key) is not None and not isinstance(value[key], str):
            yield f"'{key}' must be a string, not {describe_value(value[key])}; {_REFUSED}", (key,)
    version = value.get("version")
    if isinstance(version, str):
        if not version.strip():
            yield "'version' is blank; Codex refuses to install the plugin (omit it instead)", ("version",)
        elif not _VERSION.fullmatch(version.strip()) or version.strip() in (".", ".."):
            yield (f"version {version!r} may hold only ASCII letters, digits, '.', '+', '_' and '-'; Codex "
                   "refuses to install the plugin"), ("version",)
    if "keywords" in value and not _string_list(value["keywords"]):
        yield f"'keywords' must be a list of strings, not {describe_value(value['keywords'])}; {_REFUSED}", ("keywords",)
    interface = value.get("interface")
    if interface is None:
        return
    if not isinstance(interface, dict):
        yield f"'interface' must be an object, not {describe_value(interface)}; {_REFUSED}", ("interface",)
        return
    for key in _INTERFACE_STRINGS:
        if interface.get(key) is not None and not isinstance(interface[key], str):
            yield (f"'interface.{key}' must be a string, not {describe_value(interface[key])}; {_REFUSED}",
                   ("interface", key))
    for key in _INTERFACE_LISTS:
        if key in interface and not _string_list(interface[key]):
            yield (f"'interface.{key}' must be a list of strings, not {describe_value(interface[key])}; {_REFUSED}",
                   ("interface", key))


def _string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def path_fields(value: dict) -> Iterator[tuple[str, str, tuple]]:
    """(field, path string, pointer) for every path the manifest VALUE names, and ('', message, pointer) for a
    field of a type Codex ignores."""
    for key, shapes in (("skills", "a string or a list of strings"), ("apps", "a string or a list of strings"),
                        ("mcpServers", "a path string or an object of servers"),
                        ("hooks", "a path, a list of paths, or hook objects")):
        if key not in value or value[key] is None:
            continue
        item = value[key]
        if isinstance(item, str):
            yield key, item, (key,)
        elif _string_list(item):
            for index, path in enumerate(item):
                yield key, path, (key, index)
        elif not (key == "mcpServers" and isinstance(item, dict)) and not (key == "hooks" and _hook_objects(item)):
            yield "", (f"'{key}' must be {shapes}, not {describe_value(item)}; Codex ignores it"
                       f"{'; ' + FALLBACK[key] if key in FALLBACK else ''}"), (key,)
    interface = value.get("interface")
    if not isinstance(interface, dict):
        return
    for key in _ASSETS:
        if isinstance(interface.get(key), str) and not _remote(interface[key]):
            yield f"interface.{key}", interface[key], ("interface", key)
    screenshots = interface.get("screenshots")
    if _string_list(screenshots):
        for index, path in enumerate(screenshots):
            if not _remote(path):
                yield "interface.screenshots", path, ("interface", "screenshots", index)


def _hook_objects(value) -> bool:
    return isinstance(value, dict) or isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


def _remote(path: str) -> bool:
    """An http(s) URL: later Codex revisions and the plugin directory take remote interface assets; not checked."""
    return path.startswith(("https://", "http://"))


def ignored_prompts(value: dict) -> Iterator[tuple[str, tuple]]:
    """(message, pointer) for each `interface.defaultPrompt` entry Codex drops (`resolve_default_prompts`)."""
    interface = value.get("interface")
    prompts = interface.get("defaultPrompt") if isinstance(interface, dict) else None
    if prompts is None:
        return
    pointer = ("interface", "defaultPrompt")
    if isinstance(prompts, str):
        yield from _prompt_problem(prompts, pointer)
        return
    if not isinstance(prompts, list):
        yield (f"'interface.defaultPrompt' must be a string or a list of strings, not {describe_value(prompts)}; "
               "Codex ignores it"), pointer
        return
    kept = 0
    for index, prompt in enumerate(prompts):
        if kept >= MAX_PROMPTS:
            yield (f"Codex shows at most {MAX_PROMPTS} default prompts; it drops this one and any after it"), \
                pointer + (index,)
            return
        if not isinstance(prompt, str):
            yield f"a default prompt must be a string, not {describe_value(prompt)}; Codex drops it", pointer + (index,)
            continue
        problems = list(_prompt_problem(prompt, pointer + (index,)))
        yield from problems
        kept += not problems


def _prompt_problem(prompt: str, pointer: tuple) -> Iterator[tuple[str, tuple]]:
    collapsed = " ".join(prompt.split())
    if not collapsed:
        yield "the default prompt is empty; Codex drops it", pointer
    elif len(collapsed) > MAX_PROMPT_LENGTH:
        yield (f"the default prompt has {len(collapsed)} characters; Codex drops prompts longer than "
               f"{MAX_PROMPT_LENGTH}"), pointer


def mcp_config_paths(value) -> list[str] | None:
    """The MCP config files the manifest VALUE names, relative to the plugin root, as `plugin_mcp_config_paths`
    takes them; None when Codex falls back to the plugin's `.mcp.json` (no `mcpServers`, or one it ignores);
    [] for inline servers."""
    servers = value.get("mcpServers") if isinstance(value, dict) else None
    paths = [servers] if isinstance(servers, str) else servers if _string_list(servers) else None
    if paths is None:
        return [] if isinstance(servers, dict) else None
    resolved = [rel for rel, _ in map(resolve, paths) if rel]
    return resolved or None
