"""QuantizedConcat (TF 1.14's quantized_concat_op.cc and quantization_utils.h): quantized
tensors, each with its own float range, joined along concat_dim in one output range (the
union of the ranges with 0.0 included; symmetric for signed types). An input whose range
differs is requantized with TF's Eigen formulas (DEQUANTIZE_WITH_EIGEN then
QUANTIZE_WITH_EIGEN) in float32, so the levels are TF's to the bit. TF 1.14 has CPU kernels
for quint8 and qint32 only; there is no gradient.
"""
from __future__ import annotations

import collections

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, to_tensor
from .joining import _concat_infer

_F32 = np.float32
_KERNELS = {_dt.quint8: (0, 8, np.uint8), _dt.qint32: (-2 ** 31, 32, np.int32)}


def _round(v):
    """std::round in float32: halves away from zero."""
    return (np.sign(v) * np.floor(np.abs(v) + _F32(0.5))).astype(_F32)


def _requantize(q, in_min, in_max, out_min, out_max, lo, bits):
    steps = 2.0 ** bits
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        scale_in = _F32(float(_F32(in_max - in_min)) / (steps - 1.0))
        start = in_min if in_max == in_min else _F32(_round(_F32(in_min / scale_in)) * scale_in)
        x = (_F32(start - _F32(_F32(lo) * scale_in)) + (q.astype(_F32) * scale_in)).astype(_F32)
        scale = _F32(0.0) if out_max == out_min else \
            _F32((steps - 1.0) / float(_F32(out_max - out_min)))
        offset = _F32(_round(_F32(out_min * scale)) - _F32(lo))
        r = (_round((x * scale).astype(_F32)) - offset).astype(_F32)
        r = np.clip(r, max(_F32(lo), _F32(-2.147483648e+09)),
                    min(_F32(lo + steps - 1), _F32(2.147483520e+09)))
    return r.astype(np.int64)


def _shape_text(a):
    return "[" + ",".join(str(d) for d in np.shape(a)) + "]"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _concat(dim_v, raws, mins, maxes, lo, bits, signed):
    if np.ndim(dim_v) != 0 and np.size(dim_v) != 1:
        raise _invalid(f"Concat dim tensor should be a scalar integer, but got shape "
                       f"{_shape_text(dim_v)}")
    dim = int(np.asarray(dim_v).reshape(-1)[0])
    mins = [_F32(np.asarray(m).reshape(-1)[0]) for m in mins]
    maxes = [_F32(np.asarray(m).reshape(-1)[0]) for m in maxes]
    out_min = min(_F32(0.0), min(mins))
    out_max = max(maxes)
    if signed:
        largest = max(abs(out_min), abs(out_max))
        out_min, out_max = -largest, largest
    first = raws[0]
    rank = first.ndim
    if not (rank == 0 or 0 <= dim < rank):
        raise _invalid(f"ConcatOp : Expected concatenating dimensions in the range [0, "
                       f"{rank}), but got {dim}")
    for i, r in enumerate(raws[1:], 1):
        if r.ndim != rank:
            raise _invalid(f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                           f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(r)}")
        if any(r.shape[j] != first.shape[j] for j in range(rank) if j != dim):
            raise _invalid(f"ConcatOp : Dimensions of inputs should match: shape[0] = "
                           f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(r)}")
    parts = [r.astype(np.int64) if (mn == out_min and mx == out_max) else
             _requantize(r, mn, mx, out_min, out_max, lo, bits)
             for r, mn, mx in zip(raws, mins, maxes)]
    return np.concatenate(parts, axis=dim), _F32(out_min), _F32(out_max)


def _infer(inputs, attrs):
    n = attrs["N"]
    dim, values = inputs[0], inputs[1:1 + n]
    for t in inputs[1 + n:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    (dt, shape), = _concat_infer(list(values) + [dim], attrs)
    return [(dt, shape), (_dt.float32, TensorShape([])), (_dt.float32, TensorShape([]))]


def _bind(node, ctx):
    dtype = node.op._inputs[1].dtype.base_dtype
    n = node.attrs["N"]
    if dtype not in _KERNELS:
        attrs = f"N={n}, T=DT_{dtype.name.upper()}"
        msg = _invalid(f"No OpKernel was registered to support Op 'QuantizedConcat' used by "
                       f"node {node.name} with these attrs: [{attrs}]")

        def fail(*_):
            raise msg
        return fail
    lo, bits, base = _KERNELS[dtype]

    def run(dim, *rest):
        raws = [np.asarray(v).view(base) for v in rest[:n]]
        out, mn, mx = _concat(dim, raws, rest[n:2 * n], rest[2 * n:], lo, bits, lo < 0)
        return (out.astype(base).view(dtype.as_numpy_dtype), np.asarray(mn, _F32),
                np.asarray(mx, _F32))
    return run


register_op("QuantizedConcat", infer=_infer, bind=_bind, grad=None)

QuantizedConcat = collections.namedtuple("QuantizedConcat",
                                         ["output", "output_min", "output_max"])


def _list(arg, value):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to 'QuantizedConcat' Op, not "
                        f"{value!r}.")
    return list(value)


def quantized_concat(concat_dim, values, input_mins, input_maxes, name=None):
    """Quantized tensors joined along concat_dim in one range: (output, output_min,
    output_max) (QuantizedConcat)."""
    op = "QuantizedConcat"
    values = _list("values", values)
    input_mins = _list("input_mins", input_mins)
    input_maxes = _list("input_maxes", input_maxes)
    n = len(values)
    if n < 2:
        raise ValueError(f"List argument 'values' to '{op}' Op with length {n} shorter than "
                         "minimum length 2.")
    for arg, lst in (("input_mins", input_mins), ("input_maxes", input_maxes)):
        if len(lst) != n:
            raise ValueError(f"List argument '{arg}' to 'quantized_concat' Op with length "
                             f"{len(lst)} must match length {n} of argument 'values'.")
    with name_scope(name or op) as scope:   # TF's op_def_library takes the name
        dim = concat_dim if isinstance(concat_dim, Tensor) else \
            to_tensor(concat_dim, dtype=_dt.int32, name="concat_dim")
        vs = [to_tensor(v) for v in values]
        types = [v.dtype.base_dtype for v in vs]
        if any(t is not types[0] for t in types):
            raise TypeError(f"Tensors in list passed to 'values' of '{op}' Op have types "
                            f"[{', '.join(t.name for t in types)}] that don't all match.")
        mins, maxes = ([to_tensor(m, dtype=_dt.float32, name=f"{arg}_{i}")
                        if not isinstance(m, Tensor) else m for i, m in enumerate(lst)]
                       for arg, lst in (("input_mins", input_mins),
                                        ("input_maxes", input_maxes)))
        return QuantizedConcat(*apply(op, [dim] + vs + mins + maxes,
                                      {"N": n, "T": types[0]}, scope))
