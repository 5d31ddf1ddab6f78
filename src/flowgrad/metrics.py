"""tf.metrics: TF 1.14's streaming metrics (metrics_impl.py).

Each metric returns `(value, update_op)`: local variables (in LOCAL_VARIABLES and
METRIC_VARIABLES, named as TF names them, e.g. `accuracy/total:0`) accumulate over
`update_op` runs; `value` reads them. Initialize them with
`tf.local_variables_initializer()`. `metrics_collections` / `updates_collections` get
the value / update tensors.

The `*_at_k` metrics take dense or SparseTensor labels and count with TF's set ops.
Differences from TF: the checks that predictions lie in [0, 1] are single `Assert` ops.
"""
from __future__ import annotations

from . import logging as _tf_logging
from . import sets
from .engine.framework import dtypes as _dt
from .engine.framework import graph as _g
from .engine.framework.constant_op import constant, convert_to_tensor
from .engine.framework.graph import GraphKeys
from .engine.ops.construction import range as _range
from .engine.ops.reductions import dynamic_stitch
from .engine.ops.scatter import scatter_add
from .ops import (array_ops, check_ops, comparison_ops, confusion_matrix, control_flow_ops,
                  logging_ops, math_ops, matrix_ops, nn_ops, sparse_ops, state_ops,
                  variable_scope, variables, weights_broadcast_ops)
from .ops.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor

__all__ = [
    "accuracy", "auc", "average_precision_at_k", "false_negatives",
    "false_negatives_at_thresholds", "false_positives", "false_positives_at_thresholds",
    "mean", "mean_absolute_error", "mean_cosine_distance", "mean_iou",
    "mean_per_class_accuracy", "mean_relative_error", "mean_squared_error", "mean_tensor",
    "percentage_below", "precision", "precision_at_k", "precision_at_thresholds",
    "precision_at_top_k", "recall", "recall_at_k", "recall_at_thresholds", "recall_at_top_k",
    "root_mean_squared_error", "sensitivity_at_specificity", "sparse_average_precision_at_k",
    "sparse_precision_at_k", "specificity_at_sensitivity", "true_negatives",
    "true_negatives_at_thresholds", "true_positives", "true_positives_at_thresholds",
]

_f32, _f64, _i64, _bool = _dt.float32, _dt.float64, _dt.int64, _dt.bool_


def metric_variable(shape, dtype, validate_shape=True, name=None):
    """A zero-initialized local variable in LOCAL_VARIABLES and METRIC_VARIABLES, synchronized
    on read and summed across replicas (TF's: under a MirroredStrategy, a
    SyncOnReadVariable)."""
    return variables.Variable(
        lambda: array_ops.zeros(shape, dtype), trainable=False,
        collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES],
        validate_shape=validate_shape, name=name,
        synchronization=variables.VariableSynchronization.ON_READ,
        aggregation=variables.VariableAggregation.SUM)


def _add(collections, value):
    if collections:
        _g.add_to_collections(collections, value)


def _read(v, collections):
    """TF reads a count variable through the replica context: one Identity."""
    value = array_ops.identity(v)
    _add(collections, value)
    return value


def _where_zero(cond, x, name=None):
    """`tf.where(cond, x, 0, name)` with TF's names: TF converts the 0 inside the Select's
    own scope (`value/e`, `Select_1/e`)."""
    with _g.name_scope(name or "Select") as scope:
        zero = convert_to_tensor(0, dtype=x.dtype, name="e")
    return array_ops.where(cond, x, zero, name=scope)


def _remove_squeezable_dimensions(predictions, labels, weights):
    """Squeezes or expands `labels` and `weights` to match `predictions`' rank."""
    predictions = convert_to_tensor(predictions)
    if labels is not None:
        labels, predictions = confusion_matrix.remove_squeezable_dimensions(labels, predictions)
        predictions.shape.assert_is_compatible_with(labels.shape)
    if weights is None:
        return predictions, labels, None
    weights = convert_to_tensor(weights)
    weights_shape = weights.shape
    weights_rank = weights_shape.ndims
    if weights_rank == 0:
        return predictions, labels, weights
    predictions_rank = predictions.shape.ndims
    if predictions_rank is not None and weights_rank is not None:
        if weights_rank - predictions_rank == 1:
            weights = array_ops.squeeze(weights, [-1])
        elif predictions_rank - weights_rank == 1:
            weights = array_ops.expand_dims(weights, -1)
        return predictions, labels, weights
    weights_rank_tensor = array_ops.rank(weights)
    rank_diff = weights_rank_tensor - array_ops.rank(predictions)
    w = weights

    def _maybe_expand_weights():
        return control_flow_ops.cond(comparison_ops.equal(rank_diff, -1),
                                     lambda: array_ops.expand_dims(w, -1), lambda: w)

    if weights_rank is not None and not weights_shape.dims[-1].is_compatible_with(1):
        def maybe_squeeze():
            return w
    else:
        def maybe_squeeze():
            return array_ops.squeeze(w, [-1])

    def _maybe_adjust_weights():
        return control_flow_ops.cond(comparison_ops.equal(rank_diff, 1), maybe_squeeze,
                                     _maybe_expand_weights)

    weights = control_flow_ops.cond(comparison_ops.equal(weights_rank_tensor, 0), lambda: w,
                                    _maybe_adjust_weights)
    return predictions, labels, weights


