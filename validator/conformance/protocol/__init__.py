"""The MCP protocol (layer 2): revisions, the JSON-RPC session, version negotiation, wire models.

`revisions` is the one list of protocol revisions and of the revision boundaries the code
compares against; `session` speaks JSON-RPC over a transport channel; `negotiate` finds
the revisions a server supports; `wire` holds exact per-revision message models. May
import `transport`; never `suite`, `observe`, `areas` or `render`.
"""
