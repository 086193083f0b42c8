"""The client-config emitters, one module per topic (see `validator.emitters`)."""
