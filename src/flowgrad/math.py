"""tf.math: the math namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
