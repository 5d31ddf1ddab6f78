"""`out += a @ b` in one BLAS call, with the bits of `np.add(out, a @ b, out=out)`.

A loop's gradient sums a product per iteration into a running total (WhileGrad's
accumulation: the LSTM runner's kernel gradient `cc_t^T dz_t`, 64 products of
512 x 32 x 1024 in bench/lstm.py's step). As product then add, each iteration writes the
product to a fresh [512, 1024] array and reads it back beside the total: NumPy has no
GEMM with beta. BLAS has: `C = alpha A B + beta C` with alpha = beta = 1 adds each
finished dot product to C's element, one rounding, as the separate add does, when the
whole inner dimension is one of the kernel's K blocks (over several, BLAS adds the
blocks' partial sums to C one by one: other roundings). Measured, the 64 products above
on one thread: 34.2 ms as product + add, 20.3 ms with beta = 1, the same bits.

So `accumulate` calls OpenBLAS's cblas_?gemm (the library NumPy loaded, found as
threads.py finds it) only for float32/float64 operands whose layout BLAS takes as is
(each a C-contiguous matrix or its transpose), and only for a shape whose result was
checked bit for bit against product + add once (random operands, the same call with
beta 0 then an add; a shape that differs, e.g. a K over the kernel's block, keeps
product + add). Elsewhere (another BLAS, other dtypes or layouts) it is product + add.
"""
from __future__ import annotations

import ctypes
import threading

import numpy as np

from . import threads as _threads

__all__ = ["accumulate", "split_exact"]

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112
_MAX_K = 256           # inner dimensions above this are never tried (K blocks)
_SYMBOLS = (("scipy_cblas_%sgemm64_", ctypes.c_int64), ("cblas_%sgemm64_", ctypes.c_int64),
            ("scipy_cblas_%sgemm", ctypes.c_int), ("cblas_%sgemm", ctypes.c_int))
_lock = threading.Lock()
_gemm = {}             # dtype char -> (function, int type) or None
_checked = {}          # (dtype char, m, n, k, ta, tb) -> bool: beta = 1 gives the same bits


def _library_paths():
    paths = []
    for c in _threads._blas_controllers():
        p = getattr(c, "filepath", None)
        if p and "openblas" in str(getattr(c, "internal_api", "openblas")).lower():
            paths.append(p)
    return paths


def _function(ch):
    """The cblas GEMM for dtype char 'f' or 'd' (None if no OpenBLAS is found)."""
    if ch in _gemm:
        return _gemm[ch]
    found = None
    letter = "s" if ch == "f" else "d"
    ctype = ctypes.c_float if ch == "f" else ctypes.c_double
    for path in _library_paths():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for pattern, itype in _SYMBOLS:
            fn = getattr(lib, pattern % letter, None)
            if fn is None:
                continue
            fn.restype = None
            fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, itype, itype, itype,
                           ctype, ctypes.c_void_p, itype, ctypes.c_void_p, itype, ctype,
                           ctypes.c_void_p, itype]
            found = fn
            break
        if found is not None:
            break
    _gemm[ch] = found
    return found


def _layout(x):
    """(transpose flag, leading dimension) for a matrix BLAS reads in place, else None."""
    if x.flags.c_contiguous:
        return _NO_TRANS, max(1, x.shape[1])
    if x.flags.f_contiguous:
        return _TRANS, max(1, x.shape[0])
    s0, s1 = x.strides
    item = x.itemsize
    if s1 == item and s0 % item == 0 and s0 // item >= x.shape[1]:
        return _NO_TRANS, s0 // item
    if s0 == item and s1 % item == 0 and s1 // item >= x.shape[0]:
        return _TRANS, s1 // item
    return None


