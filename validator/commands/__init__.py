"""One module per `agentconform` subcommand (see `validator.cli`)."""
