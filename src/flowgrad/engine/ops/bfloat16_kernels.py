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

and (tests/golden/math/gen_bfloat16_ops.py). TF 1.14 has no bfloat16 CPU kernel for many
ops; its placer then puts them on the XLA_CPU device (log_device_placement shows
device:XLA_CPU:0 for Sigmoid, Softmax, LogSoftmax, Selu, Conv2D, Conv3D,
DepthwiseConv2dNative, BatchMatMulV2, AvgPool, FusedBatchNormV2, L2Loss, Exp, Tanh,
SquaredDifference), whose lowering gives these bits:

- Sigmoid (XLA_CPU): 0.5 + 0.5 * tanh(0.5 * x), each step rounded (sigmoid(-8) is 0,
  sigmoid(-6) 2**-9: tanh(-3) rounds to -0.99609375).
- SigmoidGrad (XLA_CPU): (dy * y) * (1 - y); TanhGrad: dy * (1 - y * y); RsqrtGrad:
  (dy * y**3) * -0.5; SeluGrad: dy * scale or dy * (y + scale_alpha); SoftsignGrad (CPU):
  dy / (1 + |x|)**2; each step rounded.
- Tan (XLA_CPU): sin / cos; Asin: 2 * atan2(x, 1 + sqrt(1 - x * x)); Acos: 2 * atan2(sqrt(1 -
  x * x), 1 + x), pi at -1; Acosh: log(x + sqrt((x + 1) * (x - 1))); each step rounded. Atanh
  (XLA_CPU): 0.5 * log((1 + x) / (1 - x)) in float32, rounded once (XLA's scalar loop). Sign
  (XLA_CPU): copysign(x != 0, x) under DAZ (-0.0 and negative denormals give -0.0, NaN 1).
- Selu (XLA_CPU): scale_alpha * expm1(x) or scale * x, each step rounded.
- Softmax (XLA_CPU): e = exp(x - max) rounded, divided by its float32 row sum (in order)
  rounded; LogSoftmax: (x - max) - log of that rounded sum, each step rounded;
  SparseSoftmaxCrossEntropyWithLogits: loss -(LogSoftmax at the label), backprop softmax -
  onehot, each step rounded.
- Conv2D, Conv3D, DepthwiseConv2dNative, BatchMatMulV2, AvgPool, FusedBatchNormV2 (XLA_CPU)
  and BiasAdd, Dilation2D (CPU): their float32 kernel, rounded once (registry.dtype_def).
- Softplus (CPU): log(exp(x) + 1) for every x, each step rounded (TF's functor has no
  threshold branch for bfloat16: its bits never take x or exp(x) alone); Softsign (CPU):
  x / (1 + |x|), each step rounded.
- SegmentSum / UnsortedSegmentSum / SegmentProd / UnsortedSegmentProd (CPU): each row
  combined in input order, rounded; SegmentMean: that sum divided by the count as a
  bfloat16; SparseSegmentSum: its kernel's chunks of 8 (sparse._ssr_sum), each sum rounded.
- Cross (CPU): each product rounded, then their difference.
- Less / LessEqual: TF 1.14 registers two CPU kernels for bfloat16, so its placer fails
  every run of the graph ("Multiple OpKernel registrations match NodeDef").
- Bit copies (Concat, Gather, Pad, Tile, Select, Transpose, MaxPool), Max / Min / ArgMax
  and the casts need nothing more.
- Maximum / Minimum / Relu: bfloat16's scalar `x < y ? y : x` (`y < x ? y : x`, `x < 0 ? 0 :
  x`) compares in float, where the run's DAZ reads a denormal as zero, and gives the chosen
  operand's bits: Maximum(1e-40, 0) is 1e-40, Relu(-1e-40) is -1e-40 (float32's maxps
  flushes both; golden math/denormal_arith).
- Neg: the scalar -x, a sign flip for every element (no packets' 0 - x, elementwise.py).
"""
from __future__ import annotations

import operator
import struct

import numpy as np

from ..framework import op_traceback
from ..framework.dtypes import bfloat16 as _BF16
from ..framework.dtypes import round_bfloat16 as _round
from ..framework.errors import InvalidArgumentError
from ..framework.registry import OPS, register_bfloat16_kernel
from . import activations as _activations  # noqa: F401 - registers Softmax, Selu..
from . import comparison as _comparison  # noqa: F401 - registers Less, LessEqual
from . import linalg as _linalg
from . import linalg_solve as _linalg_solve
from . import losses as _losses  # noqa: F401 - registers SparseSoftmaxCrossEntropyWithLogits
from . import reductions as _red
from . import scans as _scans
from . import segment as _seg
from . import segment_reduce as _segment_reduce  # noqa: F401 - registers the Prod ops
from . import sparse as _sparse

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


_LOW = np.uint32(0x7FFF)
_HIGH = np.uint32(0xFFFF0000)
_SIXTEEN = np.uint32(16)
_EXP = np.uint32(0x7F800000)
_SIGN = np.uint32(0x80000000)


def _daz(x):
    """x (float32) with its denormals read as zeros of their sign: TF's CPU threads run
    with DAZ and FTZ set, so a running sum or product never sees or makes a denormal."""
    x = np.asarray(x, np.float32)
    tiny = (x.view(np.uint32) & _EXP) == 0
    if not tiny.any():
        return x
    return np.where(tiny, np.copysign(np.float32(0), x), x).astype(np.float32)


class _Rounder:
    """Rounds one float32 array (C-contiguous) to bfloat16 in place, ties to even, with a
    scratch buffer: the steps of a running sum or product without a temporary (dtypes.
    round_bfloat16's arithmetic on the bits). A NaN stays a NaN (its mantissa bits are in
    the high half: every value here is a sum or product of bfloat16 values); `done` gives
    TF's NaN, 0x7FC0."""

    def __init__(self, acc, ftz=True):
        self.u = acc.view(np.uint32)
        self.t = np.empty(acc.shape, np.uint32)
        self.ftz = ftz

    def __call__(self):
        self.step(self.u, self.t, self.ftz)

    @staticmethod
    def step(u, t, ftz=True):
        """u (float32 bits) rounded in place, t: a scratch of its shape; `ftz`: a denormal
        result made a zero of its sign (False where _may_underflow says none can come)."""
        np.right_shift(u, _SIXTEEN, out=t)
        np.bitwise_and(t, 1, out=t)
        np.add(t, _LOW, out=t)
        np.add(u, t, out=u)
        np.bitwise_and(u, _HIGH, out=u)
        if ftz:
            np.bitwise_and(u, _EXP, out=t)
            if not t.all():
                u[t == 0] &= _SIGN

    @staticmethod
    def done(acc):
        return _round(acc) if np.isnan(acc).any() else acc


def _may_underflow(x, op):
    """False where no running sum or product of x's values (denormals already zeros) can
    give a denormal, so the steps need no FTZ: a sum of bfloat16 values of magnitude at
    least 2**-110 is a multiple of 2**-117; a product's magnitude stays above 2**-120 when
    the logs of the factors below 1, all of them, with each step's rounding (2**-9 at
    most), add up to more than that."""
    x = np.asarray(x, np.float32)
    if op is np.add:   # (|x| - 1 in the bits: 0 wraps to the largest)
        m = np.bitwise_and(x.view(np.uint32), np.uint32(0x7FFFFFFF))
        m -= np.uint32(1)
        return bool((m < _TINY_SUM).any())
    a = np.abs(x)
    small = a[(a > 0) & (a < 1)]
    return float(np.log2(small.astype(np.float64)).sum()) - 0.003 * a.size <= -120.0


_TINY_SUM = np.float32(2.0 ** -110).view(np.uint32) - np.uint32(1)
_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
_SCALAR_OP = {np.add: operator.add, np.multiply: operator.mul}
_SCALAR_LANES = 16   # at most this many lanes: one Python loop each (cheaper than NumPy's)


def _scalar_steps(values, op, init):
    """[init op v0, (init op v0) op v1, ...], each step rounded, for one lane of bfloat16
    values, in Python floats (a NumPy call per step costs more on one value). A sum or
    product of two bfloat16 values in float64, then packed to float32, is the float32
    result (double rounding is innocuous for + and * from 53 to 24 bits); a float32 too
    large gives an infinity, as float32 arithmetic does."""
    f, acc, out = _SCALAR_OP[op], float(init), []
    pack, unpack, upack, uunpack = _F32.pack, _F32.unpack, _U32.pack, _U32.unpack
    for v in values:
        s = f(acc, v)
        try:
            b = uunpack(pack(s))[0]
        except OverflowError:
            b = 0x7F800000 if s > 0 else 0xFF800000
        b = ((b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000) & 0xFFFFFFFF
        acc = unpack(upack(b if b & 0x7F800000 else b & 0x80000000))[0]   # (FTZ)
        out.append(acc)
    return out


def _in_order(x2, op, init):
    """Each row of x2 reduced in column order, each step rounded."""
    if x2.shape[0] <= _SCALAR_LANES and x2.shape[1]:
        return _Rounder.done(np.array([_scalar_steps(row, op, init)[-1]
                                       for row in np.asarray(x2).tolist()], np.float32))
    acc = np.full(x2.shape[0], init, np.float32)
    rnd = _Rounder(acc, _may_underflow(x2, op))
    for col in np.asarray(x2, np.float32).T:
        op(acc, col, out=acc)
        rnd()
    return _Rounder.done(acc)


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
            # (FTZ: _daz on each result)
            return _daz(_round(op(_daz(_round(op(np.float32(init), left))), right)))
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
    x = _daz(x)
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
        x = _daz(x)
        ax = int(axis)
        if not -x.ndim <= ax < x.ndim:
            raise _scans._bad_scan_axis(ax, x.ndim)
        ax %= x.ndim
        y = np.moveaxis(x, ax, 0)
        if reverse:
            y = y[::-1]
        # buf[i + 1] = buf[i] op y[i], rounded in place: the inclusive scan is buf[1:],
        # the exclusive one buf[:-1]
        n = y.shape[0]
        y2 = y.reshape(n, -1)
        buf = np.empty((n + 1, y2.shape[1]), np.float32)
        buf[0] = init
        if y2.shape[1] <= _SCALAR_LANES:
            for j, lane in enumerate(y2.T.tolist()):
                buf[1:, j] = _scalar_steps(lane, op, init)
        else:
            u, t = buf.view(np.uint32), np.empty(y2.shape[1], np.uint32)
            ftz = _may_underflow(y2, op)
            for i in range(n):
                op(buf[i], y2[i], out=buf[i + 1])
                _Rounder.step(u[i + 1], t, ftz)
        out = _Rounder.done(buf[:-1] if exclusive else buf[1:]).reshape(y.shape)
        if reverse:
            out = out[::-1]
        return np.ascontiguousarray(np.moveaxis(out, 0, ax))
    return kernel


def _addn(*xs, **_):
    """reductions._addn_kernel's order (n % 8 inputs, then blocks of 8 added on), each
    addition rounded."""
    if len(xs) == 1:
        return xs[0]

    ftz = any(_may_underflow(x, np.add) for x in xs)   # (denormals are tiny too)
    if ftz:
        xs = [_daz(x) for x in xs]

    def run(ys):
        out = np.array(ys[0], np.float32)   # (a copy, C-contiguous)
        rnd = _Rounder(out, ftz)
        for y in ys[1:]:
            np.add(out, y, out=out)
            rnd()
        return out, rnd
    r = len(xs) % 8
    r = 8 if r == 0 else 9 if r == 1 else r
    out, rnd = run(xs[:r])
    for k in range(r, len(xs), 8):
        np.add(out, run(xs[k:k + 8])[0], out=out)
        rnd()
    return _Rounder.done(out)


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


_HALF, _ONE = np.float32(0.5), np.float32(1)
_SELU_SCALE = _round(np.float32(1.0507009873554804934193349852946))
_SELU_SCALE_ALPHA = _round(np.float32(1.7580993408473768599402175208123))


def _f32(op_type, *args):
    """op_type's float32 kernel on args, rounded to bfloat16 (TF's bfloat16 exp, log,
    tanh: the float function, rounded)."""
    return _round(OPS[op_type].kernel(*args))


def _sigmoid(x, **_):
    return _round(_HALF + _round(_HALF * _f32("Tanh", _round(_HALF * x))))


def _sigmoid_grad(y, dy, **_):
    """SigmoidGrad (XLA_CPU): (dy * y) * (1 - y), each step rounded."""
    return _round(_round(dy * y) * _round(_ONE - y))


def _tanh_grad(y, dy, **_):
    """TanhGrad (XLA_CPU): dy * (1 - y * y), each step rounded."""
    return _round(dy * _round(_ONE - _round(y * y)))


def _rsqrt_grad(y, dy, **_):
    """RsqrtGrad (XLA_CPU): (dy * ((y * y) * y)) * -0.5, each step rounded."""
    return _round(_round(dy * _round(_round(y * y) * y)) * np.float32(-0.5))


def _selu_grad(dy, y, **_):
    """SeluGrad (XLA_CPU): dy * scale where y > 0, else dy * (y + scale_alpha); each step
    rounded."""
    return np.where(y > 0, _round(dy * _SELU_SCALE), _round(dy * _round(y + _SELU_SCALE_ALPHA)))


def _softsign_grad(dy, x, **_):
    """SoftsignGrad (CPU): dy / (1 + |x|)**2, each step rounded."""
    a = _round(np.abs(x) + _ONE)
    return _round(dy / _round(a * a))


def _softplus(x, **_):
    return _f32("Log", _round(_f32("Exp", x) + _ONE))


def _softsign(x, **_):
    return _round(x / _round(_ONE + np.abs(x)))


def _selu(x, **_):
    neg = _round(_SELU_SCALE_ALPHA * _f32("Expm1", np.minimum(x, np.float32(0))))
    return np.where(x < 0, neg, _round(_SELU_SCALE * x))


def _softmax_parts(x):
    """(x - max rounded, exp of it rounded, its float32 sum over the last axis in order,
    rounded)."""
    x = np.asarray(x, np.float32)
    shifted = _round(x - x.max(axis=-1, keepdims=True)) if x.size else x
    e = _f32("Exp", shifted)
    total = np.cumsum(e, axis=-1, dtype=np.float32)[..., -1:] if x.size else e
    return shifted, e, _round(total)


def _softmax(x, **_):
    _, e, total = _softmax_parts(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _round(e / total)


def _log_softmax(x, **_):
    shifted, _, total = _softmax_parts(x)
    with np.errstate(divide="ignore"):
        return _round(shifted - _f32("Log", total))


def _sparse_xent(logits, labels, **_):
    """SparseSoftmaxCrossEntropyWithLogits (XLA_CPU): with Softmax's rounded steps, loss =
    -(shifted - log(sum))[label], backprop = e / sum - onehot, each step rounded. A label out
    of range keeps the float32 kernel's error (TF's XLA_CPU one there is not modelled)."""
    n, c = logits.shape
    labels = np.asarray(labels)
    if logits.size == 0 or ((labels < 0) | (labels >= c)).any():
        return OPS["SparseSoftmaxCrossEntropyWithLogits"].kernel(logits, labels)
    shifted, e, total = _softmax_parts(logits)
    rows = np.arange(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = -_round(shifted[rows, labels] - _f32("Log", total)[:, 0])
        backprop = _round(e / total)
    backprop[rows, labels] = _round(backprop[rows, labels] - _ONE)
    return loss, backprop


def _add_rounded(a, b):
    return _round(np.add(a, b))


def _mul_rounded(a, b):
    return _round(np.multiply(a, b))


def _sorted_segments(step):
    """SegmentSum / SegmentProd: a segment's first row copied, the others combined with it
    in input order, each step rounded."""
    def kernel(data, segment_ids, **_):
        data, ids, n, rows = _seg._segment_prepare(data, segment_ids)
        return _seg._sum_rows(rows, ids, n, copy_first=True, step=step).reshape(
            (n,) + data.shape[1:])
    return kernel


_segment_sum = _sorted_segments(_add_rounded)


def _segment_mean(data, segment_ids, **_):
    s = _segment_sum(data, segment_ids)
    c = np.maximum(np.bincount(np.asarray(segment_ids).ravel(), minlength=s.shape[0]), 1)
    return _round(s / _round(c.astype(np.float32)).reshape((-1,) + (1,) * (s.ndim - 1)))


def _unsorted_segments(step, init):
    """UnsortedSegmentSum / Prod: each row combined with its segment's value (from `init`)
    in input order, each step rounded."""
    def kernel(data, segment_ids, num_segments, **_):
        rows, ids, n, tail = _seg._unsorted_rows(data, segment_ids, num_segments)
        return _seg._sum_rows(rows, ids, n, step=step, init=init).reshape((n,) + tail)
    return kernel


def _cross(a, b, **_):
    """TF's functor on bfloat16: each product rounded, then their difference."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    _linalg_solve.cross_checks(a, b)
    out = np.empty_like(a)
    for i, (j, k) in enumerate([(1, 2), (2, 0), (0, 1)]):
        out[..., i] = _round(_round(a[..., j] * b[..., k]) - _round(a[..., k] * b[..., j]))
    return out


def _two_kernels(op):
    """The `no_kernel` prop of Less / LessEqual (runtime/placement.py): TF 1.14 registers
    their bfloat16 CPU kernel twice, and its placer fails every run of the graph."""
    if op._inputs[0].dtype.base_dtype is not _BF16:
        return None
    kdef = (f'op: "{op.type}" device_type: "CPU" constraint {{ name: "T" allowed_values '
            f'{{ list {{ type: DT_BFLOAT16 }} }} }}')
    return InvalidArgumentError(   # (TF names no op: str() adds no stack)
        None, None, f"Multiple OpKernel registrations match NodeDef 'node {op.name}"
        f"{op_traceback.defined_suffix(op)} ': '{kdef}' and '{kdef}'\n\t [[{op.name}]]"
        + op_traceback.placer_sources(op))


for _name in ("Less", "LessEqual"):
    OPS[_name].props["no_kernel"] = _two_kernels


def _maximum(x, y, **_):
    return np.where(x < y, y, x)


def _minimum(x, y, **_):
    return np.where(y < x, y, x)


def _relu(x, **_):
    return np.where(x < 0, np.float32(0), x)


def _neg(x, **_):
    return np.negative(x)


_TWO = np.float32(2)
_PI = _round(np.float32(np.pi))


def _tan(x, **_):
    """Tan (XLA_CPU): sin(x) / cos(x), each step rounded."""
    return _round(_f32("Sin", x) / _f32("Cos", x))


def _one_minus_square_root(x):
    return _f32("Sqrt", _round(_ONE - _round(x * x)))


def _asin(x, **_):
    """Asin (XLA_CPU): 2 * atan2(x, 1 + sqrt(1 - x * x)), each step rounded."""
    return _round(_TWO * _f32("Atan2", x, _round(_ONE + _one_minus_square_root(x))))


def _acos(x, **_):
    """Acos (XLA_CPU): 2 * atan2(sqrt(1 - x * x), 1 + x), each step rounded; pi (rounded)
    at x == -1."""
    out = _round(_TWO * _f32("Atan2", _one_minus_square_root(x), _round(_ONE + x)))
    return np.where(x == -1, _PI, out)


def _acosh(x, **_):
    """Acosh (XLA_CPU): log(x + sqrt((x + 1) * (x - 1))), each step rounded."""
    root = _f32("Sqrt", _round(_round(x + _ONE) * _round(x - _ONE)))
    return _f32("Log", _round(x + root))


def _atanh(x, **_):
    """Atanh (XLA_CPU): 0.5 * log((1 + x) / (1 - x)) in float32 (XLA's DoWithUpcastToF32),
    each float32 step rounded, the result rounded once, the input's denormals read as zero.
    This is the bits of XLA's scalar loop; the lanes it vectorizes (which depend on the
    element count) divide by rcpps + one Newton step, not modelled here (at 0 those give
    -2**-25)."""
    x = _daz(x)
    q = ((_ONE + x).astype(np.float32) / (_ONE - x).astype(np.float32)).astype(np.float32)
    return _round((_HALF * OPS["Log"].kernel(q)).astype(np.float32))


def _sign(x, **_):
    """Sign (XLA_CPU): copysign(x != 0, x) under the run's DAZ: a zero or a denormal gives a
    zero of its sign, NaN gives 1 of its sign."""
    return np.copysign(np.where(_daz(x) == 0, np.float32(0), _ONE), x)


for _name, _kernel in [("Sum", _sum), ("Prod", _prod), ("Mean", _mean),
                       ("Cumsum", _scan(np.add, 0.0)), ("Cumprod", _scan(np.multiply, 1.0)),
                       ("AddN", _addn), ("MatMul", _matmul),
                       ("SquaredDifference", _squared_difference), ("Maximum", _maximum),
                       ("Minimum", _minimum), ("Relu", _relu), ("Neg", _neg),
                       ("Tan", _tan), ("Asin", _asin), ("Acos", _acos), ("Acosh", _acosh),
                       ("Atanh", _atanh), ("Sign", _sign),
                       ("Sigmoid", _sigmoid), ("SigmoidGrad", _sigmoid_grad),
                       ("TanhGrad", _tanh_grad), ("RsqrtGrad", _rsqrt_grad),
                       ("SeluGrad", _selu_grad), ("SoftsignGrad", _softsign_grad),
                       ("Softplus", _softplus), ("Softsign", _softsign),
                       ("Selu", _selu), ("Softmax", _softmax),
                       ("SparseSoftmaxCrossEntropyWithLogits", _sparse_xent),
                       ("LogSoftmax", _log_softmax),
                       ("SegmentSum", _segment_sum), ("SegmentMean", _segment_mean),
                       ("UnsortedSegmentSum", _unsorted_segments(_add_rounded, 0)),
                       ("UnsortedSegmentProd", _unsorted_segments(_mul_rounded, 1)),
                       ("SegmentProd", _sorted_segments(_mul_rounded)), ("Cross", _cross),
                       ("SparseSegmentSum", _sparse._ssr_kernel(None, rnd=_round)),
                       ("SparseSegmentSumWithNumSegments", _sparse._ssr_kernel(
                           None, "SparseSegmentSumWithNumSegments", rnd=_round))]:
    register_bfloat16_kernel(_name, _kernel)
