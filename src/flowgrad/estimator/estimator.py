"""`tf.estimator.Estimator`: train / evaluate / predict a model_fn on MonitoredSessions
as TF 1.14's estimator.py does (local, single worker)."""
from __future__ import annotations

import copy
import functools
import inspect
import os
import tempfile
import time

import numpy as np

from .. import logging
from ..engine.framework import dtypes
from ..engine.framework.graph import Graph, get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.ops.ordering import group
from ..engine.ops.shape import identity
from ..summary.writer import FileWriterCache
from ..train import basic_session_run_hooks as hooks_lib
from ..train import checkpoint_management, training_util
from ..ops.random_ops import set_random_seed
from ..ops.tensor_util import make_tensor_proto
from ..train.monitored_session import (ChiefSessionCreator, MonitoredSession,
                                        MonitoredTrainingSession)
from ..train.saver import Saver
from ..train.session_run_hook import SessionRunArgs, SessionRunHook
from .model_fn import LOSS_METRIC_KEY, EstimatorSpec, ModeKeys
from .run_config import RunConfig
from . import warm_starting

__all__ = ["Estimator"]


class _DatasetInitializerHook(SessionRunHook):
    """Initializes the input Dataset's iterator when the session is created."""

    def __init__(self, iterator):
        self._iterator = iterator

    def begin(self):
        self._initializer = self._iterator.initializer

    def after_create_session(self, session, coord):
        session.run(self._initializer)


class _StopAfterNEvalsHook(SessionRunHook):
    """Stops an evaluation after `num_evals` batches."""

    def __init__(self, num_evals):
        self._num_evals = num_evals
        self._evals_completed = None

    def _set_evals_completed_tensor(self, updated_eval_step):
        self._evals_completed = updated_eval_step

    def before_run(self, run_context):
        return SessionRunArgs({"evals_completed": self._evals_completed})

    def after_run(self, run_context, run_values):
        evals_completed = run_values.results["evals_completed"]
        logging.info("Evaluation [%d/%d]", evals_completed, self._num_evals)
        if evals_completed >= self._num_evals:
            run_context.request_stop()


class _DistributedIteratorInitializerHook(SessionRunHook):
    """Initializes a tf.distribute strategy's input iterator when the session is created
    (TF's estimator util.DistributedIteratorInitializerHook)."""

    def __init__(self, iterator):
        self._iterator = iterator

    def begin(self):
        self._initializer = self._iterator.initialize()

    def after_create_session(self, session, coord):
        session.run(self._initializer)


def _combine_distributed_scaffold(grouped_scaffold, distribution):
    """The model_fn's scaffold of each replica as one (TF 1.14's
    `_combine_distributed_scaffold`): their ops grouped, ready_op and the default
    ready_for_local_init_op made for each replica."""
    from ..ops.variables import (  # lazy: with the scaffold
        global_variables, report_uninitialized_variables)
    from ..train.monitored_session import Scaffold  # lazy: with the session
    scaffolds = distribution.unwrap(grouped_scaffold)

    def grouped(values):
        return distribution.group(values) if values else None
    init_feed_dict = grouped([s.init_feed_dict for s in scaffolds
                              if s.init_feed_dict is not None])
    init_fn = grouped([s._user_init_fn for s in scaffolds if s._user_init_fn is not None])
    init_op = grouped([s.init_op for s in scaffolds if s.init_op is not None])

    def unwrap_and_concat(value):
        value = distribution.unwrap(value)
        if len(value) != 1:
            from ..ops.array_ops import concat  # lazy: several replicas only
            return concat(value, 0)
        return value[0]

    def ready_for_local_init(scaffold):
        if scaffold.ready_for_local_init_op is not None:
            return scaffold.ready_for_local_init_op
        return Scaffold.get_or_default(
            "ready_for_local_init_op", GraphKeys.READY_FOR_LOCAL_INIT_OP,
            lambda: report_uninitialized_variables(global_variables()))
    ready_op = distribution.extended.call_for_each_replica(
        lambda scaffold: scaffold.ready_op, args=(grouped_scaffold,))
    if ready_op is not None:
        ready_op = unwrap_and_concat(ready_op)
    ready_for_local_init_op = distribution.extended.call_for_each_replica(
        ready_for_local_init, args=(grouped_scaffold,))
    if ready_for_local_init_op is not None:
        ready_for_local_init_op = unwrap_and_concat(ready_for_local_init_op)
    local_init_op = grouped([s.local_init_op for s in scaffolds
                             if s.local_init_op is not None])
    summary_op = grouped([s.summary_op for s in scaffolds if s.summary_op is not None])
    savers = [s.saver for s in scaffolds if s.saver is not None]
    return Scaffold(init_op=init_op, ready_op=ready_op,
                    ready_for_local_init_op=ready_for_local_init_op,
                    local_init_op=local_init_op, summary_op=summary_op,
                    saver=savers[0] if savers else None, init_feed_dict=init_feed_dict,
                    init_fn=init_fn)


