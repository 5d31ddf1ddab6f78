"""tf.contrib.metrics' AUCs over all the predictions seen (metric_ops.py): streaming_dynamic_auc
(the exact trapezoidal ROC or PR AUC) and auc_with_confidence_intervals (the placement-value
AUC with asymptotic normal confidence bounds), both accumulating labels and predictions
with streaming_concat."""
from __future__ import annotations

import collections as _collections

from ... import metrics as _m
from ...distributions import Normal
from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _g
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...ops import (array_ops, check_ops, comparison_ops, control_flow_ops, math_ops, nn_ops,
                    sparse_ops,
                    variable_scope)
from ...ops.array_ops_extra import unique_with_counts
from ._moments import streaming_concat
from ._streaming import _EPSILON, _add

_f64, _i64 = _dt.float64, _dt.int64


def _compute_dynamic_auc(labels, predictions, curve="ROC", weights=None):
    size = array_ops.size(predictions)
    if weights is None:
        weights = array_ops.ones_like(labels, dtype=_f64)
    labels, predictions, weights = _m._remove_squeezable_dimensions(labels, predictions,
                                                                     weights)
    total_weight = math_ops.reduce_sum(weights)
    total_positive = math_ops.reduce_sum(array_ops.where(
        comparison_ops.greater(labels, 0), weights, array_ops.zeros_like(labels, dtype=_f64)))

    def continue_computing_dynamic_auc():
        ordered_predictions, indices = nn_ops.top_k(predictions, k=size)
        ordered_labels = array_ops.gather(labels, indices)
        ordered_weights = array_ops.gather(weights, indices)
        _, _, counts = unique_with_counts(ordered_predictions)
        splits = math_ops.cast(array_ops.pad(math_ops.cumsum(counts), paddings=[[1, 0]]),
                               _dt.int32)
        true_positives = array_ops.gather(array_ops.pad(math_ops.cumsum(array_ops.where(
            comparison_ops.greater(ordered_labels, 0), ordered_weights,
            array_ops.zeros_like(ordered_labels, dtype=_f64))), paddings=[[1, 0]]), splits)
        if curve == "ROC":
            false_positives = array_ops.gather(array_ops.pad(math_ops.cumsum(array_ops.where(
                comparison_ops.less(ordered_labels, 1), ordered_weights,
                array_ops.zeros_like(ordered_labels, dtype=_f64))), paddings=[[1, 0]]), splits)
            total_negative = total_weight - total_positive
            x_axis_values = math_ops.truediv(false_positives, total_negative)
            y_axis_values = math_ops.truediv(true_positives, total_positive)
        else:
            x_axis_values = math_ops.truediv(true_positives, total_positive)
            positives = array_ops.gather(
                array_ops.pad(math_ops.cumsum(ordered_weights), paddings=[[1, 0]]), splits)
            y_axis_values = array_ops.where(
                comparison_ops.greater(splits, 0), math_ops.truediv(true_positives, positives),
                array_ops.ones_like(true_positives, dtype=_f64))
        heights = math_ops.add(y_axis_values[1:], y_axis_values[:-1]) / 2.0
        widths = math_ops.abs(math_ops.subtract(x_axis_values[1:], x_axis_values[:-1]))
        return math_ops.reduce_sum(math_ops.multiply(heights, widths))

    return control_flow_ops.cond(
        comparison_ops.logical_or(comparison_ops.equal(total_positive, 0),
                                  comparison_ops.equal(total_positive, total_weight)),
        true_fn=lambda: constant(0, _f64), false_fn=continue_computing_dynamic_auc)


def _label_checks(labels):
    return [check_ops.assert_greater_equal(labels, array_ops.zeros_like(labels, _i64),
                                           message="labels must be 0 or 1, at least one is <0"),
            check_ops.assert_less_equal(labels, array_ops.ones_like(labels, _i64),
                                        message="labels must be 0 or 1, at least one is >1")]


