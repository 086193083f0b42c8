"""The checks beyond the schema: bundle files, variables, user_config, runtimes, names.

Every function reads the manifest defensively (a value of the wrong JSON type is
skipped here; the schema check reports the type), so a broken manifest still gets
every finding that can be made about it. Variable semantics follow MANIFEST.md
("Variable Substitution") and mcpb's reference implementation `replaceVariables` /
`getMcpConfigForManifest` (src/shared/config.ts at 27083dc).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator

from validator import secrets
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.bundle import PNG_SIGNATURE, Bundle, png_dimensions
from validator.standards.mcpb.schema import Problem
from validator.standards.mcpb.semver import is_pep440_specifier, is_range, is_version

SYSTEM_VARIABLES = ("__dirname", "HOME", "DESKTOP", "DOCUMENTS", "DOWNLOADS", "pathSeparator", "/")
"""Substituted in `mcp_config` by every MCPB host (MANIFEST.md, MCP Configuration)."""
_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_UNTERMINATED = re.compile(r"\$\{(?![^}]*\})")
_USER_CONFIG_ITEM = re.compile(r"\$\{user_config\.([^}]+)\}")
_ARGUMENT = re.compile(r"\$\{arguments\.([^}]*)\}")
_CLIENT_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_PLACEHOLDER_VERSION = re.compile(r"[<{]|\$\{|__[A-Za-z_]+__|@[A-Za-z_]+@|%[A-Za-z_]+%")
NODE_PLATFORMS = ("aix", "android", "cygwin", "darwin", "freebsd", "haiku", "linux", "netbsd", "openbsd", "sunos", "win32")
_PLATFORM_HINTS = {"windows": "win32", "win": "win32", "win64": "win32", "macos": "darwin", "mac": "darwin",
                   "osx": "darwin", "macosx": "darwin", "ubuntu": "linux"}
_TYPE_OPTIONS = {"min": ("number",), "max": ("number",), "multiple": ("directory", "file"), "sensitive": ("string",)}
_COMPILED_FROM = {".js": (".ts", ".tsx", ".mts", ".cts", ".jsx"), ".mjs": (".mts", ".ts"), ".cjs": (".cts", ".ts")}
_BUILD_DIRS = frozenset({"dist", "build", "out", "lib", "bin", "target", "release", ".output", "dxt-dist", "bundle"})
_CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".py", ".exe", ".sh")
_MIN_ICON, _MAX_ICON = 128, 4096
_MODULE_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def check(value: dict, bundle: Bundle) -> Iterator[Problem]:
    yield from _versions(value)
    server = _dict(value, "server")
    yield from _entry_point(server, bundle)
    yield from _icon(value, bundle)
    yield from _icons(value, bundle)
    yield from _launched_files(server, bundle)
    options = _dict(value, "user_config")
    yield from _variables(server, options)
    for key, option in options.items():
        if isinstance(option, dict):
            yield from _option(("user_config", key), key, option)
    yield from _config_secrets(server)
    yield from _command(server)
    yield from _platform_keys(server)
    yield from _compatibility(_dict(value, "compatibility"))
    yield from _version(value)
    yield from _names(value, "tools")
    yield from _names(value, "prompts")
    yield from _prompt_arguments(value)


def _dict(obj, key: str) -> dict:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, dict) else {}


def _list(obj, key: str) -> list:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, list) else []


def _str(obj, key: str) -> str | None:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, str) else None


# -- versions ---------------------------------------------------------------------------

def _versions(value: dict) -> Iterator[Problem]:
    if "dxt_version" not in value:
        return
    if "manifest_version" in value:
        yield Problem(R.MCPB002, ("dxt_version",), "dxt_version is deprecated and redundant next to manifest_version; remove it", True)
    else:
        yield Problem(R.MCPB002, ("dxt_version",), "dxt_version is deprecated; rename it to manifest_version", True)


# -- bundle files -------------------------------------------------------------------------

def _entry_point(server: dict, bundle: Bundle) -> Iterator[Problem]:
    entry = _str(server, "entry_point")
    if not entry:
        return
    where = bundle.resolve(bundle.strip_dirname(entry))
    pointer = ("server", "entry_point")
    if where.kind == "outside":
        yield Problem(R.MCPB018, pointer, f"entry_point {entry!r} leaves the bundle folder; mcpb pack archives only the manifest's folder")
        return
    if where.kind != "local" or bundle.escapes(where.rel):
        return
    if bundle.exists(where.rel):
        if _left_out(bundle, where):
            yield Problem(R.MCPB019, pointer, f"entry_point {entry!r} is excluded by .mcpbignore or mcpb's default "
                                              "exclusions, so the built bundle will not contain it")
        return
    if bundle.generated(where.rel) or bundle.packed_elsewhere:
        return
    kind = _str(server, "type")
    near = _near_sibling(bundle, where.rel)
    if kind == "binary" or bundle.looks_staged:
        # built binaries and staged bundle folders are filled by a build: report only an evident typo
        if near:
            yield Problem(R.MCPB010, pointer, f"entry_point {entry!r} does not exist; did you mean {near!r}?")
        return
    parent = posixpath.dirname(where.rel)
    if (parent and not bundle.is_dir(parent)) or _compiled(bundle, where.rel) or set(where.inside.split("/")[:-1]) & _BUILD_DIRS:
        return
    if parent != bundle.base and not near and not any(name.endswith(_CODE_SUFFIXES) for name in bundle.siblings(where.rel)):
        return  # a folder without code (a .gitkeep, a README): the build fills it
    hint = f"; did you mean {near!r}?" if near else ""
    if not hint and _MODULE_NAME.fullmatch(entry) and not entry.endswith((".py", ".js", ".mjs", ".cjs")):
        as_path = entry.replace(".", "/") + ".py"
        found = bundle.exists(posixpath.join(bundle.base, as_path) if bundle.base else as_path)
        hint = (f"; it is a module name, and entry_point is a file path: did you mean {as_path!r}?" if found
                else f"; it looks like a module name, but entry_point is a file path such as {as_path!r}")
    yield Problem(R.MCPB010, pointer, f"entry_point {entry!r} does not exist in the bundle folder{hint}")


def _missing(bundle: Bundle, rel: str) -> tuple[bool, str | None]:
    """Whether a missing icon file is worth reporting, and the near sibling to suggest. A
    generated file or a bundle packed from elsewhere is never reported; in a staged folder
    (filled by a build) only an evident typo is."""
    if bundle.generated(rel) or bundle.packed_elsewhere:
        return False, None
    near = _near_sibling(bundle, rel)
    return near is not None or not bundle.looks_staged, near


def _left_out(bundle: Bundle, where) -> bool:
    """An existing file that `mcpb pack` will not archive (.mcpbignore or its default exclusions)."""
    return bundle.excluded_from_pack(where.inside) and not bundle.packed_elsewhere


def _near_sibling(bundle: Bundle, rel: str) -> str | None:
    """A file next to REL whose name is nearly the same (a typo), as a bundle-relative path."""
    name = posixpath.basename(rel)
    candidates = [s for s in bundle.siblings(rel) if s != name]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.85)
    if not close:
        return None
    parent = posixpath.dirname(rel)
    found = posixpath.join(parent, close[0]) if parent else close[0]
    return posixpath.relpath(found, bundle.base) if bundle.base else found


def _compiled(bundle: Bundle, rel: str) -> bool:
    """REL is the build output of a TypeScript (or JSX) source in the same folder or a src/ mirror."""
    stem, suffix = posixpath.splitext(rel)
    sources = _COMPILED_FROM.get(suffix, ())
    candidates = [stem + ext for ext in sources]
    parts = stem.split("/")
    for i, part in enumerate(parts[:-1]):
        if part in _BUILD_DIRS:
            mirrored = "/".join(parts[:i] + ["src"] + parts[i + 1:])
            candidates += [mirrored + ext for ext in sources]
    return any(bundle.exists(candidate) for candidate in candidates)


def _icon(value: dict, bundle: Bundle) -> Iterator[Problem]:
    icon = _str(value, "icon")
    if not icon:
        return
    pointer = ("icon",)
    # validateIcon in mcpb's src/node/validate.ts: remote -> warning; ${__dirname} or absolute -> error
    if icon.startswith(("http://", "https://")):
        yield Problem(R.MCPB014, pointer, f"icon {icon!r} is a remote URL; Claude Desktop only shows icon files shipped in the bundle")
        return
    if "${__dirname}" in icon:
        yield Problem(R.MCPB013, pointer, f"icon {icon!r} uses ${{__dirname}}; give a path relative to the bundle root, e.g. 'icon.png'")
        return
    where = bundle.resolve(icon)
    if where.kind == "absolute":
        yield Problem(R.MCPB013, pointer, f"icon {icon!r} is an absolute path; give a path relative to the bundle root")
        return
    if where.kind == "outside":
        yield Problem(R.MCPB018, pointer, f"icon {icon!r} leaves the bundle folder; mcpb pack archives only the manifest's folder")
        return
    if where.kind != "local" or bundle.escapes(where.rel):
        return
    if not bundle.exists(where.rel):
        report, near = _missing(bundle, where.rel)
        if report:
            yield Problem(R.MCPB011, pointer, f"icon file {icon!r} does not exist" + (f"; did you mean {near!r}?" if near else ""))
        return
    if _left_out(bundle, where):
        yield Problem(R.MCPB019, pointer, f"icon {icon!r} is excluded by .mcpbignore or mcpb's default exclusions, "
                                          "so the built bundle will not contain it")
    if bundle.is_dir(where.rel):
        yield Problem(R.MCPB012, pointer, f"icon {icon!r} is a folder, not a PNG file")
        return
    head = bundle.read_head(where.rel, 33)
    if head is None:
        return
    if not head.startswith(PNG_SIGNATURE):
        yield Problem(R.MCPB012, pointer, f"icon {icon!r} is not a PNG file (its first bytes are not the PNG signature){_sniff(head)}")
        return
    size = png_dimensions(head)
    if size is None:
        yield Problem(R.MCPB017, pointer, f"icon {icon!r} has a PNG signature but no valid IHDR header (truncated or corrupt)")
        return
    width, height = size
    if width != height:
        yield Problem(R.MCPB017, pointer, f"icon {icon!r} is {width}x{height} pixels, not square; use a square PNG (512x512 recommended)")
    elif width < _MIN_ICON:
        yield Problem(R.MCPB017, pointer, f"icon {icon!r} is only {width}x{height} pixels; use at least {_MIN_ICON}x{_MIN_ICON} (512x512 recommended)")
    elif width > _MAX_ICON:
        yield Problem(R.MCPB017, pointer, f"icon {icon!r} is {width}x{height} pixels; more than {_MAX_ICON} is wasted bundle size (512x512 recommended)")


def _sniff(head: bytes) -> str:
    stripped = head.lstrip()
    if stripped.startswith((b"<svg", b"<?xml")):
        return "; it is an SVG"
    if head.startswith(b"\xff\xd8\xff"):
        return "; it is a JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "; it is a WebP image"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "; it is a GIF"
    if head.startswith(b"\x00\x00\x01\x00"):
        return "; it is a Windows .ico"
    return ""


def _icons(value: dict, bundle: Bundle) -> Iterator[Problem]:
    for i, entry in enumerate(_list(value, "icons")):
        src = _str(entry, "src")
        if not src:
            continue
        pointer = ("icons", i, "src")
        where = bundle.resolve(src)
        if where.kind in ("absolute", "dirname"):
            yield Problem(R.MCPB015, pointer, f"icons[{i}].src {src!r} must be a path relative to the bundle root")
            continue
        if where.kind == "outside":
            yield Problem(R.MCPB018, pointer, f"icons[{i}].src {src!r} leaves the bundle folder; mcpb pack archives only the manifest's folder")
            continue
        if where.kind != "local" or bundle.escapes(where.rel):
            continue
        if not bundle.exists(where.rel):
            report, near = _missing(bundle, where.rel)
            if report:
                yield Problem(R.MCPB015, pointer, f"icons[{i}].src {src!r} does not exist" + (f"; did you mean {near!r}?" if near else ""))
            continue
        if _left_out(bundle, where):
            yield Problem(R.MCPB019, pointer, f"icons[{i}].src {src!r} is excluded by .mcpbignore or mcpb's default exclusions")
        declared = _str(entry, "size")
        head = bundle.read_head(where.rel, 33)
        size = png_dimensions(head) if head and head.startswith(PNG_SIGNATURE) else None
        match = re.fullmatch(r"([0-9]+)x([0-9]+)", declared or "")
        if size and match and (int(match.group(1)), int(match.group(2))) != size:
            yield Problem(R.MCPB016, ("icons", i, "size"),
                          f"icons[{i}] declares size {declared!r} but {src!r} is {size[0]}x{size[1]} pixels")


def _launched_files(server: dict, bundle: Bundle) -> Iterator[Problem]:
    """Files `mcp_config` reaches through `${__dirname}/...` that pack would leave out."""
    entry = _str(server, "entry_point")
    entry_inside = bundle.resolve(bundle.strip_dirname(entry)).inside if entry else None
    for pointer, text in _config_strings(server):
        if not text.startswith("${__dirname}"):
            continue
        where = bundle.resolve(bundle.strip_dirname(text))
        if where.kind != "local" or where.inside == entry_inside or not bundle.exists(where.rel) or bundle.packed_elsewhere:
            continue
        if bundle.excluded_from_pack(where.inside):
            yield Problem(R.MCPB019, pointer, f"{text!r} is excluded by .mcpbignore or mcpb's default exclusions, "
                                              "so the built bundle will not contain it")


# -- variables ---------------------------------------------------------------------------

def _config_strings(server: dict) -> Iterator[tuple[tuple, str]]:
    """(pointer, text) of every string of `mcp_config` the host substitutes variables in."""
    config = _dict(server, "mcp_config")
    base = ("server", "mcp_config")
    yield from _launch_strings(base, config)
    for platform, override in _dict(config, "platform_overrides").items():
        if isinstance(override, dict):
            yield from _launch_strings(base + ("platform_overrides", platform), override)


def _launch_strings(base: tuple, config: dict) -> Iterator[tuple[tuple, str]]:
    command = _str(config, "command")
    if command is not None:
        yield base + ("command",), command
    for i, arg in enumerate(_list(config, "args")):
        if isinstance(arg, str):
            yield base + ("args", i), arg
    for name, text in _dict(config, "env").items():
        if isinstance(text, str):
            yield base + ("env", name), text


def _multiple(option) -> bool:
    return isinstance(option, dict) and (option.get("multiple") is True or isinstance(option.get("default"), list))


def _variables(server: dict, options: dict) -> Iterator[Problem]:
    used: set[str] = set()
    for pointer, text in _config_strings(server):
        whole_arg = "args" in pointer[-2:-1]
        for match in _VARIABLE.finditer(text):
            name = match.group(1)
            token = match.group(0)
            if name.startswith("user_config.") and len(name) > len("user_config."):
                key = name[len("user_config."):]
                used.add(key)
                if key not in options:
                    declared = ", ".join(sorted(options)) or "none"
                    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.75)
                    hint = f"; did you mean {close[0]!r}?" if close else f" (declared: {declared})"
                    yield Problem(R.MCPB021, pointer, f"{token} names no user_config option, so it is never substituted{hint}",
                                  needle=token)
                elif _multiple(options[key]) and not (whole_arg and text == token):
                    where = "an env value" if "env" in pointer else ("a longer argument" if whole_arg else "the command")
                    yield Problem(R.MCPB022, pointer, f"user_config.{key} holds several values; in {where} {token} is not "
                                                      "expanded (give it an args item of its own)", needle=token)
            elif name not in SYSTEM_VARIABLES:
                yield Problem(R.MCPB020, pointer, f"{token} is not a variable MCPB hosts substitute "
                                                  f"({_known_text()}); the server receives it literally", needle=token)
        for match in _UNTERMINATED.finditer(text):
            yield Problem(R.MCPB020, pointer, f"'${{' without a closing '}}' in {text!r}; the text is passed on unreplaced",
                          needle=text[match.start():match.start() + 2])
    if _dict(server, "mcp_config"):
        for key in options:
            if key not in used:
                yield Problem(R.MCPB023, ("user_config", key), f"user_config option {key!r} is never used as "
                                                               f"${{user_config.{key}}} in mcp_config, so its value goes nowhere", True)
    for key, option in options.items():
        default = option.get("default") if isinstance(option, dict) else None
        texts = [(("user_config", key, "default"), default)] if isinstance(default, str) else \
            [(("user_config", key, "default", i), item) for i, item in enumerate(default or []) if isinstance(item, str)] \
            if isinstance(default, list) else []
        for pointer, text in texts:
            for match in _VARIABLE.finditer(text):
                if match.group(1) not in SYSTEM_VARIABLES:
                    yield Problem(R.MCPB020, pointer, f"{match.group(0)} is not substituted in a user_config default "
                                                      f"(defaults may use {_known_text(defaults=True)})", needle=match.group(0))


def _known_text(*, defaults: bool = False) -> str:
    names = ["${HOME}", "${DESKTOP}", "${DOCUMENTS}", "${DOWNLOADS}"] if defaults else \
        ["${__dirname}", "${HOME}", "${DESKTOP}", "${DOCUMENTS}", "${DOWNLOADS}", "${pathSeparator}", "${/}", "${user_config.KEY}"]
    return ", ".join(names)


# -- user_config ---------------------------------------------------------------------------

_MISSING = object()


def _option(base: tuple, key: str, option: dict) -> Iterator[Problem]:
    kind = option.get("type")
    default = option.get("default", _MISSING)
    if kind in ("string", "number", "boolean", "directory", "file"):
        if default is not _MISSING:
            yield from _default_type(base, kind, option, default)
        for name, kinds in _TYPE_OPTIONS.items():
            if name in option and kind not in kinds and (name in ("min", "max") or option[name] is True):
                yield Problem(R.MCPB032, base + (name,), f"{name} applies only to {' or '.join(kinds)} options, "
                                                         f"not to type {kind!r}; it has no effect here", True)
    yield from _range(base, kind, option, default)
    if option.get("required") is True and default is not _MISSING:
        if default in ("", []):
            yield Problem(R.MCPB033, base + ("default",), "an empty default never satisfies required: true; remove it")
        else:
            yield Problem(R.MCPB033, base + ("required",), "required: true has no effect: the default always supplies a value")
    if kind == "string" and option.get("sensitive") is not True:
        title = option.get("title") if isinstance(option.get("title"), str) else ""
        label = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
        if secrets.secret_name(key) or (label and secrets.secret_name(label)):
            yield Problem(R.MCPB034, base, f"user_config option {key!r} looks like a secret; set \"sensitive\": true "
                                           "so the host masks it and stores it securely", True)
    texts = [default] if isinstance(default, str) else [d for d in default if isinstance(d, str)] if isinstance(default, list) else []
    for text in texts:
        hit = secrets.classify_value(text, name=key)
        if hit is not None:
            yield Problem(R.MCPB035, base + ("default",), f"the default of {key!r} holds a credential ({_kind(hit)}); "
                                                          "ship no default and let the user enter it")
            break


def _default_type(base: tuple, kind: str, option: dict, default) -> Iterator[Problem]:
    pointer = base + ("default",)
    if isinstance(default, list):
        if kind not in ("directory", "file"):
            yield Problem(R.MCPB030, pointer, f"a {kind} option cannot hold several values; give a single default")
        elif option.get("multiple") is not True:
            yield Problem(R.MCPB030, pointer, "an array default needs \"multiple\": true on this option")
        return
    is_number = isinstance(default, (int, float)) and not isinstance(default, bool)
    fits = isinstance(default, bool) if kind == "boolean" else is_number if kind == "number" else isinstance(default, str)
    if not fits:
        better = _suggest(kind, default)
        yield Problem(R.MCPB030, pointer, f"default {_json(default)} does not fit type {kind!r}" + (f"; use {better}" if better else ""))


def _suggest(kind: str, default) -> str | None:
    if kind == "number" and isinstance(default, str):
        try:
            number = float(default)
        except ValueError:
            return None
        return str(int(number)) if number.is_integer() else str(number)
    if kind == "boolean" and isinstance(default, str) and default.lower() in ("true", "false"):
        return default.lower()
    if kind in ("string", "directory", "file") and not isinstance(default, (dict, list)):
        return f'"{_json(default)}"'
    return None


def _json(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _range(base: tuple, kind, option: dict, default) -> Iterator[Problem]:
    def number(name):
        found = option.get(name)
        return found if isinstance(found, (int, float)) and not isinstance(found, bool) else None

    low, high = number("min"), number("max")
    if low is not None and high is not None and low > high:
        yield Problem(R.MCPB031, base + ("min",), f"min {_json(low)} is greater than max {_json(high)}; no value can be accepted")
        return
    if kind != "number" or not isinstance(default, (int, float)) or isinstance(default, bool):
        return
    if low is not None and default < low:
        yield Problem(R.MCPB031, base + ("default",), f"default {_json(default)} is below min {_json(low)}")
    elif high is not None and default > high:
        yield Problem(R.MCPB031, base + ("default",), f"default {_json(default)} is above max {_json(high)}")


def _config_secrets(server: dict) -> Iterator[Problem]:
    previous = None
    for pointer, text in _config_strings(server):
        if pointer[-1] == "command":
            continue
        offset = 0
        if pointer[-2] == "env":
            name = pointer[-1]
        else:
            # `--api-key=VALUE`, or `--api-key VALUE` as two items: the flag names the value
            flag, sep, rest = text.partition("=")
            if sep and flag.startswith("-"):
                name, offset, text_value = flag.lstrip("-"), len(flag) + 1, rest
            else:
                name, text_value = (previous.lstrip("-") if previous and previous.startswith("-") else None), text
            previous = text
            hit = secrets.classify_value(text_value, name=name) if name else next(iter(secrets.find_secrets(text)), None)
            if hit is not None:
                yield Problem(R.MCPB035, pointer, f"an argument holds a credential ({_kind(hit)}) that ships to every user; "
                                                  "collect it with a sensitive user_config option",
                              needle=text[offset + hit.start:offset + hit.end])
            continue
        hit = secrets.classify_value(text, name=name)
        if hit is not None:
            what = f"env {name}"
            yield Problem(R.MCPB035, pointer, f"{what} holds a credential ({_kind(hit)}) that ships to every user; "
                                              "collect it with a sensitive user_config option", needle=text[hit.start:hit.end])


def _kind(hit) -> str:
    """What the secret looks like: a known token format, or a random value under a secret's name."""
    return "a random-looking value under a secret's name" if hit.confidence != "high" else f"looks like a {hit.kind}"


