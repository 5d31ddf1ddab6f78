"""QuantizeAndDequantizeV2 (TF 1.14's quantize_and_dequantize_op.{h,cc}): a float tensor
rounded to the levels of a signed or unsigned num_bits integer grid scaled so that 0.0
stays 0.0, then scaled back. The range is the input's own [min, max] or, with
range_given, the input_min/input_max tensors (then the input is also clamped to the
adjusted range). Every step is computed in the input's dtype as TF's Eigen kernel does, so
float32 and float64 levels are TF's to the bit (the public wrapper refuses float16 and
bfloat16, whose TF kernels round differently in ways not reproduced here). TF 1.14 registers
the gradient as the identity on the input (array_grad.py: [grad, None, None]).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import register_op
from ._base import apply, check_choice, same_type_inputs
from .philox import to_bfloat16

_ROUND_MODES = ("HALF_TO_EVEN", "HALF_UP")


def _rounder(dtype):
    """Rounds a NumPy result to `dtype` as TF stores it (bfloat16 lives in float32)."""
    if dtype is _dt.bfloat16:
        return lambda v: to_bfloat16(np.asarray(v, np.float32))
    np_dt = dtype.as_numpy_dtype
    return lambda v: np.asarray(v).astype(np_dt)


def _highest(dtype):
    """std::numeric_limits<T>::max() of a float dtype."""
    if dtype is _dt.bfloat16:
        return np.uint32(0x7F7F0000).view(np.float32)
    return np.finfo(dtype.as_numpy_dtype).max


def _strcat(v, dtype):
    """A number as TF's StrCat prints it (shortest of %.6g/%.9g, %.15g/%.17g for double)."""
    if dtype is _dt.float64:
        s = f"{float(v):.15g}"
        return s if float(s) == float(v) else f"{float(v):.17g}"
    s = f"{float(v):.6g}"
    return s if np.float32(s) == np.float32(v) else f"{float(v):.9g}"


def _quantization_range(mn, mx, signed, num_bits, r, big):
    """TF's scale choice: the largest scale keeping [mn, mx] inside the integer grid,
    taken from the side that limits it; the other side of the range is widened."""
    q_min = -(1 << (num_bits - 1)) if signed else 0
    q_max = q_min + (1 << num_bits) - 1
    qn, qx = r(q_min), r(q_max)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        from_min = r(qn / mn) if q_min * float(mn) > 0 else r(big)
        from_max = r(qx / mx) if q_max * float(mx) > 0 else r(big)
        if from_min < from_max:
            scale, inverse = from_min, r(mn / qn)
            mx = r(qx * inverse)
        else:
            scale, inverse = from_max, r(mx / qx)
            mn = r(qn * inverse)
    return mn, mx, scale, inverse


def _kernel(x, in_min, in_max, signed_input=True, num_bits=8, range_given=False,
            round_mode="HALF_TO_EVEN", T=None, **_):
    dtype = T or _dt.as_dtype(np.asarray(x).dtype)
    if not 0 < num_bits < (62 if signed_input else 63):
        raise errors.InvalidArgumentError(
            None, None, f"num_bits is out of range: {num_bits} with signed_input_ "
            f"{int(bool(signed_input))}")
    r = _rounder(dtype)
    x = r(x)
    if range_given:
        if np.size(in_min) != 1 or np.size(in_max) != 1:
            raise errors.InvalidArgumentError(None, None, "Must have a one element tensor")
        mn, mx = r(np.asarray(in_min).reshape(-1)[0]), r(np.asarray(in_max).reshape(-1)[0])
        if mn > mx:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid range: input_min {_strcat(mn, dtype)} > input_max "
                f"{_strcat(mx, dtype)}")
    elif x.size == 0:
        return x
    else:
        mn, mx = r(np.min(x)), r(np.max(x))
    mn, mx, scale, inverse = _quantization_range(mn, mx, bool(signed_input), int(num_bits), r,
                                                 _highest(dtype))
    with np.errstate(over="ignore", invalid="ignore"):
        v = r(np.maximum(np.minimum(x, mx), mn)) if range_given else x
        v = r(v * scale)
        if round_mode == "HALF_UP":
            v = r(np.floor(r(v + r(0.5))))
        else:   # Eigen's half-to-even rounding never gives -0 (numpy's rint does)
            v = r(np.rint(v)) + 0
        return r(v * inverse)


def _infer(inputs, attrs):
    for t in inputs[1:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return [(inputs[0].dtype.base_dtype, inputs[0].shape)]


def _grad(op, grad):
    """TF 1.14's straight-through gradient: grad for the input, nothing for the range."""
    return [grad, None, None]


register_op("QuantizeAndDequantizeV2", infer=_infer, kernel=_kernel, grad=_grad)


# QuantizeAndDequantizeV3: V2 with num_bits an int32 input (rounding half to even); TF 1.14's
# gradient passes grad through, nothing for the range or num_bits
def _v3_kernel(x, in_min, in_max, num_bits, signed_input=True, range_given=True, T=None):
    return _kernel(x, in_min, in_max, signed_input=signed_input, num_bits=int(num_bits),
                   range_given=range_given, T=T)


register_op("QuantizeAndDequantizeV3", infer=_infer, kernel=_v3_kernel,
            grad=lambda op, grad: [grad, None, None, None])


# QuantizeAndDequantize (v1, removed at GraphDef version 22): the range in float attrs,
# rounding half to even; TF 1.14 registers float and double kernels only, and the identity
# gradient (array_grad.py)
def _v1_kernel(x, signed_input=True, num_bits=8, range_given=False, input_min=0.0,
               input_max=0.0, T=None):
    return _kernel(x, input_min, input_max, signed_input=signed_input, num_bits=num_bits,
                   range_given=range_given, T=T)


def _v1_infer(inputs, attrs):
    dtype = inputs[0].dtype.base_dtype
    if dtype not in (_dt.float32, _dt.float64):
        raise NotImplementedError(f"tf.raw_ops.QuantizeAndDequantize on {dtype.name}: TF 1.14 "
                                  "has no kernel for it (float32 and float64 run)")
    return [(dtype, inputs[0].shape)]


register_op("QuantizeAndDequantize", infer=_v1_infer, kernel=_v1_kernel,
            grad=lambda op, grad: [grad])


def quantize_and_dequantize(input, input_min, input_max, signed_input=True,  # noqa: A002
                            num_bits=8, range_given=False, round_mode="HALF_TO_EVEN",
                            name=None):
    """Rounds `input` to a num_bits integer grid scaled to its range, then scales back."""
    op = "QuantizeAndDequantizeV2"
    with name_scope(name or op) as scope:   # TF's op_def_library takes the name
        ts = same_type_inputs(op, [input, input_min, input_max],
                              ["input", "input_min", "input_max"],
                              (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64))
        mode = "HALF_TO_EVEN" if round_mode is None else round_mode
        mode = check_choice(op, "round_mode", mode, _ROUND_MODES)
        dtype = ts[0].dtype.base_dtype
        if dtype in (_dt.float16, _dt.bfloat16):
            # TF 1.14's half kernels round in ways not yet reproduced bit for bit
            raise NotImplementedError(
                f"tf.quantization.quantize_and_dequantize: input of dtype {dtype.name} is "
                "not supported (float32 and float64 are)")
        attrs = {"signed_input": True if signed_input is None else bool(signed_input),
                 "num_bits": 8 if num_bits is None else int(num_bits),
                 "range_given": False if range_given is None else bool(range_given),
                 "round_mode": mode, "T": dtype}
        return apply(op, ts, attrs, scope)
