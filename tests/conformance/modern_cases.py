"""Fault cases of the 2026-07-28 checks, run against fixtures/servers/modern_server.py
(by test_conformance_modern.py; test_conformance_faults.py counts them as proof too).

(fault, check id, expected status, transport, scenarios to run). Not named `cases_*`:
those run against the handshake-era reference server.
"""

STDIO, HTTP = "stdio", "streamable-http"
CORE, STATELESS = ["server-stateless"], ["modern-stateless-lists"]
MESSAGES = ["modern-messages", "caching", "modern-tools", "modern-resources", "prompts-get-simple", "server-stateless"]
HEADERS = ["http-header-validation"]
ROUNDS = ["modern-input-required"]

CASES = [
    ("discover-no-versions", "sep-2575-server-implements-discover", "fail", STDIO, CORE),
    ("accept-missing-meta", "sep-2575-request-meta-invalid-missing-meta", "fail", STDIO, CORE),
    ("accept-missing-version", "sep-2575-request-meta-invalid-missing-protocol-version", "fail", STDIO, CORE),
    ("accept-missing-capabilities", "sep-2575-request-meta-invalid-missing-client-capabilities", "fail", HTTP, CORE),
    ("require-client-info", "sep-2575-request-meta-client-info-optional", "warn", STDIO, CORE),
    ("unsupported-version-32602", "sep-2575-server-unsupported-version-error", "fail", STDIO, CORE),
    ("prompts-undeclared-served", "sep-2575-discover-capabilities-match-handlers", "fail", STDIO, CORE),
    ("log-level-ignored", "modern-log-level-invalid", "warn", STDIO, CORE),
    ("ping-served", "modern-retired-methods", "warn", STDIO, CORE),
    ("initialize-silent-versions", "modern-initialize-names-versions", "warn", STDIO, CORE),
    ("lists-vary", "modern-lists-stateless", "fail", STDIO, STATELESS),
    ("tools-order-flips", "modern-tools-order-deterministic", "warn", STDIO, STATELESS),
    ("no-result-type", "modern-result-type", "fail", STDIO, MESSAGES),
    ("no-server-info", "sep-2575-server-identifies-in-result-meta", "warn", HTTP, MESSAGES),
    ("ttl-negative", "sep-2549-ttl-non-negative", "fail", STDIO, MESSAGES),
    ("cache-scope-shared", "sep-2549-cache-scope-valid", "fail", STDIO, MESSAGES),
    ("scope-per-page", "modern-cache-scope-pages", "fail", STDIO, MESSAGES),
    ("prompt-error-reserved-code", "modern-error-codes", "fail", STDIO, MESSAGES),
    ("server-request", "modern-stdio-no-server-requests", "fail", STDIO, MESSAGES),
    ("server-request", "sep-2575-http-server-no-independent-requests-on-stream", "fail", HTTP, MESSAGES),
    ("log-without-level", "sep-2575-server-no-log-without-loglevel", "fail", STDIO, MESSAGES),
    ("cancelled-notification", "modern-no-cancelled-notifications", "fail", HTTP, MESSAGES),
    ("unsupported-version-200", "sep-2575-http-server-unsupported-version-400", "fail", HTTP, CORE),
    ("meta-invalid-200", "sep-2575-http-server-meta-invalid-400", "fail", HTTP, CORE),
    ("version-mismatch-served", "sep-2575-http-server-header-mismatch-400", "fail", HTTP, CORE),
    ("unknown-method-200", "sep-2575-http-server-method-not-found-404", "fail", HTTP, CORE),
    ("mcp-method-unchecked", "sep-2243-server-reject-error-code", "fail", HTTP, HEADERS),
    ("header-mismatch-403", "sep-2243-server-reject-invalid-headers", "fail", HTTP, HEADERS),
    ("header-mismatch-32600", "sep-2243-server-reject-error-code", "fail", HTTP, HEADERS),
    ("header-whitespace-kept", "sep-2243-server-accepts-whitespace-header-value", "fail", HTTP, HEADERS),
    ("origin-refused-400", "http-origin-rejected", "fail", HTTP, ["dns-rebinding-protection"]),
    ("origin-compared-with-host", "localhost-host-rebinding-rejected", "fail", HTTP, ["dns-rebinding-protection"]),
    ("own-origin-500", "localhost-host-valid-accepted", "fail", HTTP, ["dns-rebinding-protection"]),
    ("prompts-list-text-plain", "http-post-content-type", "fail", HTTP, ["prompts-list", "http-post-responses"]),
    ("redirect-cross-origin", "http-no-cross-origin-redirect", "warn", HTTP, ["http-post-responses"]),
    ("headers-case-sensitive", "sep-2243-header-name-case-insensitive", "fail", HTTP, HEADERS),
    ("base64-not-decoded", "modern-mcp-name-base64-decoded", "fail", HTTP, HEADERS),
    ("error-id-null", "sep-2575-http-server-error-jsonrpc-id", "fail", HTTP, CORE),
    ("mint-session-id", "modern-http-legacy-traffic", "warn", HTTP, ["modern-http-legacy-traffic"]),
    ("elicitation-url-undeclared", "input-required-result-capability-check", "fail", STDIO, ["modern-input-required", "modern-messages"]),
    ("missing-response-error", "input-required-result-missing-input-response", "warn", STDIO, ["modern-input-required"]),
    ("param-header-unchecked", "sep-2243-server-validate-param-match", "fail", HTTP, ["modern-tools", "http-custom-header-server-validation"]),
    ("extension-id-unprefixed", "modern-extension-ids", "fail", STDIO, CORE),
    ("x-mcp-header-on-number", "modern-tools-x-mcp-header-valid", "fail", STDIO, ["modern-tools"]),
    ("x-mcp-header-secret", "modern-tools-x-mcp-header-no-secrets", "warn", STDIO, ["modern-tools"]),
    ("version-header-optional", "modern-http-version-header-required", "fail", HTTP, HEADERS),
    ("input-required-on-templates", "input-required-result-unsupported-methods", "fail", STDIO, MESSAGES),
    ("input-required-empty", "input-required-result-basic", "fail", HTTP, MESSAGES),
    ("input-request-undeclared", "input-required-result-capability-check", "fail", STDIO, MESSAGES),
    ("listen-untagged-ack", "sep-2575-server-tags-subscription-id", "fail", STDIO, CORE),
    ("listen-untagged-ack", "sep-2575-server-tags-subscription-id", "fail", HTTP, CORE),
    ("listen-change-before-ack", "sep-2575-server-sends-subscription-ack", "fail", HTTP, CORE),
    ("listen-grants-unasked", "sep-2575-server-honors-notification-filter", "fail", STDIO, CORE),
    ("tool-schema-array", "modern-tools-list", "fail", STDIO, ["modern-tools"]),
    ("tool-name-spaces", "tools-name-format", "warn", STDIO, ["modern-tools"]),
    ("tool-name-duplicate", "tools-name-unique", "warn", HTTP, ["modern-tools"]),
    ("call-no-content", "modern-tools-call-result", "fail", HTTP, ["modern-tools"]),
    ("read-no-contents", "modern-resources-read", "fail", STDIO, ["modern-resources"]),
    ("missing-resource-32603", "sep-2164-error-code", "fail", STDIO, ["modern-resources"]),
    ("missing-resource-empty", "sep-2164-no-empty-contents", "fail", STDIO, ["modern-resources"]),
    ("prompt-no-messages", "prompts-get-simple", "fail", STDIO, ["prompts-get-simple"]),
    # modern_rounds.py: the multi round-trip tool's faults
    ("missing-capability-32602", "sep-2575-server-rejects-undeclared-capability", "fail", STDIO, ROUNDS),
    ("missing-capability-no-data", "sep-2575-server-rejects-undeclared-capability", "fail", HTTP, ROUNDS),
    ("missing-capability-200", "sep-2575-missing-capability-http-400", "fail", HTTP, ROUNDS),
    ("request-state-unverified", "sep-2322-reject-tampered-state", "warn", STDIO, ROUNDS),
    ("input-response-unvalidated", "sep-2322-validate-input-responses", "warn", HTTP, ROUNDS),
    ("input-responses-null-served", "sep-2322-error-on-protocol-error", "warn", STDIO, ROUNDS),
    ("extra-input-responses-refused", "sep-2322-ignore-unexpected-params", "warn", STDIO, ROUNDS),
]
TASKS = ["tasks-capability-negotiation", "tasks-dispatch-and-envelope", "tasks-lifecycle"]
CASES += [  # modern_tasks.py: the tasks extension's faults
    ("tasks-legacy-capability", "tasks-extension-advertised", "fail", STDIO, TASKS),
    ("tasks-methods-ungated", "sep-2663-tasks-methods-non-declaring", "fail", HTTP, TASKS),
    ("task-without-extension", "sep-2663-server-rejects-undeclared-client", "fail", STDIO, MESSAGES + ["modern-tasks-observed"]),
    ("tasks-result-served", "sep-2663-tasks-result-removed-method-not-found", "fail", STDIO, TASKS),
    ("legacy-task-param-honored", "sep-2663-legacy-task-param-ignored", "fail", HTTP, TASKS),
    ("tasks-get-unknown-32603", "sep-2663-tasks-get-invalid-task-id-32602", "fail", STDIO, TASKS),
    ("tasks-cancel-unknown-acked", "sep-2663-tasks-update-cancel-unknown-id", "warn", STDIO, TASKS),
    ("task-created-lazily", "sep-2663-durable-create-strong-consistency", "fail", HTTP, TASKS),
    ("task-create-no-ttl", "sep-2663-result-type-task-on-create", "fail", STDIO, TASKS),
    ("tasks-get-result-type-task", "tasks-result-type-complete-on-non-task-responses", "fail", STDIO, TASKS),
    ("task-completed-no-result", "modern-tasks-get-status-payload", "fail", STDIO, TASKS),
]
FEATURES = ["pagination", "prompts-get-errors", "prompts-get-with-image", "prompts-get-embedded-resource", "resources-list",
            "resources-read-binary", "resources-templates-list", "completion-complete", "completion-errors", "icons"]
CASES += [  # modern_features.py: the checks 2026-07-28 shares with the handshake revisions, on the modern wire
    ("cursor-unknown-served", "pagination-invalid-cursor", "warn", HTTP, FEATURES),
    ("prompt-argument-unchecked", "prompts-get-missing-argument", "warn", STDIO, FEATURES),
    ("prompt-image-not-base64", "prompts-get-with-image", "fail", STDIO, FEATURES),
    ("prompt-resource-no-uri", "prompts-get-embedded-resource", "fail", HTTP, FEATURES),
    ("blob-not-base64", "resources-read-binary", "fail", STDIO, FEATURES),
    ("annotation-priority-2", "resources-annotations-valid", "fail", STDIO, FEATURES),
    ("template-unclosed", "resources-template-syntax", "fail", STDIO, FEATURES),
    ("completion-values-object", "completion-complete", "fail", HTTP, FEATURES),
    ("completion-unknown-served", "completion-unknown-ref", "warn", STDIO, FEATURES),
    ("icon-http", "icons-valid", "warn", STDIO, FEATURES),
]
