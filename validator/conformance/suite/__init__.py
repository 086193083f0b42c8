"""The suite framework (layer 3): checks and results as data, the context, the runner, reports.

May import `transport` and `protocol`; never `observe`, `areas` or `render` (the runner is
given its scenarios by `validator.conformance.api`).
"""
