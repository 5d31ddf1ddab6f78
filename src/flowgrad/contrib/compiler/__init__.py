"""`tf.contrib.compiler`: `jit.experimental_jit_scope` and `xla.compile` (flowgrad's XLA
backend, the `xla` extra)."""
from . import jit, xla

__all__ = ["jit", "xla"]
