"""bfloat16 kernels of the ops whose TF 1.14 CPU kernel rounds partial results: flowgrad
keeps bfloat16 in float32 storage, so the float32 kernels cannot tell it; these run on the
nodes whose output is bfloat16 (registry.register_bfloat16_kernel, picked by the optimizer's
complex_kernels step). Elementwise ops need none: their float32 kernel, rounded, is TF's
(registry.dtype_def). Checked against TF 1.14 (tests/golden/math/gen_bfloat16_arith.py):

- Sum / Prod: Eigen's reducers on TF's bfloat16 (no packets), each `accum = accum op x`
  rounded. A Sum over the innermost (collapsed) dims is Eigen's tree reduction: a run of
  more than 1024 values is split at n // 2 and the halves' results combined; other Sums and
  every Prod take the reduced values in order (over [reduced, kept, reduced] the last
  reduced dim's loop outermost). 5000 x 0.1 sums to 256, not 500.
- SquaredDifference: x - y rounded, then its square rounded.
- Mean: that Sum divided by the count as a bfloat16 (TF's ReduceEigenImpl for MeanReducer).
- Cumsum / Cumprod: a running sum / product, rounded at each step (5000 x 0.1: 32).
- AddN: TF's order (reductions._addn_kernel) with each addition rounded.
- MatMul: the float32 product, truncated to bfloat16 (7 x 0.1 is 0.69921875, not 0.703125;
  -0.6550 is -0.65234375).
- Maximum / Minimum / Relu: bfloat16's scalar `x < y ? y : x` (`y < x ? y : x`, `x < 0 ? 0 :
  x`) compares in float, where the run's DAZ reads a denormal as zero, and gives the chosen
  operand's bits: Maximum(1e-40, 0) is 1e-40, Relu(-1e-40) is -1e-40 (float32's maxps
  flushes both; golden math/denormal_arith).
- Neg: the scalar -x, a sign flip for every element (no packets' 0 - x, elementwise.py).
"""
from __future__ import annotations

import numpy as np

from ..framework.dtypes import round_bfloat16 as _round
from ..framework.registry import register_bfloat16_kernel
from . import activations  # noqa: F401 - registers Relu, which gets a kernel below
from . import linalg as _linalg
from . import reductions as _red
from . import scans as _scans

_LEAF = 1024   # Eigen's InnerMostDimReducer kLeafSize (tree reduction)


def _leaves(start, n, out):
    """Eigen's tree: the (start, length) runs it reduces one value at a time, in order."""
    if n > _LEAF:
        half = n // 2
        _leaves(start, half, out)
        _leaves(start + half, n - half, out)
    else:
        out.append((start, n))
    return out


def _in_order(x2, op, init):
    """Each row of x2 reduced in column order, each step rounded."""
    acc = np.full(x2.shape[0], init, np.float32)
    for j in range(x2.shape[1]):
        acc = _round(op(acc, x2[:, j]))
    return acc


