"""`tf.estimator.ModeKeys` and `tf.estimator.EstimatorSpec` (TF 1.14's model_fn.py)."""
from __future__ import annotations

import collections

from ..engine.framework.graph import Operation, Tensor

__all__ = ["ModeKeys", "EstimatorSpec"]

LOSS_METRIC_KEY = "loss"


class ModeKeys:
    """The modes a model_fn is called in."""
    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"


class EstimatorSpec(collections.namedtuple("EstimatorSpec", [
        "mode", "predictions", "loss", "train_op", "eval_metric_ops", "export_outputs",
        "training_chief_hooks", "training_hooks", "scaffold", "evaluation_hooks",
        "prediction_hooks"])):
    """What a model_fn returns: the ops and tensors of one mode."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None,
                export_outputs=None, training_chief_hooks=None, training_hooks=None,
                scaffold=None, evaluation_hooks=None, prediction_hooks=None):
        from ..train.monitored_session import Scaffold  # lazy: train loads on first use
        if mode not in (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT):
            raise ValueError("mode={} unrecognized.".format(mode))
        if mode == ModeKeys.TRAIN and train_op is None:
            raise ValueError("Missing train_op.")
        if mode in (ModeKeys.TRAIN, ModeKeys.EVAL) and loss is None:
            raise ValueError("Missing loss.")
        if loss is not None and not isinstance(loss, Tensor):
            raise TypeError("loss must be Tensor, given: {}".format(loss))
        from ..ops.variables import Variable  # lazy: with Scaffold
        # TF's is_dense_tensor_like: a variable too (an optimizer's global-step update
        # under a tf.distribute strategy returns the updated variable)
        if train_op is not None and not isinstance(train_op, (Tensor, Operation, Variable)):
            raise TypeError("train_op must be Operation or Tensor, given: {}".format(train_op))
        if mode == ModeKeys.PREDICT and predictions is None:
            raise ValueError("Missing predictions.")
        predictions = {} if predictions is None else predictions
        eval_metric_ops = dict(eval_metric_ops or {})
        for key, value in eval_metric_ops.items():
            if not isinstance(value, tuple) or len(value) != 2:
                raise TypeError("Values of eval_metric_ops must be (metric_value, update_op) "
                                "tuples, given: {} for key: {}".format(value, key))
        if mode == ModeKeys.PREDICT:
            from .export.export_output import get_export_outputs  # lazy: with model_fn
            export_outputs = get_export_outputs(export_outputs, predictions)
        return super().__new__(
            cls, mode, predictions, loss, train_op, eval_metric_ops, export_outputs,
            tuple(training_chief_hooks or ()), tuple(training_hooks or ()),
            scaffold or Scaffold(), tuple(evaluation_hooks or ()),
            tuple(prediction_hooks or ()))
