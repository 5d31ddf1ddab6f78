"""tf.initializers: initializer classes (re-exports from flowgrad.ops.init_ops)."""
# ruff: noqa: F401
