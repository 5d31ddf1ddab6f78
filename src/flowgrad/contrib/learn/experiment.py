"""`tf.contrib.learn.Experiment` (TF 1.14's contrib/learn/.../experiment.py, local runs):
train / evaluate / train_and_evaluate (a ValidationMonitor every min_eval_frequency steps,
then one evaluation) / continuous_train_and_eval / continuous_eval / test over a
contrib.learn or tf.estimator Estimator. Export strategies, checkpoint_and_export and the
distributed schedules (run_std_server, a TF_CONFIG cluster) are not implemented."""
from __future__ import annotations

import contextlib
import inspect
import math
import time

from ... import logging
from ...engine.framework.graph import GraphKeys
from ...estimator.estimator import Estimator as CoreEstimator
from ...train import basic_session_run_hooks as hooks_lib
from ...train import checkpoint_management
from . import monitors
from .estimator import BaseEstimator

__all__ = ["Experiment"]


def _standardized_predicate_fn(predicate_fn):
    if "checkpoint_path" not in inspect.signature(predicate_fn).parameters:
        return lambda eval_results, checkpoint_path: predicate_fn(eval_results)
    return predicate_fn


@contextlib.contextmanager
def _new_attr_context(obj, attr):
    saved = getattr(obj, attr)
    try:
        yield
    finally:
        setattr(obj, attr, saved)