# -- mean and the metrics built on it --------------------------------------------------------
def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """The (weighted) mean of `values` over all update_op runs: variables `total`, `count`."""
    with variable_scope.variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, _f32)
        total = metric_variable([], _f32, name="total")
        count = metric_variable([], _f32, name="count")
        if weights is None:
            num_values = math_ops.cast(array_ops.size(values), _f32)
        else:
            values, _, weights = _remove_squeezable_dimensions(values, None, weights)
            weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f32),
                                                              values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.reduce_sum(weights)
        update_total_op = state_ops.assign_add(total, math_ops.reduce_sum(values))
        with _g.control_dependencies([values]):
            update_count_op = state_ops.assign_add(count, num_values)
        mean_t = math_ops.div_no_nan(total, math_ops.maximum(count, 0), name="value")
        _add(metrics_collections, mean_t)
        update_op = math_ops.div_no_nan(update_total_op, math_ops.maximum(update_count_op, 0),
                                        name="update_op")
        _add(updates_collections, update_op)
        return mean_t, update_op


def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None,
                name=None):
    """The elementwise (weighted) mean of `values`: variables `total_tensor`, `count_tensor`."""
    with variable_scope.variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, _f32)
        total = metric_variable(values.shape, _f32, name="total_tensor")
        count = metric_variable(values.shape, _f32, name="count_tensor")
        num_values = array_ops.ones_like(values)
        if weights is not None:
            values, _, weights = _remove_squeezable_dimensions(values, None, weights)
            weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f32),
                                                              values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.multiply(num_values, weights)
        update_total_op = state_ops.assign_add(total, values)
        with _g.control_dependencies([values]):
            update_count_op = state_ops.assign_add(count, num_values)
        mean_t = math_ops.div_no_nan(total, math_ops.maximum(count, 0), name="value")
        _add(metrics_collections, mean_t)
        update_op = math_ops.div_no_nan(update_total_op, math_ops.maximum(update_count_op, 0),
                                        name="update_op")
        _add(updates_collections, update_op)
        return mean_t, update_op


def accuracy(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """How often `predictions` equals `labels` (a `mean` named `accuracy`)."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    predictions.shape.assert_is_compatible_with(labels.shape)
    if labels.dtype != predictions.dtype:
        predictions = math_ops.cast(predictions, labels.dtype)
    is_correct = math_ops.cast(comparison_ops.equal(predictions, labels), _f32)
    return mean(is_correct, weights, metrics_collections, updates_collections,
                name or "accuracy")


def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    """The mean of |predictions - labels|."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    absolute_errors = math_ops.abs(predictions - labels)
    return mean(absolute_errors, weights, metrics_collections, updates_collections,
                name or "mean_absolute_error")


def mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    """The mean of (labels - predictions)²."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    squared_error = math_ops.squared_difference(labels, predictions)
    return mean(squared_error, weights, metrics_collections, updates_collections,
                name or "mean_squared_error")


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    """sqrt of the mean squared error."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    mse, update_mse_op = mean_squared_error(labels, predictions, weights, None, None,
                                            name or "root_mean_squared_error")
    rmse = math_ops.sqrt(mse)
    _add(metrics_collections, rmse)
    update_rmse_op = math_ops.sqrt(update_mse_op)
    _add(updates_collections, update_rmse_op)
    return rmse, update_rmse_op


