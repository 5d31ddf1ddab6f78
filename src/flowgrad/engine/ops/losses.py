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
from ..framework.grad_state import depends_on_xs, wants_grad
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen
from ._base import FLOATS, apply, broadcast_dims, check_dtype, op_input
from ._nn_util import TensorLike, is_zero
from .activations import softmax_backprop
from .construction import zeros_like
from .ctc import passing_prevent_gradient
from .linalg import matmul
from .shape import expand_dims, squeeze


def _exact(x, dtype=np.float32):
    """TF 1.14's float32 (float64) bits: Eigen's exp and log where TF's kernel evaluates
    them, up to eigen_math.EXACT_MAX values (NumPy's above: docs/performance.md)."""
    return x.dtype == dtype and x.size <= _eigen_math.EXACT_MAX


def _column(v):
    return expand_dims(v, -1)  # TF's _BroadcastMul: `ExpandDims/dim`, `ExpandDims`


# -- SoftmaxCrossEntropyWithLogits ---------------------------------------------------------
def _xent_infer(inputs, attrs):
    """TF 1.14's shape function: logits of rank 2 merged with the labels; where they do
    not merge, their broadcast shape (labels [1, C] or [C] for a batch), of rank 2."""
    logits, labels = inputs
    if logits.dtype.base_dtype is not labels.dtype.base_dtype:
        raise TypeError(f"Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type "
                        f"{labels.dtype.base_dtype.name} that does not match type "
                        f"{logits.dtype.base_dtype.name} of argument 'features'.")
    ld, bd = logits.shape.as_tuple(), labels.shape.as_tuple()
    dims = _merged_matrix(ld, bd)
    if dims is None:
        dims = broadcast_dims(ld, bd)
        if dims is None:
            raise ValueError("Shape must be broadcasted with rank 2, but is rank is unknown.")
        if len(dims) != 2:
            raise ValueError(f"Shape must be broadcasted with rank 2, but is rank {len(dims)}")
    dt = logits.dtype.base_dtype
    return [(dt, TensorShape([dims[0]])), (dt, TensorShape(dims))]


def _merged_matrix(ld, bd):
    """The logits' dims (rank 2) merged with the labels', or None where they do not merge."""
    if ld is not None and len(ld) != 2:
        return None
    ld = ld or (None, None)
    if bd is None:
        return ld
    if len(bd) != 2 or any(a is not None and b is not None and a != b for a, b in zip(ld, bd)):
        return None
    return tuple(a if a is not None else b for a, b in zip(ld, bd))


