"""glibc malloc settings for NumPy's temporaries (applied once, by the first Session).

A step of a graph allocates and frees the same arrays again and again. glibc serves an
allocation of 128 KiB or more (its default threshold, raised only as far as the largest
block freed so far) from a fresh mmap, or from the top of its heap, which it gives back to
the kernel whenever more than twice that threshold lies free there; either way the next
step's array of the same size costs a page fault per 4 KiB, the kernel zeroing each page
(measured: the Keras LSTM text classifier of bench/keras_cnn_lstm.py took 2,000-3,600
page faults per batch of ~16 ms, about a quarter of its CPU time). With blocks up to
MMAP_THRESHOLD taken from the heap and up to TRIM_THRESHOLD of free heap kept, the same
memory is reused from step to step. Larger arrays stay mmapped (given back when freed),
so peak memory of large models is as before.

Skipped where the C library is not glibc, where the environment sets glibc's own
MALLOC_*_ variables (the user's choice stands) and with FLOWGRAD_MALLOC_TUNING=0.
"""
from __future__ import annotations

import ctypes
import os
import sys

MMAP_THRESHOLD = 4 << 20    # bytes: smaller blocks come from the heap
TRIM_THRESHOLD = 64 << 20   # bytes of free heap top kept for reuse
_M_TRIM_THRESHOLD = -1      # mallopt's parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3
_USER_VARS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
              "MALLOC_MMAP_MAX_")

_state = {"done": False, "applied": ()}


def settings(environ=None, platform=None) -> tuple:
    """The (mallopt parameter, value) pairs to apply under `environ` (default os.environ)
    on `platform` (default sys.platform); () where none are."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return ()
    if environ.get("FLOWGRAD_MALLOC_TUNING", "1").strip().lower() in ("0", "off", "false",
                                                                        "no"):
        return ()
    if any(k in environ for k in _USER_VARS):
        return ()
    return ((_M_MMAP_THRESHOLD, MMAP_THRESHOLD), (_M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def tune() -> tuple:
    """Applies settings() once per process; returns the pairs applied."""
    if _state["done"]:
        return _state["applied"]
    _state["done"] = True
    todo = settings()
    if not todo:
        return ()
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version   # glibc only (musl has no mallopt of these)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return ()
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    _state["applied"] = tuple(p for p in todo if mallopt(*p) == 1)
    return _state["applied"]