def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    """1 - the mean of sum(predictions * labels, dim) (inputs assumed unit-normalized)."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    radial_diffs = math_ops.multiply(predictions, labels)
    radial_diffs = math_ops.reduce_sum(radial_diffs, axis=[dim], keepdims=True)
    mean_distance, update_op = mean(radial_diffs, weights, None, None,
                                    name or "mean_cosine_distance")
    mean_distance = math_ops.subtract(1.0, mean_distance)
    update_op = math_ops.subtract(1.0, update_op)
    _add(metrics_collections, mean_distance)
    _add(updates_collections, update_op)
    return mean_distance, update_op


def mean_relative_error(labels, predictions, normalizer, weights=None,
                        metrics_collections=None, updates_collections=None, name=None):
    """The mean of |labels - predictions| / normalizer (0 where normalizer is 0)."""
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    predictions, normalizer = confusion_matrix.remove_squeezable_dimensions(predictions,
                                                                            normalizer)
    predictions.shape.assert_is_compatible_with(normalizer.shape)
    relative_errors = array_ops.where(
        comparison_ops.equal(normalizer, 0.0), array_ops.zeros_like(labels),
        math_ops.div(math_ops.abs(labels - predictions), normalizer))
    return mean(relative_errors, weights, metrics_collections, updates_collections,
                name or "mean_relative_error")


def percentage_below(values, threshold, weights=None, metrics_collections=None,
                     updates_collections=None, name=None):
    """The fraction of `values` below `threshold`."""
    is_below_threshold = math_ops.cast(comparison_ops.less(values, threshold), _f32)
    return mean(is_below_threshold, weights, metrics_collections, updates_collections,
                name or "percentage_below_threshold")


# -- class-wise metrics ------------------------------------------------------------------------
def mean_per_class_accuracy(labels, predictions, num_classes, weights=None,
                            metrics_collections=None, updates_collections=None, name=None):
    """The mean over classes of each class's accuracy: variables `total`, `count`
    ([num_classes])."""
    with variable_scope.variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
        labels = math_ops.cast(labels, _i64)
        if labels.shape.ndims > 1:
            labels = array_ops.reshape(labels, [-1])
        if predictions.shape.ndims > 1:
            predictions = array_ops.reshape(predictions, [-1])
        predictions.shape.assert_is_compatible_with(labels.shape)
        total = metric_variable([num_classes], _f32, name="total")
        count = metric_variable([num_classes], _f32, name="count")
        ones = _ones_of_size(array_ops.size(labels))
        if labels.dtype != predictions.dtype:
            predictions = math_ops.cast(predictions, labels.dtype)
        is_correct = math_ops.cast(comparison_ops.equal(predictions, labels), _f32)
        if weights is not None:
            if weights.shape.ndims > 1:
                weights = array_ops.reshape(weights, [-1])
            weights = math_ops.cast(weights, _f32)
            is_correct *= weights
            ones *= weights
        update_total_op = scatter_add(total, labels, ones)
        update_count_op = scatter_add(count, labels, is_correct)
        per_class_accuracy = math_ops.div_no_nan(count, math_ops.maximum(total, 0))
        mean_accuracy_v = math_ops.reduce_mean(per_class_accuracy, name="mean_accuracy")
        _add(metrics_collections, mean_accuracy_v)
        update_op = math_ops.div_no_nan(update_count_op, math_ops.maximum(update_total_op, 0),
                                        name="update_op")
        _add(updates_collections, update_op)
        return mean_accuracy_v, update_op


def _ones_of_size(size):
    """TF's `array_ops.ones([size])` for a Tensor `size`, with its ops: it first tries
    `np.prod(shape) < 1000` (a stray `Less` op) before packing the shape."""
    with _g.name_scope(None, "ones", [size]) as scope:
        comparison_ops.less(size, 1000)
        shape = array_ops.stack([size], name="packed")
        return array_ops.fill(shape, constant(1.0, _f32), name=scope)


def _streaming_confusion_matrix(labels, predictions, num_classes, weights=None):
    total_cm = metric_variable([num_classes, num_classes], _f64, name="total_confusion_matrix")
    predictions = math_ops.cast(predictions, _i64)
    labels = math_ops.cast(labels, _i64)
    num_classes = math_ops.cast(num_classes, _i64)
    if predictions.shape.ndims > 1:
        predictions = array_ops.reshape(predictions, [-1])
    if labels.shape.ndims > 1:
        labels = array_ops.reshape(labels, [-1])
    if weights is not None and weights.shape.ndims > 1:
        weights = array_ops.reshape(weights, [-1])
    current_cm = confusion_matrix.confusion_matrix(labels, predictions, num_classes,
                                                   weights=weights, dtype=_f64)
    update_op = state_ops.assign_add(total_cm, current_cm)
    return total_cm, update_op


def mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """The mean over classes of intersection-over-union, from a streaming confusion
    matrix (`total_confusion_matrix`); classes never seen are left out of the mean."""
    with variable_scope.variable_scope(name, "mean_iou", (predictions, labels, weights)):
        predictions.shape.assert_is_compatible_with(labels.shape)
        total_cm, update_op = _streaming_confusion_matrix(labels, predictions, num_classes,
                                                          weights)
        sum_over_row = math_ops.cast(math_ops.reduce_sum(total_cm, 0), _f32)
        sum_over_col = math_ops.cast(math_ops.reduce_sum(total_cm, 1), _f32)
        cm_diag = math_ops.cast(matrix_ops.diag_part(total_cm), _f32)
        denominator = sum_over_row + sum_over_col - cm_diag
        num_valid_entries = math_ops.reduce_sum(
            math_ops.cast(comparison_ops.not_equal(denominator, 0), _f32))
        denominator = array_ops.where(comparison_ops.greater(denominator, 0), denominator,
                                      array_ops.ones_like(denominator))
        iou = math_ops.div(cm_diag, denominator)
        result = _where_zero(comparison_ops.greater(num_valid_entries, 0),
                             math_ops.reduce_sum(iou, name="mean_iou") / num_valid_entries)
        _add(metrics_collections, result)
        _add(updates_collections, update_op)
        return result, update_op


# -- counts at thresholds and the curves built on them ----------------------------------------
def _assert_in_unit_interval(predictions):
    msg = "predictions must be in [0, 1]"
    return [check_ops.assert_greater_equal(predictions, math_ops.cast(0.0, predictions.dtype),
                                           message=msg),
            check_ops.assert_less_equal(predictions, math_ops.cast(1.0, predictions.dtype),
                                        message=msg)]


def _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None,
                                    includes=None):
    """Variables true_positives, false_negatives, true_negatives, false_positives
    ([len(thresholds)]) counting predictions > threshold against boolean labels."""
    all_includes = ("tp", "fn", "tn", "fp")
    if includes is None:
        includes = all_includes
    else:
        for include in includes:
            if include not in all_includes:
                raise ValueError("Invalid key: %s." % include)
    # (TF 1.14 reads predictions.dtype as they are: a NumPy array is converted by the
    # asserts, in their scopes; a Python list has no dtype, TF's AttributeError)
    with _g.control_dependencies(_assert_in_unit_interval(predictions)):
        predictions, labels, weights = _remove_squeezable_dimensions(
            math_ops.cast(predictions, _f32), math_ops.cast(labels, _bool), weights)
    num_thresholds = len(thresholds)
    predictions_2d = array_ops.reshape(predictions, [-1, 1])
    labels_2d = array_ops.reshape(math_ops.cast(labels, _bool), [1, -1])
    num_predictions = predictions_2d.shape.as_list()[0]
    if num_predictions is None:
        num_predictions = array_ops.shape(predictions_2d)[0]
    thresh_tiled = array_ops.tile(array_ops.expand_dims(constant(thresholds), 1),
                                  array_ops.stack([1, num_predictions]))
    pred_is_pos = comparison_ops.greater(
        array_ops.tile(array_ops.transpose(predictions_2d), [num_thresholds, 1]), thresh_tiled)
    if "fn" in includes or "tn" in includes:
        pred_is_neg = comparison_ops.logical_not(pred_is_pos)
    label_is_pos = array_ops.tile(labels_2d, [num_thresholds, 1])
    if "fp" in includes or "tn" in includes:
        label_is_neg = comparison_ops.logical_not(label_is_pos)
    if weights is not None:
        weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f32),
                                                          predictions)
        weights_tiled = array_ops.tile(array_ops.reshape(weights, [1, -1]),
                                       [num_thresholds, 1])
        thresh_tiled.shape.assert_is_compatible_with(weights_tiled.shape)
    else:
        weights_tiled = None
    values, update_ops = {}, {}
    for key, var_name, a, b in (("tp", "true_positives", "pos", "pos"),
                                ("fn", "false_negatives", "pos", "neg"),
                                ("tn", "true_negatives", "neg", "neg"),
                                ("fp", "false_positives", "neg", "pos")):
        if key not in includes:
            continue
        var = metric_variable([num_thresholds], _f32, name=var_name)
        label_is = label_is_pos if a == "pos" else label_is_neg
        pred_is = pred_is_pos if b == "pos" else pred_is_neg
        hit = math_ops.cast(comparison_ops.logical_and(label_is, pred_is), _f32)
        if weights_tiled is not None:
            hit *= weights_tiled
        update_ops[key] = state_ops.assign_add(var, math_ops.reduce_sum(hit, 1))
        values[key] = var
    return values, update_ops


def _thresholds_count(key, default_name):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            values, update_ops = _confusion_matrix_at_thresholds(
                labels, predictions, thresholds, weights=weights, includes=(key,))
            value = _read(values[key], metrics_collections)
            _add(updates_collections, update_ops[key])
            return value, update_ops[key]
    metric.__name__ = default_name + "_at_thresholds"
    metric.__doc__ = "The weighted number of %s at each threshold." % default_name.replace(
        "_", " ")
    return metric


true_positives_at_thresholds = _thresholds_count("tp", "true_positives")
false_negatives_at_thresholds = _thresholds_count("fn", "false_negatives")
true_negatives_at_thresholds = _thresholds_count("tn", "true_negatives")
false_positives_at_thresholds = _thresholds_count("fp", "false_positives")


def _assert_type(tensor, dtype):
    """TF's check_ops.assert_type: a TypeError now, else a NoOp saying so."""
    with _g.name_scope(None, "assert_type", [tensor]):
        if tensor.dtype.base_dtype != dtype:
            raise TypeError("%s must be of type %s; got %s" % (tensor.name, dtype,
                                                               tensor.dtype.base_dtype))
        return control_flow_ops.no_op("statically_determined_correct_type")


