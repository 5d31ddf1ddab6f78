"""`tf.estimator.train_and_evaluate`, `TrainSpec`, `EvalSpec` (TF 1.14's training.py, local
mode): train, and evaluate (then run the exporters) after each new checkpoint, at most
once every `throttle_secs`, and once more at the end of training."""
from __future__ import annotations

import collections
import os

from .. import logging
from ..engine.framework.graph import GraphKeys
from ..train.basic_session_run_hooks import SecondOrStepTimer
from ..train.session_run_hook import SessionRunHook
from ..train.basic_session_run_hooks import CheckpointSaverListener
from .estimator import Estimator
from .exporter import Exporter

__all__ = ["TrainSpec", "EvalSpec", "train_and_evaluate"]


def _validate_input_fn(input_fn):
    if not callable(input_fn):
        raise TypeError("`input_fn` must be callable, given: {}".format(input_fn))


def _validate_hooks(hooks):
    hooks = tuple(hooks or [])
    for hook in hooks:
        if not isinstance(hook, SessionRunHook):
            raise TypeError("All hooks must be `SessionRunHook` instances, given: {}"
                            .format(hook))
    return hooks


def _validate_exporters(exporters):
    if not exporters:
        return ()
    if isinstance(exporters, Exporter):
        exporters = [exporters]
    unique = set()
    try:
        for exporter in exporters:
            if not isinstance(exporter, Exporter):
                raise TypeError
            if not exporter.name:
                raise ValueError("An Exporter must have a non-empty name: {}"
                                 .format(exporter.name))
            if not isinstance(exporter.name, str):
                raise ValueError("An Exporter must have a string name: {}"
                                 .format(exporter.name))
            if exporter.name in unique:
                raise ValueError("`exporters` must have unique names. Such a name cannot be "
                                 "`None`. {} was used more than once.".format(exporter.name))
            unique.add(exporter.name)
    except TypeError:
        raise TypeError("`exporters` must be an Exporter, an iterable of Exporter, or "
                        "`None`, found %s." % exporters) from None
    return tuple(exporters)


class TrainSpec(collections.namedtuple("TrainSpec", ["input_fn", "max_steps", "hooks"])):
    """What train_and_evaluate trains on: the input_fn, up to global step max_steps."""

    def __new__(cls, input_fn, max_steps=None, hooks=None):
        _validate_input_fn(input_fn)
        if max_steps is not None and max_steps <= 0:
            raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))
        return super().__new__(cls, input_fn=input_fn, max_steps=max_steps,
                               hooks=_validate_hooks(hooks))


class EvalSpec(collections.namedtuple("EvalSpec", [
        "input_fn", "steps", "name", "hooks", "exporters", "start_delay_secs",
        "throttle_secs"])):
    """What train_and_evaluate evaluates on and exports with."""

    def __new__(cls, input_fn, steps=100, name=None, hooks=None, exporters=None,
                start_delay_secs=120, throttle_secs=600):
        _validate_input_fn(input_fn)
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        if name is not None and not isinstance(name, str):
            raise TypeError("`name` must be string, given: {}".format(name))
        if start_delay_secs < 0:
            raise ValueError("Must specify start_delay_secs >= 0, given: {}"
                             .format(start_delay_secs))
        if throttle_secs < 0:
            raise ValueError("Must specify throttle_secs >= 0, given: {}"
                             .format(throttle_secs))
        return super().__new__(cls, input_fn=input_fn, steps=steps, name=name,
                               hooks=_validate_hooks(hooks),
                               exporters=_validate_exporters(exporters),
                               start_delay_secs=start_delay_secs, throttle_secs=throttle_secs)


