"""The XLA backend: clusters of a plan lowered to `jax.jit` executables (the `xla` extra).

Switched on as TF 1.x switches XLA on:

- `ConfigProto(graph_options=GraphOptions(optimizer_options=OptimizerOptions(
  global_jit_level=OptimizerOptions.ON_1)))` (or ON_2): every plan of the session is
  auto-clustered;
- `tf.contrib.compiler.jit.experimental_jit_scope()` / `tf.xla.experimental.jit_scope()`:
  the ops created inside are marked (TF's `_XlaCompile` attr; `compile_ops=False` marks
  them not to be compiled even under a global jit level); a session without a global jit
  level clusters only marked ops;
- `tf.xla.experimental.compile(computation, inputs)`: the computation's ops, marked;
- flowgrad's option, the environment variable `FLOWGRAD_XLA`: `1` (or `on`) auto-clusters
  every session's plans, `0`/unset leaves it to the switches above; `FLOWGRAD_XLA_SYNC=1`
  compiles before a plan's first run instead of in the background (tests, measurements).

How a plan runs under XLA (cluster.py): its first run is the NumPy interpreter, as
always; then a background thread optimizes the plan (every pass but elementwise fusion:
XLA fuses), cuts it into clusters, traces each cluster with the lowering table
(lowering.py) and compiles it; NumPy tiers keep serving runs meanwhile, and the plan
switches to the clustered program when every cluster is compiled.

Variables that only clusters use stay on the device between runs (resident.py). Ops
placed on /gpu:N (placement.py) are clustered without a jit switch and run on JAX's
GPU N (devices.py; FLOWGRAD_XLA_GPU_STANDIN=1 lets JAX's CPU devices stand in for
GPUs in tests).
"""
from __future__ import annotations

from . import switch
from ._core import XLA_EXTRA_HINT, marks, mode_for, require_jax, scopes, sync_compile

__all__ = ["XLA_EXTRA_HINT", "marks", "mode_for", "require_jax", "scopes", "switch",
           "sync_compile"]
