"""Fault cases of the tasks area: each check of validator/conformance/areas/tasks.py flagged by
its fault in the reference server (fixtures/servers/faults/tasks.py).

Shape (see test_conformance_faults.py): fault, check id, expected status, transport, spec version,
scenarios to run. The reference server declares tasks over HTTP only (over stdio it shows that
task metadata is ignored, `tools-call-task-ignored`), so the cases run over Streamable HTTP.
"""

HTTP = "streamable-http"
V = "2025-11-25"
TASKS = ["tasks"]

CASES = [
    ("task-create-no-timestamps", "tasks-create-result", "fail", HTTP, V, TASKS),
    ("task-id-constant", "tasks-create-result", "fail", HTTP, V, TASKS),
    ("tasks-get-no-ttl", "tasks-get", "fail", HTTP, V, TASKS),
    ("task-status-regresses", "tasks-status-lifecycle", "fail", HTTP, V, TASKS),
    ("tasks-result-is-task", "tasks-result", "fail", HTTP, V, TASKS),
    ("tasks-result-no-related-task", "tasks-result-related-task", "fail", HTTP, V, TASKS),
    ("tasks-unknown-id-internal-error", "tasks-unknown-id", "fail", HTTP, V, TASKS),
    ("tasks-list-omits-tasks", "tasks-list", "fail", HTTP, V, TASKS),
    ("tasks-list-bad-cursor-accepted", "tasks-list-invalid-cursor", "fail", HTTP, V, TASKS),
    ("tasks-cancel-keeps-working", "tasks-cancel", "fail", HTTP, V, TASKS),
    ("task-cancelled-completes", "tasks-cancel", "fail", HTTP, V, TASKS),
    ("tasks-cancel-terminal-accepted", "tasks-cancel-terminal", "fail", HTTP, V, TASKS),
    ("tasks-get-related-task-meta", "tasks-related-task-meta-omitted", "warn", HTTP, V, TASKS),
]

# Over stdio the reference server declares no tasks (every tasks check skips there, by design);
# over Streamable HTTP and HTTP+SSE it declares them and every check passes.
REFERENCE_SKIPS = {
    "stdio": {"tasks-create-result", "tasks-get", "tasks-status-lifecycle", "tasks-result", "tasks-result-related-task",
              "tasks-unknown-id", "tasks-list", "tasks-list-invalid-cursor", "tasks-cancel", "tasks-cancel-terminal",
              "tasks-related-task-meta-omitted"},
}
