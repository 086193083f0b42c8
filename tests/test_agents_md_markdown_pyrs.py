"""The Markdown view built on markdown-it-pyrs equals the one built on markdown-it-py.

Differential: every Markdown file of ../shared/corpus and of fixtures/, plus generated
Markdown, is parsed both ways and the views are compared field by field. One difference
is by design and normalized here: an inline block's continuation line keeps the
indentation beyond the container's in markdown-it-py's content (`- a\\n     b` gives
`   b`), while the markdown-it-pyrs path starts the line at its text (`b`); the inline
scanner's results (code spans, comments, links) are offsets into the source and do not
depend on it. A line made only of marker characters (a heading `# # #`, content `#`) is
left out of the comparison: markdown-it-py's path locates it on the marker itself.

markdown-it.rs (Rust) and markdown-it-py (Python) are separate ports of markdown-it;
where they part, the view follows markdown-it-py (the pyrs path cuts blocks by lines as
markdown-it-py's line maps do, and does not trust markdown-it.rs 0.6's inline spans,
which are shifted after some `**strong**` openers and hard breaks). A document
markdown-it.rs panics on (an unclosed backtick in a link label, `[`x`) is parsed by
markdown-it-py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, shared_path
from validator.standards.agents_md.markdown import MarkdownView, parse_markdown

pytest.importorskip("markdown_it_pyrs")
pytest.importorskip("markdown_it")

FIELDS = ("front_matter", "fences", "indented_code", "html_blocks", "headings", "code_spans", "comments",
          "links", "references", "_code", "_comment_starts")
_PREFIX_CHARS = " \t>-*+#.)0123456789"
NAMES = (".cursorrules", ".windsurfrules", ".clinerules")


def _inlines(view: MarkdownView) -> list:
    out = []
    for block in view.inlines:
        segments = []
        for seg in block.segments:
            if not seg.text.strip(_PREFIX_CHARS):
                continue  # only list/heading/quote marker characters: markdown-it-py's locate may put it on the marker
            text = seg.text.lstrip(" \t")
            segments.append((text, seg.offset + len(seg.text) - len(text)))
        out.append((block.kind, block.line, segments))
    return out


def differences(text: str) -> list[str]:
    """The fields where the two views of TEXT differ (empty: identical)."""
    py, rs = parse_markdown(text, parser="py"), parse_markdown(text, parser="rs")
    out = [name for name in FIELDS if getattr(py, name) != getattr(rs, name)]
    if _inlines(py) != _inlines(rs):
        out.append("inlines")
    return out


def _markdown_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and (p.suffix in (".md", ".mdc") or p.name in NAMES))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")


def _assert_identical(files: list[Path]) -> None:
    assert files
    differing = {str(p): d for p in files if (d := differences(_read(p)))}
    assert differing == {}


def test_views_are_identical_on_the_corpus() -> None:
    corpus = shared_path("corpus")
    files = _markdown_files(corpus)
    assert len(files) > 250
    _assert_identical(files)


def test_views_are_identical_on_every_fixture() -> None:
    files = _markdown_files(FIXTURES)
    assert any(p.name == "AGENTS.md" for p in files) and any(p.name == "SKILL.md" for p in files)
    _assert_identical(files)


# -- generated Markdown --------------------------------------------------------------

_LAZY_TABLE = re.compile(r"^[ \t]*(?:>|[-*+] |[0-9]+[.)] ).*\r?\n[ \t]*\|", re.MULTILINE)
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:[-*+]|[0-9]+[.)])[ \t]*\r?$", re.MULTILINE)
_PIPE_OVER_UNDERLINE = re.compile(r"^.*\|.*\r?\n[ \t]*(?:-+|=+)[ \t]*\r?$", re.MULTILINE)
_WORDS = st.sampled_from([
    "run", "`npm test`", "``a ` b``", "`x", "[guide](docs/a.md)", "[ref][r]", "[r]", "![img](i.png)",
    "<https://example.com>", "<a@b.co>", "<!-- note -->", "<b>", "**bold**", "*em*", "\\*", "&amp;",
    "é", "日本", "[a `b` c](x.md)", "[x](<a b.md>)", "[t](a\\)b.md)", "|", "#", "~", "(", ")", "]", "  ",
])
_LINE = st.lists(_WORDS, min_size=0, max_size=6).map(" ".join)
_BLOCKS = st.one_of(
    _LINE,
    _LINE.map(lambda t: "# " + t), _LINE.map(lambda t: "### " + t + " ##"),
    _LINE.map(lambda t: "> " + t), _LINE.map(lambda t: "- " + t), _LINE.map(lambda t: "1. " + t),
    _LINE.map(lambda t: "   " + t), _LINE.map(lambda t: "    " + t), _LINE.map(lambda t: "\t" + t),
    st.just(""), st.just("```bash"), st.just("```"), st.just("~~~"), st.just("  ```"), st.just("> ```"),
    st.just("---"), st.just("==="), st.just("<div>"), st.just("</div>"), st.just("<!--"), st.just("-->"),
    st.just("| a | b |"), st.just("|---|---|"), _LINE.map(lambda t: "| " + t + " | c |"),
    st.just("[r]: docs/r.md"), st.just("[R]: <other.md> 'title'"), st.just(">"), st.just("  - nested"),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCKS, min_size=1, max_size=14), st.sampled_from(["\n", "\r\n"]))
def test_views_are_identical_on_generated_markdown(lines: list[str], newline: str) -> None:
    text = newline.join(lines) + newline
    # The parsers part on a table row right after a block quote or list line: markdown-it-py
    # keeps it as a lazy continuation of that paragraph (as cmark-gfm, GitHub's renderer,
    # does: a table starts only where the paragraph is the open block), markdown-it.rs
    # starts a table. Left out here; the inline scan finds the same spans and links.
    assume(not _LAZY_TABLE.search(text))
    # And on an empty list item (`- ` alone): after a block quote line CommonMark makes it
    # lazy continuation text, since an empty item cannot interrupt a paragraph
    # (commonmark.js and markdown-it.rs; markdown-it-py starts a list: markdown-it.rs is
    # right); after a table row GFM ends the table where another block starts
    # (cmark-gfm and markdown-it-py start a list; markdown-it.rs makes it a table row).
    assume(not _EMPTY_ITEM.search(text))
    # And on `run |` over `---`: a setext underline with no pipe. cmark-gfm tries the setext
    # heading before the table extension (GitHub shows a heading, as markdown-it.rs does);
    # markdown-it-py makes a one-column table.
    assume(not _PIPE_OVER_UNDERLINE.search(text))
    assert differences(text) == []


# -- the markdown-it-pyrs path on its own -------------------------------------------

def test_offsets_are_characters_not_bytes() -> None:
    text = "# Größe\n\nRun `ünïcode` and [the guide](docs/é.md) 日本 `x`.\n"
    view = parse_markdown(text, parser="rs")
    assert [text[s.start:s.end] for s in view.code_spans] == ["`ünïcode`", "`x`"]
    assert [text[link.start:link.end] for link in view.links] == ["docs/é.md"]
    assert view.headings[0].text == "Größe"


def test_a_document_markdown_it_rs_panics_on_is_parsed_by_markdown_it_py(capfd) -> None:
    text = "See [`unclosed and `done` here\n\n```sh\nmake\n```\n"
    view = parse_markdown(text, parser="rs")
    assert differences(text) == []
    assert [f.info for f in view.fences] == ["sh"]
    assert "panicked" not in capfd.readouterr().err


def test_text_with_a_lone_surrogate_is_parsed_by_markdown_it_py() -> None:
    text = "Run `make` \udc80 here\n"
    view = parse_markdown(text, parser="rs")
    assert [text[s.start:s.end] for s in view.code_spans] == ["`make`"]


def test_check_falls_back_to_markdown_it_py_without_the_rust_parser(tmp_path: Path) -> None:
    """Where markdown-it-pyrs has no wheel, `check` runs on markdown-it-py alone, same findings."""
    import json
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / "AGENTS.md").write_text("# Repo\n\nRun `make tset` and read [the guide](docs/missing.md).\n")
    probe = (
        "import sys, io, contextlib, json\n"
        "if sys.argv[1] == 'py':\n"
        "    sys.modules['markdown_it_pyrs'] = None  # as if not installed\n"
        "from validator.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    main(['check', sys.argv[2], '--format', 'json', '--no-config'])\n"
        "mods = [m for m in ('markdown_it', 'markdown_it_pyrs') if sys.modules.get(m)]\n"
        "print(json.dumps({'mods': mods, 'report': json.loads(out.getvalue())}))\n"
    )
    runs = {}
    for parser in ("py", "rs"):
        done = subprocess.run([sys.executable, "-c", probe, parser, str(tmp_path)], capture_output=True,
                              text=True, check=True)
        runs[parser] = json.loads(done.stdout)
    assert runs["py"]["mods"] == ["markdown_it"]
    assert runs["rs"]["mods"] == ["markdown_it_pyrs"]
    assert runs["py"]["report"] == runs["rs"]["report"]
    assert "docs/missing.md" in json.dumps(runs["rs"]["report"])
