"""Units behind the resources, prompts and utilities checks: RFC 6570 templates, content
judgements, `_meta` key grammar and reservation, argument synthesis."""

from __future__ import annotations

import pytest

from validator.conformance.areas.utilities import _META_KEY, meta_keys, reserved
from validator.conformance.observe import content, uritemplate
from validator.conformance.observe.primitives import default_value, sample

# RFC 6570 §1.2 and §3.2 examples (string values only)
RFC = {"var": "value", "hello": "Hello World!", "path": "/foo/bar", "x": "1024", "y": "768", "empty": ""}


@pytest.mark.parametrize(("template", "expected"), [
    ("{var}", "value"),
    ("{hello}", "Hello%20World%21"),
    ("{+hello}", "Hello%20World!"),
    ("{+path}/here", "/foo/bar/here"),
    ("here?ref={+path}", "here?ref=/foo/bar"),
    ("X{#var}", "X#value"),
    ("X{#hello}", "X#Hello%20World!"),
    ("map?{x,y}", "map?1024,768"),
    ("{x,hello,y}", "1024,Hello%20World%21,768"),
    ("X{.var}", "X.value"),
    ("X{.x,y}", "X.1024.768"),
    ("{/var}", "/value"),
    ("{/var,x}/here", "/value/1024/here"),
    ("{;x,y}", ";x=1024;y=768"),
    ("{;x,y,empty}", ";x=1024;y=768;empty"),
    ("{?x,y}", "?x=1024&y=768"),
    ("{?x,y,empty}", "?x=1024&y=768&empty="),
    ("?fixed=yes{&x}", "?fixed=yes&x=1024"),
    ("{var:3}", "val"),
    ("{var:30}", "value"),
    ("{+path:6}/here", "/foo/b/here"),
    ("{undef}", ""),
])
def test_expansion_matches_rfc6570(template, expected):
    assert not uritemplate.parse(template)[1]
    assert uritemplate.expand(template, RFC) == expected


@pytest.mark.parametrize("template", [
    "file:///{path", "file:///path}", "x://{}", "x://{=a}", "x://{a b}", "x://{a:0}", "x://{a:10000}",
    "x://{a:3*}", "x://{.a.}", "x://a b", "x://%zz", 'x://"q"', "x://{a,}",
])
def test_invalid_templates_are_named(template):
    assert uritemplate.parse(template)[1], template
    assert uritemplate.variables(template) == []


def test_listed_uris_give_template_values():
    assert uritemplate.match("file:///{+path}", "file:///project/src/main.rs") == {"path": "project/src/main.rs"}
    assert uritemplate.match("demo://r/{id}", "demo://r/12") == {"id": "12"}
    assert uritemplate.match("ref://images/{name}.png", "ref://images/pixel.png") == {"name": "pixel"}
    assert uritemplate.match("demo://r/{id}", "demo://r/12/more") is None
    assert uritemplate.match("x://{?q}", "x://?q=1") is None  # query expressions are not matched, only expanded


@pytest.mark.parametrize(("value", "ok"), [
    ("aGVsbG8=", True), ("", True), ("aGVsbG8", False), ("not base64!", False), ("aGVs\nbG8=", False), (42, False),
])
def test_base64_is_strict(value, ok):
    assert content.is_base64(value) is ok


@pytest.mark.parametrize(("uri", "ok"), [
    ("file:///project/src/main.rs", True), ("demo://resource/static/document/a.md", True),
    ("https://example.com/a?b=c#d", True), ("urn:isbn:0451450523", True), ("ref://search?q=a%20b", True),
    ("file:///my notes.txt", False), ("no-scheme/path", False), ("x://caf\u00e9", False), ("x://a%zz", False), ("", False),
])
def test_uris_follow_rfc3986(uri, ok):
    assert (content.uri_problem(uri) is None) is ok


def test_annotations_per_revision():
    good = {"audience": ["user", "assistant"], "priority": 0.5, "lastModified": "2025-01-12T15:00:58Z"}
    assert content.annotations_problems(good, "2025-11-25", "r") == []
    assert content.annotations_problems({"priority": 1.5}, "2025-11-25", "r")
    assert content.annotations_problems({"priority": True}, "2025-11-25", "r")
    assert content.annotations_problems({"audience": ["system"]}, "2025-11-25", "r")
    assert content.annotations_problems({"lastModified": "yesterday"}, "2025-11-25", "r")
    assert content.annotations_problems({"lastModified": "yesterday"}, "2025-03-26", "r") == []  # not defined before 25b


