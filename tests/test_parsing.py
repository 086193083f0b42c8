"""The position-tracking front ends: values equal the reference parsers, spans are exact."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.parsing.document import ParseError
from validator.parsing.json import parse_json, scan
from validator.parsing.text import TextIndex, decode
from validator.parsing.toml import parse_toml
from validator.parsing.yaml import parse_yaml

from .conftest import shared_path


def _json_corpus() -> list:
    root = shared_path("corpus")
    return sorted(p for p in root.rglob("*.json") if p.is_file())


def test_json_values_equal_json_loads_on_the_whole_corpus() -> None:
    files = _json_corpus()
    checked = 0
    for path in files:
        text = decode(path.read_bytes()).text
        if text is None:
            continue
        try:
            expected = json.loads(text)
        except ValueError:
            with pytest.raises(ParseError):
                parse_json(text)
            continue
        value, spans, key_spans, _ = scan(text, jsonc=False)
        assert value == expected, path.name
        assert parse_json(text).value == expected
        # every recorded span re-parses to the value at its path
        for pointer, (start, end) in spans.items():
            node = expected
            for part in pointer:
                node = node[part]
            assert json.loads(text[start:end]) == node, (path.name, pointer)
        for pointer, (start, end) in key_spans.items():
            assert json.loads(text[start:end]) == pointer[-1], (path.name, pointer)
        checked += 1
    assert checked > 250, f"only {checked} corpus JSON files were compared"


def test_jsonc_comments_and_trailing_commas() -> None:
    doc = parse_json('// top\n{\n  "servers": {"a": {"command": "x",},}, /* c */\n  "inputs": [1, 2,],\n}', jsonc=True)
    assert doc.value == {"servers": {"a": {"command": "x"}}, "inputs": [1, 2]}
    region = doc.locate(("servers", "a", "command"))
    assert (region.line, region.column) == (3, 32)
    with pytest.raises(ParseError, match="unterminated block comment"):
        parse_json("{/* open", jsonc=True)


@pytest.mark.parametrize(("text", "message", "offset"), [
    ('{"a":1,}', "trailing comma", 7),
    ('[1,]', "trailing comma", 3),
    ('{"a":1} x', "end of file", 8),
    ('', "empty", 0),
    ('{"a" 1}', "':'", 5),
    ('{"a":NaN}', "value", 5),
    ('// c\n{}', "comments are not allowed", 0),
    ('{"a":1', "unexpected end of file", 6),
    ('{"a": "\x01"}', "control character", 7),
])
def test_json_errors_have_positions(text: str, message: str, offset: int) -> None:
    with pytest.raises(ParseError) as err:
        parse_json(text)
    assert message in err.value.message
    assert err.value.offset == offset


def test_twenty_thousand_levels_are_a_depth_error_not_a_crash() -> None:
    with pytest.raises(ParseError) as err:
        parse_json("[" * 20000 + "]" * 20000)
    assert err.value.kind == "depth"


def test_duplicates_keep_the_last_value_like_json_loads() -> None:
    text = '{"a": {"x": 1, "y": 2}, "a": {"x": 3}}'
    doc = parse_json(text)
    assert doc.value == json.loads(text)
    assert [d.pointer for d in doc.duplicates] == [("a",)]
    assert ("a", "y") not in doc.spans  # no stale span from the first occurrence


def test_missing_key_locates_the_parent_object() -> None:
    doc = parse_json('{\n  "packages": [\n    {"identifier": "x"}\n  ]\n}')
    region = doc.locate(("packages", 0, "transport"))
    assert (region.line, region.column, region.end_line, region.end_column) == (3, 5, 3, 24)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_json_parser(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        expected = json.loads(text)
    except (ValueError, RecursionError):
        expected = ParseError
    try:
        got = parse_json(text).value
    except ParseError:
        got = ParseError
    if expected is ParseError:
        assert got is ParseError
    else:
        assert got == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from([None, 2]), st.integers(min_value=0, max_value=400))
def test_generated_documents_and_their_truncations(value, indent, cut: int) -> None:
    text = json.dumps(value, indent=indent)
    assert parse_json(text).value == json.loads(text)
    damaged = text[: cut % (len(text) + 1)]
    try:
        json.loads(damaged)
        ok = True
    except ValueError:
        ok = False
    try:
        parse_json(damaged)
        assert ok
    except ParseError as err:
        assert not ok
        assert 0 <= err.offset <= len(damaged)


def test_text_index_positions() -> None:
    index = TextIndex("ab\r\ncd\ref\ngh")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 1)
    assert index.position(7) == (3, 1)
    assert index.position(10) == (4, 1)
    assert index.line_text(2) == "cd"


def test_decode_reports_bom_utf16_binary_and_bad_bytes() -> None:
    assert decode(b"\xef\xbb\xbf{}").problems[0].kind == "bom"
    assert decode(b"\xef\xbb\xbf{}").text == "{}"
    assert decode(b"\xff\xfe{\x00}\x00").problems[0].kind == "utf16"
    assert decode(b"\x00\x01\x02").problems[0].kind == "binary"
    bad = decode(b'{\n  "a": "caf\xe9"\n}')
    assert bad.text is None and bad.problems[0].kind == "invalid-utf8"
    assert (bad.problems[0].line, bad.problems[0].column) == (2, 12)


def test_toml_values_and_positions() -> None:
    text = '# c\n[mcp_servers.github]\ncommand = "npx" # x\nargs = ["-y", "x"]\n\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n'
    doc = parse_toml(text)
    assert doc.value == tomllib.loads(text)
    region = doc.locate(("mcp_servers", "github", "command"))
    assert (region.line, region.column, region.end_column) == (3, 11, 16)
    assert doc.locate(("a", "b", 1, "x")).line == 9
    assert doc.locate(("mcp_servers", "github", "env")).line == 2  # missing key: its table
    implicit = doc.locate(("mcp_servers",), key=True)  # created by [mcp_servers.github]: located there
    assert (implicit.line, implicit.column, implicit.end_column) == (2, 2, 13)
    dotted = parse_toml('[tool]\npoetry.name = "x"\n').locate(("tool", "poetry"), key=True)
    assert (dotted.line, dotted.column) == (2, 1)
    with pytest.raises(ParseError) as err:
        parse_toml("a = \n")
    assert err.value.offset == 4


def test_toml_corpus_files_parse_like_tomllib() -> None:
    files = sorted(shared_path("corpus").rglob("*.toml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_toml(text).value == tomllib.loads(text)


def test_yaml_values_positions_duplicates_and_alias_bombs() -> None:
    doc = parse_yaml("title: x\nparams:\n  - key: a\n  - key: b\ntitle: y\n")
    assert doc.value == {"title": "y", "params": [{"key": "a"}, {"key": "b"}]}
    assert doc.locate(("params", 1, "key")).line == 4
    assert [d.pointer for d in doc.duplicates] == [("title",)]
    bomb = "a: &a [" + ",".join(['"x"'] * 9) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    with pytest.raises(ParseError, match="alias bomb"):
        parse_yaml(bomb)
    with pytest.raises(ParseError):
        parse_yaml("a: [1\nb: 2")


def test_yaml_corpus_recipes_parse_like_pyyaml() -> None:
    import yaml

    for path in sorted(shared_path("corpus", "goose-recipe").glob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        try:
            expected = yaml.safe_load(text)
        except yaml.YAMLError:
            with pytest.raises(ParseError):
                parse_yaml(text)
            continue
        assert parse_yaml(text).value == expected, path.name
