"""The XLA backend's switches and its JAX import (see the package docstring)."""
from __future__ import annotations

import importlib.util
import os
import threading
import weakref

__all__ = ["XLA_EXTRA_HINT", "marks", "mode_for", "require_jax", "scopes", "sync_compile"]

XLA_EXTRA_HINT = "the XLA backend needs JAX: pip install 'flowgrad[xla]' (or pip install jax)"

# Operation -> True/False: TF's `_XlaCompile` attr set by jit_scope / xla.compile
marks: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
# Operation -> (TF's `_XlaScope`, `_XlaSeparateCompiledGradients`): ops of different scopes
# never share a cluster
scopes: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_jax = None


def require_jax():
    """The jax module (imported once, x64 enabled so int64/float64 values stay what they
    are); ImportError naming the `xla` extra when JAX is not installed."""
    global _jax
    if _jax is not None:
        return _jax
    with _lock:
        if _jax is None:
            try:
                import jax  # lazy: optional extra (xla)
            except ImportError as e:
                raise ImportError(XLA_EXTRA_HINT) from e
            jax.config.update("jax_enable_x64", True)
            from . import lowering  # lazy: binds jax.numpy into the lowering table
            lowering.bind_jax(jax)
            _jax = jax
    return _jax


def _env_flag(name):
    return os.environ.get(name, "").strip().lower() in ("1", "on", "true", "yes", "auto")


def mode_for(config):
    """"auto" (cluster everything XLA can take), "scope" (only marked ops), per the
    session's ConfigProto and FLOWGRAD_XLA."""
    level = 0
    if config is not None:
        go = getattr(config, "graph_options", None)
        if go is not None:
            level = go.optimizer_options.global_jit_level
    if level in (1, 2) or _env_flag("FLOWGRAD_XLA"):
        if _jax is None and importlib.util.find_spec("jax") is None:
            raise ImportError(XLA_EXTRA_HINT)
        return "auto"   # jax itself is imported by the background build
    return "scope"


def sync_compile() -> bool:
    return _env_flag("FLOWGRAD_XLA_SYNC")

