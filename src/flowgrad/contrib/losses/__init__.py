"""tf.contrib.losses (also tf.contrib.slim.losses, the same module): TF 1.14's deprecated
losses (argument orders: predictions or logits first). Built as TF 1.14's contrib
loss_ops builds them (its own weighted mean, not tf.losses'), so the graph has TF's op
names and count (tests/test_layers_ops.py): the loss is sum(losses * weights) divided
by the number of elements the non-zero weights select, 0 when there are none."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor as _convert_to_tensor
from ...engine.framework.graph import GraphKeys as _GraphKeys
from ...engine.framework.graph import add_to_collection as _add_to_collection
from ...engine.framework.graph import get_collection as _get_collection
from ...engine.framework.graph import name_scope as _name_scope
from ...ops import array_ops as _array_ops
from ...ops import comparison_ops as _comparison_ops
from ...ops import math_ops as _math_ops
from ... import nn as _nn
from . import metric_learning  # noqa: F401 - tf.contrib.losses.metric_learning

__all__ = ["absolute_difference", "add_loss", "compute_weighted_loss", "cosine_distance",
           "get_losses", "get_regularization_losses", "get_total_loss", "hinge_loss",
           "log_loss", "mean_pairwise_squared_error", "mean_squared_error",
           "sigmoid_cross_entropy", "softmax_cross_entropy", "sparse_softmax_cross_entropy"]


def _scale_losses(losses, weights):
    """sum(losses reduced to weights' rank * weights)."""
    start = max(0, weights.shape.ndims)
    reduced = _math_ops.reduce_sum(losses, axis=list(range(start, losses.shape.ndims)))
    return _math_ops.reduce_sum(_math_ops.multiply(reduced, weights))


def _safe_mean(losses, num_present):
    return _math_ops.div_no_nan(_math_ops.reduce_sum(losses), num_present, name="value")


def _num_present(losses, weights, per_batch=False):
    """The number of elements of `losses` the non-zero `weights` select (broadcast
    over the trailing dimensions), per batch entry or in all."""
    if weights.shape.ndims == 0:
        batch_size = _array_ops.reshape(_array_ops.slice(_array_ops.shape(losses), [0], [1]),
                                       [])
        num_per_batch = _math_ops.div(_math_ops.cast(_array_ops.size(losses), _dt.float32),
                                     _math_ops.cast(batch_size, _dt.float32))
        num_per_batch = _array_ops.where(_comparison_ops.equal(weights, 0), 0.0,
                                        num_per_batch)
        num_per_batch = _math_ops.multiply(
            _array_ops.ones(_array_ops.reshape(batch_size, [1])), num_per_batch)
        return num_per_batch if per_batch else _math_ops.reduce_sum(num_per_batch)
    axis = list(range(1, weights.shape.ndims))
    num_nonzero_per_batch = _math_ops.reduce_sum(
        _math_ops.cast(_comparison_ops.not_equal(weights, 0), _dt.float32), axis=axis)
    broadcast_dims = _array_ops.slice(_array_ops.shape(losses), [weights.shape.ndims], [-1])
    num_to_broadcast = _math_ops.cast(_math_ops.reduce_prod(broadcast_dims), _dt.float32)
    num_per_batch = _math_ops.multiply(num_nonzero_per_batch, num_to_broadcast)
    return num_per_batch if per_batch else _math_ops.reduce_sum(num_per_batch)


def add_loss(loss, loss_collection=_GraphKeys.LOSSES):
    """Adds `loss` to `loss_collection` (none if it is falsy)."""
    if loss_collection:
        _add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=_GraphKeys.LOSSES):
    """The losses in `loss_collection` (filtered by `scope`)."""
    return _get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    """The REGULARIZATION_LOSSES collection (filtered by `scope`)."""
    return _get_collection(_GraphKeys.REGULARIZATION_LOSSES, scope)


def get_total_loss(add_regularization_losses=True, name="total_loss"):
    """add_n of the LOSSES (and REGULARIZATION_LOSSES) collections."""
    losses = get_losses()
    if add_regularization_losses:
        losses += get_regularization_losses()
    return _math_ops.add_n(losses, name=name)


