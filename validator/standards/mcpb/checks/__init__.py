"""The MCPB manifest emitters, one module per topic (see `validator.emitters`)."""
