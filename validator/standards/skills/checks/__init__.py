"""The SKILL.md emitters, one module per topic (see `validator.emitters`); SKL001 is `reader.parse`."""
