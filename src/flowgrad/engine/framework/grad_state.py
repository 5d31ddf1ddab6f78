"""Which inputs of the op whose gradient rule is running need a gradient.

`gradients()` sets the set before calling a rule; rules ask `wants_grad(i)`
to skip building gradients that nothing will read. It lives in the engine's
core so that op modules can ask without importing autodiff.
"""
from __future__ import annotations

import threading

_state = threading.local()


def wants_grad(index: int) -> bool:
    """Inside a gradient rule: does input `index` of the op need a gradient?

    Rules call this to skip building gradients nothing will read (TF builds
    them and leaves them dangling). Outside `gradients`, always True.
    """
    wanted = getattr(_state, "wanted", None)
    return True if wanted is None else index in wanted


def get_wanted():
    """The set of wanted input indices now in force (None outside a rule)."""
    return getattr(_state, "wanted", None)


def set_wanted(wanted) -> None:
    """Sets the wanted input indices (None: every input) for the rule about to run."""
    _state.wanted = wanted
