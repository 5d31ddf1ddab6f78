"""Graph optimizer passes over the plan IR (see optimize/passes.py for the list)."""
from __future__ import annotations

PASSES: list = []   # (name, fn(program, options) -> program), applied in order


def options_from_config(config):
    """Which passes are on: all of them unless the ConfigProto turns one off."""
    return {}


def optimize_program(program, options):
    for name, fn in PASSES:
        if options.get(name, True):
            program = fn(program, options)
    return program
