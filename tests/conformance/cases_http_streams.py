"""Fault cases of concurrent POSTs on Streamable HTTP (validator/conformance/areas/http_streams.py), run
against the handshake-era reference server; fixtures/servers/concurrency_faults.py holds the faults.

(fault, check id, expected status, transport, spec version, scenarios to run)
"""

HTTP = "streamable-http"
STREAMS = ["server-sse-multiple-streams"]

CASES = [
    ("concurrent-posts-busy", "server-accepts-multiple-post-streams", "fail", HTTP, "2025-11-25", STREAMS),
    # before 2026-07-28 the stream "SHOULD eventually include" its response: a warning (no priming event id
    # in 2025-06-18, so no resumption the check would have to follow)
    ("concurrent-streams-crossed", "server-sse-streams-functional", "warn", HTTP, "2025-06-18", STREAMS),
]
