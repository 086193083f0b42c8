"""Server-initiated requests answered per the client's declared capabilities: ping, roots/list,
sampling/createMessage, elicitation/create, and the official elicitation-defaults scenario.

The server sends a request only for a capability the client declared (servers MUST NOT
otherwise), so a client without `sampling` sees no sampling request and its check is skipped.
https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/ping
https://modelcontextprotocol.io/specification/2025-11-25/client/roots
https://modelcontextprotocol.io/specification/2025-11-25/client/sampling
https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation
"""

from __future__ import annotations

from validator.conformance.clientside.model import Action, ClientScenario
from validator.conformance.clientside.scenarios.common import not_called, trigger_script
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check

L = revisions("L")
PING = Check("client-ping-answered", "ping", "CLI-010", "MUST", L, f"{S25}/basic/utilities/ping#behavior-requirements",
             "a server ping gets an empty result promptly")
ROOTS = Check("client-roots-answered", "roots", "CLI-011", "MUST", L, f"{S25}/client/roots#listing-roots",
              "roots/list (roots declared) gets roots whose uri is a file:// URI, or a JSON-RPC error")
SAMPLING = Check("client-sampling-answered", "sampling", "CLI-012", "MUST", L, f"{S25}/client/sampling#creating-messages",
                 "sampling/createMessage (sampling declared) gets a result with role, content and model, or an error")
ELICIT = Check("client-elicitation-answered", "elicitation", "CLI-013", "MUST", revisions("25b+")[:2],
               f"{S25}/client/elicitation#response-actions",
               "elicitation/create (elicitation declared) gets action accept, decline or cancel (content with accept)")
ELICIT_CONTENT = Check("client-elicitation-content-valid", "elicitation", "CLI-014", "SHOULD", revisions("25b+")[:2],
                       f"{S25}/client/elicitation#security-considerations",
                       "accepted elicitation content matches the requested schema (types, required fields)")

DEFAULTS_SCENARIO = "elicitation-sep1034-client-defaults"
DEFAULT_FIELDS = {  # field: (check id, schema, type test)
    "name": ("client-elicitation-sep1034-string-default", {"type": "string", "default": "John Doe"}, str),
    "age": ("client-elicitation-sep1034-integer-default", {"type": "integer", "default": 30}, int),
    "score": ("client-elicitation-sep1034-number-default", {"type": "number", "default": 95.5}, (int, float)),
    "status": ("client-elicitation-sep1034-enum-default",
               {"type": "string", "enum": ["active", "inactive", "pending"], "default": "active"}, str),
    "verified": ("client-elicitation-sep1034-boolean-default", {"type": "boolean", "default": True}, bool),
}
DEFAULT_CHECKS = {name: Check(check_id, DEFAULTS_SCENARIO, "CLI-015", "SHOULD", revisions("25c"),
                              f"{S25}/client/elicitation#supported-schema-types",
                              f"an accepted elicitation with {name} omitted carries its default ({spec['default']!r})")
                  for name, (check_id, spec, _) in DEFAULT_FIELDS.items()}

ELICIT_SCHEMA = {"type": "object", "properties": {"name": {"type": "string", "description": "Your name"},
                                                  "count": {"type": "integer", "description": "How many"}},
                 "required": ["name"]}


def _answer(traffic, v, check, method: str, capability: str, tool: str) -> dict | None:
    """The client's answer to the one METHOD request, or None once CHECK has been reported."""
    if not_called(traffic, v, tool, (check,)):
        return None
    if capability and not traffic.declared(capability):
        v.skipped(check, f"the client declared no {capability} capability, so the server sent no {method}")
        return None
    sent = traffic.sent_requests(method)
    if not sent:
        v.skipped(check, f"no {method} was sent")
        return None
    answer = traffic.answer_to(sent[0]["id"])
    if answer is None:
        v.violated(check, f"{method} (id {sent[0]['id']}) got no response within the time allowed")
    return answer


def judge_ping(traffic, v) -> None:
    answer = _answer(traffic, v, PING, "ping", "", "test_ping")
    if answer is None:
        return
    result = answer.get("result")
    ok = isinstance(result, dict) and set(result) <= {"_meta"}
    v.verdict(PING, ok, "ping answered with an empty result",
              f"ping answered with {answer.get('error') or result!r}, not an empty result")


def judge_roots(traffic, v) -> None:
    answer = _answer(traffic, v, ROOTS, "roots/list", "roots", "test_roots")
    if answer is None:
        return
    if "error" in answer:
        v.passed(ROOTS, f"roots/list answered with error {answer['error']}")
        return
    roots = (answer.get("result") or {}).get("roots") if isinstance(answer.get("result"), dict) else None
    if not isinstance(roots, list):
        v.violated(ROOTS, f"roots/list result has no roots array: {answer.get('result')!r}")
        return
    bad = [r for r in roots if not isinstance(r, dict) or not str(r.get("uri", "")).startswith("file://")]
    v.verdict(ROOTS, not bad, f"{len(roots)} root(s), file:// URIs", f"roots that are not file:// URIs: {bad[:3]}")


