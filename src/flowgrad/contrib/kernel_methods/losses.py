"""TF 1.14's sparse_multiclass_hinge_loss (contrib/kernel_methods/python/losses.py): Crammer
and Singer's multiclass hinge loss max_c(logits_c - logits_label + [c != label]), weighted
and reduced as tf.losses does."""
from __future__ import annotations

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, control_dependencies, name_scope
from ...engine.ops.construction import range as _range
from ...losses.losses_impl import Reduction, compute_weighted_loss
from ...ops import array_ops, check_ops, math_ops, nn_ops

__all__ = ["sparse_multiclass_hinge_loss"]


def sparse_multiclass_hinge_loss(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The multiclass hinge loss of [batch, num_classes] `logits` for [batch] or
    [batch, 1] int `labels`."""
    with name_scope(scope, "sparse_multiclass_hinge_loss", (logits, labels)) as scope:
        logits_rank = logits.get_shape().ndims
        if logits_rank != 2:
            raise ValueError(f"logits should have rank 2 ([batch_size, num_classes]). Given "
                             f"rank is {logits_rank}")
        logits_shape = array_ops.shape(logits)
        batch_size, num_classes = logits_shape[0], logits_shape[1]
        logits = math_ops.cast(logits, _dt.float32)
        if labels.dtype != _dt.int32 and labels.dtype != _dt.int64:
            raise ValueError(f"Invalid dtype for labels: {labels.dtype}. Acceptable dtypes: "
                             "int32 and int64")
        labels_rank = labels.get_shape().ndims
        if labels_rank not in [1, 2]:
            raise ValueError("labels should have rank 1 ([batch_size]) or 2 ([batch_size, "
                             f"1]). Given rank is {labels_rank}")
        with control_dependencies([
                check_ops.assert_less(labels, math_ops.cast(num_classes, labels.dtype))]):
            labels = array_ops.reshape(labels, shape=[-1])
        weights = convert_to_tensor(weights)
        weights_rank = weights.get_shape().ndims
        if weights_rank not in [0, 1, 2]:
            # (TF's message names the labels' rank)
            raise ValueError("non-scalar weights should have rank 1 ([batch_size]) or 2 "
                             f"([batch_size, 1]). Given rank is {labels_rank}")
        if weights_rank > 0:
            weights = array_ops.reshape(weights, shape=[-1])
            weights.get_shape().assert_is_compatible_with(labels.get_shape())
        example_indices = array_ops.reshape(_range(batch_size), shape=[batch_size, 1])
        indices = array_ops.concat(
            [example_indices, array_ops.reshape(math_ops.cast(labels, example_indices.dtype),
                                                shape=[batch_size, 1])], axis=1)
        label_logits = array_ops.reshape(array_ops.gather_nd(params=logits, indices=indices),
                                         shape=[batch_size, 1])
        one_cold_labels = array_ops.one_hot(indices=labels, depth=num_classes, on_value=0.0,
                                            off_value=1.0)
        margin = nn_ops.relu(logits - label_logits + one_cold_labels)
        loss = math_ops.reduce_max(margin, axis=1)
        return compute_weighted_loss(loss, weights, scope, loss_collection,
                                     reduction=reduction)