def _xent_kernel(logits, labels):
    if logits.shape != labels.shape:   # TF's kernel broadcasts them (BCast)
        try:
            shape = np.broadcast_shapes(logits.shape, labels.shape)
        except ValueError:
            raise errors.InvalidArgumentError(
                None, None, "logits and labels must be broadcastable: logits_size="
                f"{_dims(logits.shape)} labels_size={_dims(labels.shape)}") from None
        logits, labels = np.broadcast_to(logits, shape), np.broadcast_to(labels, shape)
    if logits.ndim != 2:
        raise errors.InvalidArgumentError(
            None, None, "logits and labels must be either 2-dimensional, or broadcasted to be "
            "2-dimensional")
    if logits.size == 0:
        return (np.zeros(logits.shape[:1], logits.dtype), np.zeros_like(logits))
    shifted = logits - logits.max(axis=1, keepdims=True)
    if _exact(logits):   # exp inside the class sums, log of the sums, exp of the backprop
        sum_e = _eigen.last_axis_sums(_eigen_math.exp_summed_along_rows(shifted))
        log_sum = _eigen_math.log(sum_e)
        e = _eigen_math.exp_with_broadcast(shifted)
    elif _exact(logits, np.float64):   # pexp<Packet4d> / libm's exp; no packet log: libm's
        sum_e = _eigen.last_axis_sums(_eigen_math.exp_summed_along_rows(shifted))
        log_sum = _eigen_math.libm_log64(sum_e)
        e = _eigen_math.exp64_with_broadcast(shifted)
    else:
        e = np.exp(shifted)
        sum_e = _eigen.last_axis_sums(e)
        log_sum = np.log(sum_e)
    loss = _eigen.last_axis_sums(labels * (log_sum - shifted), keepdims=False)
    backprop = e / sum_e - labels
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _xent_grad(op, grad_loss, grad_grad):
    """TF 1.14's rule, op for op: d logits = grad_loss * backprop (`mul`, built even for a
    zero grad_loss), plus for a nonzero grad_grad (second order) TF's softmax Jacobian
    (grad_grad - squeeze(matmul(grad_grad[:, None], softmax[:, :, None]))) * softmax;
    d labels = grad_loss * -log_softmax(logits) - grad_grad."""
    logits = op._inputs[0]
    d_logits = None
    if wants_grad(0):
        d_logits = apply("Mul", [_column(grad_loss), op.outputs[1]], None, "mul")
        if not is_zero(grad_grad):
            s = apply("Softmax", [logits])
            dot = squeeze(matmul(expand_dims(grad_grad, 1), expand_dims(s, 2)), axis=[1])
            jac = apply("Mul", [apply("Sub", [grad_grad, dot], None, "sub"), s], None, "mul")
            d_logits = apply("Add", [d_logits, jac], None, "add")
    d_labels = None
    if wants_grad(1):
        neg_log_softmax = apply("Neg", [apply("LogSoftmax", [logits])])  # TF's order
        d_labels = apply("Mul", [_column(grad_loss), neg_log_softmax], None, "mul")
        if not is_zero(grad_grad) and depends_on_xs(op._inputs[1]):
            # backprop = softmax - labels. TF 1.14 drops this term; it matters for
            # second-order gradients that reach the labels (only built then: labels that
            # do not depend on the xs get TF's ops, so the op count stays TF's)
            d_labels = apply("Sub", [d_labels, grad_grad])
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
    if labels.size and (labels.min() < 0 or labels.max() >= c):
        # TF's CheckInvalidLabelIndex (std::minmax_element): the smallest label when it is
        # negative, else the largest
        v = labels.min() if labels.min() < 0 else labels.max()
        raise errors.InvalidArgumentError(
            None, None, f"Received a label value of {v} which is outside the valid range of "
            f"[0, {c}).  Label values: {' '.join(str(int(t)) for t in labels)}")
    if logits.size == 0:
        return np.zeros((n,), logits.dtype), np.zeros_like(logits)
    shifted = logits - logits.max(axis=1, keepdims=True)
    rows = np.arange(n)
    if _exact(logits):   # exp inside the class sums; TF's loss generator: std::log per row
        sum_e = _eigen.last_axis_sums(_eigen_math.exp_summed_along_rows(shifted))
        log_sum = _eigen_math.libm_log(sum_e[:, 0])
        e = _eigen_math.exp(shifted)
    elif _exact(logits, np.float64):   # the same with pexp<Packet4d> and libm's exp, log
        sum_e = _eigen.last_axis_sums(_eigen_math.exp_summed_along_rows(shifted))
        log_sum = _eigen_math.libm_log64(sum_e[:, 0])
        e = _eigen_math.exp64(shifted)
    else:
        e = np.exp(shifted)
        sum_e = _eigen.last_axis_sums(e)
        log_sum = np.log(sum_e[:, 0])
    loss = log_sum - shifted[rows, labels]
    backprop = e / sum_e
    backprop[rows, labels] -= 1
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


_PREVENT_MSG = ("Currently there is no way to take the second derivative of "
                "sparse_softmax_cross_entropy_with_logits due to the fused implementation's "
                "interaction with tf.gradients()")


def _sparse_xent_grad(op, grad_loss, grad_grad):
    """d logits = g * (softmax - onehot) (+ softmax Jacobian on grad_grad: second order works,
    where TF 1.14 raises through PreventGradient); labels get no gradient."""
    logits = op._inputs[0]
    d = None
    if not is_zero(grad_loss):
        # TF 1.14 multiplies by PreventGradient(backprop) (its second order raises there);
        # flowgrad's passes the gradient on as an Identity, so the second order (below) works
        backprop = passing_prevent_gradient(op.outputs[1], _PREVENT_MSG)   # before the column
        d = apply("Mul", [_column(grad_loss), backprop], None, "mul")
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
            grad=lambda op, grad: [apply("Mul", [op._inputs[0], grad], None, "mul")])


def l2_loss(t: TensorLike, name: str | None = None) -> Tensor:
    """sum(t ** 2) / 2 (L2Loss).

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.l2_loss([1.0, 2.0])))
    2.5
    """
    with name_scope(name or "L2Loss") as scope:   # TF converts in it: L2Loss/t
        x = op_input(t, "t")
        check_dtype("L2Loss", x, FLOATS, "t")
        return apply("L2Loss", [x], None, scope)
