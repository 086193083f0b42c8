"""What a well-formed piece of MCP content is, per revision (resources, prompts, completion).

Owns the small judgements the feature scenarios share: resource contents (`uri` and
exactly one of `text` / base64 `blob`, RES-002), content blocks by revision (`audio`
from 2025-03-26, `resource_link` from 2025-06-18; PROMPT-002), annotations (`audience`,
`priority` in [0, 1], `lastModified` from 2025-06-18), icons (2025-11-25, BASE-018),
media types, base64 (one decoder: strict RFC 4648, then the lenient decoding clients
accept, whose success is only a note), MIME sniffing, and RFC 3986 URIs (RES-003).
Tool results are judged here too: image/audio payloads against the bytes' signature,
embedded resources and resource links (TOOL-*), each as (MUST problems, derived
problems). Each function returns problems (strings); empty means fine.
https://modelcontextprotocol.io/specification/2025-11-25/server/resources#resource-contents
https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#promptmessage
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from validator.conformance.protocol.revisions import AUDIO_FROM, LAST_MODIFIED_FROM, RESOURCE_LINK_FROM, since

ROLES = ("user", "assistant")
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE = re.compile(rf"^{_TOKEN}/{_TOKEN}(\s*;\s*[^;]+)*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# RFC 3986 §2: unreserved, reserved and "%" (checked as pct-encoded separately)
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
_SIZE = re.compile(r"^(?:any|[1-9][0-9]*x[1-9][0-9]*)$")
# leading bytes → MIME type (only formats with an unambiguous signature)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"ID3", "audio/mpeg"),
    (b"\x1aE\xdf\xa3", "video/webm"),
)
_EQUIVALENT = {
    "image/jpg": "image/jpeg", "image/vnd.microsoft.icon": "image/x-icon", "audio/mp3": "audio/mpeg",
    "audio/x-wav": "audio/wav", "audio/wave": "audio/wav", "audio/vnd.wave": "audio/wav", "audio/x-flac": "audio/flac",
    "audio/webm": "video/webm",
}


def content_types(revision: str) -> tuple[str, ...]:
    """Content block types a revision defines for prompt messages and tool results."""
    kinds = ["text", "image", "resource"]
    if since(revision, AUDIO_FROM):
        kinds.append("audio")
    if since(revision, RESOURCE_LINK_FROM):
        kinds.append("resource_link")
    return tuple(kinds)


def decode_base64(data) -> tuple[bytes | None, str | None, str | None]:
    """(bytes, None, note) or (None, why the string is not base64, None).

    Strict RFC 4648 first; then the forgiving decoding browsers use (whitespace removed,
    padding optional), which clients accept, so what only it decodes is a note (a warning).
    """
    if not isinstance(data, str):
        return None, f"data is a {type(data).__name__}, not a base64 string", None
    try:
        return base64.b64decode(data, validate=True), None, None
    except (binascii.Error, ValueError) as err:
        strict_error = err
    compact = "".join(data.split())
    compact += "=" * (-len(compact) % 4)
    try:
        raw = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None, f"data is not valid base64 ({strict_error})", None
    return raw, None, "data is base64 only once whitespace is removed or padding added (not RFC 4648)"


def is_base64(value) -> bool:
    """Standard base64 (RFC 4648 §4) with padding, as the schemas' `format: byte` means: the
    strict decoding alone, and whole 4-character quanta (the decoder tolerates excess `=`)."""
    if not isinstance(value, str) or len(value) % 4:
        return False
    raw, _why, note = decode_base64(value)
    return raw is not None and note is None


def media_type_ok(value) -> bool:
    return isinstance(value, str) and bool(_MEDIA_TYPE.match(value.strip()))


def essence(media_type: str) -> str:
    """`Text/Plain; charset=utf-8` → `text/plain`."""
    return media_type.split(";", 1)[0].strip().lower()


def uri_problem(uri) -> str | None:
    """Why URI is not an absolute RFC 3986 URI, or None."""
    if not isinstance(uri, str) or not uri:
        return f"{uri!r} is not a non-empty string"
    if not _SCHEME.match(uri):
        return f"{uri!r} has no scheme (RFC 3986 §3.1)"
    if not _URI_CHARS.match(uri):
        bad = sorted({c for c in uri if not _URI_CHARS.match(c)})
        return f"{uri!r} contains characters RFC 3986 does not allow unencoded: {''.join(bad)!r}"
    if re.search(r"%(?![0-9A-Fa-f]{2})", uri):
        return f"{uri!r} has a '%' that is not a percent-encoding"
    return None


def annotations_problems(value, revision: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, dict):
        return [f"{where}: annotations is {type(value).__name__}, not an object"]
    out = []
    audience = value.get("audience")
    if audience is not None and (not isinstance(audience, list) or any(a not in ROLES for a in audience)):
        out.append(f"{where}: annotations.audience {audience!r} is not a list of 'user'/'assistant'")
    priority = value.get("priority")
    if priority is not None and (isinstance(priority, bool) or not isinstance(priority, (int, float)) or not 0 <= priority <= 1):
        out.append(f"{where}: annotations.priority {priority!r} is not a number from 0 to 1")
    modified = value.get("lastModified")
    if modified is not None and since(revision, LAST_MODIFIED_FROM) and not _iso8601(modified):
        out.append(f"{where}: annotations.lastModified {modified!r} is not an ISO 8601 timestamp")
    return out


def _iso8601(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def resource_contents_problems(item, revision: str, where: str) -> list[str]:
    """A TextResourceContents or BlobResourceContents (resources/read, embedded resources)."""
    if not isinstance(item, dict):
        return [f"{where}: contents item is {type(item).__name__}, not an object"]
    out = []
    if not isinstance(item.get("uri"), str):
        out.append(f"{where}: uri is missing or not a string")
    has_text, has_blob = item.get("text") is not None, item.get("blob") is not None  # a null is an absent field
    if has_text == has_blob:
        out.append(f"{where}: has {'both' if has_text else 'neither'} text and blob (exactly one is required)")
    elif has_text and not isinstance(item["text"], str):
        out.append(f"{where}: text is {type(item['text']).__name__}, not a string")
    elif has_blob and not is_base64(item["blob"]):
        out.append(f"{where}: blob is not valid base64")
    if "mimeType" in item and not isinstance(item["mimeType"], str):
        out.append(f"{where}: mimeType is not a string")
    return out


def block_shape_problems(block, revision: str, where: str) -> list[str]:
    """A content block's type (defined in REVISION), required fields and annotations."""
    if not isinstance(block, dict):
        return [f"{where}: content is {type(block).__name__}, not an object"]
    kind = block.get("type")
    if kind not in content_types(revision):
        return [f"{where}: content type {kind!r} is not defined in {revision} (allowed: {', '.join(content_types(revision))})"]
    out = annotations_problems(block.get("annotations"), revision, where)
    required = {"text": ("text",), "image": ("data", "mimeType"), "audio": ("data", "mimeType"),
                "resource_link": ("uri", "name")}.get(kind, ())
    out += [f"{where}: {kind} content without a string {name}" for name in required if not isinstance(block.get(name), str)]
    if kind == "resource" and not isinstance(block.get("resource"), dict):
        out.append(f"{where}: resource content without a resource object")
    return out


