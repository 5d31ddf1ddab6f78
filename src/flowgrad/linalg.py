"""tf.linalg: the linear-algebra namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
