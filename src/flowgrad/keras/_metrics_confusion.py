"""The Keras metrics of TF 1.14 built on confusion-matrix counts at thresholds
(keras/metrics.py): TruePositives / FalsePositives / TrueNegatives / FalseNegatives,
Precision, Recall, SensitivityAtSpecificity, SpecificityAtSensitivity, AUC; and MeanIoU
(a float64 confusion matrix)."""
import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.comparison import logical_and
from ..engine.ops.comparison import not_equal as _not_equal
from ..engine.ops.matrix import diag_part
from ..ops import array_ops, init_ops, math_ops
from ..ops.confusion_matrix import confusion_matrix
from . import backend as K
from ._metrics_base import Metric
from ._metrics_utils import (NEG_INF, AUCCurve, AUCSummationMethod, ConfusionMatrix,
                             parse_init_thresholds, to_list,
                             update_confusion_matrix_variables)

__all__ = ["TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives",
           "Precision", "Recall", "SensitivityAtSpecificity", "SpecificityAtSensitivity",
           "AUC", "MeanIoU"]

_TP, _FP = ConfusionMatrix.TRUE_POSITIVES, ConfusionMatrix.FALSE_POSITIVES
_TN, _FN = ConfusionMatrix.TRUE_NEGATIVES, ConfusionMatrix.FALSE_NEGATIVES


def _zeros_weight(metric, name, n):
    return metric.add_weight(name, shape=(n,), initializer=init_ops.zeros_initializer)


def _reset_to_zeros(metric, n):
    K.batch_set_value([(v, np.zeros((n,))) for v in metric.variables])


class _ConfusionMatrixConditionCount(Metric):
    """The (weighted) count of one confusion-matrix condition at each threshold."""

    def __init__(self, confusion_matrix_cond, thresholds=None, name=None, dtype=None):
        super(_ConfusionMatrixConditionCount, self).__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=0.5)
        self.accumulator = _zeros_weight(self, "accumulator", len(self.thresholds))

    def update_state(self, y_true, y_pred, sample_weight=None):
        return update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator}, y_true, y_pred,
            thresholds=self.thresholds, sample_weight=sample_weight)

    def result(self):
        if len(self.thresholds) == 1:
            return convert_to_tensor(self.accumulator[0])
        return convert_to_tensor(self.accumulator)

    def reset_states(self):
        _reset_to_zeros(self, len(to_list(self.thresholds)))

    def get_config(self):
        config = {"thresholds": self.init_thresholds}
        base_config = super(_ConfusionMatrixConditionCount, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class FalsePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false positives at each threshold."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super(FalsePositives, self).__init__(confusion_matrix_cond=_FP,
                                             thresholds=thresholds, name=name, dtype=dtype)


class FalseNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false negatives at each threshold."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super(FalseNegatives, self).__init__(confusion_matrix_cond=_FN,
                                             thresholds=thresholds, name=name, dtype=dtype)


class TrueNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true negatives at each threshold."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super(TrueNegatives, self).__init__(confusion_matrix_cond=_TN,
                                            thresholds=thresholds, name=name, dtype=dtype)


class TruePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true positives at each threshold."""

    def __init__(self, thresholds=None, name=None, dtype=None):
        super(TruePositives, self).__init__(confusion_matrix_cond=_TP,
                                            thresholds=thresholds, name=name, dtype=dtype)


class _PrecisionRecall(Metric):
    """tp / (tp + other) at each threshold, of the top_k predictions and of one class
    when asked."""
    _other = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super(_PrecisionRecall, self).__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default_threshold = 0.5 if top_k is None else NEG_INF
        self.thresholds = parse_init_thresholds(thresholds,
                                                default_threshold=default_threshold)
        self.true_positives = _zeros_weight(self, "true_positives", len(self.thresholds))
        other = _zeros_weight(self, self._other_name, len(self.thresholds))
        setattr(self, self._other_name, other)

    def update_state(self, y_true, y_pred, sample_weight=None):
        return update_confusion_matrix_variables(
            {_TP: self.true_positives, self._other: getattr(self, self._other_name)},
            y_true, y_pred, thresholds=self.thresholds, top_k=self.top_k,
            class_id=self.class_id, sample_weight=sample_weight)

    def result(self):
        tp = self.true_positives
        result = math_ops.div_no_nan(tp, tp + getattr(self, self._other_name))
        return result[0] if len(self.thresholds) == 1 else result

    def reset_states(self):
        _reset_to_zeros(self, len(to_list(self.thresholds)))

    def get_config(self):
        config = {"thresholds": self.init_thresholds, "top_k": self.top_k,
                  "class_id": self.class_id}
        base_config = super(_PrecisionRecall, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class Precision(_PrecisionRecall):
    """true_positives / (true_positives + false_positives)."""
    _other, _other_name = _FP, "false_positives"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super(Precision, self).__init__(thresholds, top_k, class_id, name, dtype)


class Recall(_PrecisionRecall):
    """true_positives / (true_positives + false_negatives)."""
    _other, _other_name = _FN, "false_negatives"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super(Recall, self).__init__(thresholds, top_k, class_id, name, dtype)


def _four_counts(metric, n):
    metric.true_positives = _zeros_weight(metric, "true_positives", n)
    metric.true_negatives = _zeros_weight(metric, "true_negatives", n)
    metric.false_positives = _zeros_weight(metric, "false_positives", n)
    metric.false_negatives = _zeros_weight(metric, "false_negatives", n)


def _update_four(metric, y_true, y_pred, sample_weight):
    return update_confusion_matrix_variables(
        {_TP: metric.true_positives, _TN: metric.true_negatives,
         _FP: metric.false_positives, _FN: metric.false_negatives},
        y_true, y_pred, thresholds=metric.thresholds, sample_weight=sample_weight)


class SensitivitySpecificityBase(Metric):
    """The four counts at num_thresholds thresholds evenly spaced in [0, 1]."""

    def __init__(self, value, num_thresholds=200, name=None, dtype=None):
        super(SensitivitySpecificityBase, self).__init__(name=name, dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError("`num_thresholds` must be > 0.")
        self.value = value
        _four_counts(self, num_thresholds)
        if num_thresholds == 1:
            self.thresholds = [0.5]
        else:
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + thresholds + [1.0]

    def update_state(self, y_true, y_pred, sample_weight=None):
        return _update_four(self, y_true, y_pred, sample_weight)

    def reset_states(self):
        _reset_to_zeros(self, len(self.thresholds))

    def _rate_at(self, num_a, den_b, num_c, den_d):
        """num_c / (num_c + den_d) at the threshold where num_a / (num_a + den_b) is
        closest to the metric's value."""
        rates = math_ops.div_no_nan(num_a, num_a + den_b)
        min_index = math_ops.argmin(math_ops.abs(rates - self.value), axis=0)
        min_index = math_ops.cast(min_index, _dt.int32)
        return math_ops.div_no_nan(num_c[min_index], num_c[min_index] + den_d[min_index])


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """The sensitivity (recall) at the threshold whose specificity is closest to the
    given one."""

    def __init__(self, specificity, num_thresholds=200, name=None, dtype=None):
        if specificity < 0 or specificity > 1:
            raise ValueError("`specificity` must be in the range [0, 1].")
        self.specificity = specificity
        self.num_thresholds = num_thresholds
        super(SensitivityAtSpecificity, self).__init__(
            specificity, num_thresholds=num_thresholds, name=name, dtype=dtype)

    def result(self):
        return self._rate_at(self.true_negatives, self.false_positives,
                             self.true_positives, self.false_negatives)

    def get_config(self):
        config = {"num_thresholds": self.num_thresholds, "specificity": self.specificity}
        base_config = super(SensitivityAtSpecificity, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """The specificity at the threshold whose sensitivity is closest to the given one."""

    def __init__(self, sensitivity, num_thresholds=200, name=None, dtype=None):
        if sensitivity < 0 or sensitivity > 1:
            raise ValueError("`sensitivity` must be in the range [0, 1].")
        self.sensitivity = sensitivity
        self.num_thresholds = num_thresholds
        super(SpecificityAtSensitivity, self).__init__(
            sensitivity, num_thresholds=num_thresholds, name=name, dtype=dtype)

    def result(self):
        return self._rate_at(self.true_positives, self.false_negatives,
                             self.true_negatives, self.false_positives)

    def get_config(self):
        config = {"num_thresholds": self.num_thresholds, "sensitivity": self.sensitivity}
        base_config = super(SpecificityAtSensitivity, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class AUC(Metric):
    """The area under the ROC or precision-recall curve, summed over buckets between
    thresholds (interpolation, majoring or minoring)."""

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None):
        if isinstance(curve, AUCCurve) and curve not in list(AUCCurve):
            raise ValueError('Invalid curve: "{}". Valid options are: "{}"'
                             .format(curve, list(AUCCurve)))
        if isinstance(summation_method, AUCSummationMethod) and \
                summation_method not in list(AUCSummationMethod):
            raise ValueError('Invalid summation method: "{}". Valid options are: "{}"'
                             .format(summation_method, list(AUCSummationMethod)))
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
        else:
            if num_thresholds <= 1:
                raise ValueError("`num_thresholds` must be > 1.")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
        self.thresholds = [0.0 - K.epsilon()] + thresholds + [1.0 + K.epsilon()]
        self.curve = curve if isinstance(curve, AUCCurve) else AUCCurve.from_str(curve)
        self.summation_method = (summation_method
                                 if isinstance(summation_method, AUCSummationMethod)
                                 else AUCSummationMethod.from_str(summation_method))
        super(AUC, self).__init__(name=name, dtype=dtype)
        _four_counts(self, self.num_thresholds)

    def update_state(self, y_true, y_pred, sample_weight=None):
        return _update_four(self, y_true, y_pred, sample_weight)

    def interpolate_pr_auc(self):
        """The PR AUC by Davis & Goadrich's interpolation of precision between buckets."""
        n = self.num_thresholds
        tp = self.true_positives
        dtp = tp[:n - 1] - tp[1:]
        p = tp + self.false_positives
        dp = p[:n - 1] - p[1:]
        prec_slope = math_ops.div_no_nan(dtp, math_ops.maximum(dp, 0), name="prec_slope")
        intercept = tp[1:] - math_ops.multiply(prec_slope, p[1:])
        safe_p_ratio = array_ops.where(
            logical_and(p[:n - 1] > 0, p[1:] > 0),
            math_ops.div_no_nan(p[:n - 1], math_ops.maximum(p[1:], 0),
                                name="recall_relative_ratio"),
            array_ops.ones_like(p[1:]))
        return math_ops.reduce_sum(
            math_ops.div_no_nan(prec_slope * (dtp + intercept * math_ops.log(safe_p_ratio)),
                                math_ops.maximum(tp[1:] + self.false_negatives[1:], 0),
                                name="pr_auc_increment"),
            name="interpolate_pr_auc")

    def result(self):
        if self.curve == AUCCurve.PR and \
                self.summation_method == AUCSummationMethod.INTERPOLATION:
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = self.true_positives
        recall = math_ops.div_no_nan(tp, tp + self.false_negatives)
        if self.curve == AUCCurve.ROC:
            x = math_ops.div_no_nan(self.false_positives,
                                    self.false_positives + self.true_negatives)
            y = recall
        else:
            x = recall
            y = math_ops.div_no_nan(tp, tp + self.false_positives)
        if self.summation_method == AUCSummationMethod.INTERPOLATION:
            heights = (y[:n - 1] + y[1:]) / 2.
        elif self.summation_method == AUCSummationMethod.MINORING:
            heights = math_ops.minimum(y[:n - 1], y[1:])
        else:
            heights = math_ops.maximum(y[:n - 1], y[1:])
        return math_ops.reduce_sum(math_ops.multiply(x[:n - 1] - x[1:], heights),
                                   name=self.name)

    def reset_states(self):
        _reset_to_zeros(self, self.num_thresholds)

    def get_config(self):
        config = {"num_thresholds": self.num_thresholds, "curve": self.curve.value,
                  "summation_method": self.summation_method.value,
                  "thresholds": self.thresholds[1:-1]}
        base_config = super(AUC, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class MeanIoU(Metric):
    """The mean over classes of the intersection over union (a float64 confusion matrix
    of the integer labels and predictions)."""

    def __init__(self, num_classes, name=None, dtype=None):
        super(MeanIoU, self).__init__(name=name, dtype=dtype)
        self.num_classes = num_classes
        self.total_cm = self.add_weight("total_confusion_matrix",
                                        shape=(num_classes, num_classes),
                                        initializer=init_ops.zeros_initializer,
                                        dtype=_dt.float64)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = math_ops.cast(y_true, self._dtype)
        y_pred = math_ops.cast(y_pred, self._dtype)
        if y_pred.shape.ndims > 1:
            y_pred = array_ops.reshape(y_pred, [-1])
        if y_true.shape.ndims > 1:
            y_true = array_ops.reshape(y_true, [-1])
        if sample_weight is not None and sample_weight.shape.ndims > 1:
            sample_weight = array_ops.reshape(sample_weight, [-1])
        current_cm = confusion_matrix(y_true, y_pred, self.num_classes, weights=sample_weight,
                                      dtype=_dt.float64)
        return self.total_cm.assign_add(current_cm)

    def result(self):
        sum_over_row = math_ops.cast(math_ops.reduce_sum(self.total_cm, axis=0),
                                     dtype=self._dtype)
        sum_over_col = math_ops.cast(math_ops.reduce_sum(self.total_cm, axis=1),
                                     dtype=self._dtype)
        true_positives = math_ops.cast(diag_part(self.total_cm), dtype=self._dtype)
        denominator = sum_over_row + sum_over_col - true_positives
        num_valid_entries = math_ops.reduce_sum(
            math_ops.cast(_not_equal(denominator, 0), dtype=self._dtype))
        iou = math_ops.div_no_nan(true_positives, denominator)
        return math_ops.div_no_nan(math_ops.reduce_sum(iou, name="mean_iou"),
                                   num_valid_entries)

    def reset_states(self):
        K.set_value(self.total_cm, np.zeros((self.num_classes, self.num_classes)))

    def get_config(self):
        config = {"num_classes": self.num_classes}
        base_config = super(MeanIoU, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))