def block_payload_problems(block, revision: str, where: str, *, embedded_mime: bool = False) -> list[str]:
    """The payload of an image/audio block (base64 data, matching media type) or an embedded resource.

    EMBEDDED_MIME: an embedded resource must name its media type (prompt messages; the
    prompts page makes it a MUST, tool results have no such rule).
    """
    if not isinstance(block, dict):
        return []
    kind = block.get("type")
    if kind in ("image", "audio"):
        out = []
        if isinstance(block.get("data"), str) and not is_base64(block["data"]):
            out.append(f"{where}: {kind} data is not valid base64")
        mime = block.get("mimeType")
        if isinstance(mime, str) and not (media_type_ok(mime) and essence(mime).startswith(f"{kind}/")):
            out.append(f"{where}: {kind} content has mimeType {mime!r}, not an {kind}/* media type")
        return out
    if kind == "resource" and isinstance(block.get("resource"), dict):
        resource = block["resource"]
        out = resource_contents_problems(resource, revision, f"{where}.resource")
        # the prompts page: an embedded resource MUST include a URI, the appropriate MIME type and
        # its text or blob (the schema leaves mimeType optional; the spec text prevails)
        if embedded_mime and not media_type_ok(resource.get("mimeType")):
            out.append(f"{where}.resource: mimeType {resource.get('mimeType')!r} is missing or not a media type")
        return out
    return []


