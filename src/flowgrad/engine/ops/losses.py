"""Loss ops: SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss.

The two cross-entropies are fused (one pass gives the loss and its backprop,
stable for extreme logits); their gradients also handle a gradient arriving
at the backprop output, so second-order gradients work (TF 1.14 drops that
term, or raises through PreventGradient for the sparse op).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen
from ._base import FLOATS, apply, check_dtype, to_tensor
from ._nn_util import TensorLike, is_zero
from .activations import reduced_exp, softmax_backprop
from .construction import zeros_like
from .shape import expand_dims


def _column(v):
    return expand_dims(v, -1)  # TF's _BroadcastMul: `ExpandDims/dim`, `ExpandDims`


# -- SoftmaxCrossEntropyWithLogits ---------------------------------------------------------
def _xent_infer(inputs, attrs):
    logits, labels = inputs
    if logits.dtype.base_dtype is not labels.dtype.base_dtype:
        raise TypeError(f"Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type "
                        f"{labels.dtype.base_dtype.name} that does not match type "
                        f"{logits.dtype.base_dtype.name} of argument 'features'.")
    for t in (logits, labels):
        if t.shape.ndims is not None and t.shape.ndims != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {t.shape.ndims}")
    ld = logits.shape.as_tuple() or (None, None)
    bd = labels.shape.as_tuple() or (None, None)
    dims = []
    for a, b in zip(ld, bd):
        if a is not None and b is not None and a != b:
            raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
        dims.append(a if a is not None else b)
    dt = logits.dtype.base_dtype
    return [(dt, TensorShape([dims[0]])), (dt, TensorShape(dims))]


def _xent_kernel(logits, labels):
    if logits.size == 0:
        return (np.zeros(logits.shape[:1], logits.dtype), np.zeros_like(logits))
    shifted = logits - logits.max(axis=1, keepdims=True)
    if logits.dtype == np.float32:
        # TF's XentEigenImpl: sum(exp) read by the row reductions, log(sum) one Eigen
        # expression, the backprop's exp part of one that broadcasts the sums
        sum_e = _eigen.last_axis_sums(reduced_exp(shifted))
        log_sum = _eigen_math.log(sum_e)
        e = _eigen_math.broadcast_exp(shifted)
    else:
        e = np.exp(shifted)
        sum_e = _eigen.last_axis_sums(e)
        log_sum = np.log(sum_e)
    loss = _eigen.last_axis_sums(labels * (log_sum - shifted), keepdims=False)
    backprop = e / sum_e - labels
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


def _xent_grad(op, grad_loss, grad_grad):
    """TF's rule: d logits = g * backprop (+ the softmax Jacobian applied to grad_grad, for
    second order); d labels = -g * log_softmax(logits) - grad_grad."""
    logits = op.inputs[0]
    d_logits = None
    if wants_grad(0):
        if not is_zero(grad_loss):
            d_logits = apply("Mul", [_column(grad_loss), op.outputs[1]], None, "mul")
        if not is_zero(grad_grad):
            s = apply("Softmax", [logits])
            extra = softmax_backprop(grad_grad, s)
            d_logits = extra if d_logits is None else apply("Add", [d_logits, extra])
        if d_logits is None:
            d_logits = zeros_like(logits)
    d_labels = None
    if wants_grad(1):
        if not is_zero(grad_loss):
            neg_log_softmax = apply("Neg", [apply("LogSoftmax", [logits])])  # TF's order
            d_labels = apply("Mul", [_column(grad_loss), neg_log_softmax], None, "mul")
        if not is_zero(grad_grad):
            # backprop = softmax - labels. TF 1.14 drops this term; it matters for
            # second-order gradients that reach the labels.
            d_labels = apply("Neg", [grad_grad]) if d_labels is None else \
                apply("Sub", [d_labels, grad_grad])
    return [d_logits, d_labels]


register_op("SoftmaxCrossEntropyWithLogits", infer=_xent_infer, kernel=_xent_kernel,
            grad=_xent_grad)


# -- SparseSoftmaxCrossEntropyWithLogits ----------------------------------------------------
def _sparse_xent_infer(inputs, attrs):
    logits, labels = inputs
    if labels.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'labels' has DataType {labels.dtype.name} "
                        "not in list of allowed values: int32, int64")
    if logits.shape.ndims is not None and logits.shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {logits.shape.ndims}")
    if labels.shape.ndims is not None and labels.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {labels.shape.ndims}")
    ld = logits.shape.as_tuple() or (None, None)
    bd = labels.shape.as_tuple() or (None,)
    if ld[0] is not None and bd[0] is not None and ld[0] != bd[0]:
        raise ValueError(f"Dimensions must be equal, but are {ld[0]} and {bd[0]}")
    batch = ld[0] if ld[0] is not None else bd[0]
    dt = logits.dtype.base_dtype
    return [(dt, TensorShape([batch])), (dt, TensorShape([batch, ld[1]]))]


def _sparse_xent_kernel(logits, labels):
    n, c = logits.shape
    bad = (labels < 0) | (labels >= c)
    if np.any(bad):
        v = labels[np.argmax(bad)]
        raise errors.InvalidArgumentError(
            None, None, f"Received a label value of {v} which is outside the valid range of "
            f"[0, {c}).  Label values: {' '.join(str(int(t)) for t in labels)}")
    if logits.size == 0:
        return np.zeros((n,), logits.dtype), np.zeros_like(logits)
    shifted = logits - logits.max(axis=1, keepdims=True)
    rows = np.arange(n)
    if logits.dtype == np.float32:
        # TF's SparseXentEigenImpl: sum(exp) read by the row reductions (Eigen's exp), the
        # loss generator's scalar std::log, the backprop's exp one Eigen expression
        sum_e = _eigen.last_axis_sums(reduced_exp(shifted))
        loss = _eigen_math.scalar_log(sum_e[:, 0]) - shifted[rows, labels]
        e = _eigen_math.exp(shifted)
    else:
        e = np.exp(shifted)
        sum_e = _eigen.last_axis_sums(e)
        loss = np.log(sum_e[:, 0]) - shifted[rows, labels]
    backprop = e / sum_e
    backprop[rows, labels] -= 1
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


_PREVENT_MSG = ("Currently there is no way to take the second derivative of "
                "sparse_softmax_cross_entropy_with_logits due to the fused implementation's "
                "interaction with tf.gradients()")


def _sparse_xent_grad(op, grad_loss, grad_grad):
    """d logits = g * (softmax - onehot) (+ softmax Jacobian on grad_grad: second order works,
    where TF 1.14 raises through PreventGradient); labels get no gradient."""
    logits = op.inputs[0]
    d = None
    if not is_zero(grad_loss):
        # TF 1.14 multiplies by PreventGradient(backprop) (its second order raises); the op
        # is built for TF's graph, the product reads the backprop itself so that the
        # second order (below) still works
        apply("PreventGradient", [op.outputs[1]], {"message": _PREVENT_MSG})
        d = apply("Mul", [_column(grad_loss), op.outputs[1]], None, "mul")
    if not is_zero(grad_grad):
        extra = softmax_backprop(grad_grad, apply("Softmax", [logits]))
        d = extra if d is None else apply("Add", [d, extra])
    return [d if d is not None else zeros_like(logits), None]


register_op("SparseSoftmaxCrossEntropyWithLogits", infer=_sparse_xent_infer,
            kernel=_sparse_xent_kernel, grad=_sparse_xent_grad)


# -- L2Loss -------------------------------------------------------------------------------
def _l2_loss_kernel(t, intra_threads=None):
    return _eigen.l2_loss(t, intra_threads)


register_op("L2Loss", infer=lambda ins, a: [(ins[0].dtype.base_dtype, TensorShape(()))],
            kernel=_l2_loss_kernel, intra_op_threads=True,
            grad=lambda op, grad: [apply("Mul", [op.inputs[0], grad], None, "mul")])


def l2_loss(t: TensorLike, name: str | None = None) -> Tensor:
    """sum(t ** 2) / 2 (L2Loss).

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.l2_loss([1.0, 2.0])))
    2.5
    """
    x = to_tensor(t, name="t")
    check_dtype("L2Loss", x, FLOATS, "t")
    return apply("L2Loss", [x], None, name or "L2Loss")
