"""`python -m validator` is the same as the `agentconform` command."""

from validator.cli import main

raise SystemExit(main())
