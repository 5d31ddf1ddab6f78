"""`tf.contrib.compiler.jit`: experimental_jit_scope, as tf.xla.experimental.jit_scope."""
from ...xla.experimental import jit_scope as experimental_jit_scope

__all__ = ["experimental_jit_scope"]
