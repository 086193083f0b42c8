"""The cross-file emitters, one module per topic: `fn(facts, ctx) -> Iterable[Problem]` (see `validator.crossfile.facts`)."""
