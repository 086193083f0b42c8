"""What the lint reports and the conformance reports share: GitHub workflow-command
escaping and the SARIF constants. Below both faces, so neither imports the other.

https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
"""

from __future__ import annotations

import re

from validator.records import lazy

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://github.com/agentconform/agentconform"


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (`file=`, `title=`): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_UNSAFE = lazy(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = lazy(r"[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """TEXT for a terminal, a log or XML: control characters (newlines included) and the
    undecodable bytes of file names written as escapes, so a file name or a quoted value
    from the repository can neither forge output lines (a `::stop-commands::`, an ANSI
    sequence) nor break the encoding. Tabs stay."""
    return _UNSAFE.sub(_escape, text)


def encodable(text: str) -> str:
    """TEXT with only the undecodable bytes of file names escaped: for JSON, which escapes
    control characters itself but cannot encode a lone surrogate as UTF-8."""
    return _SURROGATE.sub(_escape, text)


def color_wanted(choice: str, stream, *, to_file: bool = False) -> bool:
    """`--color always|never|auto`. Auto: never into a file; FORCE_COLOR (set and not empty)
    turns colour on, NO_COLOR (likewise) off, else a terminal decides
    (https://force-color.org, https://no-color.org: "present and not an empty string")."""
    import os

    if choice != "auto":
        return choice == "always"
    if to_file:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def report_target(text: str, formats) -> tuple[str, str]:
    """`FORMAT:PATH` of a `--report` option (ValueError when it is not one)."""
    fmt, sep, path = text.partition(":")
    if not sep or not path or fmt not in formats:
        raise ValueError(f"{text!r} is not FORMAT:PATH with a format among {', '.join(formats)}")
    return fmt, path


def write_report(path, text: str) -> None:
    """TEXT into the file PATH, its folder created when missing."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def uri_path(path: str) -> str:
    """A repository path as a URI path: percent-encoded bytes (undecodable names included)."""
    from urllib.parse import quote

    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file name byte made
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")
