"""TF 1.14's scatter updates of variables: scatter_add, ... (engine/ops/scatter.py)."""
from __future__ import annotations

__all__ = ["scatter_add", "scatter_sub", "scatter_update", "scatter_mul", "scatter_div",
           "scatter_min", "scatter_max"]

# state_ops' versions also take resource variables (Resource<Op>, as TF 1.14's state_ops)
from .state_ops import (scatter_add, scatter_div, scatter_max, scatter_min, scatter_mul,
                        scatter_sub, scatter_update)