def _assert_rank_in(weights, values):
    """TF's check_ops.assert_rank_in(weights, (0, rank(values))), with TF's ops when the
    ranks are known (ValueError if wrong) and an Assert otherwise."""
    weights = convert_to_tensor(weights)
    values_rank = array_ops.rank(values)
    with _g.name_scope(None, "assert_rank_in", (weights, values_rank)):
        ranks = (convert_to_tensor(0, name="rank"), values_rank)
        shape = array_ops.shape(weights)
        for r in ranks:
            _assert_type(r, _dt.int32)
        wr, vr = weights.shape.ndims, values.shape.ndims
        if wr is not None and vr is not None:
            if wr not in (0, vr):
                raise ValueError(
                    "Tensor %s must have rank in (0, %d). Received rank %d, shape %s" %
                    (weights.name, vr, wr, weights.shape))
            return control_flow_ops.no_op(name="static_checks_determined_all_ok")
        w_rank = array_ops.rank(weights)
        ok = comparison_ops.logical_or(comparison_ops.equal(w_rank, 0),
                                       comparison_ops.equal(w_rank, values_rank))
        return logging_ops.Assert(ok, ["Tensor %s must have rank in" % weights.name,
                                       ranks[0], ranks[1], "Received shape: ", shape])


def _count_condition(values, weights=None, metrics_collections=None,
                     updates_collections=None):
    _assert_type(values, _bool)
    count = metric_variable([], _f32, name="count")
    values = math_ops.cast(values, _f32)
    if weights is not None:
        with _g.control_dependencies((_assert_rank_in(weights, values),)):
            weights = math_ops.cast(weights, _f32)
            values = math_ops.multiply(values, weights)
    value_tensor = _read(count, metrics_collections)
    update_op = state_ops.assign_add(count, math_ops.reduce_sum(values))
    _add(updates_collections, update_op)
    return value_tensor, update_op


