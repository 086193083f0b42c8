"""Fault cases of the resources checks (collected by test_conformance_faults.py).

(fault, check id, expected status, transport, spec version, scenarios to run)
"""

STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"
V = "2025-11-25"

CASES = [
    ("resources-missing-name", "resources-list", "fail", STDIO, V, ["resources-list"]),
    ("resources-missing-name", "resources-list", "fail", HTTP, "2024-11-05", ["resources-list"]),
    ("resource-uri-space", "resources-uri-valid", "fail", STDIO, V, ["resources-list"]),
    ("resource-uri-space", "resources-uri-valid", "warn", STDIO, "2025-03-26", ["resources-list"]),
    ("annotations-priority-out-of-range", "resources-annotations-valid", "fail", STDIO, V, ["resources-list"]),
    ("read-text-and-blob", "resources-read-contents", "fail", STDIO, V, ["resources-read"]),
    ("read-foreign-uri", "resources-read-uri-match", "warn", STDIO, V, ["resources-read"]),
    ("read-mime-mismatch", "resources-mime-type-valid", "warn", STDIO, V, ["resources-read"]),
    ("read-text-not-string", "resources-read-text", "fail", STDIO, V, ["resources-read-text"]),
    ("read-blob-not-base64", "resources-read-binary", "fail", SSE, V, ["resources-read-binary"]),
    ("template-missing-name", "resources-templates-list", "fail", STDIO, V, ["resources-templates-list"]),
    ("template-bad-syntax", "resources-template-syntax", "fail", STDIO, V, ["resources-templates-list"]),
    ("template-read-no-text", "resources-templates-read", "fail", STDIO, V, ["resources-templates-read"]),
    ("not-found-wrong-code", "sep-2164-error-code", "warn", STDIO, V, ["sep-2164-resource-not-found"]),
    ("not-found-empty-contents", "sep-2164-no-empty-contents", "warn", STDIO, V, ["sep-2164-resource-not-found"]),
    ("subscribe-error", "resources-subscribe", "warn", STDIO, V, ["resources-subscribe"]),
    ("subscribe-undeclared", "resources-subscribe-undeclared", "warn", STDIO, V, ["resources-subscribe"]),
    ("unsubscribe-non-empty", "resources-unsubscribe", "warn", HTTP, V, ["resources-unsubscribe"]),
    ("updated-unsubscribed", "resources-updated-only-subscribed", "warn", STDIO, V, ["resources-read", "resources-notifications"]),
]

TOLERATED = [
    # holdout 13: which resources can be watched is the server's policy; one refusal among accepted ones is no defect
    ("subscribe-policy", "resources-subscribe", STDIO, V, ["resources-subscribe"]),
]
