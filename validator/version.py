"""The version of agentconform: written here once (pyproject.toml reads it), imported by whoever reports it."""

__version__ = "0.1.0"
