"""Random ops with graph- and op-level seeds (deterministic per seed)."""
from __future__ import annotations

__all__: list = []
