"""Fake quantization (TF 1.14's fake_quant_ops.cc and fake_quant_ops_functor.h): float32
inputs rounded to the 2^num_bits levels of a range [min, max] that is first nudged so
that 0.0 is a level. Six ops: FakeQuantWithMinMaxArgs (range as attrs), ...Vars (scalar
tensors), ...VarsPerChannel (one range per last-dimension channel), each with its
*Gradient op (the straight-through estimator: the gradient passes where the input lies
inside the nudged range; for Vars the gradient of min/max sums what fell below/above).

Everything is computed in float32 in TF's order, so the levels are TF's to the bit.
"""
from __future__ import annotations

import collections

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_sum as _eigen_sum
from ._base import apply, to_tensor

_F32 = np.float32


def _check_float32(op_type, t, arg):
    if t.dtype.base_dtype is not _dt.float32:
        raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                        "that does not match expected type of float32.")


def _check_bits(num_bits):
    if not 2 <= num_bits <= 16:
        raise errors.InvalidArgumentError(None, None,
                                          "num_bits must be between 2 and 16, inclusive")


def _nudge(mn, mx, num_bits, narrow_range):
    """TF's Nudge: (nudged_min, nudged_max, scale), elementwise over float32 arrays."""
    qmin = _F32(1.0 if narrow_range else 0.0)
    qmax = _F32((1 << num_bits) - 1)
    mn = np.asarray(mn, _F32)
    mx = np.asarray(mx, _F32)
    scale = (mx - mn) / (qmax - qmin)
    with np.errstate(divide="ignore", invalid="ignore"):
        zp_from_min = qmin - mn / scale
    # std::round: halves away from zero (the zero point is >= 0 here)
    rounded = np.floor(zp_from_min + _F32(0.5)).astype(_F32)
    zp = np.where(zp_from_min < qmin, qmin, np.where(zp_from_min > qmax, qmax, rounded))
    zp = zp.astype(_F32)
    return (qmin - zp) * scale, (qmax - zp) * scale, scale


def _quantize(x, nmin, nmax, scale, divide=False):
    """floor((clamp(x) - nmin) / scale + 0.5) * scale + nmin: TF 1.14's Args functor
    multiplies by 1 / scale, its Vars and PerChannel functors divide by scale (the two
    differ where the quotient rounds to a half: 2.0 in [-6, 6] gives 2.0235295 by the
    first, 1.9764705 by the second)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        clamped = np.maximum(np.minimum(x, nmax), nmin)
        steps = (clamped - nmin) / scale if divide else (clamped - nmin) * (_F32(1.0) / scale)
        return (np.floor(steps + _F32(0.5)) * scale + nmin).astype(_F32)


def _zero_range(mn, mx):
    """TF's Vars functors: a range with min == max == 0 quantizes to 0 and passes the
    whole gradient to the input (per channel: that channel)."""
    return (np.asarray(mn) == 0) & (np.asarray(mx) == 0)


def _inside(x, nmin, nmax):
    return (x >= nmin) & (x <= nmax)


# -- infer rules ---------------------------------------------------------------------------
def _rank(t, rank):
    n = t.shape.ndims
    if n is not None and n != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {n}")


def _same_as_input(inputs, attrs):
    return [(_dt.float32, inputs[0].shape)]


def _vars_infer(inputs, attrs, grad=False):
    x = inputs[1] if grad else inputs[0]
    rest = inputs[2:] if grad else inputs[1:]
    for t in rest:
        _rank(t, 0)
    if grad:
        inputs[0].shape.merge_with(x.shape)
        return [(_dt.float32, x.shape), (_dt.float32, TensorShape([])),
                (_dt.float32, TensorShape([]))]
    return [(_dt.float32, x.shape)]


def _channel_infer(inputs, attrs, grad=False):
    x = inputs[1] if grad else inputs[0]
    rest = inputs[2:] if grad else inputs[1:]
    if x.shape.ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if grad and x.shape.ndims is not None and x.shape.ndims > 4:  # TF: the gradient op only
        raise ValueError(f"Shape must be at most rank 4 but is rank {x.shape.ndims}")
    depth = x.shape[-1] if x.shape.ndims is not None else None
    for t in rest:
        _rank(t, 1)
        d = t.shape[0] if t.shape.ndims is not None else None
        if depth is not None and d is not None and depth != d:
            raise ValueError(f"Dimensions must be equal, but are {depth} and {d}")
        depth = depth if depth is not None else d
    if grad:
        inputs[0].shape.merge_with(x.shape)
        return [(_dt.float32, x.shape), (_dt.float32, TensorShape([depth])),
                (_dt.float32, TensorShape([depth]))]
    return [(_dt.float32, x.shape)]


# -- kernels -------------------------------------------------------------------------------
def _args_kernel(x, min=-6.0, max=6.0, num_bits=8, narrow_range=False, **_):  # noqa: A002
    if not min < max:
        raise errors.InvalidArgumentError(None, None, f"min has to be smaller than max, was: "
                                          f"{min:g} >= {max:g}")
    _check_bits(num_bits)
    return _same_dtype(_quantize(x, *_nudge(min, max, num_bits, narrow_range)), x)


def _same_dtype(out, x):
    """The float32 result in x's dtype (graphs give float32 only; a kernel keeps its
    input's dtype on every NumPy: tests/test_numpy1_dtypes.py)."""
    return out.astype(np.asarray(x).dtype, copy=False)