def _bool_count(label_value, pred_value, default_name):
    def metric(labels, predictions, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            predictions, labels, weights = _remove_squeezable_dimensions(
                math_ops.cast(predictions, _bool), math_ops.cast(labels, _bool), weights)
            hit = comparison_ops.logical_and(comparison_ops.equal(labels, label_value),
                                             comparison_ops.equal(predictions, pred_value))
            return _count_condition(hit, weights, metrics_collections, updates_collections)
    metric.__name__ = default_name
    metric.__doc__ = "The weighted number of %s (variable `count`)." % default_name.replace(
        "_", " ")
    return metric


true_positives = _bool_count(True, True, "true_positives")
false_negatives = _bool_count(True, False, "false_negatives")
true_negatives = _bool_count(False, False, "true_negatives")
false_positives = _bool_count(False, True, "false_positives")


def _ratio(default_name, second):
    """precision (tp / (tp + fp)) or recall (tp / (tp + fn)), 0 when undefined."""
    def metric(labels, predictions, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            predictions, labels, weights = _remove_squeezable_dimensions(
                math_ops.cast(predictions, _bool), math_ops.cast(labels, _bool), weights)
            tp, tp_update = true_positives(labels, predictions, weights)
            other, other_update = second(labels, predictions, weights)

            def compute(a, b, op_name):
                return _where_zero(comparison_ops.greater(a + b, 0), math_ops.div(a, a + b),
                                   op_name)

            value = compute(tp, other, "value")
            _add(metrics_collections, value)
            update_op = compute(tp_update, other_update, "update_op")
            _add(updates_collections, update_op)
            return value, update_op
    metric.__name__ = default_name
    return metric


precision = _ratio("precision", false_positives)
precision.__doc__ = "tp / (tp + fp) over all update_op runs (0 if there are none)."
recall = _ratio("recall", false_negatives)
recall.__doc__ = "tp / (tp + fn) over all update_op runs (0 if there are none)."


def _ratio_at_thresholds(default_name, key2, prefix):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            values, update_ops = _confusion_matrix_at_thresholds(
                labels, predictions, thresholds, weights, includes=("tp", key2))
            epsilon = 1e-7

            def compute(tp, other, op_name):
                return math_ops.div(tp, epsilon + tp + other, name=prefix + op_name)

            value = compute(values["tp"], values[key2], "value")
            _add(metrics_collections, value)
            update_op = compute(update_ops["tp"], update_ops[key2], "update_op")
            _add(updates_collections, update_op)
            return value, update_op
    metric.__name__ = default_name
    metric.__doc__ = "%s at each threshold (predictions > threshold are positive)." % prefix[:-1]
    return metric


precision_at_thresholds = _ratio_at_thresholds("precision_at_thresholds", "fp", "precision_")
recall_at_thresholds = _ratio_at_thresholds("recall_at_thresholds", "fn", "recall_")


def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
        updates_collections=None, curve="ROC", name=None, summation_method="trapezoidal",
        thresholds=None):
    """Area under the ROC or PR curve from counts at `num_thresholds` thresholds
    (summation_method: trapezoidal, careful_interpolation, minoring, majoring)."""
    with variable_scope.variable_scope(name, "auc", (labels, predictions, weights)):
        if curve != "ROC" and curve != "PR":
            raise ValueError("curve must be either ROC or PR, %s unknown" % (curve))
        kepsilon = 1e-7
        if thresholds is not None:
            thresholds = sorted(thresholds)
            num_thresholds = len(thresholds) + 2
        else:
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
        thresholds = [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                             weights)
        epsilon = 1.0e-6
        n = num_thresholds

        def interpolate_pr_auc(tp, fp, fn):
            dtp = tp[:n - 1] - tp[1:]
            p = tp + fp
            prec_slope = math_ops.div_no_nan(dtp, math_ops.maximum(p[:n - 1] - p[1:], 0),
                                             name="prec_slope")
            intercept = tp[1:] - math_ops.multiply(prec_slope, p[1:])
            safe_p_ratio = array_ops.where(
                comparison_ops.logical_and(p[:n - 1] > 0, p[1:] > 0),
                math_ops.div_no_nan(p[:n - 1], math_ops.maximum(p[1:], 0),
                                    name="recall_relative_ratio"),
                array_ops.ones_like(p[1:]))
            return math_ops.reduce_sum(
                math_ops.div_no_nan(prec_slope * (dtp + intercept * math_ops.log(safe_p_ratio)),
                                    math_ops.maximum(tp[1:] + fn[1:], 0),
                                    name="pr_auc_increment"),
                name="interpolate_pr_auc")

        def compute_auc(tp, fn, tn, fp, op_name):
            if curve == "PR" and summation_method == "trapezoidal":
                _tf_logging.warning(   # as TF, once for the value and once for the update
                    "Trapezoidal rule is known to produce incorrect PR-AUCs; please switch "
                    "to \"careful_interpolation\" instead.")
            if curve == "PR" and summation_method == "careful_interpolation":
                return interpolate_pr_auc(tp, fp, fn)
            rec = math_ops.div(tp + epsilon, tp + fn + epsilon)
            if curve == "ROC":
                x = math_ops.div(fp, fp + tn + epsilon)
                y = rec
            else:
                x = rec
                y = math_ops.div(tp + epsilon, tp + fp + epsilon)
            if summation_method in ("trapezoidal", "careful_interpolation"):
                return math_ops.reduce_sum(
                    math_ops.multiply(x[:n - 1] - x[1:], (y[:n - 1] + y[1:]) / 2.),
                    name=op_name)
            if summation_method == "minoring":
                return math_ops.reduce_sum(
                    math_ops.multiply(x[:n - 1] - x[1:], math_ops.minimum(y[:n - 1], y[1:])),
                    name=op_name)
            if summation_method == "majoring":
                return math_ops.reduce_sum(
                    math_ops.multiply(x[:n - 1] - x[1:], math_ops.maximum(y[:n - 1], y[1:])),
                    name=op_name)
            raise ValueError("Invalid summation_method: %s" % summation_method)

        auc_value = compute_auc(values["tp"], values["fn"], values["tn"], values["fp"], "value")
        _add(metrics_collections, auc_value)
        update_op = compute_auc(update_ops["tp"], update_ops["fn"], update_ops["tn"],
                                update_ops["fp"], "update_op")
        _add(updates_collections, update_op)
        return auc_value, update_op


def _uniform_thresholds(num_thresholds, last):
    kepsilon = 1e-7
    inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - kepsilon] + inner + [last]


