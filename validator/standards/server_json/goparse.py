"""Go's `net/url.Parse`, as far as the MCP registry's validators depend on it.

The registry decides `invalid-website-url`, `icon-src-*` and the transport URL rules
with Go's parser, which rejects inputs Python's `urllib.parse` accepts (invalid percent
escapes, non-numeric ports, control characters, a colon in a scheme-less first segment).
This follows the Go 1.24 source of `net/url` (parse, getScheme, parseAuthority,
parseHost, validOptionalPort, unescape) for those decisions; it is not a general URL
library.
"""

from __future__ import annotations

from validator.records import lazy, record

_SCHEME_CHAR = lazy(r"[A-Za-z0-9+.\-]")
_HEX = "0123456789abcdefABCDEF"
_HOST_OK = set("-._~!$&'()*+,;=:[]<>\"%")


class URLError(ValueError):
    pass


@record(frozen=True)
class GoURL:
    scheme: str
    host: str
    """Host with port, as Go's `URL.Host`."""
    opaque: str
    path: str

    @property
    def is_abs(self) -> bool:
        return self.scheme != ""

    @property
    def hostname(self) -> str:
        host = self.host
        if host.startswith("["):
            end = host.find("]")
            return host[1:end] if end > 0 else host[1:]
        colon = host.rfind(":")
        return host[:colon] if colon >= 0 else host


def _check_escapes(text: str, where: str) -> None:
    i = 0
    while i < len(text):
        if text[i] == "%":
            pair = text[i + 1 : i + 3]
            if len(pair) < 2 or pair[0] not in _HEX or pair[1] not in _HEX:
                raise URLError(f"invalid URL escape {text[i:i + 3]!r}")
            i += 3
        else:
            i += 1


def _scheme(raw: str) -> tuple[str, str]:
    for i, ch in enumerate(raw):
        if "a" <= ch.lower() <= "z":
            continue
        if ch.isdigit() or ch in "+-.":
            if i == 0:
                return "", raw
            continue
        if ch == ":":
            if i == 0:
                raise URLError("missing protocol scheme")
            return raw[:i].lower(), raw[i + 1 :]
        return "", raw
    return "", raw


def _valid_port(port: str) -> bool:
    if port == "":
        return True
    if port[0] != ":":
        return False
    return all(ch.isdigit() for ch in port[1:])


def _parse_host(host: str) -> str:
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise URLError("missing ']' in host")
        if not _valid_port(host[end + 1 :]):
            raise URLError(f"invalid port {host[end + 1:]!r} after host")
        return host
    colon = host.rfind(":")
    if colon >= 0 and not _valid_port(host[colon:]):
        raise URLError(f"invalid port {host[colon:]!r} after host")
    for ch in host:
        # Go's unescape(host, encodeHost): ASCII outside these is "invalid character in host name"
        if ord(ch) < 0x80 and not (ch.isalnum() or ch in _HOST_OK):
            raise URLError(f"invalid character {ch!r} in host name")
    _check_escapes(host, "host")
    return host


def parse(raw: str) -> GoURL:
    """Parse RAW as Go's `url.Parse` does; raise `URLError` where Go returns an error."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in raw):
        raise URLError("invalid control character in URL")
    text, _, fragment = raw.partition("#")
    _check_escapes(fragment, "fragment")
    if text == "*":
        return GoURL("", "", "", "*")
    scheme, rest = _scheme(text)
    rest, _, _query = rest.partition("?")
    if not rest.startswith("/") and scheme:
        return GoURL(scheme, "", rest, "")
    if not scheme and not rest.startswith("/"):
        segment = rest.split("/", 1)[0]
        if ":" in segment:
            raise URLError("first path segment in URL cannot contain colon")
    host = ""
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        rest = slash + path
        at = authority.rfind("@")
        if at >= 0:
            userinfo = authority[:at]
            _check_escapes(userinfo, "userinfo")
        host = _parse_host(authority[at + 1 :])
    _check_escapes(rest, "path")
    return GoURL(scheme, host, "", rest)