def _features_and_labels(result):
    """(features, labels, input hooks) of what an input_fn returned."""
    from ..data.dataset_ops import Dataset  # lazy: tf.data loads on first use
    hooks = []
    if isinstance(result, Dataset):
        iterator = result.make_initializable_iterator()
        hooks.append(_DatasetInitializerHook(iterator))
        result = iterator.get_next()
    if isinstance(result, (list, tuple)):
        if len(result) != 2:
            raise ValueError("input_fn should return (features, labels) as a len 2 tuple.")
        return result[0], result[1], hooks
    return result, None, hooks


def _check_hooks_type(hooks):
    hooks = list(hooks or [])
    for h in hooks:
        if not isinstance(h, SessionRunHook):
            raise TypeError("Hooks must be a SessionRunHook, given: {}".format(h))
    return hooks


def _check_listeners_type(saving_listeners):
    listeners = list(saving_listeners or [])
    for listener in listeners:
        if not isinstance(listener, hooks_lib.CheckpointSaverListener):
            raise TypeError("saving_listeners must be a list of CheckpointSaverListener, "
                            "given: {}".format(listener))
    return listeners


_VALID_MODEL_FN_ARGS = {"features", "labels", "mode", "params", "self", "config"}


def fn_args(fn):
    """TF's function_utils.fn_args: the names of fn's positional-or-keyword arguments
    (a functools.partial's unbound ones; a bound method's without self)."""
    if isinstance(fn, functools.partial):
        args = fn_args(fn.func)
        return tuple(a for a in args[len(fn.args):] if a not in (fn.keywords or []))
    if not inspect.isfunction(fn) and not inspect.ismethod(fn) and hasattr(fn, "__call__"):
        fn = fn.__call__
    args = inspect.getfullargspec(fn).args
    if inspect.ismethod(fn):
        args = args[1:]
    return tuple(args)


def verify_model_fn_args(model_fn, params):
    """TF's: model_fn must take `features`, and `params` when params are given (a warning
    when it takes them and none are given); no other arguments than TF's six."""
    args = set(fn_args(model_fn))
    if "features" not in args:
        raise ValueError("model_fn (%s) must include features argument." % model_fn)
    if params is not None and "params" not in args:
        raise ValueError("model_fn (%s) does not include params argument, but params (%s) "
                         "is passed to Estimator." % (model_fn, params))
    if params is None and "params" in args:
        logging.warning("Estimator's model_fn (%s) includes params argument, but params "
                        "are not passed to Estimator.", model_fn)
    non_valid_args = list(args - _VALID_MODEL_FN_ARGS)
    if non_valid_args:
        raise ValueError("model_fn (%s) has following not expected args: %s"
                         % (model_fn, non_valid_args))


