"""tf.logging: TF 1.x's logging module (verbosity, info/warn/error)."""
# ruff: noqa: F401