def compute_weighted_loss(losses, weights=1.0, scope=None):
    """The weighted mean of `losses` over the elements the non-zero weights select
    (added to LOSSES)."""
    with _name_scope(scope, "weighted_loss", [losses, weights]):
        losses = _convert_to_tensor(losses)
        input_dtype = losses.dtype
        losses = _math_ops.cast(losses, _dt.float32)
        weights = _math_ops.cast(_convert_to_tensor(weights), _dt.float32)
        if losses.shape.ndims is None:
            raise ValueError("losses.get_shape().ndims cannot be None")
        weights_shape = weights.shape
        if weights_shape.ndims is None:
            raise ValueError("weights.get_shape().ndims cannot be None")
        if weights_shape.ndims > 1 and weights_shape.dims[-1].is_compatible_with(1):
            weights = _array_ops.squeeze(weights, [-1])
        total_loss = _scale_losses(losses, weights)
        num_present = _num_present(losses, weights)
        mean_loss = _math_ops.cast(_safe_mean(total_loss, num_present), input_dtype)
        add_loss(mean_loss)
        return mean_loss


def _float_pair(predictions, labels):
    predictions.shape.assert_is_compatible_with(labels.shape)
    return _math_ops.cast(predictions, _dt.float32), _math_ops.cast(labels, _dt.float32)


def absolute_difference(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean |predictions - labels|."""
    with _name_scope(scope, "absolute_difference", [predictions, labels, weights]) as sc:
        predictions, labels = _float_pair(predictions, labels)
        losses = _math_ops.abs(_math_ops.subtract(predictions, labels))
        return compute_weighted_loss(losses, weights, scope=sc)


def mean_squared_error(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean (predictions - labels)**2."""
    with _name_scope(scope, "mean_squared_error", [predictions, labels, weights]) as sc:
        predictions, labels = _float_pair(predictions, labels)
        losses = _math_ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope=sc)


def sigmoid_cross_entropy(logits, multi_class_labels, weights=1.0, label_smoothing=0,
                          scope=None):
    """Weighted mean sigmoid cross-entropy (labels smoothed towards 1/2)."""
    with _name_scope(scope, "sigmoid_cross_entropy_loss",
                    [logits, multi_class_labels, weights]) as sc:
        logits.shape.assert_is_compatible_with(multi_class_labels.shape)
        multi_class_labels = _math_ops.cast(multi_class_labels, logits.dtype)
        if label_smoothing > 0:
            multi_class_labels = (multi_class_labels * (1 - label_smoothing)
                                  + 0.5 * label_smoothing)
        losses = _nn.sigmoid_cross_entropy_with_logits(labels=multi_class_labels,
                                                      logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope=sc)


def softmax_cross_entropy(logits, onehot_labels, weights=1.0, label_smoothing=0,
                          scope=None):
    """Weighted mean softmax cross-entropy (labels smoothed towards uniform)."""
    with _name_scope(scope, "softmax_cross_entropy_loss",
                    [logits, onehot_labels, weights]) as sc:
        logits.shape.assert_is_compatible_with(onehot_labels.shape)
        onehot_labels = _math_ops.cast(onehot_labels, logits.dtype)
        if label_smoothing > 0:
            num_classes = _math_ops.cast(_array_ops.shape(onehot_labels)[1], logits.dtype)
            smooth_positives = 1.0 - label_smoothing
            smooth_negatives = label_smoothing / num_classes
            onehot_labels = onehot_labels * smooth_positives + smooth_negatives
        losses = _nn.softmax_cross_entropy_with_logits(labels=onehot_labels, logits=logits,
                                                      name="xentropy")
        return compute_weighted_loss(losses, weights, scope=sc)