def _call(fn, a, b, out, beta, la, lb):
    m, k = a.shape
    n = b.shape[1]
    fn(_ROW_MAJOR, la[0], lb[0], m, n, k, 1.0, a.ctypes.data, la[1], b.ctypes.data, lb[1],
       beta, out.ctypes.data, out.strides[0] // out.itemsize)


def _same_bits(fn, key, a, b, la, lb):
    """One check per shape and layout: random operands, beta 1 against product + add."""
    rng = np.random.RandomState(1234)
    dt = a.dtype

    def like(x, lay):
        r = rng.standard_normal(x.shape[::-1] if lay[0] == _TRANS else x.shape).astype(dt)
        return r.T if lay[0] == _TRANS else r
    a2, b2 = like(a, (la[0],)), like(b, (lb[0],))
    la2, lb2 = _layout(a2), _layout(b2)
    c = rng.standard_normal((a.shape[0], b.shape[1])).astype(dt)
    want = np.add(c, np.matmul(a2, b2))
    got = c.copy()
    _call(fn, a2, b2, got, 1.0, la2, lb2)
    ok = bool(np.array_equal(want.view(np.uint8), got.view(np.uint8)))
    _checked[key] = ok
    return ok


def accumulate(out, a, b):
    """out += a @ b for 2-D a [m, k], b [k, n] and a C-contiguous out [m, n] of their dtype;
    the bits of np.add(out, np.matmul(a, b), out=out). Returns out."""
    dt = out.dtype
    ch = dt.char
    if ch in "fd" and a.dtype == dt and b.dtype == dt and a.ndim == 2 and b.ndim == 2 and \
            out.flags.c_contiguous and a.shape[1] == b.shape[0] <= _MAX_K and \
            out.shape == (a.shape[0], b.shape[1]) and a.size and b.size and \
            not np.may_share_memory(out, a) and not np.may_share_memory(out, b):
        la, lb = _layout(a), _layout(b)
        fn = _function(ch) if la is not None and lb is not None else None
        if fn is not None:
            key = (ch, a.shape[0], b.shape[1], a.shape[1], la[0], lb[0])
            ok = _checked.get(key)
            if ok is None:
                with _lock:
                    ok = _checked.get(key)
                    if ok is None:
                        ok = _same_bits(fn, key, a, b, la, lb)
            if ok:
                _call(fn, a, b, out, 1.0, la, lb)
                return out
    return np.add(out, _threads.matmul(a, b), out=out)


# -- a product split at a column of its inner dimension --------------------------------------
# `[x, h] @ W` is one GEMM whose inner dimension BLAS cuts into K blocks, adding each block's
# dot products to C in turn. Where a cut falls exactly between x's and h's columns, the
# product is `x @ W_x` with `h @ W_h` added by a beta-1 GEMM, to the bit: the x part of every
# step of a loop can then be one large product before the loop (OpenBLAS halves a K between
# its block size and twice it: K = 512 at 256 + 256). `split_exact` checks that once per
# shape on random operands (the per-step and the all-steps x products too).
_split_checked = {}   # (dtype char, rows, all rows, dx, dh, n) -> bool


def split_exact(dt, rows, all_rows, dx, dh, n):
    """Is `np.matmul(c, w)` for c [rows, dx + dh] the bits of `x @ w[:dx]` (computed over
    `all_rows` rows at once) plus `accumulate`-style `h @ w[dx:]` with beta 1?"""
    dt = np.dtype(dt)
    key = (dt.char, rows, all_rows, dx, dh, n)
    ok = _split_checked.get(key)
    if ok is not None:
        return ok
    fn = _function(dt.char) if dt.char in "fd" else None
    ok = False
    if fn is not None and 0 < dx and 0 < dh and rows > 0 and all_rows % rows == 0:
        rng = np.random.RandomState(4321)
        c = rng.standard_normal((all_rows, dx + dh)).astype(dt)
        w = rng.standard_normal((dx + dh, n)).astype(dt)
        xs = np.matmul(c[:, :dx], w[:dx])
        ok = True
        starts = list(range(0, all_rows, rows))
        for lo in starts[:2] + starts[2:][-2:]:   # the all-rows product's first and last
            blk = c[lo:lo + rows]
            z = xs[lo:lo + rows].copy()
            _call(fn, blk[:, dx:], w[dx:], z, 1.0, _layout(blk[:, dx:]), _layout(w[dx:]))
            if not np.array_equal(z.view(np.uint8), np.matmul(blk, w).view(np.uint8)):
                ok = False
                break
    with _lock:
        _split_checked[key] = ok
    return ok


def add_product(out, a, b):
    """out += a @ b by one beta-1 GEMM (for `split_exact` shapes; a, b, out as accumulate
    takes them, without its own check)."""
    _call(_function(out.dtype.char), a, b, out, 1.0, _layout(a), _layout(b))
    return out
