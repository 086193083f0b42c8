"""The AGM emitters, one module per topic (see `validator.emitters`); `common.py` holds what they share."""
