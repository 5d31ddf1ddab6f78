"""tf.contrib.metrics' moment and agreement metrics (metric_ops.py): streaming_covariance,
streaming_pearson_correlation, streaming_mean_cosine_distance, count, cohen_kappa,
precision_recall_at_equal_thresholds, aggregate_metrics / aggregate_metric_map."""
from __future__ import annotations

import collections as _collections

from ... import metrics as _m
from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _g
from ...engine.framework.constant_op import convert_to_tensor
from ...ops import (array_ops, check_ops, comparison_ops, confusion_matrix, control_flow_ops,
                    math_ops, matrix_ops, state_ops, variable_scope, weights_broadcast_ops)
from ._streaming import _add, streaming_mean

_f32, _f64 = _dt.float32, _dt.float64


def streaming_covariance(predictions, labels, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    """The unbiased (weighted) covariance of `predictions` and `labels`, updated batch by
    batch with the pairwise comoment formula (variables count, mean_prediction, mean_label,
    comoment); NaN until more than one value has been seen."""
    with variable_scope.variable_scope(name, "covariance", (predictions, labels, weights)):
        predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                         weights)
        predictions.shape.assert_is_compatible_with(labels.shape)
        count_ = _m.metric_variable([], _f32, name="count")
        mean_prediction = _m.metric_variable([], _f32, name="mean_prediction")
        mean_label = _m.metric_variable([], _f32, name="mean_label")
        comoment = _m.metric_variable([], _f32, name="comoment")
        if weights is None:
            batch_count = math_ops.cast(array_ops.size(labels), _f32)
            weighted_predictions, weighted_labels = predictions, labels
        else:
            weights = weights_broadcast_ops.broadcast_weights(weights, labels)
            batch_count = math_ops.reduce_sum(weights)
            weighted_predictions = math_ops.multiply(predictions, weights)
            weighted_labels = math_ops.multiply(labels, weights)
        update_count = state_ops.assign_add(count_, batch_count)
        prev_count = update_count - batch_count

        batch_mean_prediction = math_ops.div_no_nan(math_ops.reduce_sum(weighted_predictions),
                                                    batch_count)
        delta_mean_prediction = math_ops.div_no_nan(
            (batch_mean_prediction - mean_prediction) * batch_count, update_count)
        update_mean_prediction = state_ops.assign_add(mean_prediction, delta_mean_prediction)
        prev_mean_prediction = update_mean_prediction - delta_mean_prediction

        batch_mean_label = math_ops.div_no_nan(math_ops.reduce_sum(weighted_labels),
                                               batch_count)
        delta_mean_label = math_ops.div_no_nan((batch_mean_label - mean_label) * batch_count,
                                               update_count)
        update_mean_label = state_ops.assign_add(mean_label, delta_mean_label)
        prev_mean_label = update_mean_label - delta_mean_label

        coresiduals = (predictions - batch_mean_prediction) * (labels - batch_mean_label)
        if weights is None:
            batch_comoment = math_ops.reduce_sum(coresiduals)
        else:
            batch_comoment = math_ops.reduce_sum(coresiduals * weights)
        delta_comoment = (batch_comoment + (prev_mean_prediction - batch_mean_prediction) *
                          (prev_mean_label - batch_mean_label) *
                          (prev_count * batch_count / update_count))
        update_comoment = state_ops.assign_add(comoment, delta_comoment)

        covariance = array_ops.where(comparison_ops.less_equal(count_, 1.), float("nan"),
                                     math_ops.truediv(comoment, count_ - 1), name="covariance")
        with _g.control_dependencies([update_comoment]):
            update_op = array_ops.where(comparison_ops.less_equal(count_, 1.), float("nan"),
                                        math_ops.truediv(comoment, count_ - 1),
                                        name="update_op")
    _add(metrics_collections, covariance)
    _add(updates_collections, update_op)
    return covariance, update_op


