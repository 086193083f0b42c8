"""Client conformance proof cases: each defect of fixtures/clients/raw_client.py and the one check
it must break (defect, check id, expected status, transport, scenario). Every client check
has at least one case (test_client_conformance.py asserts it)."""

from __future__ import annotations

STDIO, HTTP = "stdio", "streamable-http"

CASES = [
    ("no-client-version", "mcp-client-initialization", "fail", STDIO, "initialize"),
    ("no-initialized", "client-initialized-notification", "fail", HTTP, "initialize"),
    ("request-before-initialized", "client-initialized-before-requests", "warn", STDIO, "initialize"),
    ("list-resources", "client-negotiated-capabilities", "fail", HTTP, "initialize"),
    ("string-arguments", "tool-add-numbers", "fail", STDIO, "tools_call"),
    ("ignore-cursor", "client-pagination-followed", "warn", HTTP, "tools-list-pagination"),
    ("raise-on-tool-error", "client-tool-error-handled", "warn", STDIO, "tools-call-error"),
    ("ping-error", "client-ping-answered", "fail", STDIO, "ping"),
    ("ping-error", "client-ping-answered", "fail", HTTP, "ping"),
    ("roots-not-file", "client-roots-answered", "fail", HTTP, "roots"),
    ("sampling-no-model", "client-sampling-answered", "fail", STDIO, "sampling"),
    ("elicitation-bad-action", "client-elicitation-answered", "fail", HTTP, "elicitation"),
    ("elicitation-wrong-type", "client-elicitation-content-valid", "warn", STDIO, "elicitation"),
    ("no-default-name", "client-elicitation-sep1034-string-default", "warn", HTTP, "elicitation-sep1034-client-defaults"),
    ("no-default-age", "client-elicitation-sep1034-integer-default", "warn", STDIO, "elicitation-sep1034-client-defaults"),
    ("no-default-score", "client-elicitation-sep1034-number-default", "warn", HTTP, "elicitation-sep1034-client-defaults"),
    ("no-default-status", "client-elicitation-sep1034-enum-default", "warn", HTTP, "elicitation-sep1034-client-defaults"),
    ("no-default-verified", "client-elicitation-sep1034-boolean-default", "warn", HTTP, "elicitation-sep1034-client-defaults"),
    ("bool-progress-token", "client-progress-token-valid", "fail", HTTP, "progress"),
    ("raise-on-progress", "client-progress-handled", "warn", STDIO, "progress"),
    ("cancel-initialize", "client-cancellation-valid", "fail", STDIO, "progress"),
    ("answer-notifications", "client-notification-not-answered", "fail", HTTP, "tools-list-changed"),
    ("no-relist", "client-list-changed-refetch", "warn", STDIO, "tools-list-changed"),
    ("accept-json-only", "client-accept-header", "fail", HTTP, "http-headers"),
    ("no-session-id", "client-session-id-echoed", "fail", HTTP, "http-headers"),
    ("no-version-header", "client-protocol-version-header", "fail", HTTP, "http-headers"),
    ("no-delete", "client-session-delete", "warn", HTTP, "http-headers"),
    ("no-meta-capabilities", "sep-2575-client-populates-meta", "fail", STDIO, "request-metadata"),
    ("no-client-info-meta", "sep-2575-client-sends-client-info", "warn", HTTP, "request-metadata"),
    ("no-version-header", "sep-2575-http-client-sends-version-header", "fail", HTTP, "request-metadata"),
    ("mangle-request-state", "sep-2322-client-request-state-echoed", "fail", HTTP, "input-required"),
    ("reuse-request-id", "sep-2322-client-jsonrpc-id-different", "fail", STDIO, "input-required"),
    ("no-input-responses", "client-input-responses-provided", "fail", HTTP, "input-required"),
    ("header-version-mismatch", "sep-2575-http-version-header-matches-meta", "fail", HTTP, "request-metadata"),
    ("no-reconnect", "client-sse-graceful-reconnect", "warn", HTTP, "sse-retry"),
    ("reconnect-early", "client-sse-retry-timing", "fail", HTTP, "sse-retry"),
    ("no-last-event-id", "client-sse-last-event-id", "warn", HTTP, "sse-retry"),
    ("strip-schema", "json-schema-2020-12-client-schema-preserved", "warn", HTTP, "json-schema-2020-12-preservation"),
    ("strip-defs", "json-schema-2020-12-client-defs-preserved", "warn", STDIO, "json-schema-2020-12-preservation"),
    ("strip-additional-properties", "json-schema-2020-12-client-additional-properties-preserved", "warn", HTTP,
     "json-schema-2020-12-preservation"),
    ("strip-composition", "sep-2106-client-composition-keywords-preserved", "warn", HTTP, "json-schema-2020-12-preservation"),
    ("strip-conditional", "sep-2106-client-conditional-keywords-preserved", "warn", HTTP, "json-schema-2020-12-preservation"),
]
