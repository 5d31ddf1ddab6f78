"""tf.nn: the neural-network namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
