"""The `format` checks of the MCPB schemas, as zod 3 decides them in `mcpb validate`.

- `uri`: zod's `.url()` is `new URL(value)` in Node, i.e. the WHATWG URL parser must
  accept VALUE as an absolute URL. `can_parse` implements the parser's failure cases
  (https://url.spec.whatwg.org/#concept-basic-url-parser): a scheme is required;
  special schemes (http, https, ws, wss, ftp) need a valid non-empty host; hosts may not
  contain forbidden code points; ports are decimal and at most 65535; a host ending in
  a number must be a valid IPv4 address; IPv6 literals must be well formed. Paths,
  queries and fragments never fail (they are percent-encoded). A test holds this
  against Node's own `URL` on a few hundred strings.
- `email`: zod 3's e-mail regular expression.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote_to_bytes

from validator.records import lazy

_EMAIL = lazy(r"^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}\Z", re.IGNORECASE)
_SCHEME = lazy(r"[A-Za-z][A-Za-z0-9+.\-]*")
SPECIAL = {"ftp": 21, "file": None, "http": 80, "https": 443, "ws": 80, "wss": 443}
_FORBIDDEN_HOST = set("\x00\t\n\r #/:<>?@[\\]^|")
_FORBIDDEN_DOMAIN = _FORBIDDEN_HOST | {chr(c) for c in range(0x20)} | {"%", "\x7f"}
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def is_email(value) -> bool:
    return not isinstance(value, str) or _EMAIL.match(value) is not None


def can_parse(value) -> bool:
    """`new URL(value)` would not throw (no base URL). Non-strings are left to `type`."""
    if not isinstance(value, str):
        return True
    text = value.strip(_C0_OR_SPACE)
    text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME.match(text)
    if not match or text[match.end():match.end() + 1] != ":":
        return False
    scheme = match.group().lower()
    rest = text[match.end() + 1:]
    if scheme in SPECIAL:
        if scheme == "file":
            return _file(rest)
        # special authority (ignore) slashes: any run of / and \ before the authority
        rest = rest.lstrip("/\\")
        authority = re.split(r"[/\\?#]", rest, maxsplit=1)[0]
        return _authority(authority, special=True)
    if rest.startswith("//"):
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        return _authority(authority, special=False)
    return True  # an opaque path: anything goes


def _file(rest: str) -> bool:
    slashes = len(rest) - len(rest.lstrip("/\\"))
    if slashes < 2:
        return True
    after = rest[2:]
    host = re.split(r"[/\\?#]", after, maxsplit=1)[0]
    if host == "" or re.fullmatch(r"[A-Za-z][:|]", host):
        return True  # file:///path, or a Windows drive letter
    return _host(host, special=True) is not None


def _authority(authority: str, *, special: bool) -> bool:
    had_userinfo = "@" in authority
    if had_userinfo:
        authority = authority.rsplit("@", 1)[1]
    if authority == "":
        # http:// fails; foo:// is fine, foo://user@ is not (host missing after credentials)
        return not special and not had_userinfo
    host, port = _split_port(authority)
    if port is None or host == "":
        return False  # a broken [IPv6] literal, or a port with no host (http://:80, foo://:)
    if port and (not port.isascii() or not port.isdigit() or int(port) > 65535):
        return False
    return _host(host, special=special) is not None


def _split_port(authority: str) -> tuple[str, str | None]:
    """(host, port) with port '' when absent; port None when the bracket syntax is broken."""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return authority, None
        host, tail = authority[:end + 1], authority[end + 1:]
        if tail and not tail.startswith(":"):
            return host, None
        return host, tail[1:] if tail else ""
    if ":" in authority:
        host, port = authority.split(":", 1)
        return host, port
    return authority, ""


def _host(host: str, *, special: bool) -> str | None:
    if host.startswith("["):
        if not host.endswith("]"):
            return None
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return None
        return host
    if not special:
        # opaque host: forbidden host code points (not %) fail; percent-encoding is kept
        return None if any(ch in _FORBIDDEN_HOST for ch in host) else host
    try:
        decoded = unquote_to_bytes(host).decode("utf-8")
    except UnicodeDecodeError:
        return None
    domain = _to_ascii(decoded)
    if not domain or any(ch in _FORBIDDEN_DOMAIN for ch in domain):
        return None
    if _ends_in_number(domain):
        return domain if _ipv4(domain) else None
    return domain


def _to_ascii(domain: str) -> str | None:
    """UTS 46 ToASCII, approximated: lower-case, map full stops, IDNA-encode non-ASCII labels."""
    domain = domain.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if domain.isascii():
        labels = domain.lower().split(".")
        for label in labels:
            if label.startswith("xn--"):
                try:
                    label[4:].encode("ascii").decode("punycode")
                except (UnicodeError, ValueError):
                    return None
        return ".".join(labels)
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def _ends_in_number(domain: str) -> bool:
    labels = domain.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    last = labels[-1]
    if last != "" and last.isascii() and last.isdigit():
        return True
    return re.fullmatch(r"0[xX][0-9A-Fa-f]*", last) is not None


def _ipv4(domain: str) -> bool:
    """The WHATWG IPv4 parser: 1-4 parts, decimal, octal (0-prefixed) or hex (0x)."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if len(parts) > 4:
        return False
    numbers = []
    for part in parts:
        if part == "":
            return False
        if re.fullmatch(r"0[xX][0-9A-Fa-f]*", part):
            number = int(part[2:] or "0", 16)
        elif re.fullmatch(r"0[0-7]+", part):
            number = int(part, 8)
        elif re.fullmatch(r"[0-9]+", part):
            if len(part) > 1 and part.startswith("0"):
                return False  # 08, 09: not octal, not decimal
            number = int(part)
        else:
            return False
        numbers.append(number)
    if any(n > 255 for n in numbers[:-1]):
        return False
    return numbers[-1] < 256 ** (5 - len(numbers))
