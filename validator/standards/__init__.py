"""One package per standard, each with the same small face (see `base`).

The list of standards and every rule lives in `validator.registry`, above them.
"""