def test_content_blocks_per_revision():
    audio = {"type": "audio", "data": "aGVsbG8=", "mimeType": "audio/wav"}
    link = {"type": "resource_link", "uri": "x://a", "name": "a"}
    assert content.block_shape_problems(audio, "2024-11-05", "m")  # audio is new in 2025-03-26
    assert content.block_shape_problems(audio, "2025-03-26", "m") == []
    assert content.block_shape_problems(link, "2025-03-26", "m")  # resource_link is new in 2025-06-18
    assert content.block_shape_problems(link, "2025-06-18", "m") == []
    assert content.block_payload_problems({**audio, "mimeType": "image/png"}, "2025-11-25", "m")
    assert content.block_payload_problems({**audio, "data": "%%"}, "2025-11-25", "m")
    embedded = {"type": "resource", "resource": {"uri": "x://a", "text": "t", "blob": "aGVsbG8="}}
    assert content.block_payload_problems(embedded, "2025-11-25", "m")  # both text and blob
    no_mime = {"type": "resource", "resource": {"uri": "x://a", "text": "t"}}
    assert content.block_payload_problems(no_mime, "2025-11-25", "m") == []  # tool results: no rule
    assert content.block_payload_problems(no_mime, "2025-11-25", "m", embedded_mime=True)  # prompts: MUST
    assert content.resource_contents_problems({"uri": "x://a", "text": "t", "blob": None}, "2025-11-25", "c") == []


@pytest.mark.parametrize(("icon", "ok"), [
    ({"src": "https://example.com/i.png", "mimeType": "image/png", "sizes": ["48x48", "any"], "theme": "dark"}, True),
    ({"src": "data:image/png;base64,iVBORw0KGgo="}, True),
    ({"src": "javascript:alert(1)"}, False), ({"src": "file:///i.png"}, False), ({"src": "http://example.com/i.png"}, False),
    ({"src": "data:text/html,<b>"}, False), ({"src": "https://x/i.png", "sizes": "48x48"}, False),
    ({"src": "https://x/i.png", "theme": "blue"}, False), ({"src": "https://x/i.png", "mimeType": "text/plain"}, False),
])
def test_icons(icon, ok):
    assert (not content.icon_problems(icon, "i")) is ok


@pytest.mark.parametrize(("key", "ok"), [
    ("progressToken", True), ("com.example/trace-id", True), ("io.modelcontextprotocol/related-task", True),
    ("com.example/", True), ("a.b-c.d/x_y.z", True), ("-bad", False), ("bad key", False), ("com..example/x", False),
    ("1com.example/x", False), ("com.example-/x", False), ("com.example/x-", False), ("/x", False),
])
def test_meta_key_grammar(key, ok):
    assert bool(_META_KEY.match(key)) is ok


@pytest.mark.parametrize(("prefix", "revision", "is_reserved"), [
    ("io.modelcontextprotocol", "2025-11-25", True), ("dev.mcp", "2025-11-25", True),
    ("org.modelcontextprotocol.api", "2025-11-25", True), ("com.example.mcp", "2025-11-25", False),
    ("modelcontextprotocol.io", "2025-06-18", True), ("tools.mcp.com", "2025-06-18", True),
    ("io.modelcontextprotocol", "2025-06-18", False), ("com.example", "2025-06-18", False),
])
def test_reserved_prefixes_differ_by_revision(prefix, revision, is_reserved):
    assert reserved(prefix, revision) is is_reserved


def test_meta_keys_skip_user_data():
    message = {"result": {"_meta": {"a/b": 1}, "contents": [{"uri": "x://", "_meta": {"c": 2}}],
                          "structuredContent": {"_meta": {"not mcp": 3}}}}
    assert sorted(k for _, k in meta_keys(message)) == ["a/b", "c"]


def test_default_values_by_name():
    assert default_value("resourceId") == "1"
    assert default_value("count") == "1"
    assert default_value("thing", "which must be an integer") == "1"
    assert default_value("homepage_url") == "https://example.com/"
    assert default_value("language") == "en"
    assert default_value("department") == "example"


def test_sample_prefers_variety_and_small_resources():
    listed = [{"uri": f"x://t{i}", "mimeType": "text/plain"} for i in range(6)]
    listed += [{"uri": "x://img", "mimeType": "image/png"}, {"uri": "x://huge", "mimeType": "video/mp4", "size": 10**9}]
    assert [r["uri"] for r in sample(listed, 3)] == ["x://t0", "x://img"]  # one per kind
    assert [r["uri"] for r in sample(listed, 3, least=3)] == ["x://t0", "x://img", "x://t1"]  # topped up
    assert [r["uri"] for r in sample(listed[:4])] == ["x://t0", "x://t1"]  # one kind: two reads
    assert [r["uri"] for r in sample([{"uri": "x://huge", "size": 10**9}])] == ["x://huge"]  # nothing smaller
