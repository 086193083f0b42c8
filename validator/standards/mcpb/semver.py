"""Semantic versions and version ranges as node-semver parses them, plus PEP 440 specifiers.

`is_version` follows Semantic Versioning 2.0.0 (https://semver.org), with the leading
`v` and surrounding spaces that node-semver's `valid()` also accepts. `is_range` follows node-semver's
range grammar (https://github.com/npm/node-semver#range-grammar) in its default (not
loose) mode: `||`-separated sets of space-separated comparators, hyphen ranges, X-ranges,
`~`, `~>` and `^`, with optional spaces after an operator. `is_pep440_specifier` accepts
a PEP 440 specifier set (`>=3.8,<4.0`), which MANIFEST.md uses for `runtimes.python`.
"""

from __future__ import annotations

import re

from validator.records import lazy

_NUM = r"(?:0|[1-9][0-9]*)"
_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_PRE = rf"(?:-{_IDENT}(?:\.{_IDENT})*)"
_BUILD = r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)"
_VERSION = lazy(rf"^\s*v?{_NUM}\.{_NUM}\.{_NUM}{_PRE}?{_BUILD}?\s*$")

_XR = rf"(?:[xX*]|{_NUM})"
_PARTIAL = rf"(?:v?{_XR}(?:\.{_XR}(?:\.{_XR}(?:{_PRE})?{_BUILD}?)?)?)"
_COMPARATOR = lazy(rf"(?:(?:<=|>=|<|>|=|~>|~|\^)\s*)?{_PARTIAL}")
_HYPHEN = lazy(rf"^{_PARTIAL}\s+-\s+{_PARTIAL}$")


def is_version(text: str) -> bool:
    """TEXT is one semantic version (`1.2.3`, `1.0.0-beta.1+build.5`, `v2.0.0`)."""
    return isinstance(text, str) and _VERSION.match(text) is not None


def is_range(text: str) -> bool:
    """TEXT parses as a node-semver range (`>=1.0.0 <2`, `^1.2`, `1.x || 2`, `*`, or empty)."""
    if not isinstance(text, str):
        return False
    for part in text.split("||"):
        part = part.strip()
        if part == "" or _HYPHEN.match(part):
            continue
        # an operator may be separated from its version by spaces (`>= 1.2.3`)
        joined = re.sub(r"(<=|>=|<|>|=|~>|~|\^)\s+", r"\1", part)
        if not all(_COMPARATOR.fullmatch(token) for token in joined.split()):
            return False
    return True


# PEP 440 public version identifiers (normalised forms and the accepted spellings).
_PEP440_VERSION = (r"v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*"
                   r"(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
                   r"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
                   r"(?:[-_.]?dev[-_.]?[0-9]*)?"
                   r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?")
_PEP440_CLAUSE = lazy(
    rf"^\s*(?:(?:===)\s*[^\s,;]+|(?:==|!=)\s*{_PEP440_VERSION}(?:\.\*)?|(?:~=|<=|>=|<|>)\s*{_PEP440_VERSION})\s*$",
    re.IGNORECASE)


def is_pep440_specifier(text: str) -> bool:
    """TEXT is a PEP 440 specifier set such as `>=3.8,<4.0` or `~=3.11`."""
    if not isinstance(text, str) or not text.strip():
        return False
    return all(_PEP440_CLAUSE.match(clause) for clause in text.split(","))
