"""The goose recipe emitters, one module per topic (see `validator.emitters`)."""
