"""Fault cases of the tools area: each check of validator/conformance/areas/tools.py flagged by
its fault in the reference server (fixtures/servers/faults/tools.py).

Shape (see test_conformance_faults.py): fault, check id, expected status, transport, spec version,
scenarios to run. Progress and client requests need a transport the reference server can push on
(stdio); task negotiation needs the tasks capability, which it declares over HTTP only.
"""

STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"
V = "2025-11-25"
LIST, SCHEMAS, CALL, CLIENT = ["tools-list"], ["tools-schemas"], ["tools-call"], ["tools-client-requests"]
PROGRESS, LIST_CHANGED, INTEROP = ["tools-call", "progress"], ["tools-call", "list-changed"], ["tools-interop"]
PAGES, ICONS = ["tools-list", "pagination"], ["tools-list", "icons"]

CASES = [
    # capability gating: undeclared tools skip the area (and LIFE-006 flags the served tools/list)
    ("tools-undeclared", "tools-list", "skip", STDIO, V, ["tools-list", "server-capabilities"]),
    ("tools-undeclared", "capabilities-undeclared-not-served", "fail", STDIO, V, ["tools-list", "server-capabilities"]),
    ("tools-list-missing-input-schema", "tools-list", "fail", STDIO, V, LIST),
    ("tool-name-with-space", "tools-name-format", "warn", STDIO, V, LIST),
    ("tool-name-duplicate", "tools-name-unique", "warn", STDIO, V, LIST),
    # pagination and icons of tools/list are judged by the generic pagination and icons checks
    ("tools-next-cursor-number", "pagination-cursor-valid", "fail", STDIO, V, PAGES),
    ("tools-cursor-loop", "pagination-terminates", "warn", STDIO, V, PAGES),
    ("annotation-hint-string", "tools-annotations-valid", "warn", STDIO, "2025-03-26", LIST),
    ("icon-javascript-src", "icons-valid", "warn", STDIO, V, ICONS),
    ("task-support-undeclared", "tools-execution-task-support", "warn", STDIO, V, LIST),
    ("input-schema-root-array", "tools-input-schema-root-object", "fail", STDIO, V, SCHEMAS),
    ("input-schema-invalid", "tools-input-schema-valid", "fail", STDIO, V, SCHEMAS),
    # before 2025-11-25 no dialect is mandated: the same defect is a warning
    ("input-schema-invalid", "tools-input-schema-valid", "warn", STDIO, "2025-06-18", SCHEMAS),
    ("output-schema-root-array", "tools-output-schema-root-object", "fail", STDIO, "2025-06-18", SCHEMAS),
    ("output-schema-invalid", "tools-output-schema-valid", "fail", STDIO, V, SCHEMAS),
    ("schema-unknown-dialect", "tools-schema-dialect-known", "warn", STDIO, V, SCHEMAS),
    ("schema-external-ref", "tools-schema-refs-local", "warn", STDIO, V, SCHEMAS),
    ("schema-unsatisfiable", "tools-input-schema-satisfiable", "warn", STDIO, V, SCHEMAS),
    ("call-result-no-content", "tools-call-result", "fail", STDIO, V, CALL),
    ("call-refuses-valid-arguments", "tools-call-accepts-valid-arguments", "warn", STDIO, V, CALL),
    ("content-unknown-type", "tools-call-content-types", "fail", STDIO, "2024-11-05", CALL),
    ("image-bad-base64", "tools-call-image", "fail", STDIO, V, CALL),
    ("image-mime-mismatch", "tools-call-image", "warn", SSE, V, CALL),
    ("image-base64-line-breaks", "tools-call-image", "warn", STDIO, V, CALL),
    ("audio-bad-base64", "tools-call-audio", "fail", STDIO, "2025-03-26", CALL),
    ("embedded-resource-relative-uri", "tools-call-embedded-resource", "fail", STDIO, V, CALL),
    ("embedded-resource-undeclared", "tools-call-embedded-resource-capability", "warn", STDIO, V, CALL),
    ("resource-link-relative-uri", "tools-call-resource-link", "fail", STDIO, V, CALL),
    ("structured-content-missing", "tools-call-structured-content", "fail", STDIO, V, CALL),
    ("structured-content-invalid", "tools-call-structured-content-valid", "fail", STDIO, "2025-06-18", CALL),
    ("structured-content-array", "tools-call-structured-content-object", "fail", STDIO, V, CALL),
    ("structured-content-no-text", "tools-call-structured-content-text", "warn", STDIO, V, CALL),
    ("unknown-tool-is-error", "tools-call-unknown-tool", "warn", HTTP, V, CALL),
    ("invalid-arguments-succeed", "tools-call-error", "warn", STDIO, V, CALL),
    ("invalid-arguments-crash", "tools-call-invalid-arguments-handled", "fail", STDIO, V, CALL),
    ("task-required-executes", "tools-call-task-required", "fail", HTTP, V, CALL),
    ("task-forbidden-accepted", "tools-call-task-forbidden", "warn", HTTP, V, CALL),
    ("task-metadata-rejected", "tools-call-task-ignored", "fail", STDIO, V, CALL),
    ("elicitation-url-mode", "tools-call-elicitation-mode", "fail", STDIO, V, CLIENT),
    ("sampling-with-tools", "tools-call-sampling-tools", "fail", STDIO, V, CLIENT),
    ("elicitation-asks-password", "tools-call-elicitation-no-secrets", "warn", SSE, "2025-06-18", CLIENT),
    ("tools-progress-wrong-token", "progress-token-known", "fail", STDIO, V, PROGRESS),
    ("tools-progress-after-response", "progress-token-known", "fail", STDIO, "2024-11-05", PROGRESS),
    ("tools-progress-decreasing", "progress-increasing", "fail", STDIO, V, PROGRESS),
    ("tools-list-changed-undeclared", "list-changed-only-when-declared", "fail", STDIO, V, LIST_CHANGED),
    ("tool-name-dotted", "interop-tool-name-portable", "warn", STDIO, V, INTEROP),
    ("tool-name-long", "interop-tool-name-prefixed-length", "warn", STDIO, V, INTEROP),
    ("many-tools", "interop-tool-count", "warn", STDIO, V, INTEROP),
    ("input-schema-root-anyof", "interop-input-schema-root-composition", "warn", STDIO, V, INTEROP),
    ("input-schema-additional-properties", "interop-input-schema-gemini-subset", "warn", STDIO, V, INTEROP),
    ("input-schema-boolean-property", "interop-schema-boolean-subschemas", "warn", STDIO, V, INTEROP),
]

# Checks the clean reference server cannot reach on a transport, by design (see
# fixtures/servers/features/tools.py): its Streamable HTTP cannot push (progress, sampling,
# elicitation), and the tasks capability is declared over HTTP only, so task negotiation
# (TOOL-018) is exercised over HTTP and the ignore-task-metadata rule (TASK-001) over stdio.
# The client-requests connection is opened on the newest revision only, so the 2025-06-18
# result of tools-call-elicitation-no-secrets is a skip wherever 2025-11-25 is supported.
REFERENCE_SKIPS = {
    STDIO: {"tools-call-task-required", "tools-call-task-forbidden", "tools-call-elicitation-no-secrets"},
    HTTP: {"tools-call-task-ignored",
           "tools-call-elicitation-mode", "tools-call-sampling-tools", "tools-call-elicitation-no-secrets"},
    SSE: {"tools-call-task-ignored", "tools-call-elicitation-no-secrets"},
}
