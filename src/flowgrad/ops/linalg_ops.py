"""Matrix products: matmul (transpose/adjoint/batch), tensordot, einsum."""
from __future__ import annotations

__all__: list = []
