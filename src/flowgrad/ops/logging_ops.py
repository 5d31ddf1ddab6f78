"""Assert, Print and tf.print."""
from __future__ import annotations

__all__: list = []