class Experiment:
    """What to train and evaluate, and how often."""

    def __init__(self, estimator, train_input_fn, eval_input_fn, eval_metrics=None,
                 train_steps=None, eval_steps=100, train_monitors=None, eval_hooks=None,
                 local_eval_frequency=None, eval_delay_secs=120,
                 continuous_eval_throttle_secs=60, min_eval_frequency=None,
                 delay_workers_by_global_step=False, export_strategies=None,
                 train_steps_per_iteration=None, checkpoint_and_export=False,
                 saving_listeners=None, check_interval_secs=5):
        if isinstance(estimator, CoreEstimator):
            self._core_estimator_used = True
            if eval_metrics is not None:
                raise ValueError("`eval_metrics` must be `None` with `tf.estimator.Estimator`. "
                                 "Use `eval_metric_ops` in `tf.estimator.EstimatorSpec` "
                                 "instead.")
        else:
            self._core_estimator_used = False
            if not isinstance(estimator, BaseEstimator):
                raise ValueError("`estimator` must implement `tf.contrib.learn.Evaluable` or "
                                 "`tf.estimator.Estimator`.")
            if saving_listeners is not None:
                raise ValueError("`saving_listeners` must be `None` with "
                                 "`tf.contrib.learn.Estimator`.")
        if export_strategies:
            raise NotImplementedError("tf.contrib.learn.Experiment: export_strategies "
                                      "(tf.contrib.learn.ExportStrategy) are not implemented "
                                      "by flowgrad")
        if checkpoint_and_export:
            raise NotImplementedError("tf.contrib.learn.Experiment: checkpoint_and_export is "
                                      "not implemented by flowgrad")
        self._estimator = estimator
        self._train_input_fn = train_input_fn
        self._eval_input_fn = eval_input_fn
        self._eval_metrics = eval_metrics
        self._train_steps = train_steps
        self._eval_steps = eval_steps
        self._local_eval_frequency = local_eval_frequency
        self._eval_delay_secs = eval_delay_secs
        self._continuous_eval_throttle_secs = continuous_eval_throttle_secs
        self._saving_listeners = saving_listeners
        self._min_eval_frequency = min_eval_frequency if min_eval_frequency is not None else 1
        self._check_interval_secs = check_interval_secs
        self._delay_workers_by_global_step = delay_workers_by_global_step
        self._train_monitors = train_monitors[:] if train_monitors else []
        self._eval_hooks = eval_hooks[:] if eval_hooks else []
        self._export_strategies = ()
        self._train_steps_per_iteration = train_steps_per_iteration
        if train_steps_per_iteration is not None and not isinstance(
                train_steps_per_iteration, int):
            raise ValueError("`train_steps_per_iteration` must be an integer.")

    estimator = property(lambda self: self._estimator)
    eval_metrics = property(lambda self: self._eval_metrics)
    train_steps = property(lambda self: self._train_steps)
    eval_steps = property(lambda self: self._eval_steps)

    def extend_train_hooks(self, additional_hooks):
        """Adds hooks (or monitors) to training."""
        self._train_monitors.extend(additional_hooks)

    def reset_export_strategies(self, new_export_strategies=None):
        """Export strategies are not implemented: only None (no strategy) is accepted."""
        if new_export_strategies:
            raise NotImplementedError("tf.contrib.learn.Experiment: export_strategies are not "
                                      "implemented by flowgrad")
        return ()

    def train(self, delay_secs=None):
        """Trains up to train_steps (after delay_secs, by default task_id * 5, at most 60)."""
        start = time.time()
        extra_hooks = []
        if delay_secs is None:
            task_id = self._estimator.config.task_id or 0
            if self._delay_workers_by_global_step:
                extra_hooks.append(hooks_lib.GlobalStepWaiterHook(
                    int(8000.0 * math.log(task_id + 1))))
                delay_secs = 0
            else:
                delay_secs = min(60, task_id * 5)
        if delay_secs > 0:
            logging.info("Waiting %d secs before starting training.",
                         delay_secs - (time.time() - start))
            time.sleep(delay_secs)
        return self._call_train(input_fn=self._train_input_fn, max_steps=self._train_steps,
                                hooks=self._train_monitors + extra_hooks,
                                saving_listeners=self._saving_listeners)

    def evaluate(self, delay_secs=None, name=None):
        """One evaluation of eval_steps batches (after delay_secs, eval_delay_secs by
        default), under the name 'one_pass' unless given."""
        if delay_secs is None:
            delay_secs = self._eval_delay_secs
        if delay_secs:
            logging.info("Waiting %d secs before starting eval.", delay_secs)
            time.sleep(delay_secs)
        return self._call_evaluate(input_fn=self._eval_input_fn, steps=self._eval_steps,
                                   metrics=self._eval_metrics, name=(name or "one_pass"),
                                   hooks=self._eval_hooks)

    def local_run(self):
        """train_and_evaluate evaluating every local_eval_frequency steps."""
        with _new_attr_context(self, "_min_eval_frequency"):
            self._min_eval_frequency = self._local_eval_frequency
            return self.train_and_evaluate()

    def _has_training_stopped(self, eval_result):
        if not eval_result:
            return False
        global_step = eval_result.get(GraphKeys.GLOBAL_STEP)
        return global_step and self._train_steps and global_step >= self._train_steps

    def _continuous_eval(self, input_fn, name, delay_secs, throttle_delay_secs,
                         evaluate_checkpoint_only_once=True,
                         continuous_eval_predicate_fn=None):
        predicate_fn = None
        if continuous_eval_predicate_fn is not None:
            if not callable(continuous_eval_predicate_fn):
                raise ValueError("`continuous_eval_predicate_fn` must be a callable, or None.")
            predicate_fn = _standardized_predicate_fn(continuous_eval_predicate_fn)
        delay_secs = self._eval_delay_secs if delay_secs is None else delay_secs
        if throttle_delay_secs is None:
            throttle_delay_secs = self._continuous_eval_throttle_secs
        if delay_secs:
            logging.info("Waiting %f secs before starting eval.", delay_secs)
            time.sleep(delay_secs)
        previous_path = eval_result = None
        last_warning_time = 0
        while not predicate_fn or predicate_fn(eval_result, checkpoint_path=previous_path):
            if self._has_training_stopped(eval_result):
                logging.info("Exiting continuous eval, global_step=%s >= train_step=%s",
                             eval_result[GraphKeys.GLOBAL_STEP], self._train_steps)
                return
            start = time.time()
            error_msg = None
            latest_path = checkpoint_management.latest_checkpoint(self._estimator.model_dir)
            if not latest_path:
                error_msg = ("Estimator is not fitted yet. Will start an evaluation when a "
                             "checkpoint is ready.")
            elif evaluate_checkpoint_only_once and latest_path == previous_path:
                error_msg = "No new checkpoint ready for evaluation."
            if error_msg:
                eval_result = {}
                if time.time() - last_warning_time > 600:
                    logging.warning(error_msg)
                    last_warning_time = time.time()
            else:
                eval_result = self._call_evaluate(
                    input_fn=input_fn, steps=self._eval_steps, metrics=self._eval_metrics,
                    name=name, checkpoint_path=latest_path, hooks=self._eval_hooks) or {}
                last_warning_time = 0
                previous_path = latest_path
            duration = time.time() - start
            if duration < throttle_delay_secs:
                logging.info("Waiting %f secs before starting next eval run.",
                             throttle_delay_secs - duration)
                time.sleep(throttle_delay_secs - duration)

    def continuous_eval(self, delay_secs=None, throttle_delay_secs=None,
                        evaluate_checkpoint_only_once=True,
                        continuous_eval_predicate_fn=None, name="continuous"):
        """Evaluates each new checkpoint until training ends or the predicate says stop."""
        self._continuous_eval(self._eval_input_fn, name, delay_secs, throttle_delay_secs,
                              evaluate_checkpoint_only_once, continuous_eval_predicate_fn)

    def continuous_eval_on_train_data(self, delay_secs=None, throttle_delay_secs=None,
                                      continuous_eval_predicate_fn=None,
                                      name="continuous_on_train_data"):
        """continuous_eval on the training input."""
        self._continuous_eval(self._train_input_fn, name, delay_secs, throttle_delay_secs,
                              continuous_eval_predicate_fn=continuous_eval_predicate_fn)

    def train_and_evaluate(self):
        """Trains (a ValidationMonitor evaluating every min_eval_frequency steps), then
        evaluates once; returns (eval results, export results)."""
        with _new_attr_context(self, "_train_monitors"):
            self._train_monitors = self._train_monitors or []
            if self._min_eval_frequency:
                self._train_monitors += [monitors.ValidationMonitor(
                    input_fn=self._eval_input_fn, eval_steps=self._eval_steps,
                    metrics=self._eval_metrics, every_n_steps=self._min_eval_frequency,
                    check_interval_secs=self._check_interval_secs, name=None,
                    hooks=self._eval_hooks)]
            self.train(delay_secs=0)
        eval_result = self._call_evaluate(input_fn=self._eval_input_fn,
                                          steps=self._eval_steps, metrics=self._eval_metrics,
                                          name=None, hooks=self._eval_hooks)
        return eval_result, []

    def continuous_train_and_eval(self, continuous_eval_predicate_fn=None):
        """Alternates train_steps_per_iteration steps of training (train_steps / 10, or
        1000) and an evaluation until train_steps or the predicate says stop."""
        predicate_fn = None
        if continuous_eval_predicate_fn is not None:
            if not callable(continuous_eval_predicate_fn):
                raise ValueError("`continuous_eval_predicate_fn` must be a callable, or None.")
            predicate_fn = _standardized_predicate_fn(continuous_eval_predicate_fn)
        latest_checkpoint = eval_result = None
        steps = 1000
        if self._train_steps_per_iteration is not None:
            steps = self._train_steps_per_iteration
        elif self._train_steps is not None:
            steps = int(self._train_steps / 10)
        while not predicate_fn or predicate_fn(
                eval_result, checkpoint_path=latest_checkpoint if eval_result else None):
            if self._has_training_stopped(eval_result):
                logging.info("Stop training model as max steps reached")
                break
            logging.info("Training model for %s steps", steps)
            self._call_train(input_fn=self._train_input_fn, steps=steps,
                             hooks=self._train_monitors,
                             saving_listeners=self._saving_listeners)
            logging.info("Evaluating model now.")
            latest_checkpoint = checkpoint_management.latest_checkpoint(
                self._estimator.model_dir)
            eval_result = self._call_evaluate(
                input_fn=self._eval_input_fn, steps=self._eval_steps,
                metrics=self._eval_metrics, name="one_pass",
                checkpoint_path=latest_checkpoint, hooks=self._eval_hooks)
        return eval_result, []

    def run_std_server(self):
        """A parameter server's schedule (not implemented: no distributed runtime)."""
        raise NotImplementedError("tf.contrib.learn.Experiment.run_std_server (a distributed "
                                  "server) is not implemented by flowgrad")

    def test(self):
        """One training step and a one-batch evaluation."""
        self._call_train(input_fn=self._train_input_fn, steps=1, hooks=self._train_monitors,
                         saving_listeners=self._saving_listeners)
        return self._call_evaluate(input_fn=self._eval_input_fn, steps=1,
                                   metrics=self._eval_metrics, name="one_pass")

    def _call_train(self, _sentinel=None, input_fn=None, steps=None, hooks=None,
                    max_steps=None, saving_listeners=None):
        if _sentinel is not None:
            raise ValueError("_call_train should be called with keyword args only")
        hooks = monitors.replace_monitors_with_hooks(hooks, self._estimator)
        if self._core_estimator_used:
            return self._estimator.train(input_fn=input_fn, steps=steps, max_steps=max_steps,
                                         hooks=hooks, saving_listeners=saving_listeners)
        return self._estimator.fit(input_fn=input_fn, steps=steps, max_steps=max_steps,
                                   monitors=hooks)

    def _call_evaluate(self, _sentinel=None, input_fn=None, steps=None, metrics=None,
                       name=None, checkpoint_path=None, hooks=None):
        if _sentinel is not None:
            raise ValueError("_call_evaluate should be called with keyword args only")
        if self._core_estimator_used:
            if metrics is not None:
                raise ValueError("`eval_metrics` must be `None` with `tf.estimator.Estimator`")
            return self._estimator.evaluate(input_fn=input_fn, steps=steps, name=name,
                                            checkpoint_path=checkpoint_path, hooks=hooks)
        return self._estimator.evaluate(input_fn=input_fn, steps=steps, metrics=metrics,
                                        name=name, checkpoint_path=checkpoint_path,
                                        hooks=hooks)
