"""tf.contrib.metrics' streaming metrics (contrib/metrics/python/ops/metric_ops.py).

Most are tf.metrics under their old names with `predictions` first; the rates, the
per-threshold counts (contrib's own confusion-matrix helper: no range assertions, variables
at the caller's scope), curve points, recall/precision at a target, covariance and Pearson
correlation build the graphs TF 1.14's contrib builds.
"""
from __future__ import annotations

from ... import metrics as _m
from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _g
from ...engine.framework.constant_op import constant
from ...ops import (array_ops, comparison_ops, control_flow_ops, math_ops, nn_ops, state_ops,
                    variable_scope, weights_broadcast_ops)

_EPSILON = 1e-7
_f32 = _dt.float32


def _wrap(metric, doc):
    """A contrib name for a tf.metrics metric: same arguments, `predictions` first."""
    def wrapper(predictions, labels, weights=None, metrics_collections=None,
                updates_collections=None, name=None):
        return metric(labels=labels, predictions=predictions, weights=weights,
                      metrics_collections=metrics_collections,
                      updates_collections=updates_collections, name=name)
    wrapper.__doc__ = doc
    return wrapper


streaming_true_positives = _wrap(_m.true_positives, "Sum of the weights of true positives.")
streaming_true_negatives = _wrap(_m.true_negatives, "Sum of the weights of true negatives.")
streaming_false_positives = _wrap(_m.false_positives, "Sum of the weights of false positives.")
streaming_false_negatives = _wrap(_m.false_negatives, "Sum of the weights of false negatives.")
streaming_accuracy = _wrap(_m.accuracy, "How often predictions equal labels (tf.metrics.accuracy).")
streaming_precision = _wrap(_m.precision, "tf.metrics.precision, predictions first.")
streaming_recall = _wrap(_m.recall, "tf.metrics.recall, predictions first.")
streaming_mean_absolute_error = _wrap(_m.mean_absolute_error,
                                      "tf.metrics.mean_absolute_error, predictions first.")
streaming_mean_squared_error = _wrap(_m.mean_squared_error,
                                     "tf.metrics.mean_squared_error, predictions first.")
streaming_root_mean_squared_error = _wrap(
    _m.root_mean_squared_error, "tf.metrics.root_mean_squared_error, predictions first.")
for _name, _fn in list(globals().items()):   # each wrapper carries its TF name
    if _name.startswith("streaming_") and getattr(_fn, "__name__", None) == "wrapper":
        _fn.__name__ = _fn.__qualname__ = _name
del _name, _fn


def streaming_mean(values, weights=None, metrics_collections=None, updates_collections=None,
                   name=None):
    """tf.metrics.mean."""
    return _m.mean(values, weights, metrics_collections, updates_collections, name)


def streaming_mean_tensor(values, weights=None, metrics_collections=None,
                          updates_collections=None, name=None):
    """tf.metrics.mean_tensor."""
    return _m.mean_tensor(values, weights, metrics_collections, updates_collections, name)


def streaming_auc(predictions, labels, weights=None, num_thresholds=200,
                  metrics_collections=None, updates_collections=None, curve="ROC", name=None):
    """tf.metrics.auc, predictions first."""
    return _m.auc(labels, predictions, weights=weights, num_thresholds=num_thresholds,
                  metrics_collections=metrics_collections,
                  updates_collections=updates_collections, curve=curve, name=name)


def streaming_specificity_at_sensitivity(predictions, labels, sensitivity, weights=None,
                                         num_thresholds=200, metrics_collections=None,
                                         updates_collections=None, name=None):
    """tf.metrics.specificity_at_sensitivity, predictions first."""
    return _m.specificity_at_sensitivity(labels, predictions, sensitivity, weights,
                                         num_thresholds, metrics_collections,
                                         updates_collections, name)


