"""`tf.contrib.learn.ModelFnOps`: what a contrib.learn model_fn returns (TF 1.14's
contrib/learn/.../estimators/model_fn.py); the mode keys are contrib.learn's ModeKeys
('infer' for prediction)."""
from __future__ import annotations

import collections

from ...engine.framework.graph import Operation
from ...engine.framework.constant_op import convert_to_tensor
from ...ops.sparse_tensor import SparseTensor
from ...train.session_run_hook import SessionRunHook
from .constants import ModeKeys

__all__ = ["ModelFnOps"]


class ModelFnOps(collections.namedtuple("ModelFnOps", [
        "predictions", "loss", "train_op", "eval_metric_ops", "output_alternatives",
        "training_chief_hooks", "training_hooks", "scaffold", "mode"])):
    """The ops a contrib.learn model_fn built for one mode."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None,
                output_alternatives=None, training_chief_hooks=None, training_hooks=None,
                scaffold=None):
        from ...ops import array_ops  # lazy: array ops load on first use
        ModeKeys.validate(mode)
        if train_op is None:
            if mode == ModeKeys.TRAIN:
                raise ValueError("Missing train_op.")
        elif not isinstance(train_op, Operation):
            train_op = convert_to_tensor(train_op).op
        if loss is None:
            if mode in (ModeKeys.TRAIN, ModeKeys.EVAL):
                raise ValueError("Missing loss.")
        else:
            loss = convert_to_tensor(loss)
            if loss.shape.num_elements() not in (None, 1):
                raise ValueError("Loss must be scalar: %s." % loss)
            if loss.shape.ndims not in (None, 0):
                loss = array_ops.reshape(loss, [])
        if predictions is None:
            if mode in (ModeKeys.INFER, ModeKeys.EVAL):
                raise ValueError("Missing predictions.")
        elif isinstance(predictions, dict):
            predictions = {k: _tensor_or_sparse(v) for k, v in predictions.items()}
        else:
            predictions = _tensor_or_sparse(predictions)
        if eval_metric_ops is None:
            eval_metric_ops = {}
        elif not isinstance(eval_metric_ops, dict):
            raise ValueError("eval_metric_ops must be a dict.")
        training_chief_hooks = list(training_chief_hooks or [])
        training_hooks = list(training_hooks or [])
        for hook in training_hooks + training_chief_hooks:
            if not isinstance(hook, SessionRunHook):
                raise TypeError("All hooks returned from model_fn must be SessionRunHook "
                                "instances, got instance of %s: %s" % (type(hook), hook))
        return super().__new__(cls, predictions, loss, train_op, eval_metric_ops,
                               output_alternatives, training_chief_hooks, training_hooks,
                               scaffold, mode)


def _tensor_or_sparse(value):
    if isinstance(value, SparseTensor):
        return value
    return convert_to_tensor(value)