# -- server and compatibility ------------------------------------------------------------

def _command_name(command: str) -> str:
    """The executable's base name, lower-case, without ${__dirname}, folders or a Windows suffix."""
    text = command.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return re.sub(r"\.(exe|cmd|bat)$", "", text)


_PYTHON = re.compile(r"python[w]?(?:[0-9]+(?:\.[0-9]+)*)?|py|uv")


def _command(server: dict) -> Iterator[Problem]:
    kind = _str(server, "type")
    config = _dict(server, "mcp_config")
    entry = _str(server, "entry_point")
    if kind not in ("node", "python", "uv", "binary") or not config:
        return
    commands = [(("server", "mcp_config", "command"), _str(config, "command"))]
    for platform, override in _dict(config, "platform_overrides").items():
        if isinstance(override, dict):
            commands.append((("server", "mcp_config", "platform_overrides", platform, "command"), _str(override, "command")))
    for pointer, command in commands:
        if not command or "${user_config." in command:
            continue
        args = _list(_dict(server, "mcp_config"), "args")
        message = _command_mismatch(kind, command, entry, any(isinstance(a, str) and "${__dirname}" in a for a in args))
        if message:
            yield Problem(R.MCPB040, pointer, message)


def _command_mismatch(kind: str, command: str, entry: str | None, args_use_bundle: bool = False) -> str | None:
    name = _command_name(command)
    head = f"server.type is {kind!r} but mcp_config.command is {command!r}"
    registry = {"npx": "npm", "bunx": "npm", "pnpx": "npm", "uvx": "PyPI", "pipx": "PyPI"}.get(name)
    if kind == "binary":
        if entry and _normal_path(command) != _normal_path(entry) and name != _command_name(entry):
            return f"{head}, not the bundled entry point {entry!r}"
        return None
    if registry and args_use_bundle:
        return f"{head}: it needs a system {'npm' if registry == 'npm' else 'uv'} and downloads tools at launch; run the bundled files with the {kind} runtime"
    if registry:
        return f"{head}, which runs a package from {registry} instead of the bundled entry point {entry!r}"
    if kind == "node" and name not in ("node", "nodejs"):
        return f"{head}; a node server is launched with node"
    if kind == "python" and not _PYTHON.fullmatch(name):
        return f"{head}; a python server is launched with a Python interpreter or uv"
    if kind == "uv" and name != "uv":
        return f"{head}; a uv server is launched with uv"
    return None