def streaming_sensitivity_at_specificity(predictions, labels, specificity, weights=None,
                                         num_thresholds=200, metrics_collections=None,
                                         updates_collections=None, name=None):
    """tf.metrics.sensitivity_at_specificity, predictions first."""
    return _m.sensitivity_at_specificity(labels, predictions, specificity, weights,
                                         num_thresholds, metrics_collections,
                                         updates_collections, name)


def streaming_precision_at_thresholds(predictions, labels, thresholds, weights=None,
                                      metrics_collections=None, updates_collections=None,
                                      name=None):
    """tf.metrics.precision_at_thresholds, predictions first."""
    return _m.precision_at_thresholds(labels, predictions, thresholds, weights,
                                      metrics_collections, updates_collections, name)


def streaming_recall_at_thresholds(predictions, labels, thresholds, weights=None,
                                   metrics_collections=None, updates_collections=None,
                                   name=None):
    """tf.metrics.recall_at_thresholds, predictions first."""
    return _m.recall_at_thresholds(labels, predictions, thresholds, weights,
                                   metrics_collections, updates_collections, name)


def streaming_mean_relative_error(predictions, labels, normalizer, weights=None,
                                  metrics_collections=None, updates_collections=None,
                                  name=None):
    """tf.metrics.mean_relative_error, predictions first."""
    return _m.mean_relative_error(labels, predictions, normalizer, weights,
                                  metrics_collections, updates_collections, name)


def streaming_percentage_less(values, threshold, weights=None, metrics_collections=None,
                              updates_collections=None, name=None):
    """tf.metrics.percentage_below."""
    return _m.percentage_below(values, threshold, weights, metrics_collections,
                               updates_collections, name)


def streaming_mean_iou(predictions, labels, num_classes, weights=None,
                       metrics_collections=None, updates_collections=None, name=None):
    """tf.metrics.mean_iou, predictions first."""
    return _m.mean_iou(labels, predictions, num_classes, weights, metrics_collections,
                       updates_collections, name)


def streaming_sparse_recall_at_k(predictions, labels, k, class_id=None, weights=None,
                                 metrics_collections=None, updates_collections=None,
                                 name=None):
    """tf.metrics.recall_at_k, predictions first."""
    return _m.recall_at_k(labels, predictions, k, class_id, weights, metrics_collections,
                          updates_collections, name)


def streaming_sparse_precision_at_k(predictions, labels, k, class_id=None, weights=None,
                                    metrics_collections=None, updates_collections=None,
                                    name=None):
    """tf.metrics.precision_at_k, predictions first."""
    return _m.precision_at_k(labels, predictions, k, class_id, weights, metrics_collections,
                             updates_collections, name)


def streaming_sparse_average_precision_at_k(predictions, labels, k, weights=None,
                                            metrics_collections=None,
                                            updates_collections=None, name=None):
    """tf.metrics.average_precision_at_k, predictions first."""
    return _m.average_precision_at_k(labels, predictions, k, weights, metrics_collections,
                                     updates_collections, name)


def _at_k_name(name, k=None, class_id=None):
    name = "%s_at_%d" % (name, k) if k is not None else "%s_at_k" % name
    if class_id is not None:
        name = "%s_class%d" % (name, class_id)
    return name


def streaming_sparse_precision_at_top_k(top_k_predictions, labels, class_id=None, weights=None,
                                        metrics_collections=None, updates_collections=None,
                                        name=None):
    """tf.metrics.precision_at_top_k inside a `precision_at_k[_classN]` name scope."""
    with _g.name_scope(name, _at_k_name("precision", class_id=class_id),
                       (top_k_predictions, labels, weights)) as scope:
        return _m.precision_at_top_k(labels, top_k_predictions, class_id=class_id,
                                     weights=weights, metrics_collections=metrics_collections,
                                     updates_collections=updates_collections, name=scope)


