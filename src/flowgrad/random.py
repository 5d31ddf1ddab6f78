"""tf.random: the random namespace (re-exports from flowgrad.ops.random_ops)."""
# ruff: noqa: F401
