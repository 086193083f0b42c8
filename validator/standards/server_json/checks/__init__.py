"""The server.json emitters, one module per topic (see `validator.emitters`)."""
