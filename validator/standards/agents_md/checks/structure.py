"""Headings: AGM010 (a long file without any), AGM011 (a skipped level), AGM013 (the first is not top-level),
AGM015 (more than one top-level heading), AGM016 (a repeated sibling).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import PLAIN_TEXT_KINDS, text_of


@emits(R.AGM010, R.AGM011, R.AGM013, R.AGM015, R.AGM016)
def headings(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    if data.kind in PLAIN_TEXT_KINDS:
        return
    view = data.view
    headings = view.headings
    lines = view.index.line_count
    if not headings:
        if lines > 30:
            yield Problem(R.AGM010, f"{lines} lines without a heading: add sections (build, test, style) so agents can find them",
                          view.index.line_region(1))
        return
    first = headings[0]
    if first.level != 1:
        yield Problem(R.AGM013, f"the first heading is level {first.level}; start with a top-level '# ' heading",
                      _heading_region(data, first))
    previous = None
    for heading in headings:
        if previous is not None and heading.level > previous.level + 1:
            yield Problem(R.AGM011, f"heading level {heading.level} follows level {previous.level}; use level {previous.level + 1}",
                          _heading_region(data, heading))
        previous = heading
    tops = [h for h in headings if h.level == 1]
    for heading in tops[1:]:
        yield Problem(R.AGM015, f"another top-level heading ({heading.text!r}, first is {tops[0].text!r} on line {tops[0].line})",
                      _heading_region(data, heading))
    parents: list = []
    seen: dict[tuple, object] = {}
    for heading in headings:
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        parent = parents[-1].line if parents else 0
        key = (parent, heading.level, " ".join(heading.text.casefold().split()))
        if key[2] and key in seen:
            yield Problem(R.AGM016, f"heading {heading.text!r} repeats the sibling on line {seen[key].line}",
                          _heading_region(data, heading))
        else:
            seen[key] = heading
        parents.append(heading)


def _heading_region(data, heading):
    line_text = data.view.index.line_text(heading.line)
    return data.view.index.line_region(heading.line) if line_text.strip() else Span(heading.start)