def sparse_recall_at_top_k(labels, top_k_predictions, class_id=None, weights=None,
                           metrics_collections=None, updates_collections=None, name=None):
    """tf.metrics.recall_at_top_k inside a `recall_at_k[_classN]` name scope."""
    with _g.name_scope(name, _at_k_name("recall", class_id=class_id),
                       (top_k_predictions, labels, weights)) as scope:
        return _m.recall_at_top_k(labels, top_k_predictions, class_id=class_id,
                                  weights=weights, metrics_collections=metrics_collections,
                                  updates_collections=updates_collections, name=scope)


def streaming_recall_at_k(predictions, labels, k, weights=None, metrics_collections=None,
                          updates_collections=None, name=None):
    """The mean of `in_top_k(predictions, labels, k)` (a `recall_at_<k>` mean)."""
    in_top_k = math_ops.cast(nn_ops.in_top_k(predictions, labels, k), _f32)
    return streaming_mean(in_top_k, weights, metrics_collections, updates_collections,
                          name or _at_k_name("recall", k))


def _add(collections, value):
    if collections:
        _g.add_to_collections(collections, value)


def _rate(default_name, first, second, key):
    def metric(predictions, labels, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            predictions, labels, weights = _m._remove_squeezable_dimensions(
                math_ops.cast(predictions, _dt.bool_), math_ops.cast(labels, _dt.bool_), weights)
            a, update_a = first(labels, predictions, weights)
            b, update_b = second(labels, predictions, weights)

            def compute(x, y, op_name):
                return array_ops.where(comparison_ops.greater(x + y, 0), math_ops.div(x, x + y),
                                       0, op_name)

            value = compute(a, b, "value")
            update_op = compute(update_a, update_b, "update_op")
            _add(metrics_collections, value)
            _add(updates_collections, update_op)
            return value, update_op
    metric.__name__ = "streaming_" + default_name
    metric.__doc__ = "The %s: %s / (%s + %s), 0 when both are 0." % (
        default_name.replace("_", " "), key[0], key[0], key[1])
    return metric


streaming_false_positive_rate = _rate("false_positive_rate", _m.false_positives,
                                      _m.true_negatives, ("fp", "tn"))
streaming_false_negative_rate = _rate("false_negative_rate", _m.false_negatives,
                                      _m.true_positives, ("fn", "tp"))


def _streaming_confusion_matrix_at_thresholds(predictions, labels, thresholds, weights=None,
                                              includes=None):
    """contrib's per-threshold counts: variables true_positives, false_negatives,
    true_negatives, false_positives of shape [len(thresholds)] (no range assertions)."""
    all_includes = ("tp", "fn", "tn", "fp")
    if includes is None:
        includes = all_includes
    else:
        for include in includes:
            if include not in all_includes:
                raise ValueError("Invalid key: %s." % include)
    predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                     weights)
    predictions.shape.assert_is_compatible_with(labels.shape)
    num_thresholds = len(thresholds)
    predictions_2d = array_ops.reshape(predictions, [-1, 1])
    labels_2d = array_ops.reshape(math_ops.cast(labels, _dt.bool_), [1, -1])
    num_predictions = predictions_2d.shape.as_list()[0]
    if num_predictions is None:
        num_predictions = array_ops.shape(predictions_2d)[0]
    thresh_tiled = array_ops.tile(array_ops.expand_dims(constant(thresholds), [1]),
                                  array_ops.stack([1, num_predictions]))
    pred_is = {"pos": comparison_ops.greater(
        array_ops.tile(array_ops.transpose(predictions_2d), [num_thresholds, 1]), thresh_tiled)}
    if "fn" in includes or "tn" in includes:
        pred_is["neg"] = comparison_ops.logical_not(pred_is["pos"])
    label_is = {"pos": array_ops.tile(labels_2d, [num_thresholds, 1])}
    if "fp" in includes or "tn" in includes:
        label_is["neg"] = comparison_ops.logical_not(label_is["pos"])
    weights_tiled = None
    if weights is not None:
        broadcast = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, _f32),
                                                            predictions)
        weights_tiled = array_ops.tile(array_ops.reshape(broadcast, [1, -1]),
                                       [num_thresholds, 1])
        thresh_tiled.shape.assert_is_compatible_with(weights_tiled.shape)
    values, update_ops = {}, {}
    for key, var_name, lab, pred in (("tp", "true_positives", "pos", "pos"),
                                     ("fn", "false_negatives", "pos", "neg"),
                                     ("tn", "true_negatives", "neg", "neg"),
                                     ("fp", "false_positives", "neg", "pos")):
        if key not in includes:
            continue
        var = _m.metric_variable([num_thresholds], _f32, name=var_name)
        hit = math_ops.cast(comparison_ops.logical_and(label_is[lab], pred_is[pred]), _f32)
        if weights_tiled is not None:
            hit *= weights_tiled
        update_ops[key] = state_ops.assign_add(var, math_ops.reduce_sum(hit, 1))
        values[key] = var
    return values, update_ops


