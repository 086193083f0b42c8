"""Client conformance: judge MCP clients against scripted servers (`agentconform client-conformance`).

The mirror image of the server suite, in layers of its own (each imports only those before it):
`model` (scenario and script data) < `traffic` (the recorder and what judges read) <
`script` (the scripted server's protocol logic) < `http_server`, `stdio_server` (its two
transports) < `scenarios/` (scenarios as data with their judges) < `runner` (launches the
client per scenario, revision and transport, bounds every wait, kills its process group)
< `cli`. Checks, results, reports, baselines and formats are the server suite's own
(`suite/`, `render/`). The contract with a client harness is the official suite's: the
server URL is the last argument and `MCP_CONFORMANCE_SCENARIO` names the scenario.
"""
