"""tf.variable_scope and tf.get_variable."""
from __future__ import annotations

__all__: list = []
