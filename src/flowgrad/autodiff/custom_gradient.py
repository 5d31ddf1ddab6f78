"""tf.custom_gradient in graph mode."""
from __future__ import annotations

__all__: list = []