def _args_grad_kernel(g, x, min=-6.0, max=6.0, num_bits=8, narrow_range=False,  # noqa: A002
                      **_):
    if not min < max:
        raise errors.InvalidArgumentError(None, None, f"min has to be smaller than max, was: "
                                          f"{min:g} >= {max:g}")
    _check_bits(num_bits)
    nmin, nmax, _ = _nudge(min, max, num_bits, narrow_range)
    return _same_dtype((g * _inside(x, nmin, nmax)).astype(_F32), g)


def _vars_kernel(x, mn, mx, num_bits=8, narrow_range=False, **_):
    _check_bits(num_bits)
    out = _quantize(x, *_nudge(mn, mx, num_bits, narrow_range), divide=True)
    return _same_dtype(np.where(_zero_range(mn, mx), _F32(0), out).astype(_F32), x)


def _masked_sum(g, mask, intra_threads):
    """TF's `(gradients * mask.cast<float>()).sum()`: Eigen's full reduction (its packet
    tree, eigen_sum.full_sum), not NumPy's pairwise sum."""
    return np.asarray(_eigen_sum.full_sum((g * mask.astype(_F32)).astype(_F32),
                                          intra_threads), _F32)


def _vars_grad_kernel(g, x, mn, mx, num_bits=8, narrow_range=False, intra_threads=None, **_):
    _check_bits(num_bits)
    g = np.asarray(g, _F32)
    x = np.asarray(x, _F32)
    if _zero_range(mn, mx):
        return g, np.zeros((), _F32), np.zeros((), _F32)
    nmin, nmax, _ = _nudge(mn, mx, num_bits, narrow_range)
    dx = (g * _inside(x, nmin, nmax)).astype(_F32)
    return dx, _masked_sum(g, x < nmin, intra_threads), _masked_sum(g, x > nmax, intra_threads)


def _channel_grad_kernel(g, x, mn, mx, num_bits=8, narrow_range=False, intra_threads=None,
                         **_):
    """Per channel: TF reshapes the input to [n, depth] and sums each channel's chip on
    its own (a full reduction of the column, in Eigen's order)."""
    _check_bits(num_bits)
    g = np.asarray(g, _F32)
    x = np.asarray(x, _F32)
    nmin, nmax, _ = _nudge(mn, mx, num_bits, narrow_range)
    zero = _zero_range(mn, mx)
    dx = np.where(zero, g, g * _inside(x, nmin, nmax)).astype(_F32)
    depth = x.shape[-1]
    g2, x2 = g.reshape(-1, depth), x.reshape(-1, depth)
    lo = np.broadcast_to(np.asarray(nmin, _F32), (depth,))
    hi = np.broadcast_to(np.asarray(nmax, _F32), (depth,))
    dmin = np.array([_masked_sum(g2[:, c], x2[:, c] < lo[c], intra_threads)
                     for c in range(depth)], _F32)
    dmax = np.array([_masked_sum(g2[:, c], x2[:, c] > hi[c], intra_threads)
                     for c in range(depth)], _F32)
    return (dx, np.where(zero, _F32(0), dmin).astype(_F32),
            np.where(zero, _F32(0), dmax).astype(_F32))


# -- gradients -----------------------------------------------------------------------------
def _attrs(op, names):
    return {k: op._get_attr(k) for k in names}


_ARGS_ATTRS = ("min", "max", "num_bits", "narrow_range")
_VARS_ATTRS = ("num_bits", "narrow_range")


def _args_grad(op, grad):
    """The straight-through gradient: grad where the input lies in the nudged range."""
    return [apply("FakeQuantWithMinMaxArgsGradient", [grad, op._inputs[0]],
                  _attrs(op, _ARGS_ATTRS))]


def _vars_grad_rule(grad_type):
    def rule(op, grad):
        """One *Gradient op: d(inputs), d(min), d(max)."""
        x, mn, mx = op._inputs
        return list(apply(grad_type, [grad, x, mn, mx], _attrs(op, _VARS_ATTRS)))
    return rule


register_op("FakeQuantWithMinMaxArgs", infer=_same_as_input, kernel=_args_kernel,
            grad=_args_grad)
register_op("FakeQuantWithMinMaxArgsGradient",
            infer=lambda inputs, attrs: [(_dt.float32,
                                          inputs[0].shape.merge_with(inputs[1].shape))],
            kernel=_args_grad_kernel, grad=no_gradient_registered)
register_op("FakeQuantWithMinMaxVars", infer=_vars_infer, kernel=_vars_kernel,
            grad=_vars_grad_rule("FakeQuantWithMinMaxVarsGradient"))
register_op("FakeQuantWithMinMaxVarsGradient",
            infer=lambda inputs, attrs: _vars_infer(inputs, attrs, grad=True),
            kernel=_vars_grad_kernel, grad=no_gradient_registered, intra_op_threads=True)