def streaming_dynamic_auc(labels, predictions, curve="ROC", metrics_collections=(),
                          updates_collections=(), name=None, weights=None):
    """The exact (trapezoidal) ROC or PR AUC of all labels (0/1) and predictions seen
    (variables concat_labels/..., concat_preds/..., concat_weights/...); 0 while all labels
    are equal."""
    if curve not in ["PR", "ROC"]:
        raise ValueError("curve must be either ROC or PR, %s unknown" % curve)
    with variable_scope.variable_scope(name, default_name="dynamic_auc"):
        labels, predictions = convert_to_tensor(labels), convert_to_tensor(predictions)
        labels.shape.assert_is_compatible_with(predictions.shape)
        predictions = array_ops.reshape(math_ops.cast(predictions, _f64), [-1])
        labels = array_ops.reshape(math_ops.cast(labels, _i64), [-1])
        with _g.control_dependencies(_label_checks(labels)):
            preds_accum, update_preds = streaming_concat(predictions, name="concat_preds")
            labels_accum, update_labels = streaming_concat(labels, name="concat_labels")
            if weights is not None:
                weights = array_ops.reshape(math_ops.cast(weights, _f64), [-1])
                weights_accum, update_weights = streaming_concat(weights,
                                                                 name="concat_weights")
                update_op = control_flow_ops.group(update_labels, update_preds,
                                                   update_weights)
            else:
                weights_accum = None
                update_op = control_flow_ops.group(update_labels, update_preds)
            auc = _compute_dynamic_auc(labels_accum, preds_accum, curve=curve,
                                       weights=weights_accum)
            _add(updates_collections, update_op)
            _add(metrics_collections, auc)
            return auc, update_op


AucData = _collections.namedtuple("AucData", ["auc", "lower", "upper"])


def _compute_placement_auc(labels, predictions, weights, alpha, logit_transformation,
                           is_valid):
    size = array_ops.size(predictions, out_type=_dt.int32)
    total_0 = math_ops.reduce_sum(math_ops.cast(1 - labels, weights.dtype) * weights)
    total_1 = math_ops.reduce_sum(math_ops.cast(labels, weights.dtype) * weights)
    ordered_predictions, indices = nn_ops.top_k(predictions, k=size, sorted=True)
    ordered_predictions = array_ops.reverse(ordered_predictions,
                                            axis=array_ops.zeros(1, _dt.int32))
    indices = array_ops.reverse(indices, axis=array_ops.zeros(1, _dt.int32))
    ordered_labels = array_ops.gather(labels, indices)
    ordered_weights = array_ops.gather(weights, indices)
    _, segmented_indices = array_ops.unique(ordered_predictions)
    float_labels_for_true = math_ops.cast(ordered_labels, _dt.float32)
    float_labels_for_false = 1.0 - float_labels_for_true
    weights_for_true = ordered_weights * float_labels_for_true
    weights_for_false = ordered_weights * float_labels_for_false
    weight_totals_for_true = sparse_ops.segment_sum(weights_for_false, segmented_indices)
    weight_totals_for_false = sparse_ops.segment_sum(weights_for_true, segmented_indices)
    cum_weight_totals_for_true = math_ops.cumsum(weight_totals_for_true, exclusive=True)
    cum_weight_totals_for_false = math_ops.cumsum(weight_totals_for_false, exclusive=True)
    placements_for_true = (
        (cum_weight_totals_for_true + weight_totals_for_true / 2.0) /
        (math_ops.reduce_sum(weight_totals_for_true) + _EPSILON))
    placements_for_false = (
        (cum_weight_totals_for_false + weight_totals_for_false / 2.0) /
        (math_ops.reduce_sum(weight_totals_for_false) + _EPSILON))
    placements_for_true = array_ops.gather(placements_for_true, segmented_indices)
    placements_for_false = array_ops.gather(placements_for_false, segmented_indices)
    placement_values = (placements_for_true * float_labels_for_true +
                        placements_for_false * float_labels_for_false)
    placement_values_0 = placement_values * math_ops.cast(1 - ordered_labels, weights.dtype)
    weights_0 = ordered_weights * math_ops.cast(1 - ordered_labels, weights.dtype)
    placement_values_1 = placement_values * math_ops.cast(ordered_labels, weights.dtype)
    weights_1 = ordered_weights * math_ops.cast(ordered_labels, weights.dtype)
    auc_0 = (math_ops.reduce_sum(weights_0 * (1. - placement_values_0)) /
             (total_0 + _EPSILON))
    auc_1 = math_ops.reduce_sum(weights_1 * placement_values_1) / (total_1 + _EPSILON)
    auc = array_ops.where(comparison_ops.less(total_0, total_1), auc_1, auc_0)
    var_0 = (math_ops.reduce_sum(weights_0 * math_ops.square(1. - placement_values_0 - auc_0))
             / (total_0 - 1. + _EPSILON))
    var_1 = (math_ops.reduce_sum(weights_1 * math_ops.squared_difference(placement_values_1,
                                                                        auc_1)) /
             (total_1 - 1. + _EPSILON))
    auc_std_err = math_ops.sqrt((var_0 / (total_0 + _EPSILON)) + (var_1 / (total_1 + _EPSILON)))
    z_value = Normal(loc=0., scale=1.).quantile((1.0 - alpha) / 2.0)
    if logit_transformation:
        estimate = math_ops.log(auc / (1. - auc + _EPSILON))
        std_err = auc_std_err / (auc * (1. - auc + _EPSILON))
        transformed_auc_lower = estimate + (z_value * std_err)
        transformed_auc_upper = estimate - (z_value * std_err)

        def inverse_logit_transformation(x):
            exp_negative = math_ops.exp(math_ops.negative(x))
            return 1. / (1. + exp_negative + _EPSILON)

        auc_lower = inverse_logit_transformation(transformed_auc_lower)
        auc_upper = inverse_logit_transformation(transformed_auc_upper)
    else:
        auc_lower = auc + (z_value * auc_std_err)
        auc_upper = auc - (z_value * auc_std_err)

    def trivial():
        return comparison_ops.logical_or(
            comparison_ops.equal(auc, array_ops.ones_like(auc)),
            comparison_ops.equal(auc, array_ops.zeros_like(auc)))

    lower = array_ops.where(trivial(), auc, auc_lower)
    upper = array_ops.where(trivial(), auc, auc_upper)
    trivial_value = constant(0.0)
    return AucData(*control_flow_ops.cond(is_valid, lambda: [auc, lower, upper],
                                          lambda: [trivial_value] * 3))


