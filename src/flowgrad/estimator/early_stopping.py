"""`tf.estimator.experimental` early stopping (TF 1.14's early_stopping.py): training hooks
that stop when the metrics evaluate() wrote to the eval directory cross a threshold or stop
improving, checked every `run_every_secs` seconds or `run_every_steps` steps."""
from __future__ import annotations

import collections
import glob
import operator
import os

from .. import logging
from ..engine.framework import dtypes
from ..ops import init_ops, state_ops
from ..ops.variable_scope import AUTO_REUSE, get_variable, variable_scope
from ..engine.framework.graph import GraphKeys
from ..train import training_util
from ..train.basic_session_run_hooks import SecondOrStepTimer
from ..train.session_run_hook import SessionRunArgs, SessionRunHook
from .estimator import Estimator

__all__ = ["make_early_stopping_hook", "read_eval_metrics", "stop_if_higher_hook",
           "stop_if_lower_hook", "stop_if_no_decrease_hook", "stop_if_no_increase_hook"]

def read_eval_metrics(eval_dir):
    """{global step: {metric: value}} of the event files in eval_dir, by step."""
    from ..python_io import tf_record_iterator  # lazy: with the event files
    from ..summary import Event  # lazy: protobuf classes load on first use
    results = collections.defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(eval_dir, "*.tfevents.*"))):
        for record in tf_record_iterator(path):
            event = Event.FromString(record)
            if not event.HasField("summary"):
                continue
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    results[event.step][value.tag] = value.simple_value
    return collections.OrderedDict(sorted(results.items()))


def _stop_var():
    """The shared 'signal_early_stopping/STOP' flag (a global bool variable)."""
    with variable_scope("signal_early_stopping", values=[], reuse=AUTO_REUSE):
        return get_variable("STOP", shape=[], dtype=dtypes.bool_,
                            initializer=init_ops.constant_initializer(False),
                            collections=[GraphKeys.GLOBAL_VARIABLES], trainable=False)


class _StopOnPredicateHook(SessionRunHook):
    """Asks `should_stop_fn()` every so often; stops training (and sets the shared stop
    variable) when it says True."""

    def __init__(self, should_stop_fn, run_every_secs=60, run_every_steps=None):
        if not callable(should_stop_fn):
            raise TypeError("`should_stop_fn` must be callable.")
        self._should_stop_fn = should_stop_fn
        self._timer = SecondOrStepTimer(every_secs=run_every_secs, every_steps=run_every_steps)

    def begin(self):
        self._global_step_tensor = training_util.get_global_step()
        self._stop_op = state_ops.assign(_stop_var(), True)

    def before_run(self, run_context):
        return SessionRunArgs(self._global_step_tensor)

    def after_run(self, run_context, run_values):
        global_step = run_values.results
        if self._timer.should_trigger_for_step(global_step):
            self._timer.update_last_triggered_step(global_step)
            if self._should_stop_fn():
                logging.info("Requesting early stopping at global step %d", global_step)
                run_context.session.run(self._stop_op)
                run_context.request_stop()


def make_early_stopping_hook(estimator, should_stop_fn, run_every_secs=60,
                             run_every_steps=None):
    """A training hook stopping when should_stop_fn() returns True."""
    if not isinstance(estimator, Estimator):
        raise TypeError("`estimator` must have type `tf.estimator.Estimator`. Got: {}"
                        .format(type(estimator)))
    if run_every_secs is not None and run_every_steps is not None:
        raise ValueError("Only one of run_every_secs and run_every_steps can be set.")
    return _StopOnPredicateHook(should_stop_fn, run_every_secs, run_every_steps)


def _threshold_hook(estimator, metric_name, threshold, higher, eval_dir, min_steps,
                    run_every_secs, run_every_steps):
    eval_dir = eval_dir or estimator.eval_dir()
    better = operator.gt if higher else operator.lt
    words = "greater than" if higher else "less than"

    def should_stop():
        for step, metrics in read_eval_metrics(eval_dir).items():
            if step < min_steps:
                continue
            val = metrics[metric_name]
            if better(val, threshold):
                logging.info('At step %s, metric "%s" has value %s which is %s the configured '
                             "threshold (%s) for early stopping.", step, metric_name, val,
                             words, threshold)
                return True
        return False
    return make_early_stopping_hook(estimator, should_stop, run_every_secs, run_every_steps)


def _no_improvement_hook(estimator, metric_name, max_steps, higher, eval_dir, min_steps,
                         run_every_secs, run_every_steps):
    eval_dir = eval_dir or estimator.eval_dir()
    better = operator.gt if higher else operator.lt
    word = "increase" if higher else "decrease"

    def should_stop():
        best_val = best_step = None
        for step, metrics in read_eval_metrics(eval_dir).items():
            if step < min_steps:
                continue
            val = metrics[metric_name]
            if best_val is None or better(val, best_val):
                best_val, best_step = val, step
            if step - best_step >= max_steps:
                logging.info('No %s in metric "%s" for %s steps, which is greater than or '
                             "equal to max steps (%s) configured for early stopping.", word,
                             metric_name, step - best_step, max_steps)
                return True
        return False
    return make_early_stopping_hook(estimator, should_stop, run_every_secs, run_every_steps)


def stop_if_higher_hook(estimator, metric_name, threshold, eval_dir=None, min_steps=0,
                        run_every_secs=60, run_every_steps=None):
    """Stops when `metric_name` is above `threshold` in an evaluation at step >= min_steps."""
    return _threshold_hook(estimator, metric_name, threshold, True, eval_dir, min_steps,
                           run_every_secs, run_every_steps)


def stop_if_lower_hook(estimator, metric_name, threshold, eval_dir=None, min_steps=0,
                       run_every_secs=60, run_every_steps=None):
    """Stops when `metric_name` is below `threshold` in an evaluation at step >= min_steps."""
    return _threshold_hook(estimator, metric_name, threshold, False, eval_dir, min_steps,
                           run_every_secs, run_every_steps)


def stop_if_no_increase_hook(estimator, metric_name, max_steps_without_increase,
                             eval_dir=None, min_steps=0, run_every_secs=60,
                             run_every_steps=None):
    """Stops when `metric_name` has not increased for max_steps_without_increase steps."""
    return _no_improvement_hook(estimator, metric_name, max_steps_without_increase, True,
                                eval_dir, min_steps, run_every_secs, run_every_steps)


def stop_if_no_decrease_hook(estimator, metric_name, max_steps_without_decrease,
                             eval_dir=None, min_steps=0, run_every_secs=60,
                             run_every_steps=None):
    """Stops when `metric_name` has not decreased for max_steps_without_decrease steps."""
    return _no_improvement_hook(estimator, metric_name, max_steps_without_decrease, False,
                                eval_dir, min_steps, run_every_secs, run_every_steps)
