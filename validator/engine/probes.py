"""What a run's checks asked of the file system beyond the repository's listing, for the result cache.

The result cache (`validator.lint.cache`) fingerprints every listed file (its name, kind and
content) and the listing itself; what that cannot cover is a question about a path that is
not listed: whether an ignored `dist/index.js` exists, the text of `.git/info/exclude`, a
file inside a symlinked folder. The readers (`engine.files.FileIndex`, `repo.files.Repo`)
note each such question and its answer here while a recording is active; a later run
asks them again, and any other answer means the cached results may be stale.
"""

from __future__ import annotations

import hashlib

ACTIVE: dict[tuple[str, str, int], str] | None = None
"""(kind, path, limit) -> digest of the answer, while a run records; None otherwise."""


def digest(value: object) -> str:
    """A short stable digest of an answer (bytes, text, or anything with a stable `repr`)."""
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    elif not isinstance(value, bytes):
        value = repr(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(value, digest_size=16).hexdigest()


def note(kind: str, rel: str, answer: object, limit: int = 0) -> None:
    """Record that KIND was asked of REL (an unlisted path) and gave ANSWER."""
    if ACTIVE is not None:
        ACTIVE[(kind, rel, limit)] = digest(answer)
