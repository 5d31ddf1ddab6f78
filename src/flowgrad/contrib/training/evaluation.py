"""`tf.contrib.training`'s evaluation loop (TF 1.14 contrib/training/python/training/
evaluation.py and python/training/evaluation.py): evaluate_once / evaluate_repeatedly on a
MonitoredSession restoring each checkpoint, the eval-step counter, StopAfterNEvalsHook,
SummaryAtEndHook, and the checkpoint waiters."""
from __future__ import annotations

import math
import time

from ... import logging, summary
from ...engine.framework import dtypes
from ...engine.framework.graph import GraphKeys, get_default_graph
from ...ops import array_ops, init_ops, state_ops, variable_scope
from ...train import training_util
from ...train.basic_session_run_hooks import FinalOpsHook
from ...train.loop_utils import _wait_for_new_checkpoint, checkpoints_iterator
from ...train.monitored_session import ChiefSessionCreator, MonitoredSession
from ...train.session_run_hook import SessionRunArgs, SessionRunHook

__all__ = ["StopAfterNEvalsHook", "SummaryAtEndHook", "checkpoints_iterator", "evaluate_once",
           "evaluate_repeatedly", "get_or_create_eval_step", "wait_for_new_checkpoint"]


def wait_for_new_checkpoint(checkpoint_dir, last_checkpoint=None, seconds_to_sleep=1,
                            timeout=None):
    """The path of the newest checkpoint of `checkpoint_dir` once it differs from
    `last_checkpoint`; None after `timeout` seconds."""
    return _wait_for_new_checkpoint(checkpoint_dir, last_checkpoint, seconds_to_sleep, timeout)


def get_or_create_eval_step():
    """The int64 local variable `eval_step` of the EVAL_STEP collection (made if absent).

    Raises:
      ValueError: the collection holds several.
    """
    graph = get_default_graph()
    eval_steps = graph.get_collection(GraphKeys.EVAL_STEP)
    if len(eval_steps) == 1:
        return eval_steps[0]
    if len(eval_steps) > 1:
        raise ValueError("Multiple tensors added to tf.GraphKeys.EVAL_STEP")
    return variable_scope.get_variable(
        "eval_step", shape=[], dtype=dtypes.int64, initializer=init_ops.zeros_initializer(),
        trainable=False, collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.EVAL_STEP])


class StopAfterNEvalsHook(SessionRunHook):
    """Requests a stop once the eval step reaches `num_evals` (logging progress)."""

    def __init__(self, num_evals, log_progress=True):
        self._num_evals = num_evals
        self._evals_completed = None
        self._log_progress = log_progress
        self._log_frequency = (1 if (num_evals is None or num_evals < 20)
                               else math.floor(num_evals / 10.))

    def _set_evals_completed_tensor(self, updated_eval_step):
        self._evals_completed = updated_eval_step

    def before_run(self, run_context):
        return SessionRunArgs({"evals_completed": self._evals_completed})

    def after_run(self, run_context, run_values):
        evals_completed = run_values.results["evals_completed"]
        if self._log_progress:
            if self._num_evals is None:
                logging.info("Evaluation [%d]", evals_completed)
            elif (evals_completed % self._log_frequency == 0
                  or self._num_evals == evals_completed):
                logging.info("Evaluation [%d/%d]", evals_completed, self._num_evals)
        if self._num_evals is not None and evals_completed >= self._num_evals:
            run_context.request_stop()


class SummaryAtEndHook(SessionRunHook):
    """Writes `summary_op` (default: tf.summary.merge_all()) once, when the session ends.

    Raises:
      ValueError: neither log_dir nor summary_writer is given.
    """

    def __init__(self, log_dir=None, summary_writer=None, summary_op=None, feed_dict=None):
        self._summary_op = summary_op
        self._replace_summary_op = summary_op is None
        self._feed_dict = feed_dict
        self._summary_writer = summary_writer
        self._log_dir = log_dir
        if self._log_dir is None and self._summary_writer is None:
            raise ValueError("One of log_dir or summary_writer should be used.")

    def begin(self):
        if self._replace_summary_op:
            self._summary_op = summary.merge_all()
        self._global_step = training_util.get_or_create_global_step()

    def after_create_session(self, session, coord):
        if self._summary_writer is None and self._log_dir:
            self._summary_writer = summary.FileWriterCache.get(self._log_dir)

    def end(self, session):
        if self._summary_op is not None:
            global_step = training_util.global_step(session, self._global_step)
            summary_str = session.run(self._summary_op, self._feed_dict)
            if self._summary_writer:
                self._summary_writer.add_summary(summary_str, global_step)
        if self._summary_writer:
            self._summary_writer.flush()


