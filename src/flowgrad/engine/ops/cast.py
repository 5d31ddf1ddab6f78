"""Cast: one dtype to another, elementwise (float to int truncates toward zero, as TF)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import Tensor, name_scope
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import register_op
from ._array_util import _autopack, _has_tensor
from ._base import apply, to_tensor
from .philox import to_bfloat16


def _cast_infer(inputs, attrs):
    return [(attrs["DstT"], inputs[0].shape)]


# dtypes TF 1.14's CPU Cast kernel has no conversion for (to or from another dtype)
_NO_CAST = ("string", "resource", "variant")
_TF_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _cast_kernel(x, DstT, SrcT=None, **_):  # noqa: N803 - TF's attr names
    if SrcT is not None and SrcT is not DstT and (SrcT.name in _NO_CAST or
                                                  DstT.name in _NO_CAST):
        raise errors.UnimplementedError(
            None, None, f"Cast {_TF_NAMES.get(SrcT.name, SrcT.name)} to "
            f"{_TF_NAMES.get(DstT.name, DstT.name)} is not supported")
    x = np.asarray(x)
    if x.dtype.kind == "c" and not DstT.is_complex:   # TF keeps the real part, silently
        x = x.real
    if DstT is _dt.bool_ and x.dtype in (np.float32, np.float64):
        # x != 0 under DAZ: a float32 / bfloat16 / float64 denormal (or a complex's real
        # part) reads as zero, so False; float16 widens exactly first (its denormals: True)
        return ~(np.abs(x) < np.finfo(x.dtype).tiny)
    if DstT is _dt.bfloat16:
        # bfloat16 is kept in float32: TF rounds the value (made float) to the nearest
        # bfloat16, ties to even; a NaN becomes bfloat16's quiet NaN
        f = _flush(np.asarray(x, np.float32)) if x.dtype == np.float64 else \
            np.asarray(x, np.float32)
        return np.where(np.isnan(f), np.float32(np.nan), to_bfloat16(f))
    if x.dtype == np.float32 and DstT is _dt.float64:
        x = _flush(x)      # denormals are zero (TF's kernels run with DAZ)
    y = x.astype(DstT.as_numpy_dtype)
    if x.dtype == np.float64 and DstT is _dt.float32:
        y = _flush(y)      # and flush to zero
    return y


def _flush(f):
    """float32 denormals as zeros of their sign (the FTZ / DAZ modes TF's kernels run in)."""
    tiny = np.abs(f) < np.finfo(np.float32).tiny
    return np.where(tiny, np.copysign(np.float32(0), f), f) if tiny.any() else f


def _cast_grad(op, grad):
    """Cast is differentiable between float/complex types only."""
    src = op._inputs[0].dtype.base_dtype
    dst = op.outputs[0].dtype.base_dtype
    if (src.is_floating or src.is_complex) and (dst.is_floating or dst.is_complex):
        return [cast(grad, src)]
    return [None]


register_op("Cast", infer=_cast_infer, kernel=_cast_kernel, grad=_cast_grad, elementwise=True)


def _is_sparse(x):
    """Whether `x` is a tf.SparseTensor (by its fields: that class lives above the engine)."""
    return all(hasattr(x, a) for a in ("indices", "values", "dense_shape")) \
        and hasattr(type(x), "from_value")


def cast(x: Any, dtype: Any, name: str | None = None) -> Tensor:
    """Casts `x` (a SparseTensor's or IndexedSlices' values) to `dtype` (op `Cast`); returns
    a Tensor `x` itself when the dtype is already right."""
    dtype = _dt.as_dtype(dtype).base_dtype
    if isinstance(x, Tensor):
        if x.dtype.base_dtype is dtype:
            return x
        return apply("Cast", [x], {"DstT": dtype, "SrcT": x.dtype.base_dtype}, name or "Cast")
    if ((hasattr(x, "_lazy_read") or hasattr(x, "_should_act_as_resource_variable"))
            and x.dtype.base_dtype is dtype):
        # TF returns a ResourceVariable of the right dtype itself, unread (the op taking it
        # reads it inside its own scope: `ResourceApplyAdam/ReadVariableOp`)
        return x
    # As TF: the scope is opened first (`Cast/x`), even when no Cast op is needed.
    with name_scope(name, "Cast", [x]) as s:
        if isinstance(x, IndexedSlices):   # TF casts the values (a sliced gradient stays so)
            return IndexedSlices(cast(x.values, dtype, name=s), x.indices, x.dense_shape)
        if _is_sparse(x):  # TF casts a SparseTensor's values, keeping its indices and shape
            return type(x)(x.indices, cast(x.values, dtype, name=s), x.dense_shape)
        # a list holding Tensors is packed (TF's autopacking: `Cast/x` a Pack)
        x = _autopack(list(x), None, "x") if isinstance(x, (list, tuple)) and _has_tensor(x) \
            else to_tensor(x, name="x")
        if x.dtype.base_dtype is dtype:
            return x
        return apply("Cast", [x], {"DstT": dtype, "SrcT": x.dtype.base_dtype}, s)
