"""Segment sums, gather/scatter helpers and IndexedSlices densification."""
from __future__ import annotations

__all__: list = []
