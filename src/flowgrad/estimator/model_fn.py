"""`tf.estimator.ModeKeys` and `tf.estimator.EstimatorSpec` (TF 1.14's model_fn.py)."""
from __future__ import annotations

import collections

from .. import nest
from ..engine.framework.graph import Operation, Tensor, get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.shape import reshape

__all__ = ["ModeKeys", "EstimatorSpec"]

LOSS_METRIC_KEY = "loss"
AVERAGE_LOSS_METRIC_KEY = "average_loss"


class ModeKeys:
    """The modes a model_fn is called in."""
    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"


_DEFAULT_GRAPH_ERROR = (
    '{0} with "{1}" must be from the default graph. Possible causes of this error include: '
    '\n\n1) {0} was created outside the context of the default graph.\n\n2) The object '
    'passed through to EstimatorSpec was not created in the most recent call to "model_fn".')


def _dense_like(x):
    """TF's is_dense_tensor_like: a Tensor or a variable (an optimizer's global-step update
    under a tf.distribute strategy returns the updated variable)."""
    from ..ops.variables import Variable  # lazy: ops.variables loads the train stack
    return isinstance(x, (Tensor, Variable))


def _check_is_tensor(x, name):
    if not _dense_like(x):
        raise TypeError("{} must be Tensor, given: {}".format(name, x))
    return x


def _check_graph(x, what, name):
    if x.graph is not get_default_graph():
        raise ValueError(_DEFAULT_GRAPH_ERROR.format(what, name))


def _validate_train_op(train_op, mode):
    if train_op is None:
        if mode == ModeKeys.TRAIN:
            raise ValueError("Missing train_op.")
        return None
    if not (isinstance(train_op, Operation) or _dense_like(train_op)):
        raise TypeError("train_op must be Operation or Tensor, given: {}".format(train_op))
    if not isinstance(train_op, (Tensor, Operation)):   # a variable: its op
        train_op = train_op.op
    _check_graph(train_op, "train_op", train_op.name)
    return train_op


def _validate_loss(loss, mode):
    if loss is None:
        if mode in (ModeKeys.TRAIN, ModeKeys.EVAL):
            raise ValueError("Missing loss.")
        return None
    loss = _check_is_tensor(loss, "loss")
    shape = loss.get_shape()
    if shape.num_elements() not in (None, 1):
        raise ValueError("Loss must be scalar, given: {}".format(loss))
    if not shape.is_compatible_with(TensorShape([])):
        loss = reshape(loss, [])
    _check_graph(loss, "loss", loss.name)
    return loss


def _validate_predictions(predictions, mode):
    if predictions is None:
        if mode == ModeKeys.PREDICT:
            raise ValueError("Missing predictions.")
        return {}
    if isinstance(predictions, dict):
        predictions = {k: _check_is_tensor(v, "predictions[{}]".format(k))
                       for k, v in predictions.items()}
        for key, value in predictions.items():
            _check_graph(value, "prediction values", "{0}: {1}".format(key, value.name))
        return predictions
    predictions = _check_is_tensor(predictions, "predictions")
    _check_graph(predictions, "prediction values", predictions.name)
    return predictions


def _validate_hooks(hooks):
    from ..train.session_run_hook import SessionRunHook  # lazy: train loads on first use
    hooks = tuple(hooks or [])
    for hook in hooks:
        if not isinstance(hook, SessionRunHook):
            raise TypeError("All hooks must be SessionRunHook instances, given: {}".format(hook))
    return hooks


def _validate_eval_metric_ops(eval_metric_ops):
    if eval_metric_ops is None:
        return {}
    if not isinstance(eval_metric_ops, dict):
        raise TypeError("eval_metric_ops must be a dict, given: {}".format(eval_metric_ops))
    from ..keras._metrics_base import Metric  # lazy: keras loads on first use
    for key, value in eval_metric_ops.items():
        if isinstance(value, Metric):
            if not value.updates:
                raise ValueError('Please call update_state(...) on the "{metric_name}" metric'
                                 .format(metric_name=value.name))
        elif not isinstance(value, tuple) or len(value) != 2:
            raise TypeError("Values of eval_metric_ops must be (metric_value, update_op) "
                            "tuples, given: {} for key: {}".format(value, key))
    for key, value in eval_metric_ops.items():
        # a Metric's result() is called here and again below (TF's result op more)
        vals = (value.updates + [value.result()] if isinstance(value, Metric)
                else nest.flatten(value))
        for val in vals:
            _check_graph(val, "eval_metric_ops", "{0}: {1}".format(key, val.name))
    # Metric objects become (result, first update) pairs; their variables join the
    # LOCAL_VARIABLES and METRIC_VARIABLES collections (TF 1.14's model_fn.py)
    metric_vars = []
    for key, value in eval_metric_ops.items():
        if isinstance(value, Metric):
            metric_vars.extend(value.variables)
            eval_metric_ops[key] = (value.result(), value.updates[0])
    graph = get_default_graph()
    for name in (GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES):
        have = graph.get_collection(name)
        for v in metric_vars:
            if not any(v is x for x in have):
                graph.add_to_collection(name, v)
    return eval_metric_ops


class EstimatorSpec(collections.namedtuple("EstimatorSpec", [
        "mode", "predictions", "loss", "train_op", "eval_metric_ops", "export_outputs",
        "training_chief_hooks", "training_hooks", "scaffold", "evaluation_hooks",
        "prediction_hooks"])):
    """What a model_fn returns: the ops and tensors of one mode, checked as TF 1.14 checks
    them (the mode itself is not: any other mode needs what EVAL / PREDICT do not)."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None,
                export_outputs=None, training_chief_hooks=None, training_hooks=None,
                scaffold=None, evaluation_hooks=None, prediction_hooks=None):
        from ..train.monitored_session import Scaffold  # lazy: train loads on first use
        train_op = _validate_train_op(train_op, mode)
        loss = _validate_loss(loss, mode)
        predictions = _validate_predictions(predictions, mode)
        if mode == ModeKeys.PREDICT:
            from .export.export_output import get_export_outputs  # lazy: with model_fn
            export_outputs = get_export_outputs(export_outputs, predictions)
        training_hooks = _validate_hooks(training_hooks)
        evaluation_hooks = _validate_hooks(evaluation_hooks)
        prediction_hooks = _validate_hooks(prediction_hooks)
        training_chief_hooks = _validate_hooks(training_chief_hooks)
        eval_metric_ops = _validate_eval_metric_ops(eval_metric_ops)
        scaffold = scaffold or Scaffold()
        if not isinstance(scaffold, Scaffold):
            raise TypeError("scaffold must be tf.train.Scaffold. Given: {}".format(scaffold))
        return super().__new__(
            cls, mode, predictions, loss, train_op, eval_metric_ops, export_outputs,
            training_chief_hooks, training_hooks, scaffold, evaluation_hooks,
            prediction_hooks)