def _tree(x2, op, init):
    """Each row of x2 (m x n) reduced as Eigen's tree reduction does."""
    m, n = x2.shape
    runs = _leaves(0, n, [])
    width = max(r[1] for r in runs)
    # all runs side by side, padded with the identity (-0.0 for sums: x + -0.0 is x)
    pad = np.float32(-0.0 if init == 0 else init)
    idx = np.full((len(runs), width), n, np.int64)
    for k, (s, ln) in enumerate(runs):
        idx[k, :ln] = np.arange(s, s + ln)
    xp = np.concatenate([x2, np.full((m, 1), pad, np.float32)], axis=1)[:, idx]
    leaf = _in_order(xp.reshape(m * len(runs), width), op, init).reshape(m, len(runs))
    pos = iter(range(len(runs)))

    def combine(n_):
        if n_ > _LEAF:
            left = combine(n_ // 2)
            right = combine(n_ - n_ // 2)
            return _round(op(_round(op(np.float32(init), left)), right))
        return leaf[:, next(pos)]
    return combine(n)


def _groups(shape, axes):
    """x's dims collapsed as TF's ReductionHelper does (size-1 dims dropped, neighbours of
    the same kind merged): [(size, reduced)]."""
    out = []
    for i, d in enumerate(shape):
        if d == 1:
            continue
        red = i in axes
        if out and out[-1][1] == red:
            out[-1] = (out[-1][0] * d, red)
        else:
            out.append((d, red))
    return out


def _reduce(x, axes, keep_dims, op, init, tree=True):
    x = np.asarray(x, np.float32)
    ax = _red._norm_axes(x, axes)
    _red._axis(axes, x)   # TF's axis errors
    kept = [d for i, d in enumerate(x.shape) if i not in ax]
    shape = [1 if i in ax else d for i, d in enumerate(x.shape)] if keep_dims else kept
    groups = _groups(x.shape, ax)
    m = int(np.prod(kept))
    red = [k for k, (_, r) in enumerate(groups) if r]
    if not red or x.size == 0:
        # nothing (of size > 1) reduced: x itself, or the identity of an empty reduction
        src = x.reshape(m, -1) if x.size else np.zeros((m, 0), np.float32)
        return _in_order(src, op, init).reshape(shape)
    xg = x.reshape([d for d, _ in groups])
    keep = [k for k, (_, r) in enumerate(groups) if not r]
    if groups[-1][1] and len(groups) <= 2 or len(groups) > 3:
        # the reduced dims innermost (TF transposes them there when the rank is > 3):
        # Eigen's tree reduction (a Sum's; a Prod's adds in order)
        x2 = np.transpose(xg, keep + red).reshape(m, -1)
        out = _tree(x2, op, init) if tree else _in_order(x2, op, init)
    else:
        # [reduced, kept], [kept, reduced, kept], [reduced, kept, reduced]: Eigen's generic
        # reducer, in order, the last reduced dim's loop outermost
        out = _in_order(np.transpose(xg, keep + red[::-1]).reshape(m, -1), op, init)
    return out.reshape(shape)


def _sum(x, axes, keep_dims=False, **_):
    return _reduce(x, axes, keep_dims, np.add, 0.0)


def _prod(x, axes, keep_dims=False, **_):
    return _reduce(x, axes, keep_dims, np.multiply, 1.0, tree=False)


def _mean(x, axes, keep_dims=False, **_):
    s = _sum(x, axes, keep_dims)
    n = x.size // max(s.size, 1) if x.size else \
        int(np.prod([x.shape[a] for a in _red._norm_axes(x, axes)]))
    return _round(s / _round(np.float32(n)))


def _scan(op, init):
    def kernel(x, axis, exclusive=False, reverse=False, **_):
        x = np.asarray(x, np.float32)
        ax = int(axis)
        if not -x.ndim <= ax < x.ndim:
            raise _scans._bad_scan_axis(ax, x.ndim)
        ax %= x.ndim
        y = np.moveaxis(x, ax, 0)
        if reverse:
            y = y[::-1]
        out = np.empty_like(y)
        acc = np.full(y.shape[1:], init, np.float32)
        for i in range(y.shape[0]):
            nxt = _round(op(acc, y[i]))
            out[i] = acc if exclusive else nxt
            acc = nxt
        if reverse:
            out = out[::-1]
        return np.ascontiguousarray(np.moveaxis(out, 0, ax))
    return kernel


def _addn(*xs, **_):
    """reductions._addn_kernel's order (n % 8 inputs, then blocks of 8 added on), each
    addition rounded."""
    if len(xs) == 1:
        return xs[0]

    def run(ys):
        out = ys[0]
        for y in ys[1:]:
            out = _round(np.add(out, y))
        return out
    r = len(xs) % 8
    r = 8 if r == 0 else 9 if r == 1 else r
    out = run(xs[:r])
    for k in range(r, len(xs), 8):
        out = _round(np.add(out, run(xs[k:k + 8])))
    return out


def _squared_difference(x, y, **_):
    """TF's functor: (x - y) rounded, then squared and rounded."""
    d = _round(np.subtract(x, y))
    return _round(d * d)


def _matmul(a, b, **attrs):
    """The float32 product, truncated to bfloat16 (TF's FloatToBFloat16: the low 16 bits
    dropped), NaN as 0x7FC0."""
    f = np.asarray(_linalg._matmul_kernel(a, b, **attrs), np.float32)
    out = (f.view(np.uint32) & np.uint32(0xFFFF0000)).view(np.float32)
    return np.where(np.isnan(f), np.float32(np.nan), out)


def _maximum(x, y, **_):
    return np.where(x < y, y, x)


def _minimum(x, y, **_):
    return np.where(y < x, y, x)


def _relu(x, **_):
    return np.where(x < 0, np.float32(0), x)


def _neg(x, **_):
    return np.negative(x)


for _name, _kernel in [("Sum", _sum), ("Prod", _prod), ("Mean", _mean),
                       ("Cumsum", _scan(np.add, 0.0)), ("Cumprod", _scan(np.multiply, 1.0)),
                       ("AddN", _addn), ("MatMul", _matmul),
                       ("SquaredDifference", _squared_difference), ("Maximum", _maximum),
                       ("Minimum", _minimum), ("Relu", _relu), ("Neg", _neg)]:
    register_bfloat16_kernel(_name, _kernel)
