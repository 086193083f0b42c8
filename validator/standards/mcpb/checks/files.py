"""The files a manifest names, inside the bundle folder (MCPB010-MCPB019).

`server.entry_point`, `icon`, `icons[].src` and the `${__dirname}/...` files `mcp_config`
launches: present, inside the folder, archived by `mcpb pack`, and (icons) real PNGs of
a sensible size. Resolution and pack exclusions live in `bundle.py`.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.bundle import PNG_SIGNATURE, Bundle, png_dimensions
from validator.standards.mcpb.manifest import config_strings, get_dict, get_list, get_str

_COMPILED_FROM = {".js": (".ts", ".tsx", ".mts", ".cts", ".jsx"), ".mjs": (".mts", ".ts"), ".cjs": (".cts", ".ts")}
_BUILD_DIRS = frozenset({"dist", "build", "out", "lib", "bin", "target", "release", ".output", "dxt-dist", "bundle"})
_CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".py", ".exe", ".sh")
_MIN_ICON, _MAX_ICON = 128, 4096
_MODULE_NAME = lazy(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


@emits(R.MCPB010, R.MCPB011, R.MCPB012, R.MCPB013, R.MCPB014, R.MCPB015, R.MCPB016, R.MCPB017, R.MCPB018, R.MCPB019)
def bundle_files(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    bundle = Bundle(ctx.index, doc.relpath, get_str(value, "name") or None)
    server = get_dict(value, "server")
    yield from _entry_point(server, bundle)
    yield from _icon(value, bundle)
    yield from _icons(value, bundle)
    yield from _launched_files(server, bundle)


def _entry_point(server: dict, bundle: Bundle) -> Iterator[Problem]:
    entry = get_str(server, "entry_point")
    if not entry:
        return
    where = bundle.resolve(bundle.strip_dirname(entry))
    pointer = ("server", "entry_point")
    if where.kind == "outside":
        yield Problem(R.MCPB018, f"entry_point {entry!r} leaves the bundle folder; mcpb pack archives only the manifest's folder", pointer)
        return
    if where.kind != "local" or bundle.escapes(where.rel):
        return
    if bundle.exists(where.rel):
        if _left_out(bundle, where):
            yield Problem(R.MCPB019, f"entry_point {entry!r} is excluded by .mcpbignore or mcpb's default "
                                     "exclusions, so the built bundle will not contain it", pointer)
        return
    if bundle.generated(where.rel) or bundle.packed_elsewhere or bundle.shipped(where.inside):
        return
    kind = get_str(server, "type")
    near = _near_sibling(bundle, where.rel)
    if kind == "binary" or bundle.looks_staged:
        # built binaries and staged bundle folders are filled by a build: report only an evident typo
        if near:
            yield Problem(R.MCPB010, f"entry_point {entry!r} does not exist; did you mean {near!r}?", pointer)
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
    yield Problem(R.MCPB010, f"entry_point {entry!r} does not exist in the bundle folder{hint}", pointer)


def _missing(bundle: Bundle, rel: str) -> tuple[bool, str | None]:
    """Whether a missing icon file is worth reporting, and the near sibling to suggest. A
    generated file, a bundle packed from elsewhere, or a file a committed build of the bundle
    holds is never reported; in a staged folder (filled by a build) only an evident typo is."""
    inside = posixpath.relpath(rel, bundle.base) if bundle.base else rel
    if bundle.generated(rel) or bundle.packed_elsewhere or bundle.shipped(inside):
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
    icon = get_str(value, "icon")
    if not icon:
        return
    pointer = ("icon",)
    # validateIcon in mcpb's src/node/validate.ts: remote -> warning; ${__dirname} or absolute -> error
    if icon.startswith(("http://", "https://")):
        yield Problem(R.MCPB014, f"icon {icon!r} is a remote URL; Claude Desktop only shows icon files shipped in the bundle", pointer)
        return
    if "${__dirname}" in icon:
        yield Problem(R.MCPB013, f"icon {icon!r} uses ${{__dirname}}; give a path relative to the bundle root, e.g. 'icon.png'", pointer)
        return
    where = bundle.resolve(icon)
    if where.kind == "absolute":
        yield Problem(R.MCPB013, f"icon {icon!r} is an absolute path; give a path relative to the bundle root", pointer)
        return
    if where.kind == "outside":
        yield Problem(R.MCPB018, f"icon {icon!r} leaves the bundle folder; mcpb pack archives only the manifest's folder", pointer)
        return
    if where.kind != "local" or bundle.escapes(where.rel):
        return
    if not bundle.exists(where.rel):
        report, near = _missing(bundle, where.rel)
        if report:
            yield Problem(R.MCPB011, f"icon file {icon!r} does not exist" + (f"; did you mean {near!r}?" if near else ""), pointer)
        return
    if _left_out(bundle, where):
        yield Problem(R.MCPB019, f"icon {icon!r} is excluded by .mcpbignore or mcpb's default exclusions, "
                                 "so the built bundle will not contain it", pointer)
    if bundle.is_dir(where.rel):
        yield Problem(R.MCPB012, f"icon {icon!r} is a folder, not a PNG file", pointer)
        return
    head = bundle.read_head(where.rel, 33)
    if head is None:
        return
    if not head.startswith(PNG_SIGNATURE):
        yield Problem(R.MCPB012, f"icon {icon!r} is not a PNG file (its first bytes are not the PNG signature){_sniff(head)}", pointer)
        return
    size = png_dimensions(head)
    if size is None:
        yield Problem(R.MCPB017, f"icon {icon!r} has a PNG signature but no valid IHDR header (truncated or corrupt)", pointer)
        return
    width, height = size
    if width != height:
        yield Problem(R.MCPB017, f"icon {icon!r} is {width}x{height} pixels, not square; use a square PNG (512x512 recommended)", pointer)
    elif width < _MIN_ICON:
        yield Problem(R.MCPB017, f"icon {icon!r} is only {width}x{height} pixels; use at least {_MIN_ICON}x{_MIN_ICON} (512x512 recommended)", pointer)
    elif width > _MAX_ICON:
        yield Problem(R.MCPB017, f"icon {icon!r} is {width}x{height} pixels; more than {_MAX_ICON} is wasted bundle size (512x512 recommended)", pointer)


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
    for i, entry in enumerate(get_list(value, "icons")):
        src = get_str(entry, "src")
        if not src:
            continue
        pointer = ("icons", i, "src")
        where = bundle.resolve(src)
        if where.kind in ("absolute", "dirname"):
            yield Problem(R.MCPB015, f"icons[{i}].src {src!r} must be a path relative to the bundle root", pointer)
            continue
        if where.kind == "outside":
            yield Problem(R.MCPB018, f"icons[{i}].src {src!r} leaves the bundle folder; mcpb pack archives only the manifest's folder", pointer)
            continue
        if where.kind != "local" or bundle.escapes(where.rel):
            continue
        if not bundle.exists(where.rel):
            report, near = _missing(bundle, where.rel)
            if report:
                yield Problem(R.MCPB015, f"icons[{i}].src {src!r} does not exist" + (f"; did you mean {near!r}?" if near else ""), pointer)
            continue
        if _left_out(bundle, where):
            yield Problem(R.MCPB019, f"icons[{i}].src {src!r} is excluded by .mcpbignore or mcpb's default exclusions", pointer)
        declared = get_str(entry, "size")
        head = bundle.read_head(where.rel, 33)
        size = png_dimensions(head) if head and head.startswith(PNG_SIGNATURE) else None
        match = re.fullmatch(r"([0-9]+)x([0-9]+)", declared or "")
        if size and match and (int(match.group(1)), int(match.group(2))) != size:
            yield Problem(R.MCPB016, f"icons[{i}] declares size {declared!r} but {src!r} is {size[0]}x{size[1]} pixels",
                          ("icons", i, "size"))


def _launched_files(server: dict, bundle: Bundle) -> Iterator[Problem]:
    """Files `mcp_config` reaches through `${__dirname}/...` that pack would leave out."""
    entry = get_str(server, "entry_point")
    entry_inside = bundle.resolve(bundle.strip_dirname(entry)).inside if entry else None
    for pointer, text in config_strings(server):
        if not text.startswith("${__dirname}"):
            continue
        where = bundle.resolve(bundle.strip_dirname(text))
        if where.kind != "local" or where.inside == entry_inside or not bundle.exists(where.rel) or bundle.packed_elsewhere:
            continue
        if bundle.excluded_from_pack(where.inside):
            yield Problem(R.MCPB019, f"{text!r} is excluded by .mcpbignore or mcpb's default exclusions, "
                                     "so the built bundle will not contain it", pointer)
