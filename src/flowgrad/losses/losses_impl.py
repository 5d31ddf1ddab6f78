"""TF 1.14's tf.losses (losses_impl.py): weighted losses reduced as `Reduction` says and
added to the LOSSES collection.

Every loss casts its inputs to float32 (the cross-entropies keep the logits' dtype),
computes elementwise losses in its own name scope (`absolute_difference/...`) and hands
them to `compute_weighted_loss`, which checks that `weights` broadcasts to them, reduces
and casts back. Op names and counts are TF's.
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework import graph as _g
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys
from ..ops import array_ops, comparison_ops, confusion_matrix, control_flow_ops, math_ops
from ..ops import nn_ops, weights_broadcast_ops
from ..engine.ops.construction import range as _range
from . import util

__all__ = ["Reduction", "absolute_difference", "compute_weighted_loss", "cosine_distance",
           "hinge_loss", "huber_loss", "log_loss", "mean_pairwise_squared_error",
           "mean_squared_error", "sigmoid_cross_entropy", "softmax_cross_entropy",
           "sparse_softmax_cross_entropy"]

_SUM_BY_NONZERO = "weighted_sum_by_nonzero_weights"


class Reduction:
    """How a loss is reduced: NONE (elementwise), SUM, MEAN (sum / sum of weights),
    SUM_OVER_BATCH_SIZE (sum / number of elements), SUM_BY_NONZERO_WEIGHTS =
    SUM_OVER_NONZERO_WEIGHTS (sum / number of nonzero weights, the default)."""

    NONE = "none"
    SUM = "weighted_sum"
    MEAN = "weighted_mean"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    SUM_BY_NONZERO_WEIGHTS = _SUM_BY_NONZERO
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE,
                cls.SUM_OVER_NONZERO_WEIGHTS, cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid Reduction Key %s." % key)


def _to_float(x):
    return math_ops.cast(x, _dt.float32)


def _safe_mean(losses, num_present):
    """sum(losses) / num_present, 0 where num_present is 0."""
    total_loss = math_ops.reduce_sum(losses)
    return math_ops.div_no_nan(total_loss, num_present, name="value")


def _num_elements(losses):
    with _g.name_scope(None, "num_elements", values=[losses]) as scope:
        return math_ops.cast(array_ops.size(losses, name=scope), losses.dtype)


def _num_present(losses, weights, per_batch=False):
    """The number of elements of `losses` with a nonzero (broadcast) weight; per batch
    entry (shape [batch, 1, ...]) if `per_batch`."""
    if isinstance(weights, float) and weights != 0.0:
        return _num_elements(losses)
    with _g.name_scope(None, "num_present", (losses, weights)) as scope:
        weights = _to_float(weights)
        present = array_ops.where(comparison_ops.equal(weights, 0.0),
                                  array_ops.zeros_like(weights), array_ops.ones_like(weights))
        present = weights_broadcast_ops.broadcast_weights(present, losses)
        if per_batch:
            return math_ops.reduce_sum(
                present, axis=_range(1, array_ops.rank(present)), keepdims=True, name=scope)
        return math_ops.reduce_sum(present, name=scope)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=_SUM_BY_NONZERO):
    """`losses * weights` reduced as `reduction` says, in the dtype of `losses`, added to
    `loss_collection`.

    Raises:
      ValueError: an unknown reduction, or `weights` that cannot broadcast to `losses`.
    """
    Reduction.validate(reduction)
    with _g.name_scope(scope, "weighted_loss", (losses, weights)):
        _g.get_default_graph()._last_loss_reduction = reduction
        with _g.control_dependencies(
                (weights_broadcast_ops.assert_broadcastable(weights, losses),)):
            losses = convert_to_tensor(losses)
            input_dtype = losses.dtype
            losses = _to_float(losses)
            weights = _to_float(weights)
            weighted_losses = math_ops.multiply(losses, weights)
            if reduction == Reduction.NONE:
                loss = weighted_losses
            else:
                loss = math_ops.reduce_sum(weighted_losses)
                if reduction == Reduction.MEAN:
                    loss = _safe_mean(
                        loss, math_ops.reduce_sum(array_ops.ones_like(losses) * weights))
                elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                    loss = _safe_mean(loss, _num_present(losses, weights))
                elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                    loss = _safe_mean(loss, _num_elements(losses))
            loss = math_ops.cast(loss, input_dtype)
            util.add_loss(loss, loss_collection)
            return loss


def _check_not_none(**kw):
    for k, v in kw.items():
        if v is None:
            raise ValueError("%s must not be None." % k)


def _floats(predictions, labels):
    predictions = _to_float(predictions)
    labels = _to_float(labels)
    predictions.shape.assert_is_compatible_with(labels.shape)
    return predictions, labels


def absolute_difference(labels, predictions, weights=1.0, scope=None,
                        loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted |predictions - labels|."""
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "absolute_difference", (predictions, labels, weights)) as scope:
        predictions, labels = _floats(predictions, labels)
        losses = math_ops.abs(math_ops.subtract(predictions, labels))
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def cosine_distance(labels, predictions, axis=None, weights=1.0, scope=None,
                    loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO, dim=None):
    """Weighted 1 - sum(predictions * labels, axis) (inputs assumed unit-normalized);
    `dim` is the deprecated name of `axis`."""
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dim' and 'axis'")
        axis = dim
    if axis is None:
        raise ValueError("You must specify 'axis'.")
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "cosine_distance_loss", (predictions, labels, weights)) as scope:
        predictions, labels = _floats(predictions, labels)
        radial_diffs = math_ops.multiply(predictions, labels)
        losses = 1 - math_ops.reduce_sum(radial_diffs, axis=(axis,), keepdims=True)
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def hinge_loss(labels, logits, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
               reduction=_SUM_BY_NONZERO):
    """Weighted max(0, 1 - (2 * labels - 1) * logits) for labels in {0, 1}."""
    _check_not_none(labels=labels, logits=logits)
    with _g.name_scope(scope, "hinge_loss", (logits, labels, weights)) as scope:
        logits, labels = _floats(logits, labels)
        all_ones = array_ops.ones_like(labels)
        labels = math_ops.subtract(2 * labels, all_ones)
        losses = nn_ops.relu(math_ops.subtract(all_ones, math_ops.multiply(labels, logits)))
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None,
               loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted Huber loss of x = predictions - labels: x²/2 for |x| <= delta, else
    delta²/2 + delta (|x| - delta)."""
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "huber_loss", (predictions, labels, weights)) as scope:
        predictions, labels = _floats(predictions, labels)
        error = math_ops.subtract(predictions, labels)
        abs_error = math_ops.abs(error)
        quadratic = math_ops.minimum(abs_error, delta)
        linear = math_ops.subtract(abs_error, quadratic)
        losses = math_ops.add(
            math_ops.multiply(convert_to_tensor(0.5, dtype=quadratic.dtype),
                              math_ops.multiply(quadratic, quadratic)),
            math_ops.multiply(delta, linear))
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None,
             loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted -labels log(p + eps) - (1 - labels) log(1 - p + eps)."""
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "log_loss", (predictions, labels, weights)) as scope:
        predictions, labels = _floats(predictions, labels)
        losses = -math_ops.multiply(labels, math_ops.log(predictions + epsilon)) - \
            math_ops.multiply((1 - labels), math_ops.log(1 - predictions + epsilon))
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def mean_pairwise_squared_error(labels, predictions, weights=1.0, scope=None,
                                loss_collection=GraphKeys.LOSSES):
    """Weighted mean over each batch entry of the squared differences between all pairs of
    (predictions - labels) elements; one weight per batch entry (or a scalar)."""
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "mean_pairwise_squared_error",
                       (predictions, labels, weights)):
        weights = _to_float(weights)
        labels = _to_float(labels)
        with _g.control_dependencies(
                (weights_broadcast_ops.assert_broadcastable(weights, labels),)):
            predictions = _to_float(predictions)
            predictions.shape.assert_is_compatible_with(labels.shape)
            diffs = math_ops.subtract(predictions, labels)
            axis = _range(1, array_ops.rank(diffs))
            sum_squares_diff_per_batch = math_ops.reduce_sum(
                math_ops.square(diffs), axis=axis, keepdims=True)
            num_present_per_batch = _num_present(diffs, weights, per_batch=True)
            term1 = 2.0 * math_ops.div_no_nan(
                sum_squares_diff_per_batch,
                math_ops.maximum(num_present_per_batch - 1, 0), name="value")
            sum_diff = math_ops.reduce_sum(diffs, axis=axis, keepdims=True)
            term2 = 2.0 * math_ops.div_no_nan(
                math_ops.square(sum_diff),
                math_ops.maximum(math_ops.multiply(num_present_per_batch,
                                                   num_present_per_batch - 1), 0),
                name="value")
            weighted_losses = math_ops.multiply(term1 - term2, weights)
            loss = math_ops.reduce_sum(weighted_losses)
            mean_loss = array_ops.where(
                math_ops.reduce_sum(num_present_per_batch) > 0, loss,
                array_ops.zeros_like(loss), name="value")
            util.add_loss(mean_loss, loss_collection)
            return mean_loss


