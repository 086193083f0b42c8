"""What a well-formed piece of MCP content is, per revision (resources, prompts, completion).

Owns the small judgements the feature scenarios share: resource contents (`uri` and
exactly one of `text` / base64 `blob`, RES-002), content blocks by revision (`audio`
from 2025-03-26, `resource_link` from 2025-06-18; PROMPT-002), annotations (`audience`,
`priority` in [0, 1], `lastModified` from 2025-06-18), icons (2025-11-25, BASE-018),
media types, strict base64, and RFC 3986 URIs (RES-003). Each function returns a
list of problems (strings); empty means fine.
https://modelcontextprotocol.io/specification/2025-11-25/server/resources#resource-contents
https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#promptmessage
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


def content_types(revision: str) -> tuple[str, ...]:
    """Content block types a revision defines for prompt messages and tool results."""
    kinds = ["text", "image", "resource"]
    if since(revision, AUDIO_FROM):
        kinds.append("audio")
    if since(revision, RESOURCE_LINK_FROM):
        kinds.append("resource_link")
    return tuple(kinds)


def is_base64(value) -> bool:
    """Standard base64 (RFC 4648 §4) with padding, as the schemas' `format: byte` means."""
    if not isinstance(value, str) or len(value) % 4:
        return False
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def decoded_size(value: str) -> int:
    return len(base64.b64decode(value, validate=True))


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
