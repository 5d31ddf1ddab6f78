"""`tf.contrib.compiler.xla`: compile, as tf.xla.experimental.compile."""
from ...xla.experimental import compile  # noqa: A004 - TF's name

__all__ = ["compile"]
