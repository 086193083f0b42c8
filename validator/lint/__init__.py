"""The lint run, above every standard: discovery, parsing, the emitters, cross-file, suppressions.

`runner.run_lint` orchestrates a run; `emit` turns the problems that emitters and
parsers report into positioned findings.
"""
