"""tf.contrib.nn: TF 1.14's contrib/nn ops: alpha_dropout, the flipped-argument cross
entropies, sampled_sparse_softmax_loss, nth_element, and tf.nn's conv1d_transpose. Absent:
rank_sampled_softmax_loss, scaled_softplus."""
from __future__ import annotations

import numbers

from .. import nn as _nn
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..ops import array_ops, comparison_ops, math_ops, random_ops
from ..ops.conv_ops import conv1d_transpose
from ..ops.nn_ops import _compute_sampled_logits
from ..ops.nth_element_ops import nth_element
from ..ops.tensor_util import constant_value

__all__ = ["alpha_dropout", "conv1d_transpose",
           "deprecated_flipped_sigmoid_cross_entropy_with_logits",
           "deprecated_flipped_softmax_cross_entropy_with_logits",
           "deprecated_flipped_sparse_softmax_cross_entropy_with_logits", "nth_element",
           "sampled_sparse_softmax_loss"]


def alpha_dropout(x, keep_prob, noise_shape=None, seed=None, name=None):
    """SELU's dropout: dropped units are set to SELU's negative saturation and the result is
    scaled and shifted back to the input's mean and variance."""
    with name_scope(name, "alpha_dropout", [x]):
        x = convert_to_tensor(x, name="x")
        if isinstance(keep_prob, numbers.Real) and not 0 < keep_prob <= 1.:
            raise ValueError("keep_prob must be a scalar tensor or a float in the range "
                             "(0, 1], got %g" % keep_prob)
        keep_prob = convert_to_tensor(keep_prob, dtype=x.dtype, name="keep_prob")
        keep_prob.shape.assert_is_compatible_with(TensorShape([]))
        if constant_value(keep_prob) == 1:
            return x
        alpha = -1.7580993408473766
        noise_shape = noise_shape if noise_shape is not None else array_ops.shape(x)
        random_tensor = random_ops.random_uniform(noise_shape, seed=seed, dtype=x.dtype)
        kept_idx = math_ops.cast(comparison_ops.greater_equal(random_tensor, 1 - keep_prob),
                                 x.dtype)
        x = x * kept_idx + alpha * (1 - kept_idx)
        a = (keep_prob + keep_prob * (1 - keep_prob) * alpha ** 2) ** -0.5
        b = -a * alpha * (1 - keep_prob)
        return a * x + b


def deprecated_flipped_softmax_cross_entropy_with_logits(logits, labels, dim=-1, name=None):
    """tf.nn.softmax_cross_entropy_with_logits with logits first."""
    return _nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits, dim=dim,
                                                 name=name)


def deprecated_flipped_sparse_softmax_cross_entropy_with_logits(logits, labels, name=None):
    """tf.nn.sparse_softmax_cross_entropy_with_logits with logits first."""
    return _nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                        name=name)


def deprecated_flipped_sigmoid_cross_entropy_with_logits(logits, targets, name=None):
    """tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits)."""
    return _nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits, name=name)


def sampled_sparse_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes,
                                sampled_values=None, remove_accidental_hits=True,
                                partition_strategy="mod", name="sampled_sparse_softmax_loss"):
    """Sampled softmax loss with [batch, 1] int labels: the sparse softmax cross entropy of
    the sampled logits (true class first)."""
    logits, _ = _compute_sampled_logits(
        weights=weights, biases=biases, labels=labels, inputs=inputs,
        num_sampled=num_sampled, num_classes=num_classes, num_true=1,
        sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits,
        partition_strategy=partition_strategy, name=name)
    labels = array_ops.zeros([array_ops.shape(logits)[0], 1], dtype=_dt.int64)
    return _nn.sparse_softmax_cross_entropy_with_logits(labels=array_ops.squeeze(labels),
                                                        logits=logits)
