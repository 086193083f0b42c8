"""Fault cases of the completion, logging, pagination, progress, cancellation, `_meta`,
error-code, list_changed and icons checks (collected by test_conformance_faults.py).

(fault, check id, expected status, transport, spec version, scenarios to run)
"""

STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"
V = "2025-11-25"
READ = "resources-read"  # traffic that makes the reference server log and report progress

CASES = [
    ("completion-values-not-strings", "completion-complete", "fail", STDIO, V, ["completion-complete"]),
    ("completion-resource-has-more-string", "completion-resource-ref", "fail", STDIO, V, ["completion-complete"]),
    ("completion-too-many", "completion-values-max-100", "fail", STDIO, V, ["completion-complete"]),
    ("completion-context-rejected", "completion-context-arguments", "fail", STDIO, "2025-06-18", ["completion-complete"]),
    ("completion-unknown-empty", "completion-unknown-ref", "warn", STDIO, "2025-03-26", ["completion-errors"]),
    ("set-level-rejects-notice", "logging-set-level", "warn", STDIO, V, ["logging-set-level"]),
    ("set-level-accepts-anything", "logging-invalid-level", "warn", STDIO, V, ["logging-set-level"]),
    ("log-level-bogus", "logging-message-valid", "fail", STDIO, V, [READ, "logging-messages"]),
    ("log-undeclared", "logging-undeclared-silent", "fail", STDIO, V, [READ, "logging-messages"]),
    ("log-leaks-token", "logging-no-secrets", "warn", STDIO, V, [READ, "logging-messages"]),
    ("log-ignores-level", "logging-level-filter", "warn", STDIO, V, ["logging-level-filter"]),
    ("log-ignores-level", "logging-level-filter", "warn", HTTP, V, ["logging-level-filter"]),
    ("log-ignores-level", "logging-level-filter", "warn", SSE, "2024-11-05", ["logging-level-filter"]),
    ("cursor-number", "pagination-cursor-valid", "fail", STDIO, V, ["pagination"]),
    ("cursor-loop", "pagination-terminates", "warn", STDIO, V, ["pagination"]),
    ("page-repeats-item", "pagination-no-repeats", "warn", STDIO, V, ["pagination"]),
    ("invalid-cursor-ignored", "pagination-invalid-cursor", "warn", STDIO, V, ["pagination"]),
    ("progress-unknown-token", "progress-token-known", "fail", STDIO, V, [READ, "progress"]),
    ("progress-decreasing", "progress-increasing", "fail", HTTP, V, [READ, "progress"]),
    ("cancel-in-flight-crash", "cancel-in-flight-tolerated", "warn", STDIO, V, ["cancellation"]),
    ("meta-bad-key", "meta-key-grammar", "fail", STDIO, V, [READ, "meta-keys"]),
    ("meta-reserved-prefix", "meta-key-reserved-prefix", "warn", STDIO, V, [READ, "meta-keys"]),
    ("error-code-reserved", "error-code-reserved-range", "warn", STDIO, V, ["sep-2164-resource-not-found", "error-codes"]),
    ("list-changed-undeclared", "list-changed-only-when-declared", "fail", STDIO, V, ["prompts-list", "list-changed"]),
    ("icon-javascript", "icons-valid", "warn", STDIO, V, ["icons"]),
]
