"""The 2026-07-28 revision from the client's side: no handshake, every request carries its
protocol version and the client's capabilities in `_meta`, and over HTTP the
`MCP-Protocol-Version` header states the same version (the official `request-metadata`); a
call answered with an InputRequiredResult is retried with the requestState echoed, a new id
and the requested inputs (multi round-trip requests).
A client that only speaks the handshake revisions is skipped here, not failed.
https://modelcontextprotocol.io/specification/2026-07-28/basic#meta
https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#protocol-version-header
https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr
"""

from __future__ import annotations

from validator.conformance.clientside.model import ClientScenario, Script
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS, calls, trigger_tool
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


MRTR = f"{S26}/basic/patterns/mrtr#client-requirements-basic-workflow"
STATE = Check("sep-2322-client-request-state-echoed", "input-required", "CLI-052", "MUST", M, MRTR,
              "the retry after an InputRequiredResult echoes its requestState byte for byte")
NEW_ID = Check("sep-2322-client-jsonrpc-id-different", "input-required", "CLI-053", "MUST", M, MRTR,
               "the retry is a new request: its JSON-RPC id differs from the first call's")
RESPONSES = Check("client-input-responses-provided", "input-required", "CLI-054", "MUST", M, MRTR,
                  "the retry carries inputResponses answering every key of inputRequests")
TRIGGER = "test_input_required"


def judge_input_required(traffic, v) -> None:
    checks = (STATE, NEW_ID, RESPONSES)
    tries = calls(traffic, TRIGGER)
    if not tries:
        for check in checks:
            v.warned(check, f"the client never called {TRIGGER} (the scenario's harness calls the first listed tool)")
        return
    first = tries[0]
    answer = next((m for m in traffic.outgoing() if isinstance(m, dict) and m.get("id") == first.get("id")
                   and isinstance(m.get("result"), dict) and m["result"].get("resultType") == "input_required"), None)
    if answer is None:
        for check in checks:
            v.skipped(check, "the first call was not answered with an InputRequiredResult")
        return
    if len(tries) < 2:
        # servers "MUST NOT assume that clients will ... retry": no failure, but the call never completed
        v.warned(STATE, "the client did not retry the call after the InputRequiredResult (the tool's result never came)")
        v.skipped(NEW_ID, "no retry")
        v.skipped(RESPONSES, "no retry")
        return
    retry, sent = tries[1], answer["result"]
    params = retry.get("params") if isinstance(retry.get("params"), dict) else {}
    v.verdict(STATE, params.get("requestState") == sent["requestState"], "requestState echoed unchanged",
              f"requestState {params.get('requestState')!r}, not the {sent['requestState']!r} the server sent")
    v.verdict(NEW_ID, retry.get("id") != first.get("id"), f"retry id {retry.get('id')!r} (first {first.get('id')!r})",
              f"the retry reuses the JSON-RPC id {retry.get('id')!r}")
    asked = sent.get("inputRequests")
    if not asked:
        v.skipped(RESPONSES, "no inputRequests were sent (the client declared no elicitation, sampling or roots)")
        return
    given = params.get("inputResponses") if isinstance(params.get("inputResponses"), dict) else {}
    missing = [key for key in asked if not isinstance(given.get(key), dict)]
    v.verdict(RESPONSES, not missing, f"inputResponses for {', '.join(asked)}", f"no inputResponses for {', '.join(missing)}")


SCENARIOS = [
    ClientScenario("request-metadata", "2026-07-28: per-request _meta and the MCP-Protocol-Version header, no handshake",
                   (META, INFO, HEADER, MATCH), Script(capabilities={"tools": {}}, tool_pages=((ADD_NUMBERS,),)),
                   judge, M, official=True),
    ClientScenario("input-required", "2026-07-28: a tool call answered with InputRequiredResult; the client retries",
                   (STATE, NEW_ID, RESPONSES),
                   Script(capabilities={"tools": {}}, tool_pages=((trigger_tool(TRIGGER, "needs input first"),),),
                          input_required=True), judge_input_required, M),
]
