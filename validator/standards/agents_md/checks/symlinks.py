"""The link itself, checked before anything reads through it: AGM042 (a symlink that leads nowhere usable),
AGM048 (a symlink checked out as a text file holding its target's path).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import START, first_line
from validator.standards.agents_md.memory import resolve_import
from validator.standards.agents_md.reader import repo_for


@emits(R.AGM042, R.AGM048)
def symlinks(doc, ctx) -> Iterator[Problem]:
    data = doc.data
    repo = repo_for(ctx)
    st = data.stat
    if st.is_symlink:
        target = st.link_target or "?"
        if st.dangling and repo.in_submodule(posixpath.normpath(posixpath.join(data.folder, target))):
            return  # into a submodule (`.gitmodules`), empty in a checkout without --recurse-submodules (audit 22)
        if st.dangling:
            yield Problem(R.AGM042, f"{data.name} is a symlink to {target}, which does not exist", START)
        elif not st.inside:
            yield Problem(R.AGM042, f"{data.name} is a symlink to {target}, outside the repository: other machines do not have it",
                          START)
        elif not st.is_file:
            yield Problem(R.AGM042, f"{data.name} is a symlink to {target}, which is not a file", START)
        return
    stub = _stub_target(data, repo)
    if stub is not None:
        hint = " or write @" + stub if data.kind in (N.CLAUDE, N.GEMINI) else ""
        yield Problem(R.AGM048, f"{data.name} holds only the path {stub!r}: a symlink checked out as a text file; "
                      f"recreate the link{hint}", first_line(data))


def _stub_target(data, repo) -> str | None:
    body = data.text.strip()
    if not body or "\n" in body or len(body) > 200 or " " in body or body.startswith("@"):
        return None
    if not re.fullmatch(r"[\w./-]+\.(?:md|mdc|txt)|\.[\w.-]+rules|\.goosehints", body):
        return None
    target = resolve_import(data.relpath, body)
    if target is None or not repo.is_file(target) or target == data.relpath:
        return None
    return body