def sparse_softmax_cross_entropy(logits, labels, weights=1.0, scope=None):
    """Weighted mean sparse softmax cross-entropy (labels reshaped to [batch])."""
    with _name_scope(scope, "sparse_softmax_cross_entropy_loss",
                    [logits, labels, weights]) as sc:
        labels = _array_ops.reshape(labels, shape=[_array_ops.shape(labels)[0]])
        losses = _nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                             name="xentropy")
        return compute_weighted_loss(losses, weights, scope=sc)


def log_loss(predictions, labels=None, weights=1.0, epsilon=1e-7, scope=None):
    """Weighted mean log loss of probabilities `predictions`."""
    with _name_scope(scope, "log_loss", [predictions, labels, weights]) as sc:
        predictions, labels = _float_pair(predictions, labels)
        losses = (-_math_ops.multiply(labels, _math_ops.log(predictions + epsilon))
                  - _math_ops.multiply((1 - labels), _math_ops.log(1 - predictions + epsilon)))
        return compute_weighted_loss(losses, weights, scope=sc)


def hinge_loss(logits, labels=None, scope=None):
    """The elementwise hinge loss max(0, 1 - (2 * labels - 1) * logits), unreduced and
    not added to LOSSES (as contrib's)."""
    with _name_scope(scope, "hinge_loss", [logits, labels]):
        logits.shape.assert_is_compatible_with(labels.shape)
        labels = _math_ops.cast(labels, _dt.float32)
        all_ones = _array_ops.ones_like(labels)
        labels = _math_ops.subtract(2 * labels, all_ones)
        return _nn.relu(_math_ops.subtract(all_ones, _math_ops.multiply(labels, logits)))


def mean_pairwise_squared_error(predictions, labels=None, weights=1.0, scope=None):
    """Weighted mean over the batch of the mean squared difference between the pairwise
    differences of predictions and of labels (contrib's: the pair count of each example
    is its number of elements, where tf.losses uses that number minus one)."""
    with _name_scope(scope, "mean_pairwise_squared_error", [predictions, labels, weights]):
        predictions, labels = _float_pair(predictions, labels)
        weights = _math_ops.cast(_convert_to_tensor(weights), _dt.float32)
        diffs = _math_ops.subtract(predictions, labels)
        if diffs.shape.ndims is None:
            raise ValueError("diffs.get_shape().ndims cannot be None")
        if weights.shape.ndims is None:
            raise ValueError("weights.get_shape().ndims cannot be None")
        axis = list(range(1, diffs.shape.ndims))
        sum_squares_diff_per_batch = _math_ops.reduce_sum(_math_ops.square(diffs), axis=axis)
        num_present_per_batch = _num_present(diffs, weights, per_batch=True)
        term1 = 2.0 * _math_ops.div_no_nan(sum_squares_diff_per_batch, num_present_per_batch,
                                          name="value")
        sum_diff = _math_ops.reduce_sum(diffs, axis=axis)
        term2 = 2.0 * _math_ops.div_no_nan(_math_ops.square(sum_diff),
                                          _math_ops.square(num_present_per_batch),
                                          name="value")
        loss = _scale_losses(term1 - term2, weights)
        mean_loss = _array_ops.where(_math_ops.reduce_sum(num_present_per_batch) > 0, loss,
                                    _array_ops.zeros_like(loss), name="value")
        add_loss(mean_loss)
        return mean_loss


def cosine_distance(predictions, labels=None, axis=None, weights=1.0, scope=None, dim=None):
    """Weighted mean of 1 - sum(predictions * labels, axis) (unit-norm inputs); the axis
    is reduced away, unlike tf.losses.cosine_distance."""
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dim' and 'axis'")
        axis = dim
    if axis is None:
        raise ValueError("You must specify 'axis'.")
    with _name_scope(scope, "cosine_distance_loss", [predictions, labels, weights]) as sc:
        predictions, labels = _float_pair(predictions, labels)
        radial_diffs = _math_ops.multiply(predictions, labels)
        losses = 1 - _math_ops.reduce_sum(radial_diffs, axis=[axis])
        return compute_weighted_loss(losses, weights, scope=sc)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.losses.{name}")
