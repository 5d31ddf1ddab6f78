"""`tf.contrib.learn.monitors` (TF 1.14's contrib/learn/.../monitors.py): the deprecated
monitor API run through a SessionRunHook adapter: BaseMonitor, EveryN, StopAtStep and
ValidationMonitor (evaluation on each new checkpoint, with early stopping);
replace_monitors_with_hooks. The other monitors (PrintTensor, LoggingTrainable,
SummarySaver, CaptureVariable, GraphDump, ExportMonitor, CheckpointSaver, StepCounter,
NanLoss) are not implemented."""
from __future__ import annotations

import copy
import inspect
import time

from ... import logging
from ...engine.framework.graph import get_default_graph
from ...train import checkpoint_management, training_util
from ...train.session_run_hook import SessionRunArgs, SessionRunHook

__all__ = ["BaseMonitor", "EveryN", "RunHookAdapterForMonitors", "StopAtStep",
           "ValidationMonitor", "replace_monitors_with_hooks"]


class BaseMonitor:
    """A monitor: begin / step_begin / step_end / post_step / end callbacks by step."""

    def __init__(self):
        self._begun = False
        self._current_epoch = None
        self._current_step = None
        self._max_steps = None
        self._estimator = None

    @property
    def run_on_all_workers(self):
        return False

    def set_estimator(self, estimator):
        if estimator is None:
            raise ValueError("Missing estimator.")
        self._estimator = estimator

    def begin(self, max_steps=None):
        if self._begun:
            raise ValueError("begin called twice without end.")
        self._max_steps = max_steps
        self._begun = True

    def end(self, session=None):
        if not self._begun:
            raise ValueError("end called without begin.")
        self._max_steps = None
        self._begun = False

    def epoch_begin(self, epoch):
        if self._current_epoch is not None:
            raise ValueError("epoch_begin called twice without epoch_end.")
        if epoch < 0:
            raise ValueError("Invalid epoch %s." % epoch)
        self._current_epoch = epoch

    def epoch_end(self, epoch):
        if self._current_epoch != epoch:
            raise ValueError("epoch_end expected %s but got %s.", self._current_epoch, epoch)
        self._current_epoch = None

    def step_begin(self, step):
        if step < 0 or (self._max_steps is not None and step > self._max_steps):
            raise ValueError("Invalid step %s." % step)
        self._current_step = step
        return []

    def step_end(self, step, output):
        if self._current_step != step:
            raise ValueError("step_end expected %s but got %s.", self._current_step, step)
        self._current_step = None
        return False

    def post_step(self, step, session):
        pass


class EveryN(BaseMonitor):
    """A monitor acting on the first `first_n_steps` steps and every `every_n_steps`."""

    def __init__(self, every_n_steps=100, first_n_steps=1):
        super().__init__()
        self._every_n_steps = every_n_steps
        self._first_n_steps = first_n_steps
        self._last_successful_step = None
        self._last_active_step = 0
        self._every_n_step_begin_called = False

    def every_n_step_begin(self, step):
        return []

    def every_n_step_end(self, step, outputs):
        return False

    def every_n_post_step(self, step, session):
        pass

    def step_begin(self, step):
        super().step_begin(step)
        if (step <= self._first_n_steps
                or step >= (self._every_n_steps + self._last_active_step)
                or step == self._max_steps):
            self._every_n_step_begin_called = True
            return self.every_n_step_begin(step)
        self._every_n_step_begin_called = False
        return []

    def step_end(self, step, output):
        super().step_end(step, output)
        if self._every_n_step_begin_called:
            return self.every_n_step_end(step, output)
        return False

    def post_step(self, step, session):
        super().post_step(step, session)
        if self._every_n_step_begin_called:
            self.every_n_post_step(step, session)
            self._last_active_step = step
        self._last_successful_step = step

    def end(self, session=None):
        super().end(session=session)
        if self._last_successful_step != self._last_active_step:
            self.every_n_post_step(self._last_successful_step, session)