def sensitivity_at_specificity(labels, predictions, specificity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """The sensitivity at the threshold whose specificity is closest to `specificity`."""
    if specificity < 0 or specificity > 1:
        raise ValueError("`specificity` must be in the range [0, 1].")
    with variable_scope.variable_scope(name, "sensitivity_at_specificity",
                                       (predictions, labels, weights)):
        kepsilon = 1e-7
        thresholds = _uniform_thresholds(num_thresholds, 1.0 + kepsilon)
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                             weights)

        def compute(tp, tn, fp, fn, op_name):
            specificities = math_ops.div(tn, tn + fp + kepsilon)
            tf_index = math_ops.argmin(math_ops.abs(specificities - specificity), 0)
            tf_index = math_ops.cast(tf_index, _dt.int32)
            return math_ops.div(tp[tf_index], tp[tf_index] + fn[tf_index] + kepsilon, op_name)

        value = compute(values["tp"], values["tn"], values["fp"], values["fn"], "value")
        _add(metrics_collections, value)
        update_op = compute(update_ops["tp"], update_ops["tn"], update_ops["fp"],
                            update_ops["fn"], "update_op")
        _add(updates_collections, update_op)
        return value, update_op


def specificity_at_sensitivity(labels, predictions, sensitivity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """The specificity at the (last) threshold whose sensitivity is closest to
    `sensitivity`."""
    if sensitivity < 0 or sensitivity > 1:
        raise ValueError("`sensitivity` must be in the range [0, 1].")
    with variable_scope.variable_scope(name, "specificity_at_sensitivity",
                                       (predictions, labels, weights)):
        kepsilon = 1e-7
        thresholds = _uniform_thresholds(num_thresholds, 1.0 - kepsilon)
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                             weights)

        def compute(tp, tn, fp, fn, op_name):
            sensitivities = math_ops.div(tp, tp + fn + kepsilon)
            min_val = math_ops.reduce_min(math_ops.abs(sensitivities - sensitivity))
            at_min = comparison_ops.equal(math_ops.abs(sensitivities - sensitivity), min_val)
            at_min = math_ops.cumsum(math_ops.cast(at_min, _i64))
            tf_index = math_ops.cast(math_ops.argmax(at_min, 0), _dt.int32)
            return math_ops.div(tn[tf_index], tn[tf_index] + fp[tf_index] + kepsilon, op_name)

        value = compute(values["tp"], values["tn"], values["fp"], values["fn"], "value")
        _add(metrics_collections, value)
        update_op = compute(update_ops["tp"], update_ops["tn"], update_ops["fp"],
                            update_ops["fn"], "update_op")
        _add(updates_collections, update_op)
        return value, update_op


# -- top-k metrics -------------------------------------------------------------------------
def _at_k_name(name, k=None, class_id=None):
    name = "%s_at_%d" % (name, k) if k is not None else "%s_at_k" % name
    if class_id is not None:
        name = "%s_class%d" % (name, class_id)
    return name


def _parts(sp):
    return sp.indices, sp.values, sp.dense_shape


def _maybe_expand_labels(labels, predictions):
    with _g.name_scope(None, "expand_labels", (labels, predictions)) as scope:
        labels = convert_to_tensor_or_sparse_tensor(labels)
        if isinstance(labels, SparseTensor):
            # TF's cond of a SparseTensor: a Merge per component
            def expanded():
                shape = array_ops.concat((labels.dense_shape, (1,)), 0)
                return _parts(sparse_ops.sparse_reshape(labels, shape=shape, name=scope))
            return SparseTensor(*control_flow_ops.cond(
                comparison_ops.equal(array_ops.rank(predictions),
                                     array_ops.size(labels.dense_shape) + 1),
                expanded, lambda: _parts(labels)))
        labels_rank = labels.shape.ndims
        if labels_rank is not None:
            predictions_rank = predictions.shape.ndims
            if predictions_rank is not None:
                if predictions_rank == labels_rank:
                    return labels
                if predictions_rank == labels_rank + 1:
                    return array_ops.expand_dims(labels, -1, name=scope)
                raise ValueError("Unexpected labels shape %s for predictions shape %s." %
                                 (labels.shape, predictions.shape))
        p = predictions
        return control_flow_ops.cond(
            comparison_ops.equal(array_ops.rank(p), array_ops.rank(labels) + 1),
            lambda: array_ops.expand_dims(labels, -1, name=scope), lambda: labels)


def _reduced_shape(input_shape, axes):
    """TF 1.14's math_ops.reduced_shape: input_shape with the axes set to 1 (int32)."""
    input_shape = math_ops.cast(input_shape, _dt.int32)
    axes = math_ops.cast(axes, _dt.int32)
    input_rank = array_ops.size(input_shape)
    axes = (axes + input_rank) % input_rank
    axes_shape = array_ops.shape(axes)
    return dynamic_stitch([_range(input_rank), axes],
                          [input_shape, array_ops.fill(axes_shape, 1)])


def _select_class_id(ids, selected_id):
    """TF's _select_class_id: a SparseTensor of the entries of `ids` equal to
    `selected_id` (dense `ids`: the intersection with a filled tensor of the id)."""
    ids = sets._convert(ids, "ids")
    if isinstance(ids, SparseTensor):
        return sparse_ops.sparse_retain(ids, comparison_ops.equal(ids.values, selected_id))
    ids_shape = array_ops.shape(ids, out_type=_i64)
    ids_last_dim = array_ops.size(ids_shape) - 1
    filled_shape = _reduced_shape(ids_shape, array_ops.reshape(ids_last_dim, [1]))
    filled = array_ops.fill(filled_shape, math_ops.cast(selected_id, _i64))
    result = sets.set_intersection(filled, ids)
    return SparseTensor(result.indices, result.values, ids_shape)


