"""Initializers: zeros, ones, constant, random_*, glorot_*, variance_scaling, orthogonal."""
from __future__ import annotations

__all__: list = []
