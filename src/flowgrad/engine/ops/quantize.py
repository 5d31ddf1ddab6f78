"""QuantizeV2 and Dequantize (TF 1.14's quantize_op.cc, dequantize_op.cc and
quantization_utils.h): float32 to the quantized dtypes (quint8, qint8, quint16, qint16,
qint32) and back, in the modes MIN_COMBINED, MIN_FIRST and SCALED, computed in float32
in TF's order. Neither has a gradient in TF 1.14.
"""
from __future__ import annotations

import collections

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, check_choice, to_tensor

_F32 = np.float32
_LIMITS = {_dt.qint8: (-128, 127, np.int8), _dt.quint8: (0, 255, np.uint8),
           _dt.qint16: (-32768, 32767, np.int16), _dt.quint16: (0, 65535, np.uint16),
           _dt.qint32: (-2 ** 31, 2 ** 31 - 1, np.int32)}
_MODES = ("MIN_COMBINED", "MIN_FIRST", "SCALED")
_ROUND = ("HALF_AWAY_FROM_ZERO", "HALF_TO_EVEN")


def _round_away(v):
    return np.sign(v) * np.floor(np.abs(v) + _F32(0.5))


def _as_quantized(values, dtype):
    lo, hi, base = _LIMITS[dtype]
    v = np.asarray(values)
    if base is np.int32:
        # TF's static_cast<int32> of a float32 (x86's cvttss2si): 2^31 (hi as float32),
        # beyond or NaN is INT_MIN; NumPy's own cast of those differs between versions
        v = np.asarray(v, np.float64)
        v = np.where((v >= 2.0 ** 31) | (v < -2.0 ** 31) | np.isnan(v), -2.0 ** 31, v)
    return v.astype(base).view(dtype.as_numpy_dtype)


def _raw(q, dtype):
    return np.asarray(q).view(_LIMITS[dtype][2]).astype(np.float64)


