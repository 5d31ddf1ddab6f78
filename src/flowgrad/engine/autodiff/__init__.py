"""Reverse-mode differentiation: gradients, hessians, IndexedSlices."""
