"""Neural-network ops: activations, softmax, cross-entropies, normalization, dropout."""
from __future__ import annotations

__all__: list = []