_COUNTS = {"tp": ("true_positives", "true_positive"),
           "fp": ("false_positives", "false_positive"),
           "fn": ("false_negatives", "false_negative")}


def _sparse_count_at_k(kind, labels, predictions_idx, class_id=None, weights=None,
                       name=None):
    """TF's _sparse_{true_positive,false_positive,false_negative}_at_k: per row, the size
    of the set intersection (tp), predictions minus labels (fp) or labels minus
    predictions (fn) of the ids in the last dimension (float64, times the weights)."""
    with _g.name_scope(name, _COUNTS[kind][0], (predictions_idx, labels, weights)):
        if class_id is not None:
            labels, predictions_idx = (_select_class_id(labels, class_id),
                                       _select_class_id(predictions_idx, class_id))
        if kind == "tp":
            found = sets.set_intersection(predictions_idx, labels)
        else:
            found = sets.set_difference(predictions_idx, labels, aminusb=kind == "fp")
        count = math_ops.cast(sets.set_size(found), _f64)
        if weights is None:
            return count
        with _g.control_dependencies(
                (weights_broadcast_ops.assert_broadcastable(weights, count),)):
            return math_ops.multiply(count, math_ops.cast(weights, _f64))


def _streaming_count(kind, labels, predictions_idx, k, class_id, weights):
    """TF's _streaming_sparse_*_at_k: a float64 local variable adding the batch's count."""
    with _g.name_scope(None, _at_k_name(_COUNTS[kind][1], k, class_id=class_id),
                       (predictions_idx, labels, weights)) as scope:
        count = _sparse_count_at_k(kind, labels, predictions_idx, class_id, weights)
        batch_total = math_ops.cast(math_ops.reduce_sum(count), _f64)
        var = metric_variable([], _f64, name=scope)
        return var, state_ops.assign_add(var, batch_total, name="update")


def _top_k_ratio(metric_name, which):
    def metric(labels, predictions_idx, k=None, class_id=None, weights=None,
               metrics_collections=None, updates_collections=None, name=None):
        with _g.name_scope(name, _at_k_name(metric_name, k, class_id=class_id),
                           (predictions_idx, labels, weights)) as scope:
            predictions_idx = convert_to_tensor(predictions_idx)
            labels = _maybe_expand_labels(labels, predictions_idx)
            top_k_idx = math_ops.cast(predictions_idx, _i64)
            tp, tp_update = _streaming_count("tp", labels, top_k_idx, k, class_id, weights)
            other, other_update = _streaming_count(which, labels, top_k_idx, k, class_id,
                                                   weights)
            value = math_ops.div(tp, math_ops.add(tp, other), name=scope)
            _add(metrics_collections, value)
            update = math_ops.div(tp_update, math_ops.add(tp_update, other_update),
                                  name="update")
            _add(updates_collections, update)
            return value, update
    metric.__name__ = metric_name + "_at_top_k"
    return metric


precision_at_top_k = _top_k_ratio("precision", "fp")
precision_at_top_k.__doc__ = "Precision of the given top-k class ids against `labels`."
recall_at_top_k = _top_k_ratio("recall", "fn")
recall_at_top_k.__doc__ = "Recall of the given top-k class ids against `labels`."


def precision_at_k(labels, predictions, k, class_id=None, weights=None,
                   metrics_collections=None, updates_collections=None, name=None):
    """Precision of the top `k` predictions against the ids in `labels`."""
    with _g.name_scope(name, _at_k_name("precision", k, class_id=class_id),
                       (predictions, labels, weights)) as scope:
        _, top_k_idx = nn_ops.top_k(predictions, k)
        return precision_at_top_k(labels, top_k_idx, k, class_id, weights,
                                  metrics_collections, updates_collections, scope)


def recall_at_k(labels, predictions, k, class_id=None, weights=None,
                metrics_collections=None, updates_collections=None, name=None):
    """Recall of the top `k` predictions against the ids in `labels`."""
    with _g.name_scope(name, _at_k_name("recall", k, class_id=class_id),
                       (predictions, labels, weights)) as scope:
        _, top_k_idx = nn_ops.top_k(predictions, k)
        return recall_at_top_k(labels, top_k_idx, k, class_id, weights,
                               metrics_collections, updates_collections, scope)


def sparse_precision_at_k(labels, predictions, k, class_id=None, weights=None,
                          metrics_collections=None, updates_collections=None, name=None):
    """Deprecated name of precision_at_k."""
    return precision_at_k(labels, predictions, k, class_id, weights, metrics_collections,
                          updates_collections, name)


def average_precision_at_k(labels, predictions, k, weights=None, metrics_collections=None,
                           updates_collections=None, name=None):
    """Mean average precision of the top `k` predictions (variables `max`, `total`)."""
    if k < 1:
        raise ValueError("Invalid k=%s." % k)
    with _g.name_scope(name, _at_k_name("average_precision", k),
                       (predictions, labels, weights)) as scope:
        _, predictions_idx = nn_ops.top_k(predictions, k)
        return _streaming_sparse_average_precision_at_top_k(
            labels, predictions_idx, weights, metrics_collections, updates_collections, scope)


