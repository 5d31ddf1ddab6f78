"""slim.learning (TF 1.14 contrib/slim/python/slim/learning.py): `create_train_op` (the
train op returns the loss, checked for inf/nan by default) and `train`, the training loop
on a tf.train.Supervisor (saving checkpoints and summaries to `logdir`)."""
import os
import sys
import time

from ...client.timeline import Timeline
from ...engine.framework.config import RunMetadata, RunOptions
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import control_dependencies, get_default_graph, name_scope
from ...engine.framework import errors
from ...engine.framework.indexed_slices import IndexedSlices
from ...engine.framework.graph import Tensor
from ... import logging
from ...gfile import GFile
from ...ops import comparison_ops, control_flow_ops, math_ops
from ...ops import variables as tf_variables
from ... import summary
from ...train import training_util
from ...train.optimizer import Optimizer
from ...train.saver import Saver
from ...train.supervisor import Supervisor
from ...train.sync_replicas_optimizer import SyncReplicasOptimizer
from ...train.monitored_session import _tables_initializer
from ..training import training as _contrib_training

__all__ = ["add_gradients_summaries", "clip_gradient_norms", "create_train_op",
           "multiply_gradients", "train", "train_step"]

_USE_GLOBAL_STEP = 0
_USE_DEFAULT = 0


def clip_gradient_norms(gradients_to_variables, max_norm):
    """Each gradient clipped to norm `max_norm` (IndexedSlices: their values)."""
    out = []
    for grad, var in gradients_to_variables:
        if grad is not None:
            if isinstance(grad, IndexedSlices):
                grad = IndexedSlices(math_ops.clip_by_norm(grad.values, max_norm), grad.indices,
                                     grad.dense_shape)
            else:
                grad = math_ops.clip_by_norm(grad, max_norm)
        out.append((grad, var))
    return out


def multiply_gradients(grads_and_vars, gradient_multipliers):
    """Gradients of the variables named (or given) in `gradient_multipliers` scaled."""
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
            multiplier = gradient_multipliers[key]
            if not isinstance(multiplier, Tensor):
                multiplier = constant(multiplier, dtype=grad.dtype)
            if isinstance(grad, IndexedSlices):
                grad = IndexedSlices(grad.values * multiplier, grad.indices, grad.dense_shape)
            else:
                grad *= multiplier
        out.append((grad, var))
    return out


def add_gradients_summaries(grads_and_vars):
    """A histogram `<var>/gradient` and a scalar `<var>/gradient_norm` per gradient."""
    sep = "/"   # (contrib.training's add_gradients_summaries: `<var>_gradient`)
    summaries = []
    for grad, var in grads_and_vars:
        if grad is not None:
            values = grad.values if isinstance(grad, IndexedSlices) else grad
            summaries.append(summary.histogram(var.op.name + sep + "gradient", values))
            summaries.append(summary.scalar(var.op.name + sep + "gradient_norm",
                                            math_ops.global_norm([values])))
        else:
            logging.info("Var %s has no gradient", var.op.name)
    return summaries


def create_train_op(total_loss, optimizer, global_step=_USE_GLOBAL_STEP, update_ops=None,
                    variables_to_train=None, clip_gradient_norm=0, summarize_gradients=False,
                    gate_gradients=Optimizer.GATE_OP, aggregation_method=None,
                    colocate_gradients_with_ops=False, gradient_multipliers=None,
                    check_numerics=True):
    """A tensor that runs the UPDATE_OPS, applies `optimizer`'s gradients of `total_loss`
    (multiplied, clipped, summarized as asked) and evaluates to the loss (added to the
    TRAIN_OP collection)."""
    def transform_grads_fn(grads):   # TF's slim: multiply, then clip, then contrib's op
        if gradient_multipliers:
            with name_scope("multiply_grads"):
                grads = multiply_gradients(grads, gradient_multipliers)
        if clip_gradient_norm > 0:
            with name_scope("clip_grads"):
                grads = clip_gradient_norms(grads, clip_gradient_norm)
        return grads
    if global_step is _USE_GLOBAL_STEP:
        global_step = _contrib_training._USE_GLOBAL_STEP
    return _contrib_training.create_train_op(
        total_loss, optimizer, global_step=global_step, update_ops=update_ops,
        variables_to_train=variables_to_train, transform_grads_fn=transform_grads_fn,
        summarize_gradients=summarize_gradients, gate_gradients=gate_gradients,
        aggregation_method=aggregation_method,
        colocate_gradients_with_ops=colocate_gradients_with_ops,
        check_numerics=check_numerics)


