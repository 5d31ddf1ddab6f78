"""tf.contrib.losses (also tf.contrib.slim.losses, the same module): TF 1.14's deprecated
losses (argument orders: predictions or logits first), computed by tf.losses with its
default reduction (SUM_BY_NONZERO_WEIGHTS), which gives contrib's weighted means."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...losses import losses_impl as _tl
from ...losses.util import (add_loss, get_losses, get_regularization_losses,
                           get_total_loss)
from ...ops import array_ops, comparison_ops, math_ops
from ... import nn

__all__ = ["absolute_difference", "add_loss", "compute_weighted_loss", "cosine_distance",
           "get_losses", "get_regularization_losses", "get_total_loss", "hinge_loss",
           "log_loss", "mean_pairwise_squared_error", "mean_squared_error",
           "sigmoid_cross_entropy", "softmax_cross_entropy", "sparse_softmax_cross_entropy"]


def compute_weighted_loss(losses, weights=1.0, scope=None):
    """The weighted mean of `losses` over the non-zero weights (added to LOSSES)."""
    return _tl.compute_weighted_loss(losses, weights, scope=scope)


def absolute_difference(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean |predictions - labels|."""
    return _tl.absolute_difference(labels, predictions, weights, scope=scope)


def mean_squared_error(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean (predictions - labels)**2."""
    return _tl.mean_squared_error(labels, predictions, weights, scope=scope)


def _num_present_per_batch(losses, weights):
    if weights.shape.ndims == 0:
        batch_size = array_ops.reshape(array_ops.slice(array_ops.shape(losses), [0], [1]), [])
        num_per_batch = math_ops.div(math_ops.cast(array_ops.size(losses), _dt.float32),
                                     math_ops.cast(batch_size, _dt.float32))
        num_per_batch = array_ops.where(comparison_ops.equal(weights, 0), 0.0, num_per_batch)
        return math_ops.multiply(array_ops.ones(array_ops.reshape(batch_size, [1])),
                                 num_per_batch)
    axis = list(range(1, weights.shape.ndims))
    num_nonzero = math_ops.reduce_sum(
        math_ops.cast(comparison_ops.not_equal(weights, 0), _dt.float32), axis=axis)
    broadcast_dims = array_ops.slice(array_ops.shape(losses), [weights.shape.ndims], [-1])
    num_to_broadcast = math_ops.cast(math_ops.reduce_prod(broadcast_dims), _dt.float32)
    return math_ops.multiply(num_nonzero, num_to_broadcast)


def mean_pairwise_squared_error(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean over the batch of the mean squared difference between the pairwise
    differences of predictions and of labels (contrib's: the pair count of each example
    is its number of elements, where tf.losses uses that number minus one)."""
    with name_scope(scope, "mean_pairwise_squared_error", [predictions, labels, weights]):
        predictions.shape.assert_is_compatible_with(labels.shape)
        predictions = math_ops.cast(predictions, _dt.float32)
        labels = math_ops.cast(labels, _dt.float32)
        weights = math_ops.cast(convert_to_tensor(weights), _dt.float32)
        diffs = math_ops.subtract(predictions, labels)
        if diffs.shape.ndims is None:
            raise ValueError("diffs.get_shape().ndims cannot be None")
        if weights.shape.ndims is None:
            raise ValueError("weights.get_shape().ndims cannot be None")
        axis = list(range(1, diffs.shape.ndims))
        sum_squares_diff_per_batch = math_ops.reduce_sum(math_ops.square(diffs), axis=axis)
        num_present_per_batch = _num_present_per_batch(diffs, weights)
        term1 = 2.0 * math_ops.div_no_nan(sum_squares_diff_per_batch, num_present_per_batch,
                                          name="value")
        sum_diff = math_ops.reduce_sum(diffs, axis=axis)
        term2 = 2.0 * math_ops.div_no_nan(math_ops.square(sum_diff),
                                          math_ops.square(num_present_per_batch),
                                          name="value")
        per_example = term1 - term2
        start = max(0, weights.shape.ndims)
        reduced = math_ops.reduce_sum(per_example,
                                      axis=list(range(start, per_example.shape.ndims)))
        loss = math_ops.reduce_sum(math_ops.multiply(reduced, weights))
        mean_loss = array_ops.where(math_ops.reduce_sum(num_present_per_batch) > 0, loss,
                                    array_ops.zeros_like(loss), name="value")
        add_loss(mean_loss)
        return mean_loss


def log_loss(predictions, labels=None, weights=1.0, epsilon=1e-7, scope=None):
    """Weighted mean log loss of probabilities `predictions`."""
    return _tl.log_loss(labels, predictions, weights, epsilon=epsilon, scope=scope)


def sigmoid_cross_entropy(logits, multi_class_labels, weights=1.0, label_smoothing=0,
                          scope=None):
    """Weighted mean sigmoid cross-entropy."""
    return _tl.sigmoid_cross_entropy(multi_class_labels, logits, weights,
                                     label_smoothing=label_smoothing, scope=scope)


def softmax_cross_entropy(logits, onehot_labels, weights=1.0, label_smoothing=0,
                          scope=None):
    """Weighted mean softmax cross-entropy."""
    return _tl.softmax_cross_entropy(onehot_labels, logits, weights,
                                     label_smoothing=label_smoothing, scope=scope)


def sparse_softmax_cross_entropy(logits, labels, weights=1.0, scope=None):
    """Weighted mean sparse softmax cross-entropy."""
    return _tl.sparse_softmax_cross_entropy(labels, logits, weights, scope=scope)


def hinge_loss(logits, labels=None, scope=None):
    """The elementwise hinge loss max(0, 1 - (2 * labels - 1) * logits), unreduced and
    not added to LOSSES (as contrib's)."""
    with name_scope(scope, "hinge_loss", [logits, labels]):
        logits.shape.assert_is_compatible_with(labels.shape)
        labels = math_ops.cast(labels, _dt.float32)
        all_ones = array_ops.ones_like(labels)
        labels = math_ops.subtract(2 * labels, all_ones)
        return nn.relu(math_ops.subtract(all_ones, math_ops.multiply(labels, logits)))


def cosine_distance(predictions, labels=None, axis=None, weights=1.0, scope=None, dim=None):
    """Weighted mean of 1 - sum(predictions * labels, axis) (unit-norm inputs); the axis
    is reduced away, unlike tf.losses.cosine_distance."""
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'axis' and 'dim'")
        axis = dim
    if axis is None:
        raise ValueError("You must specify 'axis'.")
    with name_scope(scope, "cosine_distance_loss", [predictions, labels, weights]) as sc:
        predictions.shape.assert_is_compatible_with(labels.shape)
        predictions = math_ops.cast(predictions, _dt.float32)
        labels = math_ops.cast(labels, _dt.float32)
        losses = 1 - math_ops.reduce_sum(math_ops.multiply(predictions, labels), axis=[axis])
        return compute_weighted_loss(losses, weights, scope=sc)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.losses.{name}")