def _streaming_sparse_average_precision_at_top_k(labels, predictions_idx, weights=None,
                                                 metrics_collections=None,
                                                 updates_collections=None, name=None):
    """Mean average precision of given top-k class ids (variables `max`, `total`)."""
    with _g.name_scope(name, "average_precision_at_top_k",
                       (predictions_idx, labels, weights)) as scope:
        predictions_idx = convert_to_tensor(predictions_idx)
        k = predictions_idx.shape.as_list()[-1]
        if k is None:
            raise ValueError("The last dimension of predictions_idx must be known, got %s."
                             % predictions_idx.shape)
        ap = _average_precision(labels, predictions_idx, k)
        if weights is not None:
            weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f64),
                                                              ap)
            ap = math_ops.multiply(ap, weights)
        with _g.name_scope(None, "max", (ap,)) as max_scope:
            max_var = metric_variable([], _f64, name=max_scope)
            if weights is None:
                batch_max = math_ops.cast(array_ops.size(ap, name="batch_max"), _f64)
            else:
                batch_max = math_ops.reduce_sum(weights, name="batch_max")
            max_update = state_ops.assign_add(max_var, batch_max, name="update")
        with _g.name_scope(None, "total", (ap,)) as total_scope:
            total_var = metric_variable([], _f64, name=total_scope)
            batch_total = math_ops.reduce_sum(ap, name="batch_total")
            total_update = state_ops.assign_add(total_var, batch_total, name="update")
        value = math_ops.div_no_nan(total_var, max_var, name="mean")
        _add(metrics_collections, value)
        update = math_ops.div_no_nan(total_update, max_update, name=scope)
        _add(updates_collections, update)
        return value, update


def sparse_average_precision_at_k(labels, predictions, k, weights=None,
                                  metrics_collections=None, updates_collections=None,
                                  name=None):
    """Deprecated name of average_precision_at_k."""
    return average_precision_at_k(labels, predictions, k, weights, metrics_collections,
                                  updates_collections, name)


def _expand_and_tile(tensor, multiple, dim=0, name=None):
    """TF's _expand_and_tile: a new axis `dim` (dim-1 when negative) repeated `multiple`
    times (a SparseTensor: reshaped and concatenated)."""
    if multiple < 1:
        raise ValueError("Invalid multiple %s, must be > 0." % multiple)
    with _g.name_scope(name, "expand_and_tile", (tensor, multiple, dim)) as scope:
        tensor = convert_to_tensor_or_sparse_tensor(tensor)
        if isinstance(tensor, SparseTensor):
            if dim < 0:
                expand_dims = array_ops.reshape(array_ops.size(tensor.dense_shape) + dim, [1])
            else:
                expand_dims = [dim]
            expanded_shape = array_ops.concat(
                (array_ops.slice(tensor.dense_shape, [0], expand_dims), [1],
                 array_ops.slice(tensor.dense_shape, expand_dims, [-1])), 0,
                name="expanded_shape")
            expanded = sparse_ops.sparse_reshape(tensor, shape=expanded_shape, name="expand")
            if multiple == 1:
                return expanded
            return sparse_ops.sparse_concat(dim - 1 if dim < 0 else dim, [expanded] * multiple,
                                            name=scope)
        expanded = array_ops.expand_dims(tensor, dim if dim >= 0 else dim - 1, name="expand")
        if multiple == 1:
            return expanded
        ones = array_ops.ones_like(array_ops.shape(tensor))
        multiples = array_ops.concat((ones[:dim], (multiple,), ones[dim:]), 0,
                                     name="multiples")
        return array_ops.tile(expanded, multiples, name=scope)


def _num_relevant(labels, k):
    """TF's _num_relevant: min(num_labels, k) for each row (the row's set size for a
    SparseTensor)."""
    if k < 1:
        raise ValueError("Invalid k=%s." % k)
    with _g.name_scope(None, "num_relevant", (labels,)) as scope:
        labels = convert_to_tensor_or_sparse_tensor(labels)
        if isinstance(labels, SparseTensor):   # a count per row
            return math_ops.minimum(sets.set_size(labels), k, name=scope)
        labels_shape = array_ops.shape(labels)
        num = math_ops.minimum(labels_shape[-1], k)
        return array_ops.fill(labels_shape[0:-1], num, name=scope)


def _average_precision(labels, predictions_idx, k):
    """TF's _sparse_average_precision_at_top_k: per row, the sum over the top k of the
    precision at each relevant rank, over min(num_labels, k) (float64)."""
    with _g.name_scope(None, "average_precision", (predictions_idx, labels)) as scope:
        predictions_idx = math_ops.cast(predictions_idx, _i64, name="predictions_idx")
        labels = _maybe_expand_labels(labels, predictions_idx)
        predictions_idx_per_k = array_ops.expand_dims(predictions_idx, -1,
                                                      name="predictions_idx_per_k")
        labels_per_k = _expand_and_tile(labels, multiple=k, dim=-1, name="labels_per_k")
        relevant_per_k = _sparse_count_at_k("tp", labels_per_k, predictions_idx_per_k,
                                            name="relevant_per_k")
        tp_per_k = math_ops.cumsum(relevant_per_k, axis=-1, name="tp_per_k")
        retrieved_per_k = math_ops.cumsum(array_ops.ones_like(relevant_per_k), axis=-1,
                                          name="retrieved_per_k")
        precision_per_k = math_ops.div(tp_per_k, retrieved_per_k, name="precision_per_k")
        relevant_precision_per_k = math_ops.multiply(precision_per_k, relevant_per_k,
                                                     name="relevant_precision_per_k")
        precision_sum = math_ops.reduce_sum(relevant_precision_per_k, axis=(-1,),
                                            name="precision_sum")
        num_relevant_items = math_ops.cast(_num_relevant(labels, k), _f64)
        return math_ops.div(precision_sum, num_relevant_items, name=scope)
