"""The MCP Server Card emitters, one module per topic (see `validator.emitters`)."""
