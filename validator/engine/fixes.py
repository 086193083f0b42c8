"""Applying fixes: safe ones with `--fix`, unsafe ones only with `--unsafe-fixes`.

Edits are offsets into a file's decoded text. Per file they are applied from last to
first; an edit that overlaps one already taken is left for the next run (as ruff does).
`--diff` shows the same result as a unified diff without writing anything.
"""

from __future__ import annotations

import difflib
import os

from validator.engine.files import SourceFile
from validator.engine.safefs import refusal_of


def plan_fixes(result, sources: dict[str, SourceFile], *, unsafe: bool) -> None:
    """Fill RESULT.fixed / RESULT.original with the new text of every fixable file."""
    by_file: dict[str, list] = {}
    for finding in result.findings:
        fix = finding.fix
        if fix is None or (fix.safety == "unsafe" and not unsafe):
            continue
        by_file.setdefault(finding.path, []).append(fix)
    for path, fixes in by_file.items():
        source = sources.get(path)
        if source is None or source.text is None:
            continue
        text = source.text
        edits = sorted({edit for fix in fixes for edit in fix.edits}, key=lambda e: (e.start, e.end), reverse=True)
        new = text
        floor = len(text) + 1
        for edit in edits:
            if edit.end > floor:
                continue  # overlaps an edit already applied; the next run picks it up
            new = new[: edit.start] + edit.replacement + new[edit.end :]
            floor = edit.start
        drop_bom = any(fix.drop_bom for fix in fixes)
        had_bom = source.decoded.had_bom
        if new != text or (drop_bom and had_bom):
            # a byte order mark is the leading U+FEFF of the text it is written back as
            result.original[path] = ("\ufeff" if had_bom else "") + text
            result.fixed[path] = ("\ufeff" if had_bom and not drop_bom else "") + new


def write_fixes(result) -> int:
    """Write every planned fix to disk; return how many files changed.

    Only regular files inside the repository are written, never through a symlink that
    leads out of it (the same rule as for reading, `engine.safefs`)."""
    written = 0
    for path, text in result.fixed.items():
        target = result.root / path
        if refusal_of(target, result.root) is not None:
            continue
        real = os.path.realpath(target)
        # a kept byte order mark is the leading U+FEFF, which encodes back to EF BB BF
        fd = os.open(real, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        written += 1
    return written


def unified_diff(result) -> str:
    chunks = []
    for path in sorted(result.fixed):
        before = result.original[path].splitlines(keepends=True)
        after = result.fixed[path].splitlines(keepends=True)
        chunks.extend(difflib.unified_diff(before, after, fromfile=f"a/{path}", tofile=f"b/{path}"))
    # an invisible byte order mark is shown by name, so a BOM fix is not an empty-looking diff
    return "".join((line if line.endswith("\n") else line + "\n").replace("\ufeff", "<U+FEFF>") for line in chunks)
