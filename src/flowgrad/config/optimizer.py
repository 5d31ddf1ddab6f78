"""tf.config.optimizer: JIT and Grappler switches of later Sessions' ConfigProto."""
from __future__ import annotations

from ..engine.framework.config import OptimizerOptions
from ..engine.framework.context import context as _context

__all__ = ["get_experimental_options", "get_jit", "set_experimental_options", "set_jit"]


def get_jit() -> bool:
    """Whether XLA JIT compilation is on (global_jit_level ON_1 or ON_2)."""
    level = _context().config().graph_options.optimizer_options.global_jit_level
    return level in (OptimizerOptions.ON_1, OptimizerOptions.ON_2)


def set_jit(enabled) -> None:
    """Turns XLA JIT compilation on or off for later Sessions."""
    _context().optimizer_jit = enabled


def get_experimental_options() -> dict:
    """The Grappler options set (toggles as bools, and the two disable_* flags)."""
    return _context().experimental_options()


def set_experimental_options(options) -> None:
    """Updates the Grappler options (e.g. {'constant_folding': False})."""
    _context().optimizer_experimental_options.update(options)
