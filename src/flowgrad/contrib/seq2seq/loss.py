"""tf.contrib.seq2seq.sequence_loss: weighted cross-entropy of a [batch, time, classes]
sequence of logits, composed as TF 1.14 composes it (same ops and names)."""
from __future__ import annotations

from ...ops import array_ops, math_ops, nn_ops
from ...engine.framework.graph import name_scope

__all__ = ["sequence_loss"]


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, sum_over_timesteps=False, sum_over_batch=False,
                  softmax_loss_function=None, name=None):
    """Weighted cross-entropy loss for a sequence of logits.

    logits [batch, time, classes], targets [batch, time] int, weights [batch, time].
    average_across_*: sum the weighted loss over that dimension and divide by the sum of
    the weights; sum_over_*: divide by the number of non-zero weights instead. With
    neither for a dimension, the loss keeps it. `softmax_loss_function(labels=, logits=)`
    replaces sparse softmax cross-entropy.

    >>> logits = tf.constant([[[2., 0.], [0., 1.]]])
    >>> round(float(tf.Session().run(tf.contrib.seq2seq.sequence_loss(
    ...     logits, tf.constant([[0, 1]]), tf.ones([1, 2])))), 6)
    0.220095
    """
    if len(logits.get_shape()) != 3:
        raise ValueError("Logits must be a [batch_size x sequence_length x logits] tensor")
    if len(targets.get_shape()) != 2:
        raise ValueError("Targets must be a [batch_size x sequence_length] tensor")
    if len(weights.get_shape()) != 2:
        raise ValueError("Weights must be a [batch_size x sequence_length] tensor")
    if average_across_timesteps and sum_over_timesteps:
        raise ValueError("average_across_timesteps and sum_over_timesteps cannot be set to "
                         "True at same time.")
    if average_across_batch and sum_over_batch:
        raise ValueError("average_across_batch and sum_over_batch cannot be set to True at "
                         "same time.")
    with name_scope(name, "sequence_loss", [logits, targets, weights]):
        num_classes = array_ops.shape(logits)[2]
        logits_flat = array_ops.reshape(logits, [-1, num_classes])
        targets = array_ops.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(
                labels=targets, logits=logits_flat)
        else:
            crossent = softmax_loss_function(labels=targets, logits=logits_flat)
        crossent *= array_ops.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            crossent = math_ops.reduce_sum(crossent)
            total_size = math_ops.reduce_sum(weights)
            return math_ops.div_no_nan(crossent, total_size)
        if sum_over_timesteps and sum_over_batch:
            crossent = math_ops.reduce_sum(crossent)
            total_count = math_ops.cast(math_ops.count_nonzero(weights), crossent.dtype)
            return math_ops.div_no_nan(crossent, total_count)
        crossent = array_ops.reshape(crossent, array_ops.shape(logits)[0:2])
        if average_across_timesteps or average_across_batch:
            reduce_axis = [0] if average_across_batch else [1]
            crossent = math_ops.reduce_sum(crossent, axis=reduce_axis)
            total_size = math_ops.reduce_sum(weights, axis=reduce_axis)
            crossent = math_ops.div_no_nan(crossent, total_size)
        elif sum_over_timesteps or sum_over_batch:
            reduce_axis = [0] if sum_over_batch else [1]
            crossent = math_ops.reduce_sum(crossent, axis=reduce_axis)
            total_count = math_ops.cast(math_ops.count_nonzero(weights, axis=reduce_axis),
                                        dtype=crossent.dtype)
            crossent = math_ops.div_no_nan(crossent, total_count)
        return crossent