# -- QuantizeV2 ---------------------------------------------------------------------------
def _quantize_infer(inputs, attrs):
    for t in inputs[1:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return [(attrs["T"], inputs[0].shape), (_dt.float32, TensorShape([])),
            (_dt.float32, TensorShape([]))]


def _quantize_kernel(x, in_min, in_max, T=None, mode="MIN_COMBINED",
                     round_mode="HALF_AWAY_FROM_ZERO", **_):
    if round_mode == "HALF_TO_EVEN" and mode != "SCALED":
        raise errors.InvalidArgumentError(
            None, None, f"Round mode 'HALF_TO_EVEN' only supported for mode 'SCALED', but "
            f"mode is '{mode}'.")
    in_min, in_max = _F32(in_min), _F32(in_max)
    if in_max < in_min:
        raise errors.InvalidArgumentError(
            None, None, "input_max_range must be larger than input_min_range.")
    lo, hi, _ = _LIMITS[T]
    x = np.asarray(x, _F32)
    # TF nudges a range too narrow to hold distinct levels
    min_range = min(_F32(0.0), in_min)
    eps = _F32(max(_F32(1.0), max(abs(in_min), abs(in_max))) / _F32(100.0))
    max_range = max(_F32(0.0), max(in_max, _F32(min_range + eps)))
    with np.errstate(over="ignore", invalid="ignore"):
        if mode == "MIN_COMBINED":
            scale = _F32((float(hi) - float(lo)) / float(_F32(max_range - min_range)))
            shifted = (np.minimum(np.maximum(x, min_range), max_range) - min_range) * scale
            if lo < 0:
                half = _F32((hi - lo + 1) / 2.0)
                q = _round_away(shifted - half)
            else:
                q = np.trunc(shifted + _F32(0.5))
        elif mode == "MIN_FIRST":
            steps = float(2 ** (8 * np.dtype(_LIMITS[T][2]).itemsize))
            scale = _F32(0.0 if max_range == min_range else (steps - 1.0) /
                         float(_F32(max_range - min_range)))
            offset = _F32(_round_away(_F32(min_range * scale)))
            q = _round_away((x * scale).astype(_F32)) - _F32(offset - _F32(lo))
            q = np.minimum(np.maximum(q, max(_F32(lo), _F32(-2.147483648e+09))),
                           min(_F32(hi), _F32(2.147483520e+09)))
        else:
            big = np.finfo(np.float32).max
            from_min = _F32(lo / min_range) if lo * min_range > 0 else big
            from_max = _F32(hi / max_range) if hi * max_range > 0 else big
            scale = _F32(min(from_min, from_max))
            min_range = _F32(lo / scale)
            max_range = _F32(hi / scale)
            v = (np.minimum(np.maximum(x, min_range), max_range) * scale).astype(_F32)
            q = np.rint(v) if round_mode == "HALF_TO_EVEN" else _round_away(v)
    q = np.clip(q, _F32(lo), _F32(hi))   # in float32 as TF (NumPy 1.x would promote)
    return _as_quantized(q, T), np.asarray(min_range, _F32), np.asarray(max_range, _F32)


register_op("QuantizeV2", infer=_quantize_infer, kernel=_quantize_kernel,
            grad=no_gradient_registered)


# -- Dequantize -----------------------------------------------------------------------------
def _dequantize_infer(inputs, attrs):
    for t in inputs[1:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return [(_dt.float32, inputs[0].shape)]


def _dequantize_kernel(q, min_range, max_range, T=None, mode="MIN_COMBINED"):
    lo, hi, base = _LIMITS[T]
    v = _raw(q, T).astype(_F32)
    min_range, max_range = _F32(min_range), _F32(max_range)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if mode == "MIN_COMBINED":
            half = _F32(0.0) if lo == 0 else _F32((float(hi) - float(lo) + 1) / 2.0)
            scale = _F32((max_range - min_range) / (_F32(hi) - _F32(lo)))
            out = (v + half) * scale + min_range
        elif mode == "MIN_FIRST":
            if min_range == max_range:
                out = np.full(v.shape, min_range, _F32)
            else:
                steps = float(2 ** (8 * np.dtype(base).itemsize))
                scale = _F32(float(max_range - min_range) / (steps - 1.0))
                # TF starts from min_range rounded to a level
                start = _F32(_round_away(_F32(min_range / scale)) * scale)
                out = v * scale + _F32(start - _F32(lo) * scale)
        else:
            scale = _F32(max_range / _F32(hi)) if lo == 0 else \
                max(_F32(min_range / _F32(lo)), _F32(max_range / _F32(hi)))
            if abs(scale) < np.finfo(_F32).tiny:
                scale = _F32(0.0)   # TF's CPU threads flush denormals to zero
            out = v * scale
    return np.asarray(out, _F32)


register_op("Dequantize", infer=_dequantize_infer, kernel=_dequantize_kernel,
            grad=no_gradient_registered)


# -- wrappers ---------------------------------------------------------------------------------
QuantizeV2 = collections.namedtuple("QuantizeV2", ["output", "output_min", "output_max"])


def _f32(x, name):
    t = to_tensor(x) if hasattr(x, "dtype") else to_tensor(x, dtype=_dt.float32, name=name)
    return t


def quantize_v2(input, min_range, max_range, T, mode="MIN_COMBINED", name=None,  # noqa: A002
                round_mode="HALF_AWAY_FROM_ZERO"):
    """Quantizes float32 `input` in [min_range, max_range] to the quantized dtype T;
    returns (output, output_min, output_max) (QuantizeV2)."""
    with name_scope(name or "QuantizeV2") as scope:   # TF's op_def_library takes the name
        T = _dt.as_dtype(T)
        if T not in _LIMITS:
            raise TypeError(f"Value passed to parameter 'T' has DataType {T.name} not in list "
                            "of allowed values: qint8, quint8, qint32, qint16, quint16")
        check_choice("QuantizeV2", "mode", mode, _MODES)
        check_choice("QuantizeV2", "round_mode", round_mode, _ROUND)
        ts = [_f32(v, n) for v, n in ((input, "input"), (min_range, "min_range"),
                                      (max_range, "max_range"))]
        return QuantizeV2(*apply("QuantizeV2", ts,
                                 {"T": T, "mode": mode, "round_mode": round_mode}, scope))


def quantize(input, min_range, max_range, T, mode="MIN_COMBINED",  # noqa: A002
             round_mode="HALF_AWAY_FROM_ZERO", name=None):
    """tf.quantize: quantize_v2 with TF's argument order."""
    return quantize_v2(input, min_range, max_range, T, mode=mode, name=name,
                       round_mode=round_mode)


def dequantize(input, min_range, max_range, mode="MIN_COMBINED", name=None):  # noqa: A002
    """The float32 values a quantized tensor stands for (Dequantize)."""
    with name_scope(name or "Dequantize") as scope:   # TF's op_def_library takes the name
        check_choice("Dequantize", "mode", mode, _MODES)
        q = to_tensor(input)
        if q.dtype.base_dtype not in _LIMITS:
            raise TypeError(f"Value passed to parameter 'input' has DataType "
                            f"{q.dtype.base_dtype.name} not in list of allowed values: qint8, "
                            "quint8, qint32, qint16, quint16")
        ts = [q, _f32(min_range, "min_range"), _f32(max_range, "max_range")]
        return apply("Dequantize", ts, {"T": q.dtype.base_dtype, "mode": mode}, scope)
