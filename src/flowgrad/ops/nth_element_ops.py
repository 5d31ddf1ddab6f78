"""tf.contrib.nn.nth_element: op NthElement (the n-th smallest, or with reverse the n-th
largest, entry of each last-axis vector) and TF 1.14's gradient (shared equally among the
entries equal to the result)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import image_boxes as _boxes
from ..engine.ops._array_util import whole_value
from . import array_ops, comparison_ops, math_ops

__all__ = ["nth_element"]

_DTYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.uint8, _dt.int16, _dt.int8, _dt.int64,
           _dt.bfloat16, _dt.uint16, _dt.float16, _dt.uint32, _dt.uint64)


def _infer(inputs, attrs):
    x, n = inputs
    _boxes.check_dtype("NthElement", x, _DTYPES, "T")
    _boxes._type_check("NthElement", n, _dt.int32, "n")
    if x.shape.ndims is not None and x.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.shape.ndims}")
    if n.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {n.shape.ndims}")
    nv = whole_value(n)   # TF's MakeDimForScalarInput: n's constant subgraph, evaluated whole
    if nv is not None and int(nv) < 0:
        raise ValueError("Dimension size, given by scalar input 1, must be non-negative but "
                         f"is {int(nv)}")
    if x.shape.ndims is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    dims = x.shape.as_list()
    if nv is not None and dims[-1] is not None and dims[-1] <= int(nv):
        raise ValueError(f"Input must have last dimension > n = {int(nv)} but is {dims[-1]}")
    return [(x.dtype.base_dtype, TensorShape(dims[:-1]))]


def _kernel(x, n, reverse=False, T=None):
    x = np.asarray(x)
    n = int(np.asarray(n))
    if n < 0:
        raise errors.InvalidArgumentError(None, None, f"Need n >= 0, got {n}")
    if x.ndim < 1:
        raise errors.InvalidArgumentError(None, None, "Input must be >= 1-D, got shape " +
                                          _boxes._shape_str(x))
    if x.shape[-1] <= n:
        raise errors.InvalidArgumentError(None, None, "Input must have at least n+1 columns")
    k = x.shape[-1] - 1 - n if reverse else n
    return np.partition(x, k, axis=-1)[..., k]


def _grad(op, grad):
    x, output = op.inputs[0], op.outputs[0]
    indicators = math_ops.cast(comparison_ops.equal(array_ops.expand_dims(output, -1), x),
                               grad.dtype)
    grad = array_ops.expand_dims(grad, -1)
    num_selected = array_ops.expand_dims(math_ops.reduce_sum(indicators, -1), -1)
    return [math_ops.div(indicators, num_selected) * grad, None]


register_op("NthElement", infer=_infer, kernel=_kernel, grad=_grad)


def nth_element(input, n, reverse=False, name=None):  # noqa: A002 - TF's argument name
    """The n-th smallest (reverse: largest) value along the last axis: input.shape[:-1]."""
    return _boxes.gen_op("NthElement", [(input, "input"), (n, "n", _dt.int32)],
                         {"reverse": bool(reverse)}, name)
