"""Content blocks of a CallToolResult: which types a revision defines, and what the schema
cannot say about them (base64 that decodes, bytes that match the declared MIME type,
absolute URIs).

Types per revision: text, image, resource (2024-11-05); audio from 2025-03-26;
resource_link from 2025-06-18.
https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result
"""

from __future__ import annotations

import base64
import binascii
import re

TYPES = {
    "2024-11-05": ("text", "image", "resource"),
    "2025-03-26": ("text", "image", "audio", "resource"),
    "2025-06-18": ("text", "image", "audio", "resource", "resource_link"),
    "2025-11-25": ("text", "image", "audio", "resource", "resource_link"),
}
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

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
    declared = declared.split(";")[0].strip().lower()
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
    if not isinstance(uri, str) or not URI_RE.match(uri):
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
    if not isinstance(uri, str) or not URI_RE.match(uri):
        problems.append(f"uri {uri!r} is not an absolute URI")
    if not isinstance(block.get("name"), str):
        problems.append("name is missing or not a string")
    return problems
