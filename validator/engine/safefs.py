"""Reading files of an untrusted repository: only regular files, inside the root, bounded.

Every read of `check` goes through `read_regular`: never a FIFO, a device or a socket
(which could hang the run or never end), never a file a symlink leads to outside the
root (its content would reach the output, CI logs and code-scanning alerts), and never
more than a byte limit, so a hostile repository can neither leak a file from elsewhere
nor exhaust the machine. `refusal_of` says why a file may not be read without opening it.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from validator.records import record


@record(frozen=True)
class Refusal:
    """Why a file was not read: `outside` (a symlink out of the root), `dangling`,
    `special` (FIFO, device, socket, folder), `unreadable` (permission, I/O) or `too-large`."""

    kind: str
    detail: str


def refusal_of(path: Path, root: Path | None) -> Refusal | None:
    """Why PATH may not be read (without opening it), or None when it is a regular file inside
    ROOT (None: PATH was named as it is, or the tree walk found it and no symlink leads to it)."""
    try:
        info = os.stat(path)  # follows symlinks: the target decides
    except FileNotFoundError:
        if os.path.islink(path):
            return Refusal("dangling", "a symlink whose target does not exist")
        return Refusal("unreadable", "no such file")
    except OSError as err:
        return Refusal("unreadable", err.strerror or type(err).__name__)
    if root is not None and not inside_root(path, root):
        return Refusal("outside", "a symlink that leads out of the repository")
    if not stat.S_ISREG(info.st_mode):
        return Refusal("special", _file_kind(info.st_mode))
    if not os.access(path, os.R_OK):
        return Refusal("unreadable", "permission denied")
    return None


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: Path, *, root: Path | None, limit: int, head: bool = False) -> bytes | Refusal:
    """The bytes of PATH, at most LIMIT of them, or why it was not read (see `Refusal`).

    With HEAD, a larger file is not refused: its first LIMIT bytes are returned (for sniffing)."""
    refusal = refusal_of(path, root)
    if refusal is not None:
        return refusal
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # Inside a root, open the resolved file and refuse a symlink swapped in since; a path
        # named as it is may be a symlink, which its namer chose.
        fd = os.open(os.path.realpath(path), flags | getattr(os, "O_NOFOLLOW", 0)) if root is not None else os.open(path, flags)
    except OSError as err:
        return Refusal("unreadable", err.strerror or type(err).__name__)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped since refusal_of looked
            return Refusal("special", _file_kind(info.st_mode))
        if info.st_size > limit and not head:
            return Refusal("too-large", str(info.st_size))
        chunks, left = [], limit + (0 if head else 1)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while we read
            return Refusal("too-large", str(len(data)))
        return data
    except OSError as err:
        return Refusal("unreadable", err.strerror or type(err).__name__)
    finally:
        os.close(fd)


def inside_root(path: Path, root: Path) -> bool:
    """PATH, with symlinks resolved, lies inside ROOT."""
    real = os.path.realpath(path)
    top = _real(str(root))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=16)
def _real(root: str) -> str:
    return os.path.realpath(root)
