"""`tf.contrib.training`'s training helpers (TF 1.14 contrib/training/python/training/
training.py): create_train_op (the train op is the loss, checked for inf/nan, run after
the updates), train (a MonitoredTrainingSession loop), and the gradient transforms."""
from __future__ import annotations

from ... import logging, summary
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, get_default_graph, name_scope
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import array_ops, control_flow_ops, math_ops
from ...ops import variables as tf_variables
from ...train import training_util
from ...train.monitored_session import MonitoredTrainingSession
from ...train.optimizer import Optimizer

__all__ = ["add_gradients_summaries", "clip_gradient_norms", "clip_gradient_norms_fn",
           "create_train_op", "multiply_gradients", "train"]

_USE_GLOBAL_STEP = 0


def add_gradients_summaries(grads_and_vars):
    """A histogram `<var>_gradient` and a scalar `<var>_gradient_norm` per gradient; returns
    the summary ops."""
    summaries = []
    for grad, var in grads_and_vars:
        if grad is not None:
            grad_values = grad.values if isinstance(grad, IndexedSlices) else grad
            summaries.append(summary.histogram(var.op.name + "_gradient", grad_values))
            summaries.append(summary.scalar(var.op.name + "_gradient_norm",
                                            math_ops.global_norm([grad_values])))
        else:
            logging.info("Var %s has no gradient", var.op.name)
    return summaries


def clip_gradient_norms(gradients_to_variables, max_norm):
    """Each gradient clipped to L2 norm `max_norm` (IndexedSlices: their values)."""
    clipped = []
    for grad, var in gradients_to_variables:
        if grad is not None:
            if isinstance(grad, IndexedSlices):
                tmp = math_ops.clip_by_norm(grad.values, max_norm)
                grad = IndexedSlices(tmp, grad.indices, grad.dense_shape)
            else:
                grad = math_ops.clip_by_norm(grad, max_norm)
        clipped.append((grad, var))
    return clipped


def clip_gradient_norms_fn(max_norm):
    """A transform_grads_fn clipping each gradient to `max_norm`."""
    def clip_norms(gradients_to_variables):
        return clip_gradient_norms(gradients_to_variables, max_norm)
    return clip_norms


def multiply_gradients(grads_and_vars, gradient_multipliers):
    """The gradients of the variables in `gradient_multipliers` (keyed by variable or op
    name) multiplied by their factor.

    Raises:
      ValueError: grads_and_vars is not a list, gradient_multipliers is empty or not a
        dict, or a multiplied gradient is None.
    """
    if not isinstance(grads_and_vars, list):
        raise ValueError("`grads_and_vars` must be a list.")
    if not gradient_multipliers:
        raise ValueError("`gradient_multipliers` is empty.")
    if not isinstance(gradient_multipliers, dict):
        raise ValueError("`gradient_multipliers` must be a dict.")
    out = []
    for grad, var in grads_and_vars:
        if var in gradient_multipliers or var.op.name in gradient_multipliers:
            key = var if var in gradient_multipliers else var.op.name
            if grad is None:
                raise ValueError("Requested multiple of `None` gradient.")
            if isinstance(grad, IndexedSlices):
                tmp = grad.values * convert_to_tensor(gradient_multipliers[key],
                                                      dtype=grad.dtype)
                grad = IndexedSlices(tmp, grad.indices, grad.dense_shape)
            else:
                grad *= convert_to_tensor(gradient_multipliers[key], dtype=grad.dtype)
        out.append((grad, var))
    return out


def create_train_op(total_loss, optimizer, global_step=_USE_GLOBAL_STEP, update_ops=None,
                    variables_to_train=None, transform_grads_fn=None, summarize_gradients=False,
                    gate_gradients=Optimizer.GATE_OP, aggregation_method=None,
                    colocate_gradients_with_ops=False, check_numerics=True):
    """A Tensor that evaluates to the loss after the UPDATE_OPS ran and `optimizer`'s
    gradients (transformed by transform_grads_fn) were applied; added to TRAIN_OP.

    Args:
      global_step: the step incremented by each update (default: get_or_create_global_step;
        None: none).
      update_ops: ops to run first (default: the UPDATE_OPS collection).
      variables_to_train: default: the trainable variables.
      check_numerics: wrap the loss in CheckNumerics ("LossTensor is inf or nan").
    """
    if global_step is _USE_GLOBAL_STEP:
        global_step = training_util.get_or_create_global_step()
    graph = get_default_graph()
    global_update_ops = list(dict.fromkeys(graph.get_collection(GraphKeys.UPDATE_OPS)))
    update_ops = global_update_ops if update_ops is None else list(dict.fromkeys(update_ops))
    if not set(global_update_ops).issubset(set(update_ops)):
        logging.warning("update_ops in create_train_op does not contain all the update_ops "
                        "in GraphKeys.UPDATE_OPS")
    if update_ops:
        with graph.control_dependencies(update_ops):
            barrier = control_flow_ops.no_op(name="update_barrier")
        total_loss = control_flow_ops.with_dependencies([barrier], total_loss)
    if variables_to_train is None:
        variables_to_train = tf_variables.trainable_variables()
    else:
        for v in variables_to_train:
            assert v.trainable or v in tf_variables.trainable_variables()
    assert variables_to_train
    grads = optimizer.compute_gradients(
        total_loss, variables_to_train, gate_gradients=gate_gradients,
        aggregation_method=aggregation_method,
        colocate_gradients_with_ops=colocate_gradients_with_ops)
    if transform_grads_fn:
        grads = transform_grads_fn(grads)
    if summarize_gradients:
        with name_scope("summarize_grads"):
            add_gradients_summaries(grads)
    grad_updates = optimizer.apply_gradients(grads, global_step=global_step)
    with name_scope("train_op"):
        if check_numerics:
            total_loss = array_ops.check_numerics(total_loss, "LossTensor is inf or nan")
        train_op = control_flow_ops.with_dependencies([grad_updates], total_loss)
    train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
    if train_op not in train_ops:
        train_ops.append(train_op)
    return train_op


def train(train_op, logdir, master="", is_chief=True, scaffold=None, hooks=None,
          chief_only_hooks=None, save_checkpoint_secs=600, save_summaries_steps=100,
          config=None, max_wait_secs=7200, run_metadata=None):
    """Runs `train_op` in a MonitoredTrainingSession (checkpoints and summaries in `logdir`)
    until a hook stops it; returns the last value of train_op.

    Raises:
      ValueError: logdir is None while checkpoints or summaries are asked for.
    """
    if logdir is None and is_chief:
        if save_summaries_steps:
            raise ValueError("logdir cannot be None when save_summaries_steps is not None")
        if save_checkpoint_secs:
            raise ValueError("logdir cannot be None when save_checkpoint_secs is not None")
    with MonitoredTrainingSession(
            master=master, is_chief=is_chief, checkpoint_dir=logdir, scaffold=scaffold,
            hooks=hooks, chief_only_hooks=chief_only_hooks,
            save_checkpoint_secs=save_checkpoint_secs,
            save_summaries_steps=save_summaries_steps, config=config,
            max_wait_secs=max_wait_secs) as session:
        loss = None
        while not session.should_stop():
            loss = session.run(train_op, run_metadata=run_metadata)
    return loss