class _Evaluator:
    """Evaluates the newest checkpoint and runs the exporters on the result."""

    def __init__(self, estimator, eval_spec, max_training_steps):
        self._estimator = estimator
        self._eval_spec = eval_spec
        self._previous_ckpt_path = None
        self._max_training_steps = max_training_steps

    def evaluate_and_export(self):
        latest = self._estimator.latest_checkpoint()
        if not latest or latest == self._previous_ckpt_path:
            raise RuntimeError("There was no new checkpoint after the training. Eval status: "
                               "{}".format("missing checkpoint" if not latest else
                                           "no new checkpoint"))
        metrics = self._estimator.evaluate(
            input_fn=self._eval_spec.input_fn, steps=self._eval_spec.steps,
            name=self._eval_spec.name, checkpoint_path=latest, hooks=self._eval_spec.hooks)
        if not isinstance(metrics, dict):
            raise TypeError("Estimator.evaluate should return a dict. Got {}."
                            .format(type(metrics)))
        if GraphKeys.GLOBAL_STEP not in metrics:
            raise RuntimeError("Internal error: `Estimator.evaluate` result should have "
                               "`global_step` in result. Given {}".format(metrics))
        final = (metrics[GraphKeys.GLOBAL_STEP] >= self._max_training_steps
                 if self._max_training_steps else False)
        export_base = os.path.join(self._estimator.model_dir, "export")
        results = [exporter.export(estimator=self._estimator,
                                   export_path=os.path.join(export_base, exporter.name),
                                   checkpoint_path=latest, eval_result=metrics,
                                   is_the_final_export=final)
                   for exporter in self._eval_spec.exporters]
        self._previous_ckpt_path = latest
        return metrics, results


class _NewCheckpointListenerForEvaluate(CheckpointSaverListener):
    """Evaluates after each checkpoint but the first, throttled by throttle_secs, and at
    the end of training if the last checkpoint was not evaluated."""

    def __init__(self, evaluator, eval_throttle_secs):
        self._evaluator = evaluator
        self._eval_throttle_secs = eval_throttle_secs
        self.eval_result, self.export_results = None, None

    def begin(self):
        self._timer = SecondOrStepTimer(every_secs=self._eval_throttle_secs)
        self._is_first_run = True

    def after_save(self, session, global_step_value):
        if self._is_first_run:
            self._is_first_run = False
            return
        if self._timer.should_trigger_for_step(global_step_value):
            self._evaluate(global_step_value)
        else:
            logging.info("Skip the current checkpoint eval due to throttle secs ({} secs)."
                         .format(self._eval_throttle_secs))

    def end(self, session, global_step_value):
        if global_step_value != self._timer.last_triggered_step():
            self._evaluate(global_step_value)

    def _evaluate(self, global_step_value):
        self._timer.update_last_triggered_step(global_step_value)
        self.eval_result, self.export_results = self._evaluator.evaluate_and_export()


def train_and_evaluate(estimator, train_spec, eval_spec):
    """Trains `estimator` on train_spec, evaluating (and exporting) with eval_spec after
    checkpoints; returns (the last evaluation's results, the last export results)."""
    if not isinstance(eval_spec, EvalSpec):
        raise TypeError("`eval_spec` must have type `tf.estimator.EvalSpec`. Got: {}"
                        .format(type(eval_spec)))
    if not isinstance(estimator, Estimator):
        raise TypeError("`estimator` must have type `tf.estimator.Estimator`. Got: {}"
                        .format(type(estimator)))
    if not isinstance(train_spec, TrainSpec):
        raise TypeError("`train_spec` must have type `tf.estimator.TrainSpec`. Got: {}"
                        .format(type(train_spec)))
    config = estimator.config
    # TF's should_run_distribute_coordinator: no distribute coordinator mode here
    logging.info("Not using Distribute Coordinator.")
    if config.cluster_spec or config.task_type == "evaluator":
        raise NotImplementedError("train_and_evaluate: a TF_CONFIG cluster (distributed "
                                  "training, task type %r) is not implemented by flowgrad"
                                  % config.task_type)
    logging.info("Running training and evaluation locally (non-distributed).")
    logging.info("Start train and evaluate loop. The evaluate will happen after every "
                 "checkpoint. Checkpoint frequency is determined based on RunConfig "
                 "arguments: save_checkpoints_steps {} or save_checkpoints_secs {}.".format(
                     config.save_checkpoints_steps, config.save_checkpoints_secs))
    evaluator = _Evaluator(estimator, eval_spec, train_spec.max_steps)
    listener = _NewCheckpointListenerForEvaluate(evaluator, eval_spec.throttle_secs)
    estimator.train(input_fn=train_spec.input_fn, max_steps=train_spec.max_steps,
                    hooks=list(train_spec.hooks), saving_listeners=[listener])
    return listener.eval_result, listener.export_results