def mean_squared_error(labels, predictions, weights=1.0, scope=None,
                       loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted (predictions - labels)²."""
    _check_not_none(labels=labels, predictions=predictions)
    with _g.name_scope(scope, "mean_squared_error", (predictions, labels, weights)) as scope:
        predictions, labels = _floats(predictions, labels)
        losses = math_ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0,
                          scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=_SUM_BY_NONZERO):
    """Weighted sigmoid_cross_entropy_with_logits; label_smoothing s maps labels to
    labels (1 - s) + s / 2."""
    _check_not_none(multi_class_labels=multi_class_labels, logits=logits)
    with _g.name_scope(scope, "sigmoid_cross_entropy_loss",
                       (logits, multi_class_labels, weights)) as scope:
        logits = convert_to_tensor(logits)
        multi_class_labels = math_ops.cast(multi_class_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(multi_class_labels.shape)
        if label_smoothing > 0:
            multi_class_labels = (multi_class_labels * (1 - label_smoothing) +
                                  0.5 * label_smoothing)
        losses = nn_ops.sigmoid_cross_entropy_with_logits(
            labels=multi_class_labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted softmax_cross_entropy_with_logits_v2 (labels behind a stop_gradient);
    label_smoothing s maps labels to labels (1 - s) + s / num_classes."""
    _check_not_none(onehot_labels=onehot_labels, logits=logits)
    with _g.name_scope(scope, "softmax_cross_entropy_loss",
                       (logits, onehot_labels, weights)) as scope:
        logits = convert_to_tensor(logits)
        onehot_labels = math_ops.cast(onehot_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(onehot_labels.shape)
        if label_smoothing > 0:
            num_classes = math_ops.cast(array_ops.shape(onehot_labels)[-1], logits.dtype)
            smooth_positives = 1.0 - label_smoothing
            smooth_negatives = label_smoothing / num_classes
            onehot_labels = onehot_labels * smooth_positives + smooth_negatives
        onehot_labels = array_ops.stop_gradient(onehot_labels, name="labels_stop_gradient")
        losses = nn_ops.softmax_cross_entropy_with_logits_v2(
            labels=onehot_labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)


def _remove_squeezable_dimensions(labels, predictions, weights=None, expected_rank_diff=0):
    labels, predictions = confusion_matrix.remove_squeezable_dimensions(
        labels, predictions, expected_rank_diff=expected_rank_diff)
    if weights is not None:
        weights = convert_to_tensor(weights)
        labels_rank = labels.shape.ndims
        weights_shape = weights.shape
        weights_rank = weights_shape.ndims
        if labels_rank is not None and weights_rank is not None:
            if weights_rank - labels_rank == 1:
                weights = array_ops.squeeze(weights, [-1])
            return labels, predictions, weights
        rank_diff = array_ops.rank(weights) - array_ops.rank(labels)
        if weights_rank is None or (
                weights_rank > 0 and weights_shape.dims[-1].is_compatible_with(1)):
            w = weights
            weights = control_flow_ops.cond(comparison_ops.equal(1, rank_diff),
                                            lambda: array_ops.squeeze(w, [-1]), lambda: w)
    return labels, predictions, weights


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES, reduction=_SUM_BY_NONZERO):
    """Weighted sparse_softmax_cross_entropy_with_logits (labels: class indices; a trailing
    dimension of size 1 on labels or weights is squeezed)."""
    _check_not_none(labels=labels, logits=logits)
    with _g.name_scope(scope, "sparse_softmax_cross_entropy_loss",
                       (logits, labels, weights)) as scope:
        labels, logits, weights = _remove_squeezable_dimensions(
            labels, logits, weights, expected_rank_diff=1)
        losses = nn_ops.sparse_softmax_cross_entropy_with_logits(
            labels=labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection,
                                     reduction=reduction)
