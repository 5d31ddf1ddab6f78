"""Confusion matrices and label/prediction rank matching (TF 1.14's confusion_matrix).

`confusion_matrix` counts (label, prediction) pairs into a [num_classes, num_classes]
matrix with TF's ops: the pairs' (indices, values, shape) added to zeros by one
`SparseTensorDenseAdd` (flowgrad has no SparseTensor class; the op takes its parts).
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework import graph as _g
from ..engine.framework.constant_op import convert_to_tensor
from . import array_ops, check_ops, comparison_ops, control_flow_ops, math_ops
from ..engine.ops.indexing import sparse_tensor_dense_add

__all__ = ["confusion_matrix", "remove_squeezable_dimensions"]


def remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0, name=None):
    """Squeezes the last dimension of `labels` or `predictions` when their ranks differ by
    `expected_rank_diff` ± 1 (statically when both ranks are known, else with `tf.cond`)."""
    with _g.name_scope(name, "remove_squeezable_dimensions", [labels, predictions]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        predictions_shape = predictions.shape
        predictions_rank = predictions_shape.ndims
        labels_shape = labels.shape
        labels_rank = labels_shape.ndims
        if labels_rank is not None and predictions_rank is not None:
            rank_diff = predictions_rank - labels_rank
            if rank_diff == expected_rank_diff + 1:
                predictions = array_ops.squeeze(predictions, [-1])
            elif rank_diff == expected_rank_diff - 1:
                labels = array_ops.squeeze(labels, [-1])
            return labels, predictions
        rank_diff = array_ops.rank(predictions) - array_ops.rank(labels)
        if predictions_rank is None or predictions_shape.dims[-1].is_compatible_with(1):
            p = predictions
            predictions = control_flow_ops.cond(
                comparison_ops.equal(expected_rank_diff + 1, rank_diff),
                lambda: array_ops.squeeze(p, [-1]), lambda: p)
        if labels_rank is None or labels_shape.dims[-1].is_compatible_with(1):
            lab = labels
            labels = control_flow_ops.cond(
                comparison_ops.equal(expected_rank_diff - 1, rank_diff),
                lambda: array_ops.squeeze(lab, [-1]), lambda: lab)
        return labels, predictions


def confusion_matrix(labels, predictions, num_classes=None, dtype=_dt.int32, name=None,
                     weights=None):
    """The [num_classes, num_classes] matrix counting (label, prediction) pairs (weighted by
    `weights`); rows are labels, columns predictions. As TF: a SparseTensor of the pairs
    (SparseTensorDenseAdd) added to zeros."""
    with _g.name_scope(name, "confusion_matrix",
                       (predictions, labels, num_classes, weights)):
        labels, predictions = remove_squeezable_dimensions(
            convert_to_tensor(labels, name="labels"),
            convert_to_tensor(predictions, name="predictions"))
        predictions = math_ops.cast(predictions, _dt.int64)
        labels = math_ops.cast(labels, _dt.int64)
        labels = control_flow_ops.with_dependencies(
            [check_ops.assert_non_negative(labels,
                                           message="`labels` contains negative values")],
            labels)
        predictions = control_flow_ops.with_dependencies(
            [check_ops.assert_non_negative(predictions,
                                           message="`predictions` contains negative values")],
            predictions)
        if num_classes is None:
            num_classes = math_ops.maximum(math_ops.reduce_max(predictions),
                                           math_ops.reduce_max(labels)) + 1
        else:
            n64 = math_ops.cast(num_classes, _dt.int64)
            labels = control_flow_ops.with_dependencies(
                [check_ops.assert_less(labels, n64, message="`labels` out of bound")], labels)
            predictions = control_flow_ops.with_dependencies(
                [check_ops.assert_less(predictions, n64, message="`predictions` out of bound")],
                predictions)
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            predictions.shape.assert_is_compatible_with(weights.shape)
            weights = math_ops.cast(weights, dtype)
        shape = array_ops.stack([num_classes, num_classes])
        indices = array_ops.stack([labels, predictions], axis=1)
        values = array_ops.ones_like(predictions, dtype) if weights is None else weights
        dense_shape = math_ops.cast(shape, _dt.int64)
        zero_matrix = array_ops.zeros(math_ops.cast(shape, _dt.int32), dtype)
        return sparse_tensor_dense_add(indices, convert_to_tensor(values, dtype=dtype),
                                       dense_shape, zero_matrix)