def streaming_pearson_correlation(predictions, labels, weights=None, metrics_collections=None,
                                  updates_collections=None, name=None):
    """Pearson's r from three streaming covariances (covariance, variance_predictions,
    variance_labels)."""
    with variable_scope.variable_scope(name, "pearson_r", (predictions, labels, weights)):
        predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                         weights)
        predictions.shape.assert_is_compatible_with(labels.shape)
        if weights is not None:
            weights = weights_broadcast_ops.broadcast_weights(weights, labels)
        cov, update_cov = streaming_covariance(predictions, labels, weights=weights,
                                               name="covariance")
        var_predictions, update_var_predictions = streaming_covariance(
            predictions, predictions, weights=weights, name="variance_predictions")
        var_labels, update_var_labels = streaming_covariance(labels, labels, weights=weights,
                                                             name="variance_labels")
        pearson_r = math_ops.truediv(
            cov, math_ops.multiply(math_ops.sqrt(var_predictions), math_ops.sqrt(var_labels)),
            name="pearson_r")
        update_op = math_ops.truediv(
            update_cov, math_ops.multiply(math_ops.sqrt(update_var_predictions),
                                          math_ops.sqrt(update_var_labels)),
            name="update_op")
    _add(metrics_collections, pearson_r)
    _add(updates_collections, update_op)
    return pearson_r, update_op


def streaming_mean_cosine_distance(predictions, labels, dim, weights=None,
                                   metrics_collections=None, updates_collections=None,
                                   name=None):
    """1 - the mean of sum(predictions * labels, dim) (unit-normalized inputs assumed)."""
    predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                     weights)
    predictions.shape.assert_is_compatible_with(labels.shape)
    radial_diffs = math_ops.reduce_sum(math_ops.multiply(predictions, labels), axis=[dim],
                                       keepdims=True)
    mean_distance, update_op = streaming_mean(radial_diffs, weights, None, None,
                                              name or "mean_cosine_distance")
    mean_distance = math_ops.subtract(1.0, mean_distance)
    update_op = math_ops.subtract(1.0, update_op)
    _add(metrics_collections, mean_distance)
    _add(updates_collections, update_op)
    return mean_distance, update_op


def count(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """The number (or total weight) of values seen: variable `count`."""
    with variable_scope.variable_scope(name, "count", (values, weights)):
        count_ = _m.metric_variable([], _f32, name="count")
        if weights is None:
            num_values = math_ops.cast(array_ops.size(values), _f32)
        else:
            values = math_ops.cast(values, _f32)
            values, _, weights = _m._remove_squeezable_dimensions(values, None, weights)
            weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f32),
                                                              values)
            num_values = math_ops.reduce_sum(weights)
        with _g.control_dependencies([values]):
            update_count_op = state_ops.assign_add(count_, num_values)
        count_ = _m._read(count_, metrics_collections)
        _add(updates_collections, update_count_op)
        return count_, update_count_op


def cohen_kappa(labels, predictions_idx, num_classes, weights=None, metrics_collections=None,
                updates_collections=None, name=None):
    """Cohen's kappa of class ids (variables po, pe_row, pe_col: int64 counts, float32 with
    float weights)."""
    if num_classes < 2:
        raise ValueError("`num_classes` must be >= 2.Found: {}".format(num_classes))
    with variable_scope.variable_scope(name, "cohen_kappa", (labels, predictions_idx, weights)):
        labels = convert_to_tensor(labels)
        labels.shape.with_rank_at_most(2)
        if labels.shape.ndims == 2:
            labels = array_ops.squeeze(labels, axis=[-1])
        predictions_idx, labels, weights = _m._remove_squeezable_dimensions(
            predictions_idx, labels, weights)
        predictions_idx.shape.assert_is_compatible_with(labels.shape)
        stat_dtype = (_dt.int64 if weights is None or weights.dtype.is_integer else _f32)
        po = _m.metric_variable((num_classes,), stat_dtype, name="po")
        pe_row = _m.metric_variable((num_classes,), stat_dtype, name="pe_row")
        pe_col = _m.metric_variable((num_classes,), stat_dtype, name="pe_col")
        counts_in_table = confusion_matrix.confusion_matrix(
            labels, predictions_idx, num_classes=num_classes, weights=weights,
            dtype=stat_dtype, name="counts_in_table")
        po_t = matrix_ops.diag_part(counts_in_table)
        pe_row_t = math_ops.reduce_sum(counts_in_table, axis=0)
        pe_col_t = math_ops.reduce_sum(counts_in_table, axis=1)
        update_po = state_ops.assign_add(po, po_t)
        update_pe_row = state_ops.assign_add(pe_row, pe_row_t)
        update_pe_col = state_ops.assign_add(pe_col, pe_col_t)

        def calculate_k(po, pe_row, pe_col, name):
            po_sum = math_ops.reduce_sum(po)
            total = math_ops.reduce_sum(pe_row)
            pe_sum = math_ops.reduce_sum(math_ops.div_no_nan(
                math_ops.cast(pe_row * pe_col, _f64), math_ops.cast(total, _f64)))
            po_sum, pe_sum, total = (math_ops.cast(po_sum, _f64), math_ops.cast(pe_sum, _f64),
                                     math_ops.cast(total, _f64))
            return math_ops.div_no_nan(po_sum - pe_sum, total - pe_sum, name=name)

        kappa = calculate_k(po, pe_row, pe_col, name="value")
        update_op = calculate_k(update_po, update_pe_row, update_pe_col, name="update_op")
        _add(metrics_collections, kappa)
        _add(updates_collections, update_op)
        return kappa, update_op


