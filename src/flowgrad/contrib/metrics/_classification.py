"""tf.contrib.metrics' accuracy, f1_score (python/metrics/classification.py),
confusion_matrix (python/ops/confusion_matrix_ops.py) and auc_using_histogram
(python/ops/histogram_ops.py)."""
from __future__ import annotations

from ... import metrics as _m
from ...engine.framework import dtypes as _dt
from ...engine.framework import graph as _g
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import GraphKeys
from ...ops import (array_ops, comparison_ops, control_flow_ops, conv_ops, init_ops,
                    logging_ops, math_ops, variable_scope)
from ...ops import confusion_matrix as _cm
from ...ops.array_ops_extra import histogram_fixed_width
from ._streaming import _add

_f32 = _dt.float32


def accuracy(predictions, labels, weights=None, name=None):
    """The fraction (weighted) of `predictions` equal to `labels`: a tensor, not a metric."""
    if not (labels.dtype.is_integer or labels.dtype in (_dt.bool_, _dt.string)):
        raise ValueError("Labels should have bool, integer, or string dtype, not %r"
                         % labels.dtype)
    if not labels.dtype.is_compatible_with(predictions.dtype):
        raise ValueError("Dtypes of predictions and labels should match. Given: predictions "
                         "(%r) and labels (%r)" % (predictions.dtype, labels.dtype))
    with _g.name_scope(name, "accuracy", values=[predictions, labels]):
        is_correct = math_ops.cast(comparison_ops.equal(predictions, labels), _f32)
        if weights is not None:
            is_correct = math_ops.multiply(is_correct, weights)
            num_values = math_ops.multiply(weights, array_ops.ones_like(is_correct))
            return math_ops.div(math_ops.reduce_sum(is_correct),
                                math_ops.reduce_sum(num_values))
        return math_ops.reduce_mean(is_correct)


def f1_score(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
             updates_collections=None, name=None):
    """The best F1 score over `num_thresholds` evenly spaced thresholds (variables
    true_positives, false_positives, false_negatives)."""
    with variable_scope.variable_scope(name, "f1", (labels, predictions, weights)):
        predictions, labels, weights = _m._remove_squeezable_dimensions(predictions, labels,
                                                                         weights)
        epsilon = 1e-7
        thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        thresholds = [0.0 - epsilon] + thresholds + [1.0 + epsilon]
        values, update_ops = _m._confusion_matrix_at_thresholds(
            labels, predictions, thresholds, weights, includes=("tp", "fp", "fn"))

        def best_f1(tp, fp, fn, name):
            precision_at_t = math_ops.div(tp, epsilon + tp + fp, name="precision_" + name)
            recall_at_t = math_ops.div(tp, epsilon + tp + fn, name="recall_" + name)
            f1_at_thresholds = (2.0 * precision_at_t * recall_at_t /
                                (precision_at_t + recall_at_t + epsilon))
            return math_ops.reduce_max(f1_at_thresholds)

        value = best_f1(values["tp"], values["fp"], values["fn"], "value")
        _add(metrics_collections, value)
        update_op = best_f1(update_ops["tp"], update_ops["fp"], update_ops["fn"], "update")
        _add(updates_collections, update_op)
        return value, update_op


def confusion_matrix(labels, predictions, num_classes=None, dtype=_dt.int32, name=None,
                     weights=None):
    """Deprecated alias of tf.confusion_matrix."""
    return _cm.confusion_matrix(labels=labels, predictions=predictions,
                                num_classes=num_classes, dtype=dtype, name=name,
                                weights=weights)


