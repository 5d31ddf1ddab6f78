"""The GPUs flowgrad can run XLA clusters on: JAX's GPU devices (the `xla` extra with
jax[cuda]), found once, when first asked (a graph with an op placed on /gpu:N, a session
with log_device_placement, tf.test.is_gpu_available, Session.list_devices).

Test switch: `FLOWGRAD_XLA_GPU_STANDIN=1` (read once, at that first ask) makes JAX's CPU
devices stand in for GPUs (GPU:k is jax.devices('cpu')[k]); with
`XLA_FLAGS=--xla_force_host_platform_device_count=2` there are two. Everything a GPU
changes (placement, errors, logs, clusters on the device, variables resident there) is
then exercised without a GPU; tests/test_xla_gpu.py runs that way.

ConfigProto.gpu_options are mapped where JAX allows, before its GPU backend starts (the
first session whose graph needs a GPU, or the first is_gpu_available): allow_growth=True
sets XLA_PYTHON_CLIENT_PREALLOCATE=false, per_process_gpu_memory_fraction=f (0 < f <= 1)
sets XLA_PYTHON_CLIENT_MEM_FRACTION=f, unless the environment sets them already. Later
sessions' gpu_options, visible_device_list and the other GPUOptions fields are ignored
(JAX's allocator is process-wide).
"""
from __future__ import annotations

import importlib.util
import os
import threading

from ._core import require_jax

__all__ = ["gpus", "gpu_name", "standin"]

_lock = threading.Lock()
_found = None          # list of jax devices, GPU:0.. (None: not looked yet)


def standin() -> bool:
    return os.environ.get("FLOWGRAD_XLA_GPU_STANDIN", "").strip().lower() in (
        "1", "on", "true", "yes")


def _memory_env(config):
    gpu = getattr(config, "gpu_options", None) if config is not None else None
    if gpu is None:
        return
    if gpu.allow_growth:
        os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
    frac = gpu.per_process_gpu_memory_fraction
    if 0.0 < frac <= 1.0:
        os.environ.setdefault("XLA_PYTHON_CLIENT_MEM_FRACTION", repr(float(frac)))


def gpus(config=None) -> list:
    """JAX's GPU devices (or the stand-ins), GPU:0 first; [] without JAX or a GPU."""
    global _found
    if _found is not None:
        return _found
    with _lock:
        if _found is None:
            _memory_env(config)
            found = []
            if importlib.util.find_spec("jax") is not None:
                jax = require_jax()
                try:
                    found = list(jax.devices("cpu" if standin() else "gpu"))
                except RuntimeError:     # no GPU backend (CPU-only jaxlib or no device)
                    found = []
            _found = found
    return _found


def gpu_name(dev, index) -> str:
    """TF's physical device description of GPU:index."""
    kind = getattr(dev, "device_kind", "") or dev.platform
    return f"device: {index}, name: {kind}, pci bus id: {getattr(dev, 'id', index)}"