def train_step(sess, train_op, global_step, train_step_kwargs):
    """One step: runs `train_op` and `global_step`, logs when `should_log`, and returns
    (total_loss, should_stop)."""
    start_time = time.time()
    options = run_metadata = None
    if "should_trace" in train_step_kwargs:
        if "logdir" not in train_step_kwargs:
            raise ValueError("logdir must be present in train_step_kwargs when should_trace "
                             "is present")
        if sess.run(train_step_kwargs["should_trace"]):
            options = RunOptions(trace_level=RunOptions.FULL_TRACE)
            run_metadata = RunMetadata()
    total_loss, np_global_step = sess.run([train_op, global_step], options=options,
                                          run_metadata=run_metadata)
    time_elapsed = time.time() - start_time
    if run_metadata is not None:   # a Chrome trace file, and the metadata in the summaries
        trace = Timeline(run_metadata.step_stats).generate_chrome_trace_format()
        trace_filename = os.path.join(train_step_kwargs["logdir"],
                                      "tf_trace-%d.json" % np_global_step)
        logging.info("Writing trace to %s", trace_filename)
        with GFile(trace_filename, "w") as f:
            f.write(trace)
        if "summary_writer" in train_step_kwargs:
            train_step_kwargs["summary_writer"].add_run_metadata(
                run_metadata, "run_metadata-%d" % np_global_step)
    if "should_log" in train_step_kwargs:
        if sess.run(train_step_kwargs["should_log"]):
            logging.info("global step %d: loss = %.4f (%.3f sec/step)", np_global_step,
                         total_loss, time_elapsed)
    should_stop = False
    if "should_stop" in train_step_kwargs:
        should_stop = sess.run(train_step_kwargs["should_stop"])
    return total_loss, should_stop


def _wait_for_step(sess, global_step, step):
    while True:
        if sess.run(global_step) >= step:
            break
        logging.info("Waiting for step %d; current step %d", step, sess.run(global_step))
        time.sleep(0.5)