def auc_with_confidence_intervals(labels, predictions, weights=None, alpha=0.95,
                                  logit_transformation=True, metrics_collections=(),
                                  updates_collections=(), name=None):
    """The ROC AUC of all predictions seen (placement values) with its lower and upper
    confidence bounds at level `alpha` (an AucData); updates only batches of total weight at
    least 1."""
    if not (alpha > 0 and alpha < 1):
        raise ValueError("alpha must be between 0 and 1; currently %.02f" % alpha)
    if weights is None:
        weights = array_ops.ones_like(predictions)
    with variable_scope.variable_scope(name, default_name="auc_with_confidence_intervals",
                                       values=[labels, predictions, weights]):
        predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                         weights)
        total_weight = math_ops.reduce_sum(weights)
        weights = array_ops.reshape(weights, [-1])
        predictions = array_ops.reshape(math_ops.cast(predictions, _f64), [-1])
        labels = array_ops.reshape(math_ops.cast(labels, _i64), [-1])
        with _g.control_dependencies(_label_checks(labels)):
            preds_accum, update_preds = streaming_concat(predictions, name="concat_preds")
            labels_accum, update_labels = streaming_concat(labels, name="concat_labels")
            weights_accum, update_weights = streaming_concat(weights, name="concat_weights")
            update_op_for_valid_case = control_flow_ops.group(update_labels, update_preds,
                                                              update_weights)
            all_labels_positive_or_0 = comparison_ops.logical_and(
                comparison_ops.equal(math_ops.reduce_min(labels), 0),
                comparison_ops.equal(math_ops.reduce_max(labels), 1))
            sums_of_weights_at_least_1 = comparison_ops.greater_equal(total_weight, 1.0)
            is_valid = comparison_ops.logical_and(all_labels_positive_or_0,
                                                  sums_of_weights_at_least_1)
            update_op = control_flow_ops.cond(sums_of_weights_at_least_1,
                                              lambda: update_op_for_valid_case,
                                              control_flow_ops.no_op)
            auc = _compute_placement_auc(labels_accum, preds_accum, weights_accum, alpha=alpha,
                                         logit_transformation=logit_transformation,
                                         is_valid=is_valid)
            _add(updates_collections, update_op)
            _add(metrics_collections, auc)
            return auc, update_op