class StopAtStep(BaseMonitor):
    """Requests a stop after `num_steps` steps or at `last_step`."""

    def __init__(self, num_steps=None, last_step=None):
        super().__init__()
        if num_steps is None and last_step is None:
            raise ValueError("One of num_steps or last_step must be specified.")
        if num_steps is not None and last_step is not None:
            raise ValueError("Only one of num_steps or last_step can be specified.")
        self._num_steps = num_steps
        self._last_step = last_step

    @property
    def run_on_all_workers(self):
        return True

    def step_begin(self, step):
        super().step_begin(step)
        if self._last_step is None:
            self._last_step = step + self._num_steps - 1
        return []

    def step_end(self, step, output):
        super().step_end(step, output)
        return step >= self._last_step


class ValidationMonitor(EveryN):
    """Evaluates the estimator on each new checkpoint (checked every `every_n_steps`);
    stops training when `early_stopping_metric` has not improved for
    `early_stopping_rounds` steps."""

    def __init__(self, x=None, y=None, input_fn=None, batch_size=None, eval_steps=None,
                 every_n_steps=100, metrics=None, hooks=None, early_stopping_rounds=None,
                 early_stopping_metric="loss", early_stopping_metric_minimize=True,
                 name=None, check_interval_secs=5):
        super().__init__(every_n_steps=every_n_steps, first_n_steps=-1)
        if x is None and input_fn is None:
            raise ValueError("Either x or input_fn should be provided.")
        self.x, self.y, self.input_fn, self.batch_size = x, y, input_fn, batch_size
        self.eval_steps, self.metrics, self.hooks = eval_steps, metrics, hooks
        self.early_stopping_rounds = early_stopping_rounds
        self.early_stopping_metric = early_stopping_metric
        self.early_stopping_metric_minimize = early_stopping_metric_minimize
        self.name = name
        self._best_value_step = self._best_value = self._best_metrics = None
        self._early_stopped = False
        self._latest_path = self._latest_path_step = None
        self._last_checkpoint_check_time = None
        self._check_interval_secs = check_interval_secs

    early_stopped = property(lambda self: self._early_stopped)
    best_step = property(lambda self: self._best_value_step)
    best_value = property(lambda self: self._best_value)
    best_metrics = property(lambda self: self._best_metrics)

    def _evaluate_estimator(self):
        from ...estimator.estimator import Estimator as CoreEstimator  # lazy: core estimator
        if isinstance(self._estimator, CoreEstimator):
            if any(v is not None for v in (self.x, self.y, self.batch_size, self.metrics)):
                raise ValueError("tf.estimator.Estimator does not support following "
                                 "arguments: x, y, batch_size, metrics. Should set as `None` "
                                 "in ValidationMonitor")
            return self._estimator.evaluate(input_fn=self.input_fn, steps=self.eval_steps,
                                            hooks=self.hooks, name=self.name)
        return self._estimator.evaluate(x=self.x, y=self.y, input_fn=self.input_fn,
                                        batch_size=self.batch_size, steps=self.eval_steps,
                                        metrics=self.metrics, hooks=self.hooks,
                                        name=self.name)

    def every_n_step_end(self, step, outputs):
        super().every_n_step_end(step, outputs)
        if self._estimator is None:
            raise ValueError("Missing call to set_estimator.")
        now = time.time()
        if (self._check_interval_secs is not None
                and self._last_checkpoint_check_time is not None
                and now - self._last_checkpoint_check_time <= self._check_interval_secs):
            return False
        self._last_checkpoint_check_time = now
        latest_path = checkpoint_management.latest_checkpoint(self._estimator.model_dir)
        if latest_path is None or latest_path == self._latest_path:
            return False
        self._latest_path, self._latest_path_step = latest_path, step
        outputs = self._evaluate_estimator()
        logging.info("Validation (step %d): %s", step,
                     ", ".join("%s = %s" % (k, str(v)) for k, v in outputs.items()))
        if self.early_stopping_rounds is None:
            return False
        if self.early_stopping_metric not in outputs:
            raise ValueError("Metric %s missing from outputs %s."
                             % (self.early_stopping_metric, set(outputs.keys())))
        value = outputs[self.early_stopping_metric]
        if (self._best_value is None
                or (self.early_stopping_metric_minimize and value < self._best_value)
                or (not self.early_stopping_metric_minimize and value > self._best_value)):
            self._best_value = value
            self._best_metrics = copy.deepcopy(outputs)
            self._best_value_step = step
        if step - self._best_value_step >= self.early_stopping_rounds:
            logging.info("Stopping. Best step: {} with {} = {}.".format(
                self._best_value_step, self.early_stopping_metric, self._best_value))
            self._early_stopped = True
            return True
        return False


