"""Fault cases of the prompts checks (collected by test_conformance_faults.py).

(fault, check id, expected status, transport, spec version, scenarios to run)
"""

STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"
V = "2025-11-25"

CASES = [
    ("prompt-argument-required-string", "prompts-list", "fail", STDIO, V, ["prompts-list"]),
    ("prompt-duplicate-argument", "prompts-arguments-unique", "warn", STDIO, V, ["prompts-list"]),
    ("prompt-get-no-messages", "prompts-get-simple", "fail", STDIO, V, ["prompts-get-simple"]),
    ("prompt-get-internal-error", "prompts-get-simple", "warn", STDIO, V, ["prompts-get-simple"]),
    ("prompt-args-no-messages", "prompts-get-with-args", "fail", HTTP, V, ["prompts-get-with-args"]),
    ("prompt-role-system", "prompts-messages-valid", "fail", STDIO, V, ["prompts-messages"]),
    ("prompt-embedded-no-uri", "prompts-get-embedded-resource", "fail", STDIO, "2024-11-05", ["prompts-get-embedded-resource"]),
    ("prompt-image-bad-base64", "prompts-get-with-image", "fail", STDIO, V, ["prompts-get-with-image"]),
    ("prompt-missing-arg-accepted", "prompts-get-missing-argument", "warn", STDIO, V, ["prompts-get-errors"]),
    ("prompt-unknown-wrong-code", "prompts-get-unknown", "warn", STDIO, V, ["prompts-get-errors"]),
]

# Behaviours the spec leaves to the server: switched on, the check must still pass
TOLERATED = [
    # nomad-mcp refuses argument values it does not know with -32603; the values were ours, not the server's
    ("prompt-values-validated", "prompts-get-with-args", STDIO, V, ["prompts-get-with-args"]),
]