def judge_sampling(traffic, v) -> None:
    answer = _answer(traffic, v, SAMPLING, "sampling/createMessage", "sampling", "test_sampling")
    if answer is None:
        return
    if "error" in answer:
        v.passed(SAMPLING, f"sampling declined with error {answer['error']}")
        return
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    content = result.get("content")
    blocks = content if isinstance(content, list) else [content]
    problems = []
    if result.get("role") not in ("user", "assistant"):
        problems.append(f"role {result.get('role')!r}")
    if not blocks or not all(isinstance(b, dict) and isinstance(b.get("type"), str) for b in blocks):
        problems.append(f"content {content!r}")
    if not isinstance(result.get("model"), str):
        problems.append("model missing")
    v.verdict(SAMPLING, not problems, f"sampled by model {result.get('model')}", "result with " + ", ".join(problems))


def judge_elicitation(traffic, v) -> None:
    answer = _answer(traffic, v, ELICIT, "elicitation/create", "elicitation", "test_elicitation")
    if answer is None:
        if not v.reported(ELICIT_CONTENT):
            v.skipped(ELICIT_CONTENT, "no accepted elicitation to judge")
        return
    if "error" in answer:
        v.passed(ELICIT, f"elicitation answered with error {answer['error']}")
        v.skipped(ELICIT_CONTENT, "no accepted elicitation to judge")
        return
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    action, content = result.get("action"), result.get("content")
    ok = action in ("accept", "decline", "cancel") and (action != "accept" or isinstance(content, dict))
    v.verdict(ELICIT, ok, f"action {action}", f"action {action!r} with content {content!r}")
    if action != "accept" or not isinstance(content, dict):
        v.skipped(ELICIT_CONTENT, f"action {action}: no content to judge")
        return
    types = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    problems = [f"required {name!r} missing" for name in ELICIT_SCHEMA["required"] if name not in content]
    for name, value in content.items():
        spec = ELICIT_SCHEMA["properties"].get(name)
        if spec is None:
            problems.append(f"{name!r} is not in the requested schema")
        elif not isinstance(value, types[spec["type"]]) or (spec["type"] != "boolean" and isinstance(value, bool)):
            problems.append(f"{name!r} is {type(value).__name__}, not {spec['type']}")
    v.verdict(ELICIT_CONTENT, not problems, "content matches the requested schema", "; ".join(problems))


def judge_defaults(traffic, v) -> None:
    checks = tuple(DEFAULT_CHECKS.values())
    answer = None
    if not not_called(traffic, v, "test_client_elicitation_defaults", checks):
        if not traffic.declared("elicitation"):
            for check in checks:
                v.skipped(check, "the client declared no elicitation capability")
            return
        sent = traffic.sent_requests("elicitation/create")
        answer = traffic.answer_to(sent[0]["id"]) if sent else None
    if answer is None:
        for check in checks:
            if not v.reported(check):
                v.warned(check, "elicitation/create got no answer")
        return
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    if result.get("action") != "accept":
        for check in checks:
            v.skipped(check, f"the client answered action {result.get('action')!r}; defaults show only on accept")
        return
    content = result.get("content") if isinstance(result.get("content"), dict) else {}
    for name, (_, spec, kind) in DEFAULT_FIELDS.items():
        check, value = DEFAULT_CHECKS[name], content.get(name)
        if name not in content:
            v.violated(check, f"{name!r} omitted: its default {spec['default']!r} was not applied")
        elif not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            v.violated(check, f"{name!r} is {value!r}, not a {spec['type']}")
        else:
            v.passed(check, f"{name} = {value!r}")


DEFAULTS_SCHEMA = {"type": "object", "properties": {name: {**spec, "description": name} for name, (_, spec, _) in DEFAULT_FIELDS.items()},
                   "required": []}

SCENARIOS = [
    ClientScenario("ping", "the server pings the client during a tool call", (PING,),
                   trigger_script("test_ping", "the server pings you", Action("request", "ping")), judge_ping),
    ClientScenario("roots", "the server asks for roots during a tool call (roots declared)", (ROOTS,),
                   trigger_script("test_roots", "the server lists your roots", Action("request", "roots/list", needs="roots")),
                   judge_roots),
    ClientScenario("sampling", "the server asks for a sampled message during a tool call (sampling declared)", (SAMPLING,),
                   trigger_script("test_sampling", "the server samples", Action(
                       "request", "sampling/createMessage",
                       {"messages": [{"role": "user", "content": {"type": "text", "text": "Say hello"}}], "maxTokens": 20},
                       needs="sampling")), judge_sampling),
    ClientScenario("elicitation", "the server elicits a form during a tool call (elicitation declared)", (ELICIT, ELICIT_CONTENT),
                   trigger_script("test_elicitation", "the server asks you for input", Action(
                       "request", "elicitation/create", {"message": "Please tell me your name", "requestedSchema": ELICIT_SCHEMA},
                       needs="elicitation")), judge_elicitation, revisions("25b+")[:2]),
    ClientScenario(DEFAULTS_SCENARIO, "the client applies defaults for omitted elicitation fields (SEP-1034)", tuple(DEFAULT_CHECKS.values()),
                   trigger_script("test_client_elicitation_defaults", "accept the elicitation with defaults", Action(
                       "request", "elicitation/create",
                       {"message": "Test client default value handling - please accept with defaults",
                        "requestedSchema": DEFAULTS_SCHEMA}, needs="elicitation")),
                   judge_defaults, revisions("25c"), official=True,
                   harness="connect, list tools, call test_client_elicitation_defaults, accept the elicitation with empty content"),
]
