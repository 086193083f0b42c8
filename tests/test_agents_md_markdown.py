"""The Markdown view of instruction files: what is code, what is prose, and exact offsets."""

from __future__ import annotations

from validator.standards.agents_md.imports import claude_imports, gemini_imports
from validator.standards.agents_md.markdown import front_matter, parse_markdown

DOC = """---
title: Acme
---
# Acme

Run `make test` and read [the guide](docs/guide.md#setup).

> Quoted `npm run build` and a <!-- hidden --> comment.

- item with [a link](./CONTRIBUTING.md) and ``code with ` inside``
  continued line `span two`

| cmd | what |
|-----|------|
| `just lint` | [lint](docs/lint.md) |

    indented code block with `not a span`

```bash
echo `not a span either`
```

[ref]: docs/ref.md
Use [the ref][ref].
"""


def test_code_spans_have_exact_offsets() -> None:
    view = parse_markdown(DOC)
    spans = [DOC[s.start:s.end] for s in view.code_spans]
    assert spans == ["`make test`", "`npm run build`", "``code with ` inside``", "`span two`", "`just lint`"]
    for span in view.code_spans:
        assert DOC[span.start] == "`" and DOC[span.end - 1] == "`"
    assert view.code_spans[2].content(DOC) == "code with ` inside"


def test_links_and_reference_definitions() -> None:
    view = parse_markdown(DOC)
    dests = [(link.dest, DOC[link.start:link.end], link.reference) for link in view.links]
    assert dests == [("docs/guide.md#setup", "docs/guide.md#setup", False),
                     ("./CONTRIBUTING.md", "./CONTRIBUTING.md", False),
                     ("docs/lint.md", "docs/lint.md", False),
                     ("docs/ref.md", "docs/ref.md", True)]


def test_code_blocks_comments_and_front_matter() -> None:
    view = parse_markdown(DOC)
    assert view.front_matter is not None and view.front_matter.body(DOC) == "title: Acme\n"
    assert [DOC[a:b] for a, b in view.comments] == ["<!-- hidden -->"]
    assert view.in_code(DOC.index("not a span`")) and view.in_code(DOC.index("not a span either"))
    assert view.in_code(DOC.index("make test"))
    assert view.is_prose(DOC.index("Run `make")) and not view.is_prose(DOC.index("hidden"))
    assert [h.text for h in view.headings] == ["Acme"] and view.headings[0].line == 4
    assert len(view.fences) == 1 and view.fences[0].closed and view.fences[0].language == "bash"


def test_unclosed_fence_and_inline_triple_backticks() -> None:
    text = "# T\n\nA type ``` `x` ``` here.\n\n```sh\nls\n"
    view = parse_markdown(text)
    assert len(view.fences) == 1 and not view.fences[0].closed and view.fences[0].line == 5


def test_a_leading_thematic_break_is_not_front_matter() -> None:
    assert front_matter("---\n\nSome prose: with a colon\n---\n# H\n") is None
    assert front_matter("---\napplyTo: \"**/*.py\"\n---\n") is not None
    unclosed = front_matter("---\napplyTo: x\n\n# Heading\n")
    assert unclosed is not None and not unclosed.closed


def test_claude_and_gemini_see_different_imports() -> None:
    text = "@docs/a.md\n\n`@docs/b.md`\n\n~~~\n@docs/c.md\n~~~\n\n    @docs/d.md\n\nmail me@x.dev\n"
    claude = [ref.path for ref in claude_imports(parse_markdown(text))]
    gemini = [ref.path for ref in gemini_imports(text)]
    # Claude Code: CommonMark code spans and blocks are not imports
    assert claude == ["docs/a.md"]
    # Gemini memport masks backtick regions only: the ~~~ fence and the indented block are imported
    assert gemini == ["docs/a.md", "docs/c.md", "docs/d.md"]
