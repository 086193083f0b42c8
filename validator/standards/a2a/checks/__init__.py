"""The A2A Agent Card emitters, one module per topic (see `validator.emitters`)."""