PrecisionRecallData = _collections.namedtuple(
    "PrecisionRecallData", ["tp", "fp", "tn", "fn", "precision", "recall", "thresholds"])


def precision_recall_at_equal_thresholds(labels, predictions, weights=None,
                                         num_thresholds=None, use_locking=None, name=None):
    """tp, fp, tn, fn, precision, recall at `num_thresholds` (201) evenly spaced thresholds
    in [0, 1], from float64 histograms of `predictions >= threshold` (variables
    variables/tp_buckets, variables/fp_buckets)."""
    if num_thresholds is None:
        num_thresholds = 201
    if weights is None:
        weights = 1.0
    if use_locking is None:
        use_locking = True
    check_ops.assert_type(labels, _dt.bool_)
    with variable_scope.variable_scope(name, "precision_recall_at_equal_thresholds",
                                       (labels, predictions, weights)):
        predictions = convert_to_tensor(predictions)
        with _g.control_dependencies([
                check_ops.assert_greater_equal(predictions,
                                               math_ops.cast(0.0, dtype=predictions.dtype),
                                               message="predictions must be in [0, 1]"),
                check_ops.assert_less_equal(predictions,
                                            math_ops.cast(1.0, dtype=predictions.dtype),
                                            message="predictions must be in [0, 1]")]):
            predictions, labels, weights = _m._remove_squeezable_dimensions(
                predictions, labels, weights)
        predictions.shape.assert_is_compatible_with(labels.shape)
        f_labels = math_ops.cast(labels, _f64)
        weights = math_ops.cast(weights, _f64)
        true_labels = f_labels * weights
        false_labels = (1.0 - f_labels) * weights
        predictions = array_ops.reshape(predictions, [-1])
        true_labels = array_ops.reshape(true_labels, [-1])
        false_labels = array_ops.reshape(false_labels, [-1])
        bucket_indices = math_ops.cast(math_ops.floor(predictions * (num_thresholds - 1)),
                                       _dt.int32)
        with _g.name_scope("variables"):
            tp_buckets_v = _m.metric_variable([num_thresholds], _f64, name="tp_buckets")
            fp_buckets_v = _m.metric_variable([num_thresholds], _f64, name="fp_buckets")
        with _g.name_scope("update_op"):
            update_tp = state_ops.scatter_add(tp_buckets_v, bucket_indices, true_labels,
                                              use_locking=use_locking)
            update_fp = state_ops.scatter_add(fp_buckets_v, bucket_indices, false_labels,
                                              use_locking=use_locking)
        tp = math_ops.cumsum(tp_buckets_v, reverse=True, name="tp")
        fp = math_ops.cumsum(fp_buckets_v, reverse=True, name="fp")
        tn = fp[0] - fp
        fn = tp[0] - tp
        epsilon = convert_to_tensor(1e-7, dtype=_f64)
        precision = tp / math_ops.maximum(epsilon, tp + fp)
        recall = tp / math_ops.maximum(epsilon, tp + fn)
        out_dtype = predictions.dtype

        def convert(tensor):
            return math_ops.cast(tensor, out_dtype)

        result = PrecisionRecallData(
            tp=convert(tp), fp=convert(fp), tn=convert(tn), fn=convert(fn),
            precision=convert(precision), recall=convert(recall),
            thresholds=convert(array_ops.lin_space(0.0, 1.0, num_thresholds)))
        update_op = control_flow_ops.group(update_tp, update_fp)
        return result, update_op