class Estimator:
    """Trains, evaluates and predicts with a model_fn(features, labels, mode, params, config)
    that returns an EstimatorSpec; checkpoints and summaries go to `model_dir`."""

    def __init__(self, model_fn, model_dir=None, config=None, params=None,
                 warm_start_from=None):
        self._warm_start_settings = warm_starting.settings_from(warm_start_from)
        if config is None:
            config = RunConfig()
            logging.info("Using default config.")
        elif not isinstance(config, RunConfig):
            raise ValueError("config must be an instance of `RunConfig`, but provided %s."
                             % config)
        if config.session_config is None:   # TF's maybe_overwrite_model_dir_and_session_config
            config = config.replace(session_config=_default_session_config())
        if config.master or config.evaluation_master:
            raise NotImplementedError(
                "Estimator: sessions on the TF_CONFIG cluster's master %r are not implemented "
                "by flowgrad (distributed training)" % (config.master or
                                                         config.evaluation_master))
        if model_dir is not None and config.model_dir is not None \
                and os.fspath(model_dir) != config.model_dir:
            raise ValueError("`model_dir` are set both in constructor and `RunConfig`, but with "
                             "different values. In constructor: '{}', in `RunConfig`: "
                             "'{}' ".format(model_dir, config.model_dir))
        model_dir = model_dir if model_dir is not None else config.model_dir
        if model_dir is None:
            model_dir = tempfile.mkdtemp()
            logging.warning("Using temporary folder as model directory: %s", model_dir)
        self._model_dir = os.fspath(model_dir)
        self._config = config.replace(model_dir=self._model_dir)
        logging.info("Using config: %s", str(vars(self._config)))
        verify_model_fn_args(model_fn, params)
        self._model_fn = model_fn
        self._params = copy.deepcopy(params or {})   # TF keeps any object, unchecked

    model_dir = property(lambda self: self._model_dir)
    config = property(lambda self: self._config)
    params = property(lambda self: copy.deepcopy(self._params))
    model_fn = property(lambda self: self._call_model_fn)

    def eval_dir(self, name=None):
        """The directory evaluation summaries of `name` go to."""
        return os.path.join(self._model_dir, "eval" if not name else "eval_" + name)

    def latest_checkpoint(self):
        """The newest checkpoint's path in model_dir, or None."""
        return checkpoint_management.latest_checkpoint(self._model_dir)

    def _check_checkpoint_available(self):
        if not checkpoint_management.latest_checkpoint(self._model_dir):
            raise ValueError(f"Could not find trained model in model_dir: {self._model_dir}.")

    def get_variable_names(self):
        """The names of the variables in the latest checkpoint."""
        self._check_checkpoint_available()
        return [name for name, _ in checkpoint_management.list_variables(self._model_dir)]

    def get_variable_value(self, name):
        """A variable's value in the latest checkpoint."""
        self._check_checkpoint_available()
        return checkpoint_management.load_variable(self._model_dir, name)

    # -- building --------------------------------------------------------------------------
    def _call_model_fn(self, features, labels, mode, config):
        args = inspect.signature(self._model_fn).parameters
        kwargs = {}
        if "labels" in args:
            kwargs["labels"] = labels
        elif labels is not None:
            raise ValueError("model_fn does not take labels, but input_fn returns labels.")
        if "mode" in args:
            kwargs["mode"] = mode
        if "params" in args:
            kwargs["params"] = self._params
        if "config" in args:
            kwargs["config"] = config
        logging.info("Calling model_fn.")
        spec = self._model_fn(features=features, **kwargs)
        logging.info("Done calling model_fn.")
        if not isinstance(spec, EstimatorSpec):
            raise ValueError("model_fn should return an EstimatorSpec.")
        return spec

    def _new_graph(self, input_fn, mode):
        g = Graph()
        ctx = g.as_default()
        ctx.__enter__()
        try:
            set_random_seed(self._config.tf_random_seed)
            global_step = self._create_and_assert_global_step(g)
            if mode == ModeKeys.TRAIN:
                hooks_lib._get_or_create_global_step_read(g)
            features, labels, input_hooks = _features_and_labels(
                self._call_input_fn(input_fn, mode))
        except BaseException:   # the graph is the default no longer (as TF's `with`)
            ctx.__exit__(None, None, None)
            raise
        return g, ctx, global_step, features, labels, input_hooks

    def _create_global_step(self, graph):
        """The global step variable of a new graph (TPUEstimator's is a resource
        variable)."""
        return training_util.create_global_step(graph)

    def _create_and_assert_global_step(self, graph):
        step = self._create_global_step(graph)
        assert step is training_util.get_global_step(graph)
        assert step.dtype.is_integer
        return step

    def _call_input_fn(self, input_fn, mode, input_context=None):
        """TF's: input_fn gets the `mode`, `params` and `config` it names (and the
        tf.distribute.InputContext, under train_distribute), and builds its ops under
        /cpu:0."""
        try:
            names = inspect.signature(input_fn).parameters
        except (TypeError, ValueError):
            names = {}
        kwargs = {k: v for k, v in (("mode", mode), ("params", self.params),
                                    ("config", self.config)) if k in names}
        if "input_context" in names:
            kwargs["input_context"] = input_context
        with get_default_graph().device("/cpu:0"):
            return input_fn(**kwargs)

    # -- train -----------------------------------------------------------------------------
    def train(self, input_fn, hooks=None, steps=None, max_steps=None, saving_listeners=None):
        """Trains for `steps` more steps or up to global step `max_steps` (or until the
        input ends); returns self."""
        if steps is not None and max_steps is not None:
            raise ValueError("Can not provide both steps and max_steps.")
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        if max_steps is not None and max_steps <= 0:
            raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))
        if max_steps is not None:
            start = self._global_step_in_checkpoint()
            if max_steps <= start:
                logging.info("Skipping training since max_steps has already saved.")
                return self
        hooks = _check_hooks_type(hooks)
        if steps is not None or max_steps is not None:
            hooks.append(hooks_lib.StopAtStepHook(num_steps=steps, last_step=max_steps))
        saving_listeners = _check_listeners_type(saving_listeners)
        if self._config.train_distribute is not None:
            loss = self._train_distributed(self._config.train_distribute, input_fn, hooks,
                                           saving_listeners)
            logging.info("Loss for final step: %s.", loss)
            return self
        g, ctx, global_step, features, labels, input_hooks = self._new_graph(
            input_fn, ModeKeys.TRAIN)
        try:
            spec = self._call_model_fn(features, labels, ModeKeys.TRAIN, self._config)
            if self._warm_start_settings:
                logging.info("Warm-starting with WarmStartSettings: %s",
                             self._warm_start_settings)
                warm_starting.warm_start(*self._warm_start_settings)
            loss = self._train_with_spec(spec, input_hooks, hooks, global_step,
                                         saving_listeners)
        finally:
            ctx.__exit__(None, None, None)
        logging.info("Loss for final step: %s.", loss)
        return self

    def _train_distributed(self, strategy, input_fn, hooks, saving_listeners):
        """Training under RunConfig(train_distribute=strategy), as TF 1.14's
        `_actual_train_model_distributed`: in the strategy's scope, the input_fn's dataset
        read by the strategy's input-fn iterator, the model_fn called for each replica,
        the loss summed across replicas and the train ops grouped."""
        from ..distribute.distribute_lib import ReduceOp  # lazy: tf.distribute on use
        from ..train.basic_session_run_hooks import _GLOBAL_STEP_READ_KEY  # lazy: with it
        if saving_listeners:
            raise ValueError("Saving listenor is not supported by the current "
                             "Distribution Strategies.")
        if strategy.extended._num_replicas_in_sync != 1:
            raise NotImplementedError(
                "Estimator training with a tf.distribute strategy over %d devices is not "
                "implemented by flowgrad" % strategy.extended._num_replicas_in_sync)
        g = Graph()
        with g.as_default(), strategy.scope():
            strategy._scale_loss_for_estimator = True
            try:
                set_random_seed(self._config.tf_random_seed)
                iterator = strategy.make_input_fn_iterator(
                    lambda input_context: self._call_input_fn(input_fn, ModeKeys.TRAIN,
                                                              input_context))
                input_hooks = [_DistributedIteratorInitializerHook(iterator)]
                global_step = training_util.get_or_create_global_step(g)
                g.add_to_collection(_GLOBAL_STEP_READ_KEY,
                                    strategy.extended.read_var(global_step))
                features, labels, _ = _features_and_labels(iterator.get_next())
                spec = strategy.extended.call_for_each_replica(
                    self._call_model_fn,
                    args=(features, labels, ModeKeys.TRAIN, self.config))
                loss = strategy.reduce(ReduceOp.SUM, spec.loss, axis=None)
                scaffold = _combine_distributed_scaffold(spec.scaffold, strategy)
                spec = spec._replace(loss=loss, train_op=strategy.group(spec.train_op),
                                     scaffold=scaffold)
                if self._warm_start_settings:
                    logging.info("Warm-starting with WarmStartSettings: %s",
                                 self._warm_start_settings)
                    warm_starting.warm_start(*self._warm_start_settings)
                return self._train_with_spec(spec, input_hooks, hooks, global_step,
                                             saving_listeners)
            finally:
                strategy._scale_loss_for_estimator = False

    def _global_step_in_checkpoint(self):
        path = self.latest_checkpoint()
        if not path:
            return 0
        try:
            return int(checkpoint_management.load_variable(path, GraphKeys.GLOBAL_STEP))
        except Exception:  # noqa: BLE001 - a checkpoint without a global step
            return 0

    def _train_with_spec(self, spec, worker_hooks, hooks, global_step, saving_listeners):
        from .. import summary  # lazy: summary ops load on first use
        graph = get_default_graph()
        if not any(x.op.name == "loss" for x in graph.get_collection(GraphKeys.SUMMARIES)):
            summary.scalar("loss", spec.loss)
        graph.add_to_collection(GraphKeys.LOSSES, spec.loss)
        worker_hooks = list(worker_hooks) + list(hooks)
        worker_hooks.append(hooks_lib.NanTensorHook(spec.loss))
        if self._config.log_step_count_steps is not None:
            worker_hooks.append(hooks_lib.LoggingTensorHook(
                {"loss": spec.loss, "step": global_step},
                every_n_iter=self._config.log_step_count_steps))
        worker_hooks.extend(spec.training_hooks)
        if not (spec.scaffold.saver or graph.get_collection(GraphKeys.SAVERS)):
            saver = Saver(
                sharded=True, max_to_keep=self._config.keep_checkpoint_max,
                keep_checkpoint_every_n_hours=self._config.keep_checkpoint_every_n_hours,
                defer_build=True, save_relative_paths=True)
            graph.add_to_collection(GraphKeys.SAVERS, saver)
        chief_hooks = []
        all_hooks = worker_hooks + list(spec.training_chief_hooks)
        saver_hooks = [h for h in all_hooks if isinstance(h, hooks_lib.CheckpointSaverHook)]
        if self._config.save_checkpoints_secs or self._config.save_checkpoints_steps:
            if not saver_hooks:
                chief_hooks = [hooks_lib.CheckpointSaverHook(
                    self._model_dir, save_secs=self._config.save_checkpoints_secs,
                    save_steps=self._config.save_checkpoints_steps, scaffold=spec.scaffold)]
                saver_hooks = [chief_hooks[0]]
        if saving_listeners:
            if not saver_hooks:
                raise ValueError("There should be a CheckpointSaverHook to use saving_listeners. "
                                 "Please set one of the RunConfig.save_checkpoints_steps or "
                                 "RunConfig.save_checkpoints_secs.")
            saver_hooks[0]._listeners.extend(saving_listeners)
        loss = None
        any_step_done = False
        with MonitoredTrainingSession(
                checkpoint_dir=self._model_dir, scaffold=spec.scaffold, hooks=worker_hooks,
                chief_only_hooks=tuple(chief_hooks) + tuple(spec.training_chief_hooks),
                save_checkpoint_secs=0, save_summaries_steps=self._config.save_summary_steps,
                config=self._config.session_config,
                log_step_count_steps=self._config.log_step_count_steps) as sess:
            while not sess.should_stop():
                _, loss = sess.run([spec.train_op, spec.loss])
                any_step_done = True
        if not any_step_done:
            logging.warning("Training with estimator made no steps. Perhaps input is empty or "
                            "misspecified.")
        return loss

    # -- evaluate --------------------------------------------------------------------------
    def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None, name=None):
        """Runs the eval_metric_ops (and the mean 'loss') over the input (or `steps`
        batches) on a checkpoint; returns {metric: value, 'global_step': step}."""
        hooks = _check_hooks_type(hooks)
        hooks.extend(self._convert_eval_steps_to_hooks(steps))
        if not checkpoint_path:
            checkpoint_path = self.latest_checkpoint()
            if not checkpoint_path:
                logging.info("Could not find trained model in model_dir: {}, running "
                             "initialization to evaluate.".format(self._model_dir))
        strategy = self._config.eval_distribute
        if strategy is not None:
            results = self._evaluate_distributed(strategy, input_fn, hooks, checkpoint_path)
            self._log_and_write_eval(results, self.eval_dir(name), checkpoint_path)
            return results
        g, ctx, global_step, features, labels, input_hooks = self._new_graph(
            input_fn, ModeKeys.EVAL)
        try:
            scaffold, update_op, eval_dict, all_hooks = self._evaluate_graph(
                features, labels, input_hooks, global_step, hooks)
            self._maybe_warm_start(checkpoint_path)
            results = self._evaluate_run(checkpoint_path, scaffold, update_op, eval_dict,
                                         all_hooks)
        finally:
            ctx.__exit__(None, None, None)
        self._log_and_write_eval(results, self.eval_dir(name), checkpoint_path)
        return results

    def _maybe_warm_start(self, checkpoint_path):
        """Without a checkpoint to restore, evaluate and predict warm-start as train."""
        if not checkpoint_path and self._warm_start_settings:
            logging.info("Warm-starting with WarmStartSettings: %s",
                         self._warm_start_settings)
            warm_starting.warm_start(*self._warm_start_settings)

    @staticmethod
    def _convert_eval_steps_to_hooks(steps):
        if steps is None:
            return []
        if steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        return [_StopAfterNEvalsHook(num_evals=steps)]

    def _evaluate_build_graph(self, input_fn, hooks=None, checkpoint_path=None):
        """(scaffold, update ops, eval_dict, all hooks) of an evaluation built in the
        default graph (TF's `_evaluate_build_graph`, for InMemoryEvaluatorHook)."""
        del checkpoint_path
        from ..engine.framework.graph import get_default_graph  # lazy: hook only
        g = get_default_graph()
        set_random_seed(self._config.tf_random_seed)
        global_step = training_util.get_or_create_global_step(g)
        features, labels, input_hooks = _features_and_labels(
            self._call_input_fn(input_fn, ModeKeys.EVAL))
        return self._evaluate_graph(features, labels, input_hooks, global_step,
                                    _check_hooks_type(hooks))

    def _evaluate_distributed(self, strategy, input_fn, hooks, checkpoint_path):
        """evaluate under RunConfig(eval_distribute=strategy), as TF 1.14's `_actual_eval`
        with a strategy: the host's steps_per_run variable, then in the strategy's scope
        the input_fn's dataset through the strategy's input-fn iterator, the model_fn and
        the loss metric called for each replica, each metric's update grouped."""
        from ..train.basic_session_run_hooks import (  # lazy: with it
            get_or_create_steps_per_run_variable)
        if strategy.extended._num_replicas_in_sync != 1:
            raise NotImplementedError(
                "Estimator evaluation with a tf.distribute strategy over %d devices is not "
                "implemented by flowgrad" % strategy.extended._num_replicas_in_sync)
        with Graph().as_default() as g:
            get_or_create_steps_per_run_variable()
            with strategy.scope():
                set_random_seed(self._config.tf_random_seed)
                global_step = training_util.get_or_create_global_step(g)
                iterator = strategy.make_input_fn_iterator(
                    lambda input_context: self._call_input_fn(input_fn, ModeKeys.EVAL,
                                                              input_context))
                input_hooks = [_DistributedIteratorInitializerHook(iterator)]
                features, labels, _ = _features_and_labels(iterator.get_next())
                scaffold, update_op, eval_dict, all_hooks = self._evaluate_graph(
                    features, labels, input_hooks, global_step, hooks, strategy)
                self._maybe_warm_start(checkpoint_path)
                return self._evaluate_run(checkpoint_path, scaffold, update_op, eval_dict,
                                          all_hooks)

    def _evaluate_graph(self, features, labels, input_hooks, global_step, hooks,
                        strategy=None):
        from .. import metrics  # lazy: tf.metrics loads on first use
        from ..ops import init_ops, state_ops, variable_scope  # lazy: with metrics
        if strategy is None:
            spec = self._call_model_fn(features, labels, ModeKeys.EVAL, self._config)
        else:
            spec = strategy.extended.call_for_each_replica(
                self._call_model_fn, args=(features, labels, ModeKeys.EVAL, self._config))
        ops = dict(spec.eval_metric_ops)
        if LOSS_METRIC_KEY in ops:
            raise ValueError("Metric with name \"%s\" is not allowed, because Estimator "
                             "already defines a default metric with the same name."
                             % LOSS_METRIC_KEY)
        if strategy is None:
            ops[LOSS_METRIC_KEY] = metrics.mean(spec.loss)
        else:
            ops[LOSS_METRIC_KEY] = strategy.extended.call_for_each_replica(
                metrics.mean, args=(spec.loss,))
        eval_dict = {k: ops[k][0] for k in sorted(ops)}   # TF's order: sorted
        # TF's _extract_metric_update_ops groups the updates before the eval step is made
        update_op = group(*[v[1] if strategy is None else strategy.group(v[1])
                            for _, v in sorted(ops.items())])
        if GraphKeys.GLOBAL_STEP in eval_dict:
            raise ValueError("Metric with name `global_step` is not allowed, because "
                             "Estimator already defines a default metric with the same "
                             "name.")
        eval_dict[GraphKeys.GLOBAL_STEP] = global_step
        all_hooks = list(input_hooks) + hooks + list(spec.evaluation_hooks)
        # TF's evaluation._evaluate_once: the eval_step counter (get_variable, zeros), its
        # locked increment, and the hooks' count read after both updates
        eval_steps = get_default_graph().get_collection(GraphKeys.EVAL_STEP)
        if len(eval_steps) > 1:
            raise ValueError("Multiple tensors added to tf.GraphKeys.EVAL_STEP")
        eval_step = eval_steps[0] if eval_steps else variable_scope.get_variable(
            GraphKeys.EVAL_STEP, shape=[], dtype=dtypes.int64,
            initializer=init_ops.zeros_initializer(), trainable=False,
            collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.EVAL_STEP])
        update_eval_step = state_ops.assign_add(eval_step, 1, use_locking=True)
        eval_ops = [update_op, update_eval_step]
        with get_default_graph().control_dependencies(eval_ops):
            eval_step_value = identity(eval_step.read_value())
        for h in all_hooks:
            if isinstance(h, _StopAfterNEvalsHook):
                h._set_evals_completed_tensor(eval_step_value)
        return spec.scaffold, eval_ops, eval_dict, all_hooks

    def _evaluate_run(self, checkpoint_path, scaffold, update_op, eval_dict, all_hooks,
                      output_dir=None):
        """Runs an evaluation built by _evaluate_graph in the default graph; writes its
        summary to output_dir when given (the caller writes it otherwise)."""
        final = hooks_lib.FinalOpsHook(eval_dict)
        logging.info("Starting evaluation at " +
                     time.strftime("%Y-%m-%dT%H:%M:%SZ", time.localtime()))
        creator = ChiefSessionCreator(scaffold=scaffold,
                                      checkpoint_filename_with_path=checkpoint_path,
                                      config=self._config.session_config)
        with MonitoredSession(session_creator=creator,
                              hooks=list(all_hooks) + [final]) as sess:
            while not sess.should_stop():
                sess.run(update_op)
        results = final.final_ops_values
        logging.info("Finished evaluation at " +
                     time.strftime("%Y-%m-%d-%H:%M:%S", time.localtime()))
        if output_dir is not None:
            self._log_and_write_eval(results, output_dir)
        return results

    def _log_and_write_eval(self, results, output_dir, checkpoint_path=None):
        logging.info("Saving dict for global step %d: %s", results[GraphKeys.GLOBAL_STEP],
                     ", ".join("%s = %s" % (k, results[k]) for k in sorted(results)))
        self._write_eval_summary(output_dir, results)
        if checkpoint_path:
            _write_checkpoint_path_to_summary(output_dir, checkpoint_path,
                                              results[GraphKeys.GLOBAL_STEP])

    def _write_eval_summary(self, output_dir, results):
        from ..summary import Summary  # lazy: protobuf classes load on first use
        writer = FileWriterCache.get(output_dir)
        summ = Summary()
        for key in sorted(results):
            if key == GraphKeys.GLOBAL_STEP:
                continue
            value = np.asarray(results[key])
            if value.ndim == 0 and value.dtype.kind in "fiu":
                summ.value.add(tag=key, simple_value=float(value))
        writer.add_summary(summ, int(results[GraphKeys.GLOBAL_STEP]))
        writer.flush()

    # -- predict ---------------------------------------------------------------------------
    def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None,
                yield_single_examples=True):
        """Yields the model's predictions (per example, or per batch) over the input."""
        hooks = _check_hooks_type(hooks)
        if not checkpoint_path:
            checkpoint_path = self.latest_checkpoint()
            if not checkpoint_path:
                logging.info("Could not find trained model in model_dir: {}, running "
                             "initialization to predict.".format(self._model_dir))
        g, ctx, _, features, _, input_hooks = self._new_graph(input_fn, ModeKeys.PREDICT)
        try:
            spec = self._call_model_fn(features, None, ModeKeys.PREDICT, self._config)
            self._maybe_warm_start(checkpoint_path)
            predictions = self._extract_keys(spec.predictions, predict_keys)
            all_hooks = list(input_hooks) + hooks + list(spec.prediction_hooks)
            creator = ChiefSessionCreator(scaffold=spec.scaffold,
                                          checkpoint_filename_with_path=checkpoint_path,
                                          config=self._config.session_config)
            with MonitoredSession(session_creator=creator, hooks=all_hooks) as sess:
                while not sess.should_stop():
                    values = sess.run(predictions)
                    if not yield_single_examples:
                        yield values
                    elif not isinstance(predictions, dict):
                        yield from values
                    else:
                        n = self._batch_length(values)
                        for i in range(n):
                            yield {k: v[i] for k, v in values.items()}
        finally:
            ctx.__exit__(None, None, None)

    @staticmethod
    def _extract_keys(predictions, predict_keys):
        if not predict_keys:
            return predictions
        if not isinstance(predictions, dict):
            raise ValueError("predict_keys argument is not valid in case of non-dict "
                             "predictions.")
        existing = predictions.keys()   # TF's message shows the dict_keys view
        predictions = {k: v for k, v in predictions.items() if k in predict_keys}
        if not predictions:
            raise ValueError("Expected to run at least one output from {}, provided {}."
                             .format(existing, predict_keys))
        return predictions

    @staticmethod
    def _batch_length(values):
        n = None
        for key, value in values.items():
            value = np.asarray(value)
            if value.ndim == 0:
                raise ValueError("Prediction {} should have rank > 0 when "
                                 "yield_single_examples is True.".format(key))
            if n is None:
                n = value.shape[0]
            elif value.shape[0] != n:
                raise ValueError("Batch length of predictions should be same. {} has "
                                 "different batch length than others.".format(key))
        return n or 0

    # -- export ----------------------------------------------------------------------------
    def export_saved_model(self, export_dir_base, serving_input_receiver_fn,
                           assets_extra=None, as_text=False, checkpoint_path=None,
                           experimental_mode=ModeKeys.PREDICT):
        """Writes a SavedModel of the graph of `experimental_mode` (PREDICT: fed by the
        serving input receiver; TRAIN/EVAL: by a supervised receiver) with the checkpoint's
        variables to export_dir_base/<timestamp>; returns its path."""
        if not serving_input_receiver_fn:
            raise ValueError("An input_receiver_fn must be defined.")
        return self._export_saved_model(export_dir_base, None, assets_extra, as_text,
                                        checkpoint_path, True, input_receiver_fn_map={
                                            experimental_mode: serving_input_receiver_fn})

    def export_savedmodel(self, export_dir_base, serving_input_receiver_fn,
                          assets_extra=None, as_text=False, checkpoint_path=None,
                          strip_default_attrs=False):
        """The deprecated name of export_saved_model (with strip_default_attrs)."""
        return self._export_saved_model(export_dir_base, serving_input_receiver_fn,
                                        assets_extra, as_text, checkpoint_path,
                                        strip_default_attrs)

    def experimental_export_all_saved_models(self, export_dir_base, input_receiver_fn_map,
                                             assets_extra=None, as_text=False,
                                             checkpoint_path=None, strip_default_attrs=True):
        """One SavedModel with a meta graph per mode of `input_receiver_fn_map` (TRAIN tagged
        'train', EVAL 'eval', PREDICT 'serve'; the variables saved with the first of TRAIN,
        EVAL, PREDICT); returns its path."""
        return self._export_saved_model(export_dir_base, None, assets_extra, as_text,
                                        checkpoint_path, strip_default_attrs,
                                        input_receiver_fn_map=input_receiver_fn_map)

    def _add_meta_graph_for_mode(self, builder, input_receiver_fn, checkpoint_path,
                                 save_variables, mode, strip_default_attrs):
        from ..engine.runtime.session import Session  # lazy: export only
        from ..train.monitored_session import Scaffold  # lazy: export only
        from .export import export as export_lib  # lazy: export only
        g = Graph()
        with g.as_default():
            self._create_and_assert_global_step(g)
            set_random_seed(self._config.tf_random_seed)
            receiver = input_receiver_fn()
            spec = self._call_model_fn(receiver.features, getattr(receiver, "labels", None),
                                       mode, self._config)
            export_outputs = export_lib.export_outputs_for_mode(
                spec.mode, serving_export_outputs=spec.export_outputs,
                predictions=spec.predictions, loss=spec.loss, metrics=spec.eval_metric_ops)
            signature_def_map = export_lib.build_all_signature_defs(
                receiver.receiver_tensors, export_outputs,
                getattr(receiver, "receiver_tensors_alternatives", None),
                serving_only=(mode == ModeKeys.PREDICT))
            with Session(config=self._config.session_config) as session:
                local_init_op = spec.scaffold.local_init_op
                if local_init_op is None:
                    local_init_op = Scaffold.default_local_init_op()
                graph_saver = spec.scaffold.saver or Saver(sharded=True)
                try:
                    graph_saver.restore(session, checkpoint_path)
                except Exception as e:  # noqa: BLE001 - reworded as TF does
                    if type(e).__name__ != "NotFoundError":
                        raise
                    raise ValueError(
                        "Could not load all requested variables from checkpoint. Please "
                        "make sure your model_fn does not expect variables that were not "
                        "saved in the checkpoint.\n\nEncountered error with mode `{}` "
                        "while restoring checkpoint from: `{}`. Full Traceback:\n\n{}"
                        .format(mode, checkpoint_path, e)) from None
                builder._add_train_op(spec.train_op)
                kwargs = dict(tags=export_lib.EXPORT_TAG_MAP[mode],
                              signature_def_map=signature_def_map,
                              assets_collection=g.get_collection(GraphKeys.ASSET_FILEPATHS),
                              main_op=local_init_op, strip_default_attrs=strip_default_attrs,
                              saver=graph_saver)
                if save_variables:
                    builder.add_meta_graph_and_variables(session, **kwargs)
                else:
                    builder.add_meta_graph(**kwargs)

    def _export_saved_model(self, export_dir_base, serving_input_receiver_fn, assets_extra,
                            as_text, checkpoint_path, strip_default_attrs,
                            input_receiver_fn_map=None):
        import shutil  # lazy: export only

        from ..saved_model import builder as builder_lib  # lazy: export only
        from .export import export as export_lib  # lazy: export only
        if input_receiver_fn_map is None:
            if not serving_input_receiver_fn:
                raise ValueError("An input_receiver_fn must be defined.")
            input_receiver_fn_map = {ModeKeys.PREDICT: serving_input_receiver_fn}
        if not checkpoint_path:
            checkpoint_path = self.latest_checkpoint()
        if not checkpoint_path:
            raise ValueError("Couldn't find trained model at {}.".format(self._model_dir))
        export_dir = export_lib.get_timestamped_export_dir(export_dir_base)
        temp_dir = export_lib.get_temp_export_dir(export_dir)
        builder = builder_lib.SavedModelBuilder(temp_dir)
        save_variables = True
        # as TF: TRAIN first (its variables are the checkpoint's), then EVAL, then PREDICT
        for mode in (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT):
            if input_receiver_fn_map.get(mode):
                self._add_meta_graph_for_mode(builder, input_receiver_fn_map[mode],
                                              checkpoint_path, save_variables, mode,
                                              strip_default_attrs)
                save_variables = False
        if save_variables:
            raise ValueError("No valid modes for exporting found. Got {}.".format(
                input_receiver_fn_map.keys()))
        builder.save(as_text)
        if assets_extra:
            extra_dir = os.path.join(temp_dir, "assets.extra")
            for dest_relative, source in assets_extra.items():
                dest = os.path.join(extra_dir, dest_relative)
                if os.path.relpath(dest, extra_dir).startswith(os.pardir):
                    raise ValueError("assets_extra destination escapes assets.extra: %s"
                                     % dest_relative)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copyfile(source, dest)
        os.rename(temp_dir, export_dir)
        return os.fsencode(export_dir)


def _write_checkpoint_path_to_summary(output_dir, checkpoint_path, current_global_step):
    """TF's: the evaluated checkpoint's path as a string tensor summary
    'checkpoint_path' in the eval directory's events, at the checkpoint's step."""
    from ..summary import Summary  # lazy: protobuf classes load on first use
    tag = "checkpoint_path"
    logging.info("Saving '%s' summary for global step %d: %s", tag, current_global_step,
                 checkpoint_path)
    summ = Summary()
    summ.value.add(tag=tag, tensor=make_tensor_proto(checkpoint_path, dtype=dtypes.string))
    writer = FileWriterCache.get(output_dir)
    writer.add_summary(summ, current_global_step)
    writer.flush()


def _default_session_config():
    """TF's run_config.get_default_session_config: soft placement, one meta-optimizer
    iteration."""
    from ..engine.framework.config import (  # lazy: session config classes
        ConfigProto, GraphOptions, RewriterConfig)
    graph_opts = GraphOptions(rewrite_options=RewriterConfig(
        meta_optimizer_iterations=RewriterConfig.ONE))
    return ConfigProto(allow_soft_placement=True, graph_options=graph_opts)
