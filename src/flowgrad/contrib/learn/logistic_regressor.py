"""`tf.contrib.learn.LogisticRegressor` (TF 1.14's contrib/learn/.../estimators/
logistic_regressor.py): an Estimator over a model_fn(features, labels, mode) returning
(probabilities, loss, train_op), with TF's logistic eval metrics (prediction / label means,
AUC, and accuracy / precision / recall at each threshold)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.ops import comparison
from ...ops import math_ops
from .constants import ModeKeys, ProblemType
from .estimator import Estimator
from .model_fn import ModelFnOps

__all__ = ["LogisticRegressor"]

_PREDICTION_MEAN = "labels/prediction_mean"
_LABEL_MEAN = "labels/actual_label_mean"
_ACCURACY_BASELINE = "accuracy/baseline_label_mean"
_AUC = "auc"
_ACCURACY_MEAN = "accuracy/threshold_%f_mean"
_PRECISION_MEAN = "precision/positive_threshold_%f_mean"
_RECALL_MEAN = "recall/positive_threshold_%f_mean"


def _get_model_fn_with_logistic_metrics(model_fn):
    def _model_fn(features, labels, mode, params):
        thresholds = params.get("thresholds") or [.5]
        predictions, loss, train_op = model_fn(features, labels, mode)
        if mode == ModeKeys.EVAL:
            eval_metric_ops = _make_logistic_eval_metric_ops(
                labels=labels, predictions=predictions, thresholds=thresholds)
        else:
            eval_metric_ops = None
        return ModelFnOps(mode=mode, predictions=predictions, loss=loss, train_op=train_op,
                          eval_metric_ops=eval_metric_ops,
                          output_alternatives={"head": (ProblemType.LOGISTIC_REGRESSION,
                                                        {"predictions": predictions})})
    return _model_fn


def LogisticRegressor(model_fn, thresholds=None, model_dir=None, config=None,  # noqa: N802
                      feature_engineering_fn=None):
    """A logistic regression Estimator for binary classification over `model_fn`."""
    return Estimator(model_fn=_get_model_fn_with_logistic_metrics(model_fn),
                     model_dir=model_dir, config=config, params={"thresholds": thresholds},
                     feature_engineering_fn=feature_engineering_fn)


def _make_logistic_eval_metric_ops(labels, predictions, thresholds):
    from ..metrics import (streaming_accuracy, streaming_auc,  # lazy: metrics on first use
                           streaming_mean, streaming_precision, streaming_recall)
    labels_tensor = labels
    if isinstance(labels, dict) and len(labels) == 1:
        # TF 1.14 indexes dict.values() here, a TypeError under Python 3
        raise TypeError("'dict_values' object is not subscriptable")
    metrics = {_PREDICTION_MEAN: streaming_mean(predictions),
               _LABEL_MEAN: streaming_mean(labels_tensor),
               _ACCURACY_BASELINE: streaming_mean(labels_tensor),
               _AUC: streaming_auc(labels=labels_tensor, predictions=predictions)}
    for threshold in thresholds:
        at = math_ops.cast(comparison.greater_equal(predictions, threshold), dtypes.float32,
                           name="predictions_at_threshold_%f" % threshold)
        metrics[_ACCURACY_MEAN % threshold] = streaming_accuracy(labels=labels_tensor,
                                                                 predictions=at)
        metrics[_PRECISION_MEAN % threshold] = streaming_precision(labels=labels_tensor,
                                                                   predictions=at)
        metrics[_RECALL_MEAN % threshold] = streaming_recall(labels=labels_tensor,
                                                             predictions=at)
    return metrics
