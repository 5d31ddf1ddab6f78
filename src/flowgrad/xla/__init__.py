"""`tf.xla`: TF 1.14's XLA switches, on flowgrad's XLA backend (the `xla` extra, JAX).

`tf.xla.experimental.jit_scope()` marks the ops created inside it for XLA (TF's
`_XlaCompile` attr); `tf.xla.experimental.compile(computation, inputs)` builds the
computation with its ops marked. A session compiles marked ops (and, with
`global_jit_level` ON_1/ON_2 or FLOWGRAD_XLA=1, every op XLA can take) in the
background; see flowgrad/engine/runtime/xla/.
"""
from . import experimental

__all__ = ["experimental"]