def _remove_squeezable(predictions, labels):
    """contrib.framework's remove_squeezable_dimensions(predictions, labels)."""
    with _g.name_scope(None, "remove_squeezable_dimensions", [predictions, labels]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        p_shape, l_shape = predictions.shape, labels.shape
        if p_shape.ndims is not None and l_shape.ndims is not None:
            rank_diff = p_shape.ndims - l_shape.ndims
            if rank_diff == -1:
                labels = array_ops.squeeze(labels, [-1])
            elif rank_diff == 1:
                predictions = array_ops.squeeze(predictions, [-1])
            return predictions, labels
        rank_diff = array_ops.rank(predictions) - array_ops.rank(labels)
        p, lab = predictions, labels
        if p_shape.ndims is None or p_shape.dims[-1].is_compatible_with(1):
            predictions = control_flow_ops.cond(comparison_ops.equal(1, rank_diff),
                                                lambda: array_ops.squeeze(p, [-1]), lambda: p)
        if l_shape.ndims is None or l_shape.dims[-1].is_compatible_with(1):
            labels = control_flow_ops.cond(comparison_ops.equal(-1, rank_diff),
                                           lambda: array_ops.squeeze(lab, [-1]), lambda: lab)
        return predictions, labels


def _check_labels_and_scores(boolean_labels, scores, check_shape):
    with _g.name_scope("_check_labels_and_scores", values=[boolean_labels, scores]):
        boolean_labels = convert_to_tensor(boolean_labels, name="boolean_labels")
        scores = convert_to_tensor(scores, name="scores")
        if boolean_labels.dtype != _dt.bool_:
            raise ValueError("Argument boolean_labels should have dtype bool.  Found: %s",
                             boolean_labels.dtype)
        if not check_shape:
            return boolean_labels, scores
        labels_rank_1 = logging_ops.Assert(
            comparison_ops.equal(1, array_ops.rank(boolean_labels)),
            ["Argument boolean_labels should have rank 1.  Found: ", boolean_labels.name,
             array_ops.shape(boolean_labels)])
        scores_rank_1 = logging_ops.Assert(
            comparison_ops.equal(1, array_ops.rank(scores)),
            ["Argument scores should have rank 1.  Found: ", scores.name,
             array_ops.shape(scores)])
        del labels_rank_1, scores_rank_1  # TF makes them and leaves them unconnected
        return boolean_labels, scores


def _strict_1d_cumsum(tensor, len_tensor):
    with _g.name_scope(None, "strict_1d_cumsum", values=[tensor]):
        if len_tensor == 0:
            return constant([])
        x = array_ops.pad(tensor, [[len_tensor - 1, 0]])
        h = array_ops.ones_like(x)
        with _g.name_scope(None, "strict_conv1d", values=[x, h]):
            x = array_ops.reshape(x, (1, -1, 1, 1))
            h = array_ops.reshape(h, (-1, 1, 1, 1))
            result = array_ops.reshape(conv_ops.conv2d(x, h, [1, 1, 1, 1], "SAME"), [-1])
        return result[:len_tensor]


def auc_using_histogram(boolean_labels, scores, score_range, nbins=100, collections=None,
                        check_shape=True, name=None):
    """ROC AUC from `nbins`-bin histograms of the scores of true and false labels,
    accumulated in variables hist_accumulate/hist_true_acc and hist_false_acc."""
    if collections is None:
        collections = [GraphKeys.LOCAL_VARIABLES]
    with variable_scope.variable_scope(name, "auc_using_histogram",
                                       [boolean_labels, scores, score_range]):
        scores, boolean_labels = _remove_squeezable(scores, boolean_labels)
        score_range = convert_to_tensor(score_range, name="score_range")
        boolean_labels, scores = _check_labels_and_scores(boolean_labels, scores, check_shape)
        with variable_scope.variable_scope(None, "make_auc_histograms",
                                           [boolean_labels, scores, nbins]):
            hist_true = histogram_fixed_width(
                array_ops.boolean_mask(scores, boolean_labels), score_range, nbins=nbins,
                dtype=_dt.int64, name="hist_true")
            hist_false = histogram_fixed_width(
                array_ops.boolean_mask(scores, comparison_ops.logical_not(boolean_labels)),
                score_range, nbins=nbins, dtype=_dt.int64, name="hist_false")
        with variable_scope.variable_scope(None, "hist_accumulate", [hist_true, hist_false]):
            accs = [variable_scope.get_variable(
                n, shape=[nbins], dtype=hist_true.dtype,
                initializer=init_ops.zeros_initializer(), collections=collections,
                trainable=False) for n in ("hist_true_acc", "hist_false_acc")]
            update_op = control_flow_ops.group(accs[0].assign_add(hist_true),
                                               accs[1].assign_add(hist_false),
                                               name="update_op")
        normed_true = math_ops.truediv(accs[0], math_ops.reduce_sum(accs[0]))
        normed_false = math_ops.truediv(accs[1], math_ops.reduce_sum(accs[1]))
        delta_y_t = array_ops.reverse_v2(normed_true, [0], name="delta_y_t")
        delta_x_t = array_ops.reverse_v2(normed_false, [0], name="delta_x_t")
        delta_y_t, delta_x_t = math_ops.cast(delta_y_t, _f32), math_ops.cast(delta_x_t, _f32)
        y_t = _strict_1d_cumsum(delta_y_t, nbins)
        first_trap = delta_x_t[0] * y_t[0] / 2.0
        other_traps = delta_x_t[1:] * (y_t[1:] + y_t[:nbins - 1]) / 2.0
        auc = math_ops.add(first_trap, math_ops.reduce_sum(other_traps), name="auc")
        return auc, update_op