def _count_at_thresholds(key):
    def metric(predictions, labels, thresholds, weights=None):
        values, update_ops = _streaming_confusion_matrix_at_thresholds(
            predictions, labels, thresholds, weights=weights, includes=(key,))
        return values[key], update_ops[key]
    return metric


streaming_true_positives_at_thresholds = _count_at_thresholds("tp")
streaming_true_positives_at_thresholds.__doc__ = "Weighted true positives per threshold."
streaming_false_negatives_at_thresholds = _count_at_thresholds("fn")
streaming_false_negatives_at_thresholds.__doc__ = "Weighted false negatives per threshold."
streaming_false_positives_at_thresholds = _count_at_thresholds("fp")
streaming_false_positives_at_thresholds.__doc__ = "Weighted false positives per threshold."
streaming_true_negatives_at_thresholds = _count_at_thresholds("tn")
streaming_true_negatives_at_thresholds.__doc__ = "Weighted true negatives per threshold."


def _rate_at_thresholds(default_name, keys, prefix):
    def metric(predictions, labels, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope.variable_scope(name, default_name, (predictions, labels, weights)):
            values, update_ops = _streaming_confusion_matrix_at_thresholds(
                predictions, labels, thresholds, weights, includes=keys)

            def compute(a, b, op_name):
                return math_ops.div(a, _EPSILON + a + b, name=prefix + op_name)

            value = compute(values[keys[0]], values[keys[1]], "value")
            update_op = compute(update_ops[keys[0]], update_ops[keys[1]], "update_op")
            _add(metrics_collections, value)
            _add(updates_collections, update_op)
            return value, update_op
    metric.__name__ = "streaming_" + default_name
    metric.__doc__ = "%s / (%s + %s + 1e-7) at each threshold." % (keys[0], keys[0], keys[1])
    return metric


streaming_false_positive_rate_at_thresholds = _rate_at_thresholds(
    "false_positive_rate_at_thresholds", ("fp", "tn"), "fpr_")
streaming_false_negative_rate_at_thresholds = _rate_at_thresholds(
    "false_negative_rate_at_thresholds", ("fn", "tp"), "fnr_")


def _uniform_thresholds(num_thresholds):
    inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - _EPSILON] + inner + [1.0 + _EPSILON]


def streaming_curve_points(labels=None, predictions=None, weights=None, num_thresholds=200,
                           metrics_collections=None, updates_collections=None, curve="ROC",
                           name=None):
    """[num_thresholds, 2] points of the ROC (fpr, recall) or PR (recall, precision) curve."""
    with variable_scope.variable_scope(name, "curve_points", (labels, predictions, weights)):
        if curve != "ROC" and curve != "PR":
            raise ValueError("curve must be either ROC or PR, %s unknown" % (curve))
        values, update_ops = _streaming_confusion_matrix_at_thresholds(
            labels=labels, predictions=predictions,
            thresholds=_uniform_thresholds(num_thresholds), weights=weights)
        epsilon = 1.0e-6
        tp, fn, tn, fp = values["tp"], values["fn"], values["tn"], values["fp"]
        rec = math_ops.div(tp + epsilon, tp + fn + epsilon)
        if curve == "ROC":
            xs, ys = math_ops.div(fp, fp + tn + epsilon), rec
        else:
            xs, ys = rec, math_ops.div(tp + epsilon, tp + fp + epsilon)
        points = array_ops.stack([xs, ys], axis=1)
        update_op = control_flow_ops.group(*update_ops.values())
        _add(metrics_collections, points)
        _add(updates_collections, update_op)
        return points, update_op