def aggregate_metrics(*value_update_tuples):
    """([values], [update_ops]) from (value, update_op) pairs."""
    if not value_update_tuples:
        raise ValueError("Expected at least one value_tensor/update_op pair")
    value_ops, update_ops = zip(*value_update_tuples)
    return list(value_ops), list(update_ops)


def aggregate_metric_map(names_to_tuples):
    """({name: value}, {name: update_op}) from {name: (value, update_op)}."""
    metric_names = names_to_tuples.keys()
    value_ops, update_ops = zip(*names_to_tuples.values())
    return dict(zip(metric_names, value_ops)), dict(zip(metric_names, update_ops))


def _next_array_size(required_size, growth_factor=1.5):
    """The smallest growth_factor**k at least `required_size` (int32)."""
    exponent = math_ops.ceil(math_ops.log(math_ops.cast(required_size, _f32)) /
                             math_ops.log(math_ops.cast(growth_factor, _f32)))
    return math_ops.cast(math_ops.ceil(growth_factor ** exponent), _dt.int32)


def streaming_concat(values, axis=0, max_size=None, metrics_collections=None,
                     updates_collections=None, name=None):
    """All `values` seen, concatenated along `axis` (at most `max_size` of them): variables
    `array` (grown by 1.5x when full, its shape unvalidated) and `size`."""
    with variable_scope.variable_scope(name, "streaming_concat", (values,)):
        values = convert_to_tensor(values)
        values_shape = values.shape
        if values_shape.dims is None:
            raise ValueError("`values` must have known statically known rank")
        ndim = len(values_shape)
        if axis < 0:
            axis += ndim
        if not 0 <= axis < ndim:
            raise ValueError("axis = %r not in [0, %r)" % (axis, ndim))
        fixed_shape = [dim.value for n, dim in enumerate(values_shape) if n != axis]
        if any(value is None for value in fixed_shape):
            raise ValueError("all dimensions of `values` other than the dimension to "
                             "concatenate along must have statically known size")
        init_size = 0 if max_size is None else max_size
        array = _m.metric_variable([init_size] + fixed_shape, values.dtype,
                                   validate_shape=False, name="array")
        size = _m.metric_variable([], _dt.int32, name="size")
        perm = [0 if n == axis else n + 1 if n < axis else n for n in range(ndim)]
        valid_array = array[:size]
        valid_array.set_shape([None] + fixed_shape)
        value = array_ops.transpose(valid_array, perm, name="concat")
        values_size = array_ops.shape(values)[axis]
        if max_size is None:
            batch_size = values_size
        else:
            batch_size = math_ops.minimum(values_size, max_size - size)
        perm = [axis] + [n for n in range(ndim) if n != axis]
        batch_values = array_ops.transpose(values, perm)[:batch_size]

        def reallocate():
            next_size = _next_array_size(new_size)
            next_shape = array_ops.stack([next_size] + fixed_shape)
            new_value = array_ops.zeros(next_shape, dtype=values.dtype)
            old_value = array.value()
            assign_op = state_ops.assign(array, new_value, validate_shape=False)
            with _g.control_dependencies([assign_op]):
                copy_op = array[:size].assign(old_value[:size])
            with _g.control_dependencies([copy_op]):
                return control_flow_ops.no_op()

        new_size = size + batch_size
        array_size = array_ops.shape(array.value())[0]  # the shape is unvalidated: no Const
        maybe_reallocate_op = control_flow_ops.cond(new_size > array_size, reallocate,
                                                    control_flow_ops.no_op)
        with _g.control_dependencies([maybe_reallocate_op]):
            append_values_op = array[size:new_size].assign(batch_values)
        with _g.control_dependencies([append_values_op]):
            update_op = size.assign(new_size)
        _add(metrics_collections, value)
        _add(updates_collections, update_op)
        return value, update_op
