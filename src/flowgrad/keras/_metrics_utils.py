"""Helpers of the Keras metric classes (TF 1.14 keras/utils/metrics_utils.py): reductions,
threshold parsing, AUC options, and the confusion-matrix counts at thresholds."""
from enum import Enum

from ..engine.framework import dtypes as _dt
from ..engine.framework import graph as _g
from ..engine.framework.constant_op import constant
from ..engine.ops.comparison import logical_and, logical_not
from ..engine.ops.ordering import group
from ..engine.ops.top_k import top_k
from ..ops import array_ops, check_ops, comparison_ops, math_ops
from ..ops.weights_broadcast_ops import broadcast_weights
from ._losses_utils import squeeze_or_expand_dimensions

__all__ = ["NEG_INF", "Reduction", "ConfusionMatrix", "AUCCurve", "AUCSummationMethod",
           "parse_init_thresholds", "update_confusion_matrix_variables", "to_list"]

NEG_INF = -1e10


def to_list(x):
    """x as a list (a list itself, else [x])."""
    if isinstance(x, list):
        return x
    return [x]


class Reduction(Enum):
    """How a Reduce metric combines its values: their sum, their sum over their number,
    or their weighted mean."""
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"
    WEIGHTED_MEAN = "weighted_mean"


class ConfusionMatrix(Enum):
    TRUE_POSITIVES = "tp"
    FALSE_POSITIVES = "fp"
    TRUE_NEGATIVES = "tn"
    FALSE_NEGATIVES = "fn"


class AUCCurve(Enum):
    """The curve an AUC metric integrates: ROC or PR."""
    ROC = "ROC"
    PR = "PR"

    @staticmethod
    def from_str(key):
        if key in ("pr", "PR"):
            return AUCCurve.PR
        if key in ("roc", "ROC"):
            return AUCCurve.ROC
        raise ValueError('Invalid AUC curve value "%s".' % key)


class AUCSummationMethod(Enum):
    """How AUC sums its buckets: interpolation, majoring or minoring."""
    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key):
        if key in ("interpolation", "Interpolation"):
            return AUCSummationMethod.INTERPOLATION
        if key in ("majoring", "Majoring"):
            return AUCSummationMethod.MAJORING
        if key in ("minoring", "Minoring"):
            return AUCSummationMethod.MINORING
        raise ValueError('Invalid AUC summation method value "%s".' % key)


def assert_thresholds_range(thresholds):
    if thresholds is not None:
        invalid = [t for t in thresholds if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError("Threshold values must be in [0, 1]. Invalid values: {}"
                             .format(invalid))


def parse_init_thresholds(thresholds, default_threshold=0.5):
    """`thresholds` (checked to lie in [0, 1]) or [default_threshold], as a list."""
    if thresholds is not None:
        assert_thresholds_range(to_list(thresholds))
    return to_list(default_threshold if thresholds is None else thresholds)


def _filter_top_k(x, k):
    """x with its entries outside the top k of the last axis set to NEG_INF."""
    _, top_k_idx = top_k(x, k, sorted=False)
    top_k_mask = math_ops.reduce_sum(
        array_ops.one_hot(top_k_idx, x.shape[-1], axis=-1), axis=-2)
    return x * top_k_mask + NEG_INF * (1 - top_k_mask)


def update_confusion_matrix_variables(variables_to_update, y_true, y_pred, thresholds,
                                      top_k=None, class_id=None, sample_weight=None):
    """Adds the (weighted) counts of true/false positives/negatives at each threshold
    (prediction > threshold) to the variables {ConfusionMatrix key: variable}; returns
    the group of their updates. Predictions must lie in [0, 1] (checked when run)."""
    if variables_to_update is None:
        return None
    y_true = math_ops.cast(y_true, dtype=_dt.float32)
    y_pred = math_ops.cast(y_pred, dtype=_dt.float32)
    y_pred.shape.assert_is_compatible_with(y_true.shape)
    valid = list(ConfusionMatrix)
    if not any(key for key in variables_to_update if key in valid):
        raise ValueError('Please provide at least one valid confusion matrix variable to '
                         'update. Valid variable key options are: "{}". Received: "{}"'
                         .format(valid, variables_to_update.keys()))
    invalid_keys = [key for key in variables_to_update if key not in valid]
    if invalid_keys:
        raise ValueError('Invalid keys: {}. Valid variable key options are: "{}"'
                         .format(invalid_keys, valid))
    # (TF 1.14's messages join the condition and "x (...) = " in one string)
    checks = [
        check_ops.assert_greater_equal(y_pred, math_ops.cast(0.0, dtype=y_pred.dtype),
                                       message="predictions must be >= 0"),
        check_ops.assert_less_equal(y_pred, math_ops.cast(1.0, dtype=y_pred.dtype),
                                    message="predictions must be <= 1")]
    with _g.control_dependencies(checks):
        y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(y_pred, y_true,
                                                                     sample_weight)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id]
        y_pred = y_pred[..., class_id]
    thresholds = to_list(thresholds)
    num_thresholds = len(thresholds)
    num_predictions = array_ops.size(y_pred)
    predictions_2d = array_ops.reshape(y_pred, [1, -1])
    labels_2d = array_ops.reshape(math_ops.cast(y_true, dtype=_dt.bool_), [1, -1])
    thresh_tiled = array_ops.tile(array_ops.expand_dims(constant(thresholds), 1),
                                  array_ops.stack([1, num_predictions]))
    preds_tiled = array_ops.tile(predictions_2d, [num_thresholds, 1])
    pred_is_pos = comparison_ops.greater(preds_tiled, thresh_tiled)
    label_is_pos = array_ops.tile(labels_2d, [num_thresholds, 1])
    weights_tiled = None
    if sample_weight is not None:
        weights = broadcast_weights(math_ops.cast(sample_weight, dtype=_dt.float32), y_pred)
        weights_tiled = array_ops.tile(array_ops.reshape(weights, [1, -1]),
                                       [num_thresholds, 1])

    def weighted_assign_add(label, pred, weights, var):
        label_and_pred = math_ops.cast(logical_and(label, pred), dtype=_dt.float32)
        if weights is not None:
            label_and_pred *= weights
        return var.assign_add(math_ops.reduce_sum(label_and_pred, 1))

    loop_vars = {ConfusionMatrix.TRUE_POSITIVES: (label_is_pos, pred_is_pos)}
    update_tn = ConfusionMatrix.TRUE_NEGATIVES in variables_to_update
    update_fp = ConfusionMatrix.FALSE_POSITIVES in variables_to_update
    update_fn = ConfusionMatrix.FALSE_NEGATIVES in variables_to_update
    if update_fn or update_tn:
        pred_is_neg = logical_not(pred_is_pos)
        loop_vars[ConfusionMatrix.FALSE_NEGATIVES] = (label_is_pos, pred_is_neg)
    if update_fp or update_tn:
        label_is_neg = logical_not(label_is_pos)
        loop_vars[ConfusionMatrix.FALSE_POSITIVES] = (label_is_neg, pred_is_pos)
        if update_tn:
            loop_vars[ConfusionMatrix.TRUE_NEGATIVES] = (label_is_neg, pred_is_neg)
    update_ops = []
    for matrix_cond, (label, pred) in loop_vars.items():
        if matrix_cond in variables_to_update:
            update_ops.append(weighted_assign_add(label, pred, weights_tiled,
                                                  variables_to_update[matrix_cond]))
    return group(update_ops)