def train(train_op, logdir, train_step_fn=train_step, train_step_kwargs=_USE_DEFAULT,
          log_every_n_steps=1, graph=None, master="", is_chief=True, global_step=None,
          number_of_steps=None, init_op=_USE_DEFAULT, init_feed_dict=None,
          local_init_op=_USE_DEFAULT, init_fn=None, ready_op=_USE_DEFAULT,
          summary_op=_USE_DEFAULT, save_summaries_secs=600, summary_writer=_USE_DEFAULT,
          startup_delay_steps=0, saver=None, save_interval_secs=600, sync_optimizer=None,
          session_config=None, session_wrapper=None, trace_every_n_steps=None,
          ignore_live_threads=False):
    """Runs `train_op` under a Supervisor until `number_of_steps` (global step) or the
    input ends; the chief saves a final checkpoint to `logdir`. Returns the last loss."""
    if train_op is None:
        raise ValueError("train_op cannot be None.")
    if logdir is None:
        if summary_op != _USE_DEFAULT:
            raise ValueError("Cannot provide summary_op because logdir=None")
        if saver is not None:
            raise ValueError("Cannot provide saver because logdir=None")
        if trace_every_n_steps is not None:
            raise ValueError("Cannot provide trace_every_n_steps because logdir=None")
    if isinstance(sync_optimizer, SyncReplicasOptimizer):
        sync_optimizer = [sync_optimizer]
    if sync_optimizer is not None and startup_delay_steps > 0:
        raise ValueError("startup_delay_steps must be zero when sync_optimizer is supplied.")
    if number_of_steps is not None and number_of_steps <= 0:
        raise ValueError("`number_of_steps` must be either None or a positive number.")
    graph = graph or get_default_graph()
    with graph.as_default():
        if global_step is None:
            global_step = training_util.get_or_create_global_step()
        saver = saver or Saver()
        if sync_optimizer is not None:
            for opt in sync_optimizer:   # as TF: a lone optimizer of another kind: TypeError
                if not isinstance(opt, SyncReplicasOptimizer):
                    raise ValueError("`sync_optimizer` must be a "
                                     "tf.train.SyncReplicasOptimizer.")
        with name_scope("init_ops"):
            if init_op == _USE_DEFAULT:
                init_op = tf_variables.global_variables_initializer()
            if ready_op == _USE_DEFAULT:
                ready_op = tf_variables.report_uninitialized_variables()
            if local_init_op == _USE_DEFAULT:
                local_init_op = control_flow_ops.group(
                    tf_variables.local_variables_initializer(), _tables_initializer())
            ready_for_local_init_op = None
            if isinstance(sync_optimizer, list):   # (TF's test: a tuple is left as it is)
                # the replicas' local steps start after the local init, the chief's queues too
                with control_dependencies([local_init_op] if local_init_op is not None
                                          else []):
                    local_init_op = control_flow_ops.group(*[
                        opt.chief_init_op if is_chief else opt.local_step_init_op
                        for opt in sync_optimizer])
                ready_for_local_init_op = control_flow_ops.group(
                    *[opt.ready_for_local_init_op for opt in sync_optimizer])
        if summary_op == _USE_DEFAULT:
            summary_op = summary.merge_all()
        if summary_writer == _USE_DEFAULT:
            summary_writer = Supervisor.USE_DEFAULT
        if is_chief and sync_optimizer is not None:   # before the Supervisor finalizes
            init_tokens_op = [opt.get_init_tokens_op() for opt in sync_optimizer]
            chief_queue_runner = [opt.get_chief_queue_runner() for opt in sync_optimizer]
        if train_step_kwargs == _USE_DEFAULT:
            with name_scope("train_step"):
                train_step_kwargs = {}
                if number_of_steps:
                    should_stop_op = comparison_ops.greater_equal(global_step, number_of_steps)
                else:
                    should_stop_op = constant(False)
                train_step_kwargs["should_stop"] = should_stop_op
                if log_every_n_steps > 0:
                    train_step_kwargs["should_log"] = comparison_ops.equal(
                        math_ops.mod(global_step, log_every_n_steps), 0)
                if is_chief and trace_every_n_steps is not None:
                    train_step_kwargs["should_trace"] = comparison_ops.equal(
                        math_ops.mod(global_step, trace_every_n_steps), 0)
                    train_step_kwargs["logdir"] = logdir
    sv = Supervisor(graph=graph, is_chief=is_chief, logdir=logdir, init_op=init_op,
                    init_feed_dict=init_feed_dict, local_init_op=local_init_op,
                    ready_for_local_init_op=ready_for_local_init_op, ready_op=ready_op,
                    summary_op=summary_op,
                    summary_writer=summary_writer, global_step=global_step, saver=saver,
                    save_summaries_secs=save_summaries_secs,
                    save_model_secs=save_interval_secs, init_fn=init_fn)
    if summary_writer is not None:
        train_step_kwargs["summary_writer"] = sv.summary_writer
    total_loss = None
    should_retry = True
    while should_retry:
        try:
            should_retry = False
            with sv.managed_session(master, start_standard_services=False,
                                    config=session_config) as sess:
                logging.info("Starting Session.")
                if session_wrapper is not None:
                    logging.info("Wrapping session with wrapper function: %s", session_wrapper)
                    sess = session_wrapper(sess)
                if is_chief:
                    if logdir:
                        sv.start_standard_services(sess)
                elif startup_delay_steps > 0:
                    _wait_for_step(sess, global_step,
                                   min(startup_delay_steps, number_of_steps or sys.maxsize))
                threads = sv.start_queue_runners(sess)
                logging.info("Starting Queues.")
                if is_chief and sync_optimizer is not None:
                    sv.start_queue_runners(sess, chief_queue_runner)
                    sess.run(init_tokens_op)
                try:
                    while not sv.should_stop():
                        total_loss, should_stop = train_step_fn(sess, train_op, global_step,
                                                                train_step_kwargs)
                        if should_stop:
                            logging.info("Stopping Training.")
                            sv.request_stop()
                            break
                except errors.OutOfRangeError as e:
                    logging.info("Caught OutOfRangeError. Stopping Training. %s", e)
                if logdir and sv.is_chief:
                    logging.info("Finished training! Saving model to disk.")
                    sv.saver.save(sess, sv.save_path, global_step=sv.global_step)
                    sv.stop(threads, close_summary_writer=True,
                            ignore_live_threads=ignore_live_threads)
        except errors.AbortedError:
            logging.info("Retrying training!")
            should_retry = True
    return total_loss


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.slim.learning.{name}")
