"""What must not leave the author's machine: AGM070 (credentials) and AGM056 (paths into one person's home).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.records import lazy
from validator.repo import prose
from validator.standards.agents_md import rules as R
from validator.standards.agents_md import rules_safety as S
from validator.standards.agents_md.checks.common import text_of
from validator.standards.agents_md.checks.path_context import enclosing_headings, not_this_tree


@emits(S.AGM070)
def secrets(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    from validator.secrets import find_secrets

    for hit in find_secrets(data.text):
        yield Problem(S.AGM070, f"{hit.kind} in an instruction file sent to model providers; revoke it and use an environment variable",
                      Span(hit.start, hit.end))


_HOST_HEADING = lazy(r"(?i)server|remote|production|\bprod\b|\bhosts?\b|\bvms?\b|cluster|\bnodes?\b|machine|droplet|"
                     r"box\b|\bec2\b")
"""A heading about another machine ("Bigbox Deployment Rules", "Production server"): the Linux homes of its section are
that machine's."""
_LOCAL_AND_REMOTE = lazy(r"\b(?:ssh|scp|sftp|rsync|mosh)\b")
"""A line that names both machines (`ssh -i /home/alice/.ssh/key host`): its own rules say which path is where."""


@emits(R.AGM056)
def home_paths(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    view = data.view
    remote = prose.remote_homes(text)
    for m in prose.home_paths(text):
        if view.in_comment(m.start()):
            continue
        if m.group() in remote:
            continue  # on the host the file names for it (`tcv:/home/codes/x.py`), wherever it is mentioned
        if m.group().startswith("/home/") and not _LOCAL_AND_REMOTE.search(view.index.line_text(view.index.position(m.start())[0])) \
                and any(_HOST_HEADING.search(h) for h in enclosing_headings(view, text, m.start())):
            continue  # "## Bigbox Deployment Rules": a Linux home on the server the section is about (audit 21)
        if not_this_tree(view, text, m.start()) or prose.named_as_wrong(text, m.start()):
            continue  # a "✅ CORRECT:" list of path forms, an "## Example" section: a sample, not the author's machine
        yield Problem(R.AGM056, f"{m.group()} exists only on one machine; use a repository-relative path or ~",
                      Span(m.start(), m.end()))