register_op("FakeQuantWithMinMaxVarsPerChannel", infer=_channel_infer, kernel=_vars_kernel,
            grad=_vars_grad_rule("FakeQuantWithMinMaxVarsPerChannelGradient"))
register_op("FakeQuantWithMinMaxVarsPerChannelGradient",
            infer=lambda inputs, attrs: _channel_infer(inputs, attrs, grad=True),
            kernel=_channel_grad_kernel, grad=no_gradient_registered,
            intra_op_threads=True)


# -- wrappers (TF 1.14's gen_array_ops signatures) --------------------------------------------
def _f32(op_type, x, arg):
    """An input as TF's op wrapper converts it: Python values to float32."""
    t = to_tensor(x) if hasattr(x, "dtype") else to_tensor(x, dtype=_dt.float32, name=arg)
    _check_float32(op_type, t, arg)
    return t


def fake_quant_with_min_max_args(inputs, min=-6, max=6, num_bits=8,  # noqa: A002
                                 narrow_range=False, name=None):
    """Quantizes float32 `inputs` to 2^num_bits levels of the nudged [min, max]."""
    x = _f32("FakeQuantWithMinMaxArgs", inputs, "inputs")
    return apply("FakeQuantWithMinMaxArgs", [x],
                 {"min": float(min), "max": float(max), "num_bits": int(num_bits),
                  "narrow_range": bool(narrow_range)}, name or "FakeQuantWithMinMaxArgs")


def fake_quant_with_min_max_args_gradient(gradients, inputs, min=-6, max=6,  # noqa: A002
                                          num_bits=8, narrow_range=False, name=None):
    """`gradients` where `inputs` lies in the nudged [min, max], else 0."""
    op = "FakeQuantWithMinMaxArgsGradient"
    g = _f32(op, gradients, "gradients")
    x = _f32(op, inputs, "inputs")
    return apply(op, [g, x], {"min": float(min), "max": float(max), "num_bits": int(num_bits),
                              "narrow_range": bool(narrow_range)}, name or op)


def fake_quant_with_min_max_vars(inputs, min, max, num_bits=8,  # noqa: A002
                                 narrow_range=False, name=None):
    """Quantizes `inputs` to the nudged range of the float32 scalars min and max."""
    op = "FakeQuantWithMinMaxVars"
    ts = [_f32(op, v, n) for v, n in ((inputs, "inputs"), (min, "min"), (max, "max"))]
    return apply(op, ts, {"num_bits": int(num_bits), "narrow_range": bool(narrow_range)},
                 name or op)


def fake_quant_with_min_max_vars_per_channel(inputs, min, max, num_bits=8,  # noqa: A002
                                             narrow_range=False, name=None):
    """Quantizes `inputs` per last-dimension channel with the ranges min[d], max[d]."""
    op = "FakeQuantWithMinMaxVarsPerChannel"
    ts = [_f32(op, v, n) for v, n in ((inputs, "inputs"), (min, "min"), (max, "max"))]
    return apply(op, ts, {"num_bits": int(num_bits), "narrow_range": bool(narrow_range)},
                 name or op)


FakeQuantWithMinMaxVarsGradient = collections.namedtuple(
    "FakeQuantWithMinMaxVarsGradient",
    ["backprops_wrt_input", "backprop_wrt_min", "backprop_wrt_max"])
FakeQuantWithMinMaxVarsPerChannelGradient = collections.namedtuple(
    "FakeQuantWithMinMaxVarsPerChannelGradient",
    ["backprops_wrt_input", "backprop_wrt_min", "backprop_wrt_max"])


def _vars_gradient(op, result, gradients, inputs, min, max, num_bits,  # noqa: A002
                   narrow_range, name):
    ts = [_f32(op, v, n) for v, n in ((gradients, "gradients"), (inputs, "inputs"),
                                      (min, "min"), (max, "max"))]
    return result(*apply(op, ts, {"num_bits": int(num_bits),
                                  "narrow_range": bool(narrow_range)}, name or op))


def fake_quant_with_min_max_vars_gradient(gradients, inputs, min, max,  # noqa: A002
                                          num_bits=8, narrow_range=False, name=None):
    """(d inputs, d min, d max) of FakeQuantWithMinMaxVars."""
    return _vars_gradient("FakeQuantWithMinMaxVarsGradient", FakeQuantWithMinMaxVarsGradient,
                          gradients, inputs, min, max, num_bits, narrow_range, name)


def fake_quant_with_min_max_vars_per_channel_gradient(gradients, inputs, min,  # noqa: A002
                                                      max, num_bits=8,  # noqa: A002
                                                      narrow_range=False, name=None):
    """(d inputs, d min, d max) of FakeQuantWithMinMaxVarsPerChannel (per channel)."""
    return _vars_gradient("FakeQuantWithMinMaxVarsPerChannelGradient",
                          FakeQuantWithMinMaxVarsPerChannelGradient,
                          gradients, inputs, min, max, num_bits, narrow_range, name)