def _normal_path(path: str) -> str:
    text = path.replace("\\", "/")
    for prefix in ("${__dirname}/", "./"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return re.sub(r"\.exe$", "", text, flags=re.IGNORECASE)


def _platform_keys(server: dict) -> Iterator[Problem]:
    overrides = _dict(_dict(server, "mcp_config"), "platform_overrides")
    for key in overrides:
        if key not in NODE_PLATFORMS:
            hint = _PLATFORM_HINTS.get(key.lower()) or (key.lower() if key.lower() in NODE_PLATFORMS else None)
            yield Problem(R.MCPB041, ("server", "mcp_config", "platform_overrides", key),
                          f"platform_overrides key {key!r} never matches process.platform, so this override is ignored"
                          + (f"; use {hint!r}" if hint else " (darwin, win32, linux)"), True)


def _compatibility(compatibility: dict) -> Iterator[Problem]:
    for key, constraint in compatibility.items():
        if key in ("platforms", "runtimes") or not isinstance(constraint, str):
            continue
        if not is_range(constraint):
            yield Problem(R.MCPB050, ("compatibility", key),
                          f"compatibility.{key} {constraint!r} is not a semver range (e.g. '>=1.0.0')")
    for runtime, constraint in _dict(compatibility, "runtimes").items():
        if not isinstance(constraint, str) or runtime not in ("node", "python"):
            continue
        valid = is_range(constraint) or (runtime == "python" and is_pep440_specifier(constraint))
        if not valid:
            accepted = "a semver range or PEP 440 specifier (e.g. '>=3.10')" if runtime == "python" else "a semver range (e.g. '>=18.0.0')"
            yield Problem(R.MCPB050, ("compatibility", "runtimes", runtime),
                          f"compatibility.runtimes.{runtime} {constraint!r} is not {accepted}")


def _version(value: dict) -> Iterator[Problem]:
    version = _str(value, "version")
    if version is None or _PLACEHOLDER_VERSION.search(version):
        return
    if not is_version(version):
        yield Problem(R.MCPB051, ("version",), f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. '1.0.0')")


def _names(value: dict, field: str) -> Iterator[Problem]:
    what = field[:-1]
    seen: dict[str, int] = {}
    for i, item in enumerate(_list(value, field)):
        name = _str(item, "name")
        if name is None:
            continue
        pointer = (field, i, "name")
        if not _CLIENT_NAME.fullmatch(name):
            why = ("is empty" if not name else f"is {len(name)} characters long" if len(name) > 64
                   else "contains " + ", ".join(repr(ch) for ch in sorted(set(re.sub(r"[a-zA-Z0-9_-]", "", name)))))
            if field == "tools":
                yield Problem(R.MCPB060, pointer, f"tool name {name!r} {why}; Claude Desktop and OpenAI accept only "
                                                  "^[a-zA-Z0-9_-]{1,64}$")
            else:
                yield Problem(R.MCPB063, pointer, f"prompt name {name!r} {why}; the portable form is ^[a-zA-Z0-9_-]{{1,64}}$")
        if name in seen:
            yield Problem(R.MCPB061, pointer, f"{what} name {name!r} is already used by {field}[{seen[name]}]")
        seen.setdefault(name, i)


def _prompt_arguments(value: dict) -> Iterator[Problem]:
    for i, prompt in enumerate(_list(value, "prompts")):
        text = _str(prompt, "text")
        if not text:
            continue
        declared = {a for a in _list(prompt, "arguments") if isinstance(a, str)}
        reported = set()
        for match in _ARGUMENT.finditer(text):
            name = match.group(1)
            if name not in declared and name not in reported:
                reported.add(name)
                yield Problem(R.MCPB062, ("prompts", i, "text"), f"{match.group(0)} is not declared in prompts[{i}].arguments, "
                                                                 "so no client asks for it", needle=match.group(0))
