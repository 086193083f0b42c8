"""The paths git tracks, read from the index file itself (no git process).

`.gitignore` only hides untracked files: a file committed despite a matching pattern
(`git add -f`, or a pattern added later) is still part of the repository and must be
linted. Running `git ls-files` would execute a program configured by the repository
(`core.fsmonitor`), so the index is parsed here instead: format versions 2, 3 and 4
(https://git-scm.com/docs/index-format). Sparse-directory entries and submodules
(gitlinks) are skipped; a split index ("link" extension) or an unreadable file yields
None, and discovery then relies on the walk alone.
"""

from __future__ import annotations

import struct
from pathlib import Path

from validator.engine.safefs import Refusal, read_regular

_MODE_TYPE = 0o170000
_GITLINK = 0o160000
_DIRECTORY = 0o040000
_MAX_INDEX_BYTES = 256 * 1024 * 1024


def git_dir(root: Path) -> Path | None:
    """The git directory of the work tree at ROOT (`.git`, or where a `.git` file points)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():
        try:
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return None
        if text.startswith("gitdir:"):
            target = Path(text[len("gitdir:"):].strip())
            target = target if target.is_absolute() else (root / target)
            return target if target.is_dir() else None
    return None


def tracked_paths(root: Path) -> list[str] | None:
    """Paths (relative, `/`-separated) of the files in the index of ROOT's repository."""
    folder = git_dir(root)
    if folder is None:
        return None
    index = folder / "index"
    data = read_regular(index, root=None, limit=_MAX_INDEX_BYTES)
    if isinstance(data, Refusal):
        return None
    try:
        return parse_index(data)
    except (ValueError, struct.error, UnicodeDecodeError):
        return None


def parse_index(data: bytes) -> list[str] | None:
    """Paths listed by index bytes DATA; None for a split index (paths live elsewhere)."""
    if len(data) < 12 or data[:4] != b"DIRC":
        raise ValueError("not a git index")
    version, count = struct.unpack(">II", data[4:12])
    if version not in (2, 3, 4):
        raise ValueError(f"unsupported index version {version}")
    pos = 12
    paths: list[str] = []
    previous = b""
    for _ in range(count):
        start = pos
        mode = struct.unpack(">I", data[pos + 24:pos + 28])[0]
        flags = struct.unpack(">H", data[pos + 60:pos + 62])[0]
        pos += 62
        if version >= 3 and flags & 0x4000:
            pos += 2
        if version == 4:
            strip, pos = _varint(data, pos)
            end = data.index(b"\x00", pos)
            name = previous[: len(previous) - strip] + data[pos:end]
            pos = end + 1
        else:
            end = data.index(b"\x00", pos)
            name = data[pos:end]
            pos = start + ((end - start) // 8 + 1) * 8  # 1-8 NUL bytes pad each entry to 8
        previous = name
        kind = mode & _MODE_TYPE
        stage = (flags >> 12) & 0x3
        if kind in (_GITLINK, _DIRECTORY) or stage > 1:
            continue  # submodules, sparse directories, and "ours/theirs" stages of a conflict
        path = name.decode("utf-8")
        if _safe(path):
            paths.append(path)
    if _has_extension(data, pos, b"link"):
        return None
    return list(dict.fromkeys(paths))


def _safe(path: str) -> bool:
    """A path git itself would write: relative, no `.`/`..`/empty parts, no `.git` folder.
    A hostile index must not lead reads out of the work tree."""
    parts = path.split("/")
    return bool(path) and "\x00" not in path and "\\" not in path and all(
        part not in ("", ".", "..") and part.lower() != ".git" for part in parts)


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """Git's offset encoding (index v4): big-endian base-128 with an added one per byte."""
    byte = data[pos]
    value = byte & 0x7F
    pos += 1
    while byte & 0x80:
        byte = data[pos]
        pos += 1
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, pos


def _has_extension(data: bytes, pos: int, signature: bytes) -> bool:
    end = len(data) - 20  # trailing SHA-1 checksum
    while pos + 8 <= end:
        name = data[pos:pos + 4]
        size = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        if name == signature:
            return True
        pos += 8 + size
    return False