def icon_problems(icon, where: str) -> list[str]:
    """An Icon (2025-11-25): an https: or data: image src, image mimeType, WxH sizes, light/dark theme."""
    if not isinstance(icon, dict):
        return [f"{where}: icon is not an object"]
    out = []
    src = icon.get("src")
    if not isinstance(src, str) or not src:
        return [f"{where}: src is missing or not a string"]
    scheme = src.split(":", 1)[0].lower() if ":" in src else ""
    if scheme == "data":
        header = src[5:].split(",", 1)[0]
        if not header.lower().startswith("image/") or ";base64" not in header.lower():
            out.append(f"{where}: data: src is not a base64 image ({header[:40]!r})")
    elif scheme != "https":
        out.append(f"{where}: src scheme {scheme or '(none)'!r}: clients accept only https: and data: icons")
    mime = icon.get("mimeType")
    if mime is not None and not (media_type_ok(mime) and essence(mime).startswith("image/")):
        out.append(f"{where}: mimeType {mime!r} is not an image media type")
    sizes = icon.get("sizes")
    if sizes is not None and (not isinstance(sizes, list) or not all(isinstance(s, str) and _SIZE.match(s) for s in sizes)):
        out.append(f"{where}: sizes {sizes!r} is not a list of 'WxH' or 'any'")
    theme = icon.get("theme")
    if theme is not None and theme not in ("light", "dark"):
        out.append(f"{where}: theme {theme!r} is not 'light' or 'dark'")
    return out


def typed(obj: dict, field: str, kind, where: str) -> list[str]:
    """A problem when optional FIELD of OBJ is present with a value not of KIND."""
    if field not in obj:
        return []
    value = obj[field]
    if kind is int and isinstance(value, float) and value.is_integer():
        return []  # 12.0 is an integer to JSON Schema; only the JSON text differs
    ok = isinstance(value, kind) and not (isinstance(value, bool) and kind in (int, (int, float)))
    return [] if ok else [f"{where}: {field} is {type(value).__name__}, not {getattr(kind, '__name__', 'a number')}"]


# ---- tool results (TOOL-*): (MUST problems, derived problems) -----------------------------------
def sniff(data: bytes) -> str | None:
    """The MIME type the bytes announce, when their signature is unambiguous."""
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[4:8] == b"ftyp":
        return "audio/mp4" if data[8:11] in (b"M4A", b"M4B") else None
    head = data[:256].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:1024].lower()):
        return "image/svg+xml"
    if len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0 and data[1] & 0x06:
        return "audio/mpeg"
    return None


def _same(declared: str, found: str) -> bool:
    declared = essence(declared)
    return _EQUIVALENT.get(declared, declared) == _EQUIVALENT.get(found, found)


def binary_problems(block: dict, family: str) -> tuple[list[str], list[str]]:
    """(MUST problems, derived problems) of an image or audio block; FAMILY is image|audio."""
    must, derived = [], []
    raw, why, note = decode_base64(block.get("data"))
    if raw is None:
        must.append(why)
    if note:
        derived.append(note)
    mime = block.get("mimeType")
    if not isinstance(mime, str):
        return must, derived  # the schema's own problem (wire-schema-valid)
    if not mime.lower().startswith(family + "/"):
        derived.append(f"mimeType {mime!r} is not an {family}/* type")
    elif raw is not None:
        if not raw:
            derived.append("data decodes to zero bytes")
        else:
            found = sniff(raw)
            if found is not None and not _same(mime, found):
                derived.append(f"mimeType {mime!r} but the bytes are {found}")
    return must, derived


def resource_problems(block: dict) -> tuple[list[str], list[str]]:
    """(MUST problems, derived problems) of an embedded resource block."""
    must, derived = [], []
    resource = block.get("resource")
    if not isinstance(resource, dict):
        return ["resource is not an object"], derived
    uri = resource.get("uri")
    if not isinstance(uri, str) or not _SCHEME.match(uri):
        must.append(f"resource.uri {uri!r} is not an absolute URI")
    has_text, has_blob = "text" in resource, "blob" in resource
    if not (has_text or has_blob):
        must.append("resource has neither text nor blob")
    elif has_text and has_blob:
        derived.append("resource has both text and blob")
    if has_blob:
        raw, why, note = decode_base64(resource.get("blob"))
        if raw is None:
            must.append("blob: " + why)
        if note:
            derived.append("blob: " + note)
    return must, derived


def link_problems(block: dict) -> list[str]:
    """MUST problems of a resource_link block."""
    problems = []
    uri = block.get("uri")
    if not isinstance(uri, str) or not _SCHEME.match(uri):
        problems.append(f"uri {uri!r} is not an absolute URI")
    if not isinstance(block.get("name"), str):
        problems.append("name is missing or not a string")
    return problems