def _compute_recall_at_precision(tp, fp, fn, precision, name, strict_mode=False):
    precisions = math_ops.div(tp, tp + fp + _EPSILON)
    if not strict_mode:
        index = math_ops.argmin(math_ops.abs(precisions - precision), 0,
                                output_type=_dt.int32)
        return math_ops.div(tp[index], tp[index] + fn[index] + _EPSILON, name)
    index = math_ops.argmax(math_ops.div(1.0, precisions - precision + _EPSILON), 0,
                            output_type=_dt.int32)

    def good_recall():
        return math_ops.div(tp[index], tp[index] + fn[index] + _EPSILON, name)

    return control_flow_ops.cond(precisions[index] >= precision, good_recall, lambda: .0)


def recall_at_precision(labels, predictions, precision, weights=None, num_thresholds=200,
                        metrics_collections=None, updates_collections=None, name=None,
                        strict_mode=False):
    """The recall at the threshold whose precision is nearest `precision` (strict_mode: the
    smallest precision at least `precision`, else 0)."""
    if not 0 <= precision <= 1:
        raise ValueError("`precision` must be in the range [0, 1].")
    with variable_scope.variable_scope(name, "recall_at_precision",
                                       (predictions, labels, weights)):
        values, update_ops = _streaming_confusion_matrix_at_thresholds(
            predictions, labels, _uniform_thresholds(num_thresholds), weights)
        recall = _compute_recall_at_precision(values["tp"], values["fp"], values["fn"],
                                              precision, "value", strict_mode)
        update_op = _compute_recall_at_precision(update_ops["tp"], update_ops["fp"],
                                                 update_ops["fn"], precision, "update_op",
                                                 strict_mode)
        _add(metrics_collections, recall)
        _add(updates_collections, update_op)
        return recall, update_op


def precision_at_recall(labels, predictions, target_recall, weights=None, num_thresholds=200,
                        metrics_collections=None, updates_collections=None, name=None):
    """The precision at the largest threshold whose recall is at least `target_recall`."""
    if target_recall < 0 or target_recall > 1:
        raise ValueError("`target_recall` must be in the range [0, 1].")
    with variable_scope.variable_scope(name, "precision_at_recall",
                                       (predictions, labels, weights)):
        values, update_ops = _streaming_confusion_matrix_at_thresholds(
            predictions, labels, _uniform_thresholds(num_thresholds), weights)

        def compute(tp, fp, fn, op_name):
            recalls = math_ops.div(tp, tp + fn + _EPSILON)
            admissible = math_ops.cast(comparison_ops.greater_equal(recalls, target_recall),
                                       _dt.int64)
            index = math_ops.reduce_sum(admissible) - 1
            return math_ops.div(tp[index] + _EPSILON, tp[index] + fp[index] + _EPSILON,
                                op_name)

        value = compute(values["tp"], values["fp"], values["fn"], "value")
        update_op = compute(update_ops["tp"], update_ops["fp"], update_ops["fn"], "update_op")
        _add(metrics_collections, value)
        _add(updates_collections, update_op)
        return value, update_op


def streaming_sparse_average_precision_at_top_k(top_k_predictions, labels, weights=None,
                                                metrics_collections=None,
                                                updates_collections=None, name=None):
    """Mean average precision of given top-k class ids (tf.metrics.average_precision_at_k's
    second half)."""
    return _m._streaming_sparse_average_precision_at_top_k(
        labels, top_k_predictions, weights=weights, metrics_collections=metrics_collections,
        updates_collections=updates_collections, name=name)
