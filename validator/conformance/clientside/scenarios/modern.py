"""The 2026-07-28 revision from the client's side: no handshake, every request carries its
protocol version and the client's capabilities in `_meta`, and over HTTP the
`MCP-Protocol-Version` header states the same version (the official `request-metadata`).
A client that only speaks the handshake revisions is skipped here, not failed.
https://modelcontextprotocol.io/specification/2026-07-28/basic#meta
https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#protocol-version-header
"""

from __future__ import annotations

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS, calls
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import Check

S26 = "https://modelcontextprotocol.io/specification/2026-07-28"
M = revisions("26")
VERSION_KEY = "io.modelcontextprotocol/protocolVersion"
CAPS_KEY = "io.modelcontextprotocol/clientCapabilities"
INFO_KEY = "io.modelcontextprotocol/clientInfo"

META = Check("sep-2575-client-populates-meta", "request-metadata", "CLI-050", "MUST", M, f"{S26}/basic#meta",
             "every request carries _meta with the protocol version and the client's capabilities")
INFO = Check("sep-2575-client-sends-client-info", "request-metadata", "CLI-051", "SHOULD", M, f"{S26}/basic#meta",
             "requests carry io.modelcontextprotocol/clientInfo with name and version")
HEADER = Check("sep-2575-http-client-sends-version-header", "request-metadata", "HTTP-015", "MUST", M,
               f"{S26}/basic/transports/streamable-http#protocol-version-header",
               "every POSTed request carries MCP-Protocol-Version", transports=("streamable-http",))
MATCH = Check("sep-2575-http-version-header-matches-meta", "request-metadata", "HTTP-015", "MUST", M,
              f"{S26}/basic/transports/streamable-http#protocol-version-header",
              "the MCP-Protocol-Version header equals the _meta protocol version", transports=("streamable-http",))


def judge(traffic, v) -> None:
    requests = traffic.requests()
    bad_meta, no_info = [], []
    for request in requests:
        params = request.get("params") if isinstance(request.get("params"), dict) else {}
        meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
        if meta.get(VERSION_KEY) != traffic.revision or not isinstance(meta.get(CAPS_KEY), dict):
            bad_meta.append(request.get("method"))
        info = meta.get(INFO_KEY)
        if not (isinstance(info, dict) and isinstance(info.get("name"), str) and isinstance(info.get("version"), str)):
            no_info.append(request.get("method"))
    v.verdict(META, not bad_meta, f"_meta complete on {len(requests)} request(s)",
              f"_meta without {VERSION_KEY}={traffic.revision} or {CAPS_KEY} on {', '.join(map(str, bad_meta[:4]))}")
    v.verdict(INFO, not no_info, "clientInfo on every request", f"no clientInfo on {', '.join(map(str, no_info[:4]))}")
    if traffic.transport != "streamable-http":
        return
    posts = [e for e in traffic.http("POST") if isinstance(e.get("msg"), dict) and "method" in e["msg"] and "id" in e["msg"]]
    missing = [e["msg"]["method"] for e in posts if not e["headers"].get("mcp-protocol-version")]
    v.verdict(HEADER, not missing, f"MCP-Protocol-Version on {len(posts)} request(s)",
              f"no MCP-Protocol-Version on {', '.join(missing[:4])}")
    differ = [f"{e['msg']['method']} ({e['headers'].get('mcp-protocol-version')} vs {_version(e['msg'])})" for e in posts
              if e["headers"].get("mcp-protocol-version") and e["headers"]["mcp-protocol-version"] != _version(e["msg"])]
    v.verdict(MATCH, not differ, "header and _meta agree", f"header and _meta differ on {', '.join(differ[:3])}")
    if not calls(traffic, "add_numbers"):
        v.warned(META, "the client never called add_numbers (the scenario's harness calls the first listed tool)")


def _version(message: dict):
    params = message.get("params") if isinstance(message.get("params"), dict) else {}
    meta = params.get("_meta") if isinstance(params.get("_meta"), dict) else {}
    return meta.get(VERSION_KEY)


SCENARIOS = [
    ClientScenario("request-metadata", "2026-07-28: per-request _meta and the MCP-Protocol-Version header, no handshake",
                   (META, INFO, HEADER, MATCH), Script(capabilities={"tools": {}}, tool_pages=((ADD_NUMBERS,),)),
                   judge, M, official=True),
]
