"""Transports (layer 1, the lowest): how bytes reach a server and how what comes back becomes frames.

`base` (shared vocabulary: Target, Frame, Channel, TransportError, the frame parser) is
imported by the channels (`stdio`, `streamable_http`, `legacy_sse`); `factory` sits above
them and picks one. `http11` is the lean HTTP/1.1 client, `sse` the event-stream parser,
`process` the process groups and the run's time budget. Imports nothing from the other
layers except the revision constants (`protocol.revisions`, a leaf).
"""
