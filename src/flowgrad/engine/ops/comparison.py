"""Comparisons and logical ops: bool results, never differentiated (TF's NotDifferentiable).

One row per op: TF's op type, the NumPy kernel and the dtypes its wrapper accepts.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ._base import ALL, REAL_NUMBERS, apply, binary_compare, same_type_inputs, to_tensor, unary_same


def _bool_inputs(op_type, values, arg_names):
    """Converts to bool tensors; a non-bool tensor raises TF's TypeError."""
    out = []
    for v, n in zip(values, arg_names):
        t = v if isinstance(v, Tensor) else to_tensor(v, dtype=_dt.bool_, name=n) \
            if not hasattr(v, "_as_graph_element") else to_tensor(v)
        if t.dtype.base_dtype is not _dt.bool_:
            raise TypeError(f"Input '{n}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                            "that does not match expected type of bool.")
        out.append(t)
    return out


_DAZ_CHUNK = 1 << 16   # checked in cache-sized chunks, each through one reused buffer
# per item size: the unsigned view, 1, 2 ** (mantissa + 1) - 1, all bits but the sign, and
# the smallest normal's bits
_BITS = {n: (u, u(1), u((1 << m) - 1), u((1 << (8 * n - 1)) - 1), u(1 << (m - 1)))
         for n, u, m in ((4, np.uint32, 24), (8, np.uint64, 53))}


def _bits_min(u, transform):
    """The least of transform(bits, out) over u (a float array's bits as unsigned integers),
    one chunk at a time (the caller stops at a chunk whose least value answers it)."""
    if u.size <= _DAZ_CHUNK:
        if u.size:
            yield np.minimum.reduce(transform(u, None))
        return
    buf = np.empty(_DAZ_CHUNK, u.dtype)
    for i in range(0, u.size, _DAZ_CHUNK):
        chunk = u[i:i + _DAZ_CHUNK]
        yield np.minimum.reduce(transform(chunk, buf[:chunk.size]))


def _has_denormal(a):
    """Whether a (float32 / float64) holds a denormal: its bits shifted past the sign, less
    one, lie below 2 ** (mantissa + 1) - 1 (a zero wraps round to the top)."""
    uint, one, top, _, _ = _BITS[a.itemsize]

    def shifted(chunk, out):
        w = np.left_shift(chunk, one, out=out)
        return np.subtract(w, one, out=w)
    return any(m < top for m in _bits_min(a.reshape(-1).view(uint), shifted))


def _no_small(a):
    """Whether no element of a (float32 / float64) lies below the smallest normal in
    magnitude (no zero, no denormal; inf and NaN are not small): its bits less the sign
    are never under the smallest normal's."""
    uint, _, _, mask, tiny = _BITS[a.itemsize]

    def magnitude(chunk, out):
        return np.bitwise_and(chunk, mask, out=out)
    return all(m >= tiny for m in _bits_min(a.reshape(-1).view(uint), magnitude))


def _flushed(a):
    """a (a float32 / float64 array) with its denormals as zeros, a itself if it has none."""
    if _has_denormal(a):
        return np.where(np.abs(a) < np.finfo(a.dtype).tiny, a.dtype.type(0), a)
    return a


def _daz_moot(x, y):
    """Whether DAZ leaves kernel(x, y) as it is (x, y of one float32 / float64 / complex
    dtype): it changes a comparison only where both sides are below the smallest normal
    in magnitude (a normal, inf or NaN orders against a denormal as against a zero), so a
    side with no such value (of a complex, in each part) makes the raw comparison exact,
    whatever the broadcast pairs."""
    if x.dtype.kind == "c":
        return ((_no_small(x.real) or _no_small(y.real))
                and (_no_small(x.imag) or _no_small(y.imag)))
    return _no_small(x) or _no_small(y)


def _daz(x):
    """x with its float32 / float64 / bfloat16 / complex parts' denormals as zeros: TF's CPU
    threads run with DAZ, so a comparison reads them as zero (float16 widens exactly to
    float32 first, so its denormals stay)."""
    x = np.asarray(x)
    if x.dtype.kind == "c":
        x_re, x_im = x.real, x.imag
        re, im = _flushed(x_re), _flushed(x_im)
        if re is not x_re or im is not x_im:
            x = x.copy()
            x.real, x.imag = re, im
        return x
    return _flushed(x) if x.dtype in (np.float32, np.float64) else x


# against a zero, under DAZ: x < 0 is x <= -tiny, x <= 0 is x < tiny, ... (kernel, tiny's sign)
_AT_ZERO = {np.less: (np.less_equal, -1), np.less_equal: (np.less, 1),
            np.greater: (np.greater_equal, 1), np.greater_equal: (np.greater, -1)}
_MIRROR = {np.less: np.greater, np.greater: np.less, np.less_equal: np.greater_equal,
           np.greater_equal: np.less_equal, np.equal: np.equal, np.not_equal: np.not_equal}


def _vs_scalar(kernel, x, s):
    """kernel(x, s) under DAZ for a one-element s, in one pass over x: a nonzero normal s
    orders every denormal of x as it orders zero, and against a zero a threshold of the
    smallest normal stands for the flush."""
    s = _flushed(s)
    if s.reshape(-1)[0] != 0:   # (NaN included)
        return kernel(x, s)
    tiny = np.full_like(s, np.finfo(x.dtype).tiny)
    if kernel in _AT_ZERO:
        k, sign = _AT_ZERO[kernel]
        return k(x, tiny * sign)
    near_zero = np.less(np.abs(x), tiny)
    return near_zero if kernel is np.equal else np.logical_not(near_zero)


_DAZ_DTYPES = (np.float32, np.float64, np.complex64, np.complex128)


def _daz_kernel(kernel):
    """kernel comparing its float inputs as TF's CPU threads read them (DAZ)."""
    def run(x, y, **_):
        x, y = np.asarray(x), np.asarray(y)
        if x.dtype == y.dtype and x.dtype in _DAZ_DTYPES:
            if x.dtype.kind == "f" and kernel in _MIRROR:
                if y.size == 1:
                    return _vs_scalar(kernel, x, y)
                if x.size == 1:
                    return _vs_scalar(_MIRROR[kernel], y, x)
            if _daz_moot(x, y):   # (most inputs: one pass over one side)
                return kernel(x, y)
        return kernel(_daz(x), _daz(y))
    return run


def compare_op(pyname, op_type, kernel, dtypes, what):
    """Registers a bool-valued binary op and returns its wrapper `pyname(x, y, name=None)`.
    Float inputs are compared as TF's kernels read them, denormals as zero (DAZ)."""
    run = kernel if dtypes is None else _daz_kernel(kernel)
    register_op(op_type, infer=binary_compare, kernel=run, grad=None, elementwise=True)

    if dtypes is None:  # logical ops: both inputs must be bool
        convert = _bool_inputs
    else:
        def convert(op_type, values, arg_names):
            return same_type_inputs(op_type, values, allowed=dtypes)

    def binder(x: Any, y: Any, name: str | None = None) -> Tensor:
        if isinstance(x, Tensor) and isinstance(y, Tensor):
            x, y = convert(op_type, [x, y], ["x", "y"])
            return apply(op_type, [x, y], None, name)
        # TF's generated wrapper converts inside the op's scope (`Greater/y`).
        with name_scope(name, op_type, [x, y]) as s:
            x, y = convert(op_type, [x, y], ["x", "y"])
            return apply(op_type, [x, y], None, s)
    binder.__name__ = binder.__qualname__ = pyname
    binder.__doc__ = f"Returns {what} elementwise, with broadcasting (op `{op_type}`)."
    return binder


# wrapper             op type          kernel            dtypes        what it returns
equal = compare_op("equal", "Equal", np.equal, ALL, "x == y (bool; any dtype incl. strings)")
not_equal = compare_op("not_equal", "NotEqual", np.not_equal, ALL, "x != y (bool)")
less = compare_op("less", "Less", np.less, REAL_NUMBERS, "x < y (real numbers)")
less_equal = compare_op("less_equal", "LessEqual", np.less_equal, REAL_NUMBERS, "x <= y")
greater = compare_op("greater", "Greater", np.greater, REAL_NUMBERS, "x > y (real numbers)")
greater_equal = compare_op("greater_equal", "GreaterEqual", np.greater_equal, REAL_NUMBERS,
                           "x >= y")
logical_and = compare_op("logical_and", "LogicalAnd", np.logical_and, None, "x AND y (bool)")
logical_or = compare_op("logical_or", "LogicalOr", np.logical_or, None, "x OR y (bool)")

register_op("LogicalNot", infer=unary_same, kernel=np.logical_not, grad=None, elementwise=True)


def logical_not(x: Any, name: str | None = None) -> Tensor:
    """Elementwise NOT of a bool tensor (op `LogicalNot`); TypeError for another dtype."""
    (x,) = _bool_inputs("LogicalNot", [x], ["x"])
    return apply("LogicalNot", [x], None, name)