def _as_graph_element(obj):
    graph = get_default_graph()
    if not isinstance(obj, str):
        if getattr(obj, "graph", None) is not graph:
            raise ValueError("Passed %s should have graph attribute that is equal to current "
                             "graph %s." % (obj, graph))
        return obj
    return graph.as_graph_element(obj if ":" in obj else obj + ":0")


class RunHookAdapterForMonitors(SessionRunHook):
    """Runs monitors as a SessionRunHook, step by global step."""

    def __init__(self, monitors):
        self._monitors = monitors

    def begin(self):
        self._last_step = None
        self._global_step_tensor = training_util.get_global_step()
        for m in self._monitors:
            m.begin(max_steps=None)

    def before_run(self, run_context):
        if self._last_step is None:
            self._last_step = run_context.session.run(self._global_step_tensor) + 1
        request = {self._global_step_tensor: self._global_step_tensor}
        fetches = []
        for m in self._monitors:
            requests = m.step_begin(self._last_step)
            if requests:
                if not isinstance(requests, list):
                    raise ValueError("Monitor.step_begin should return a list.")
                fetches.extend(requests)
        if fetches:
            request["monitors"] = dict(zip(fetches, [_as_graph_element(f) for f in fetches]))
        return SessionRunArgs(request)

    def after_run(self, run_context, run_values):
        result = run_values.results.get("monitors", {})
        for m in self._monitors:
            if m.step_end(self._last_step, result):
                run_context.request_stop()
        for m in self._monitors:
            m.post_step(self._last_step, run_context.session)
        self._last_step = run_values.results[self._global_step_tensor] + 1

    def end(self, session):
        self._last_step = None
        for m in self._monitors:
            if "session" in inspect.signature(m.end).parameters:
                m.end(session=session)
            else:
                m.end()


def replace_monitors_with_hooks(monitors_or_hooks, estimator):
    """The hooks as given, and the monitors run by one RunHookAdapterForMonitors."""
    monitors_or_hooks = monitors_or_hooks or []
    hooks = [m for m in monitors_or_hooks if isinstance(m, SessionRunHook)]
    monitors = [m for m in monitors_or_hooks if not isinstance(m, SessionRunHook)]
    if not estimator.config.is_chief:
        monitors = [m for m in monitors if m.run_on_all_workers]
    for m in monitors:
        m.set_estimator(estimator)
    if monitors:
        hooks.append(RunHookAdapterForMonitors(monitors))
    return hooks


_ABSENT = ("PrintTensor", "LoggingTrainable", "SummarySaver", "CaptureVariable", "GraphDump",
           "ExportMonitor", "CheckpointSaver", "StepCounter", "NanLoss",
           "get_default_monitors", "SummaryWriterCache")


def __getattr__(name):
    if name in _ABSENT:
        raise AttributeError("tf.contrib.learn.monitors.%s is not in flowgrad: use a "
                             "tf.train.SessionRunHook" % name)
    raise AttributeError("flowgrad does not implement tensorflow.contrib.learn.monitors.%s"
                         % name)
