"""What must not leave the author's machine: AGM070 (credentials) and AGM056 (paths into one person's home).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.repo import prose
from validator.standards.agents_md import rules as R
from validator.standards.agents_md import rules_safety as S
from validator.standards.agents_md.checks.common import text_of
from validator.standards.agents_md.checks.path_context import not_this_tree


@emits(S.AGM070)
def secrets(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    from validator.secrets import find_secrets

    for hit in find_secrets(data.text):
        yield Problem(S.AGM070, f"{hit.kind} in an instruction file sent to model providers; revoke it and use an environment variable",
                      Span(hit.start, hit.end))


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
        if not_this_tree(view, text, m.start()) or prose.named_as_wrong(text, m.start()):
            continue  # a "✅ CORRECT:" list of path forms, an "## Example" section: a sample, not the author's machine
        yield Problem(R.AGM056, f"{m.group()} exists only on one machine; use a repository-relative path or ~",
                      Span(m.start(), m.end()))
