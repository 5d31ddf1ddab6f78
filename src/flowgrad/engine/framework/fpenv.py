"""Denormals as TF 1.14's CPU threads compute them: flushed to zero (FTZ) and read as zero (DAZ).

TF sets the SSE control register (MXCSR) of every thread that runs kernels
(core/platform/denormal.h's ScopedFlushDenormal: the executor's and the Eigen
thread pools' threads). So an arithmetic op reads a float32 / float64 denormal
input as a zero of its sign and writes a denormal result as zero, while an op
that only moves bits (Identity, Reshape, float32 Abs and Neg) keeps them:
`1e-40 * 1.0` is 0.0 and `-1e-40 * 1.0` is -0.0 in a TF 1.14 run
(tests/golden/math/gen_denormal_arith.py records which).

flowgrad does the same with the hardware, not per kernel: `flushing()` sets
FTZ|DAZ once around a whole Session.run (and a plan's compile: TF's constant
folding runs under it too) on the calling thread, and restores the caller's
floating-point environment afterwards, exceptions included, so NumPy code outside
a run computes with IEEE denormals as before. The engine's own worker threads
(inter-op, intra-op, side-lane and input-pipeline pools) run only kernels; they set
it once when they start (`flush_this_thread`), as TF's pool threads do.

How: glibc's / musl's `fegetenv` / `fesetenv` through ctypes, with the MXCSR word
at its offset in x86-64's `fenv_t` (28: after the 28-byte x87 environment). A
per-run cost of three C calls (about 2 us). Checked once at import: where the
platform is not Linux on x86-64, libm is not found, or setting the bits does not
flush a denormal product, `AVAILABLE` is False and runs compute with IEEE
denormals (flowgrad's behaviour before; TF 1.14's denormal.cc also leaves non-SSE
hosts alone). OpenBLAS's own worker threads (a GEMM NumPy's BLAS splits over its
pool) are not flowgrad's: they keep the process's default environment.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import platform
import sys

import numpy as np

__all__ = ["AVAILABLE", "flush_this_thread", "flushing", "ieee", "restore", "start"]

_FTZ_DAZ = 0x8040        # MXCSR bits 15 (flush to zero) and 6 (denormals are zero)
_MXCSR = 7               # x86-64 fenv_t: x87 environment (28 bytes), then the MXCSR word
# (an array, which ctypes passes as a pointer with no argtypes to convert: 0.3 us a call)
_Env = ctypes.c_uint32 * 8


def _load():
    """(fegetenv, fesetenv) of the C library's libm, or None where they do not apply."""
    if not sys.platform.startswith("linux") or platform.machine() not in ("x86_64", "AMD64"):
        return None
    try:
        libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        return libm.fegetenv, libm.fesetenv
    except (OSError, AttributeError):
        return None


def _flushes(get, put) -> bool:
    """Whether setting the bits through fenv_t makes the CPU flush (checks the layout)."""
    saved = _Env()
    if get(saved) != 0:
        return False
    env = _Env(*saved)
    env[_MXCSR] |= _FTZ_DAZ
    tiny = np.array([1e-40], np.float32)   # a denormal: DAZ reads it as 0
    try:
        if put(env) != 0:
            return False
        return bool((tiny * np.float32(1.0))[0] == 0)
    finally:
        put(saved)


_FNS = _load()
AVAILABLE = _FNS is not None and _flushes(*_FNS)
if AVAILABLE:
    _get, _put = _FNS


def start():
    """Sets FTZ|DAZ on this thread; the token to give `restore` (None: nothing changed,
    as when a run starts inside a run: a py_func's, or on an engine pool thread)."""
    if not AVAILABLE:
        return None
    env = _Env()
    _get(env)
    mxcsr = env[_MXCSR]
    if mxcsr & _FTZ_DAZ == _FTZ_DAZ:
        return None
    env[_MXCSR] = mxcsr | _FTZ_DAZ
    _put(env)
    env[_MXCSR] = mxcsr   # (the token: the environment as found)
    return env


def restore(token) -> None:
    """Puts back the environment `start` found (its status flags included)."""
    if token is not None:
        _put(token)


class flushing:
    """`with flushing():` runs the block with FTZ|DAZ on this thread, then restores it."""
    __slots__ = ("_token",)

    def __enter__(self):
        self._token = start()
        return self

    def __exit__(self, *exc):
        restore(self._token)
        return False


def flush_this_thread() -> None:
    """For an engine pool thread's initializer: FTZ|DAZ for the thread's life."""
    start()


def ieee(fn):
    """`fn`, run with IEEE denormals (FTZ|DAZ cleared on the thread, then put back): for
    the kernels that model TF's flushing value by value themselves (eigen_math's libm
    loops and glibc's atan2 tests), whose float conversions (a float32 denormal through
    ctypes' double) and comparisons must see the denormals they model."""
    if not AVAILABLE:
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        env = _Env()
        _get(env)
        if not env[_MXCSR] & _FTZ_DAZ:
            return fn(*args, **kwargs)
        clear = _Env(*env)
        clear[_MXCSR] &= ~_FTZ_DAZ
        _put(clear)
        try:
            return fn(*args, **kwargs)
        finally:
            _put(env)
    return wrapper
