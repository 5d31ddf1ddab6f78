"""The loss reductions and weighting of TF 1.14's keras/utils/losses_utils.py.

`ReductionV2` (TF 2's tf.keras.losses.Reduction, which TF 1.14 does not export under
tf.keras.losses: its keys are strings) and `compute_weighted_loss`, which the Keras Loss
classes and stateful metrics use to weight per-sample values.
"""
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.ops.comparison import equal as _equal
from ..ops import array_ops, control_flow_ops, math_ops
from ..ops.confusion_matrix import remove_squeezable_dimensions
from ..ops.weights_broadcast_ops import broadcast_weights

__all__ = ["ReductionV2", "squeeze_or_expand_dimensions", "compute_weighted_loss",
           "reduce_weighted_loss"]


class ReductionV2(object):
    """How a Loss object reduces its weighted per-sample losses: AUTO (SUM_OVER_BATCH_SIZE
    in compile and standalone use), NONE, SUM or SUM_OVER_BATCH_SIZE."""
    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid Reduction Key %s." % key)


def squeeze_or_expand_dimensions(y_pred, y_true, sample_weight):
    """y_pred, y_true and sample_weight with a last dimension of 1 squeezed or added so
    that their ranks match as TF 1.14 matches them (statically, or with tf.cond)."""
    y_pred_shape = y_pred.shape
    y_pred_rank = y_pred_shape.ndims
    if y_true is not None:
        y_true_rank = y_true.shape.ndims
        if y_true_rank is not None and y_pred_rank is not None:
            if y_pred_rank - y_true_rank != 1 or y_pred_shape[-1] == 1:
                y_true, y_pred = remove_squeezable_dimensions(y_true, y_pred)
        else:
            rank_diff = array_ops.rank(y_pred) - array_ops.rank(y_true)

            def squeeze_dims():
                return remove_squeezable_dimensions(y_true, y_pred)

            is_last_dim_1 = _equal(1, array_ops.shape(y_pred)[-1])

            def maybe_squeeze_dims():
                return control_flow_ops.cond(is_last_dim_1, squeeze_dims,
                                             lambda: (y_true, y_pred))
            y_true, y_pred = control_flow_ops.cond(_equal(1, rank_diff),
                                                   maybe_squeeze_dims, squeeze_dims)
    if sample_weight is None:
        return y_pred, y_true, None
    sample_weight = convert_to_tensor(sample_weight)
    weights_rank = sample_weight.shape.ndims
    if weights_rank == 0:
        return y_pred, y_true, sample_weight
    if y_pred_rank is not None and weights_rank is not None:
        if weights_rank - y_pred_rank == 1:
            sample_weight = array_ops.squeeze(sample_weight, [-1])
        elif y_pred_rank - weights_rank == 1:
            sample_weight = array_ops.expand_dims(sample_weight, [-1])
        return y_pred, y_true, sample_weight
    weights_rank_tensor = array_ops.rank(sample_weight)
    rank_diff = weights_rank_tensor - array_ops.rank(y_pred)
    sw = sample_weight

    def _maybe_expand_weights():
        return control_flow_ops.cond(_equal(rank_diff, -1),
                                     lambda: array_ops.expand_dims(sw, [-1]), lambda: sw)

    def _maybe_adjust_weights():
        return control_flow_ops.cond(_equal(rank_diff, 1),
                                     lambda: array_ops.squeeze(sw, [-1]), _maybe_expand_weights)
    sample_weight = control_flow_ops.cond(_equal(weights_rank_tensor, 0), lambda: sw,
                                          _maybe_adjust_weights)
    return y_pred, y_true, sample_weight


def _num_elements(losses):
    with name_scope("num_elements") as scope:
        return math_ops.cast(array_ops.size(losses, name=scope), dtype=losses.dtype)


def reduce_weighted_loss(weighted_losses, reduction=ReductionV2.SUM_OVER_BATCH_SIZE):
    """The weighted losses themselves (NONE), their sum (SUM) or their sum divided by
    their number (SUM_OVER_BATCH_SIZE, 0 when there are none)."""
    if reduction == ReductionV2.NONE:
        return weighted_losses
    loss = math_ops.reduce_sum(weighted_losses)
    if reduction == ReductionV2.SUM_OVER_BATCH_SIZE:
        num = _num_elements(weighted_losses)  # made first: TF's argument order
        loss = math_ops.div_no_nan(math_ops.reduce_sum(loss), num, name="value")
    return loss


def _ndim(x):
    return x.shape.ndims


def compute_weighted_loss(losses, sample_weight=None,
                          reduction=ReductionV2.SUM_OVER_BATCH_SIZE, name=None):
    """losses * sample_weight (broadcast, or losses averaged over the dimensions the
    weights lack), reduced; computed in float32 and cast back to the losses' dtype."""
    ReductionV2.validate(reduction)
    if reduction == ReductionV2.AUTO:
        reduction = ReductionV2.SUM_OVER_BATCH_SIZE
    if sample_weight is None:
        sample_weight = 1.0
    with name_scope(name or "weighted_loss"):
        get_default_graph()._last_loss_reduction = reduction
        losses = convert_to_tensor(losses)
        losses, _, sample_weight = squeeze_or_expand_dimensions(losses, None, sample_weight)
        input_dtype = losses.dtype
        losses = math_ops.cast(losses, _dt.float32)
        sample_weight = math_ops.cast(sample_weight, _dt.float32)
        try:
            sample_weight = broadcast_weights(sample_weight, losses)
        except ValueError:
            ndim, weight_ndim = _ndim(losses), _ndim(sample_weight)
            losses = math_ops.reduce_mean(losses, axis=list(range(weight_ndim, ndim)))
        sample_weight.shape.assert_is_compatible_with(losses.shape)
        weighted_losses = math_ops.multiply(losses, sample_weight)
        loss = reduce_weighted_loss(weighted_losses, reduction)
        return math_ops.cast(loss, input_dtype)
