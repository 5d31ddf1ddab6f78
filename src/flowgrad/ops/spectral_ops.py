"""TF 1.14's FFT functions (tensorflow/python/ops/signal/fft_ops.py): fft, ifft, fft2d,
ifft2d, fft3d, ifft3d (the ops themselves) and rfft, irfft, rfft2d, irfft2d, rfft3d,
irfft3d (a name scope, fft_length inferred from the input's shape when not given, and
the input zero-padded to fft_length as TF's _maybe_pad_for_rfft does).
"""
from __future__ import annotations

__all__ = ["fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d", "rfft", "irfft", "rfft2d",
           "irfft2d", "rfft3d", "irfft3d"]

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops.fft import (fft, fft2d, fft3d, ifft, ifft2d, ifft3d,  # noqa: F401
                              maybe_pad_for_rfft, rfft_op)
from ..engine.ops.elementwise import maximum
from ..engine.ops.joining import stack, unstack
from ..engine.ops.shape import shape


def _infer_length(x, k, inverse):
    dims = x.shape.as_tuple()
    tail = None if dims is None else dims[-k:]
    if tail is None or None in tail:
        s = shape(x)[-k:]
        if not inverse:
            return s
        parts = unstack(s)
        parts[-1] = maximum(0, 2 * (parts[-1] - 1))
        return stack(parts)
    tail = list(tail)
    if inverse and tail:
        tail[-1] = max(0, 2 * (tail[-1] - 1))
    return convert_to_tensor(tail, _dt.int32)


def _rfft_wrapper(op_type, k, default_name, inverse):
    def f(input_tensor, fft_length=None, name=None):
        with name_scope(name, default_name, [input_tensor, fft_length]) as scope:
            x = convert_to_tensor(input_tensor, _dt.complex64 if inverse else _dt.float32)
            x.shape.with_rank_at_least(k)
            if fft_length is None:
                fft_length = _infer_length(x, k, inverse)
            else:
                fft_length = convert_to_tensor(fft_length, _dt.int32)
            x = maybe_pad_for_rfft(x, k, fft_length, inverse)
            return rfft_op(op_type, x, fft_length, scope)
    f.__name__ = f.__qualname__ = default_name
    what = "inverse real" if inverse else "real"
    f.__doc__ = (f"The {k}-D {what} discrete Fourier transform over the innermost {k} "
                 f"dimension{'s' if k > 1 else ''} (op {op_type}); fft_length defaults to "
                 "the input's inner shape.")
    return f


rfft = _rfft_wrapper("RFFT", 1, "rfft", False)
irfft = _rfft_wrapper("IRFFT", 1, "irfft", True)
rfft2d = _rfft_wrapper("RFFT2D", 2, "rfft2d", False)
irfft2d = _rfft_wrapper("IRFFT2D", 2, "irfft2d", True)
rfft3d = _rfft_wrapper("RFFT3D", 3, "rfft3d", False)
irfft3d = _rfft_wrapper("IRFFT3D", 3, "irfft3d", True)