def _eval_ops_with_step(eval_ops, update_eval_step):
    if isinstance(eval_ops, dict):
        eval_ops["update_eval_step"] = update_eval_step
        return eval_ops
    if isinstance(eval_ops, (tuple, list)):
        return list(eval_ops) + [update_eval_step]
    return [eval_ops, update_eval_step]


def evaluate_once(checkpoint_path, master="", scaffold=None, eval_ops=None, feed_dict=None,
                  final_ops=None, final_ops_feed_dict=None, hooks=None, config=None):
    """Restores `checkpoint_path`, runs `eval_ops` until a hook stops (e.g.
    StopAfterNEvalsHook), then returns the values of `final_ops`."""
    eval_step = get_or_create_eval_step()
    hooks = list(hooks or [])
    if eval_ops is not None:
        update_eval_step = state_ops.assign_add(eval_step, 1, use_locking=True)
        eval_ops = _eval_ops_with_step(eval_ops, update_eval_step)
        update_ops = list(eval_ops.values()) if isinstance(eval_ops, dict) else eval_ops
        with get_default_graph().control_dependencies(update_ops):
            eval_step_value = array_ops.identity(get_or_create_eval_step().read_value())
        for h in hooks:
            if isinstance(h, StopAfterNEvalsHook):
                h._set_evals_completed_tensor(eval_step_value)
    logging.info("Starting evaluation at " + time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                           time.localtime()))
    session_creator = ChiefSessionCreator(scaffold=scaffold,
                                          checkpoint_filename_with_path=checkpoint_path,
                                          master=master, config=config)
    final_ops_hook = FinalOpsHook(final_ops, final_ops_feed_dict)
    hooks.append(final_ops_hook)
    with MonitoredSession(session_creator=session_creator, hooks=hooks) as session:
        if eval_ops is not None:
            while not session.should_stop():
                session.run(eval_ops, feed_dict)
    logging.info("Finished evaluation at " + time.strftime("%Y-%m-%d-%H:%M:%S",
                                                           time.localtime()))
    return final_ops_hook.final_ops_values


def evaluate_repeatedly(checkpoint_dir, master="", scaffold=None, eval_ops=None,
                        feed_dict=None, final_ops=None, final_ops_feed_dict=None,
                        eval_interval_secs=60, hooks=None, config=None,
                        max_number_of_evaluations=None, timeout=None, timeout_fn=None):
    """evaluate_once on each new checkpoint of `checkpoint_dir` (at most one per
    eval_interval_secs) until max_number_of_evaluations or the timeout; returns the last
    values of `final_ops`."""
    eval_step = get_or_create_eval_step()
    hooks = hooks or []
    if eval_ops is not None:
        update_eval_step = state_ops.assign_add(eval_step, 1)
        for h in hooks:
            if isinstance(h, StopAfterNEvalsHook):
                h._set_evals_completed_tensor(update_eval_step)
        eval_ops = _eval_ops_with_step(eval_ops, update_eval_step)
    final_ops_hook = FinalOpsHook(final_ops, final_ops_feed_dict)
    hooks.append(final_ops_hook)
    num_evaluations = 0
    for checkpoint_path in checkpoints_iterator(checkpoint_dir,
                                                min_interval_secs=eval_interval_secs,
                                                timeout=timeout, timeout_fn=timeout_fn):
        session_creator = ChiefSessionCreator(scaffold=scaffold,
                                              checkpoint_filename_with_path=checkpoint_path,
                                              master=master, config=config)
        with MonitoredSession(session_creator=session_creator, hooks=hooks) as session:
            logging.info("Starting evaluation at " + time.strftime("%Y-%m-%d-%H:%M:%S",
                                                                   time.gmtime()))
            if eval_ops is not None:
                while not session.should_stop():
                    session.run(eval_ops, feed_dict)
            logging.info("Finished evaluation at " + time.strftime("%Y-%m-%d-%H:%M:%S",
                                                                   time.gmtime()))
        num_evaluations += 1
        if (max_number_of_evaluations is not None
                and num_evaluations >= max_number_of_evaluations):
            return final_ops_hook.final_ops_values
    return final_ops_hook.final_ops_values
