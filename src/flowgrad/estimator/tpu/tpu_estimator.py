"""`tf.estimator.tpu.TPUEstimator` and `TPUEstimatorSpec` (TF 1.14's tpu_estimator.py),
their CPU path: with use_tpu=False a TPUEstimator is an Estimator whose input_fn and
model_fn get params['batch_size'] (the mode's global batch size) and params['use_tpu'],
whose model_fn may return a TPUEstimatorSpec (its eval_metrics called into
eval_metric_ops, its host_call run by a hook, its scaffold_fn called), with a resource
global step and an examples/sec hook, and TF's log lines. Running on a TPU
(use_tpu=True, export_to_tpu) raises NotImplementedError."""
from __future__ import annotations

import collections
import copy
import enum
import inspect
import math
import sys

from ... import logging
from ...engine.framework import dtypes
from ...engine.framework.graph import get_default_graph
from ...engine.framework.graph_keys import GraphKeys
from ...train import training_util
from ...train.basic_session_run_hooks import StepCounterHook
from ...train.session_run_hook import SessionRunArgs, SessionRunHook
from .. import estimator as estimator_lib
from ..model_fn import EstimatorSpec, ModeKeys
from . import tpu_config

__all__ = ["TPUEstimator", "TPUEstimatorSpec"]

_BATCH_SIZE_KEY = "batch_size"
_CTX_KEY = "context"
_USE_TPU_KEY = "use_tpu"
_RESERVED_PARAMS_KEYS = [_BATCH_SIZE_KEY, _CTX_KEY]


def _fn_args_and_varargs(fn):
    return estimator_lib.fn_args(fn), inspect.getfullargspec(
        fn.func if hasattr(fn, "func") else fn).varargs


def _validate_host_calls(host_calls):
    """TF's _OutfeedHostCall.validate: each of `eval_metrics` / `host_call` a pair
    (callable, list or dict of tensors), a list as long as the function's arguments."""
    for name, host_call in host_calls.items():
        if not isinstance(host_call, (tuple, list)):
            raise ValueError("{} should be tuple or list".format(name))
        if len(host_call) != 2:
            raise ValueError("{} should have two elements.".format(name))
        if not callable(host_call[0]):
            raise TypeError("{}[0] should be callable.".format(name))
        if not isinstance(host_call[1], (tuple, list, dict)):
            raise ValueError("{}[1] should be tuple or list, or dict.".format(name))
        if isinstance(host_call[1], (tuple, list)):
            args, varargs = _fn_args_and_varargs(host_call[0])
            if varargs is None and len(host_call[1]) != len(args):
                raise RuntimeError(
                    "In TPUEstimatorSpec.{}, length of tensors {} does not match method "
                    "args of the function, which takes {}.".format(
                        name, len(host_call[1]), len(args)))


def _create_cpu_hostcall(host_calls):
    """TF's _OutfeedHostCall.create_cpu_hostcall: each function called on its tensors
    (positional from a list, keywords from a dict)."""
    _validate_host_calls(host_calls)
    ret = {}
    for name, (host_fn, tensors) in host_calls.items():
        if isinstance(tensors, (tuple, list)):
            ret[name] = host_fn(*tensors)
        else:
            try:
                ret[name] = host_fn(**tensors)
            except TypeError as e:
                logging.warning("Exception while calling %s: %s. It is likely the tensors "
                                "(%s[1]) do not match the function's arguments",
                                name, e, name)
                raise
    return ret


class _OutfeedHostCallHook(SessionRunHook):
    """Runs the host_call's ops with every step; initializes the contrib summary writers
    when the session is created and flushes them at the end (TF's, use_tpu=False)."""

    def __init__(self, tensors):
        self._tensors = tensors

    def begin(self):
        from ...summary import summary_ops_v2  # lazy: contrib summaries on use
        self._init_ops = summary_ops_v2.summary_writer_initializer_op()
        self._finalize_ops = [summary_ops_v2.flush(writer=op.inputs[0])
                              for op in self._init_ops]

    def after_create_session(self, session, coord):
        session.run(self._init_ops)

    def before_run(self, run_context):
        return SessionRunArgs(self._tensors)

    def end(self, session):
        session.run(self._finalize_ops)


_TPUEstimatorSpecBase = collections.namedtuple("TPUEstimatorSpec", [
    "mode", "predictions", "loss", "train_op", "eval_metrics", "export_outputs",
    "scaffold_fn", "host_call", "training_hooks", "evaluation_hooks", "prediction_hooks"])


class TPUEstimatorSpec(_TPUEstimatorSpecBase):
    """What a TPUEstimator's model_fn returns: EstimatorSpec's fields, with
    `eval_metrics` a (metric_fn, tensors) pair instead of eval_metric_ops, `scaffold_fn`
    a function making the Scaffold, and `host_call` a (function, tensors) pair run with
    every step."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None, eval_metrics=None,
                export_outputs=None, scaffold_fn=None, host_call=None, training_hooks=None,
                evaluation_hooks=None, prediction_hooks=None):
        host_calls = {}
        if eval_metrics is not None:
            host_calls["eval_metrics"] = eval_metrics
        if host_call is not None:
            host_calls["host_call"] = host_call
        _validate_host_calls(host_calls)
        training_hooks = tuple(training_hooks or [])
        evaluation_hooks = tuple(evaluation_hooks or [])
        prediction_hooks = tuple(prediction_hooks or [])
        for hook in training_hooks + evaluation_hooks + prediction_hooks:
            if not isinstance(hook, SessionRunHook):
                raise TypeError("All hooks must be SessionRunHook instances, given: {}"
                                .format(hook))
        return super().__new__(
            cls, mode=mode, predictions=predictions, loss=loss, train_op=train_op,
            eval_metrics=eval_metrics, export_outputs=export_outputs,
            scaffold_fn=scaffold_fn, host_call=host_call, training_hooks=training_hooks,
            evaluation_hooks=evaluation_hooks, prediction_hooks=prediction_hooks)

    def as_estimator_spec(self):
        """The EstimatorSpec a CPU train/eval/predict runs: eval_metrics called into
        eval_metric_ops, host_call run by a hook, scaffold_fn called."""
        host_calls = {}
        if self.eval_metrics is not None:
            host_calls["eval_metrics"] = self.eval_metrics
        if self.host_call is not None:
            host_calls["host_call"] = self.host_call
        host_call_ret = _create_cpu_hostcall(host_calls)
        eval_metric_ops = None
        if self.eval_metrics is not None:
            eval_metric_ops = host_call_ret["eval_metrics"]
        hooks = ()
        if self.host_call is not None:
            hooks = (_OutfeedHostCallHook(host_call_ret["host_call"]),)
        scaffold = self.scaffold_fn() if self.scaffold_fn else None
        return EstimatorSpec(
            mode=self.mode, predictions=self.predictions, loss=self.loss,
            train_op=self.train_op, eval_metric_ops=eval_metric_ops,
            export_outputs=self.export_outputs, scaffold=scaffold,
            training_hooks=self.training_hooks + hooks,
            evaluation_hooks=self.evaluation_hooks + hooks,
            prediction_hooks=self.prediction_hooks + hooks)


class ExamplesPerSecondHook(StepCounterHook):
    """StepCounterHook that also reports examples/sec (global_step/sec times the batch
    size), logged and written as summaries."""

    def __init__(self, batch_size, every_n_steps=100, every_n_secs=None, output_dir=None,
                 summary_writer=None):
        self._batch_size = batch_size
        super().__init__(every_n_steps=every_n_steps, every_n_secs=every_n_secs,
                         output_dir=output_dir, summary_writer=summary_writer)

    def _log_and_record(self, elapsed_steps, elapsed_time, global_step):
        from ...summary import Summary  # lazy: protobuf classes load on first use
        global_step_per_sec = elapsed_steps / elapsed_time
        examples_per_sec = self._batch_size * global_step_per_sec
        if self._summary_writer is not None:
            self._summary_writer.add_summary(Summary(value=[Summary.Value(
                tag="global_step/sec", simple_value=global_step_per_sec)]), global_step)
            self._summary_writer.add_summary(Summary(value=[Summary.Value(
                tag="examples/sec", simple_value=examples_per_sec)]), global_step)
        logging.info("global_step/sec: %g", global_step_per_sec)
        logging.info("examples/sec: %g", examples_per_sec)


class _ErrorRendezvous:
    """TF's error_handling.ErrorRendezvous for the one source flowgrad has (the loop
    itself): an error is logged when recorded, each source logs when it finishes, and
    the recorded error is raised again at the end."""

    def __init__(self):
        self._errors = {}

    def record_error(self, source, exc_info):
        self._errors[source] = exc_info
        logging.error("Error recorded from %s: %s", source, exc_info[1])

    def record_done(self, source):
        logging.info("%s marked as finished", source)
        self._errors.setdefault(source, None)

    def raise_errors(self):
        for exc_info in self._errors.values():
            if exc_info is not None:
                logging.warning("Reraising captured error")
                raise exc_info[1].with_traceback(exc_info[2])


def _add_item_to_params(params, key, value):
    if hasattr(params, "set_hparam"):
        if key in params:
            params.set_hparam(key, value)
        else:
            params.add_hparam(key, value)
    else:
        params[key] = value


def _create_global_step(graph):
    """TF's TPU global step: a resource variable 'global_step' (int64 zeros)."""
    from ...ops import init_ops, variable_scope  # lazy: the variable stack
    graph = graph or get_default_graph()
    if training_util.get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        return variable_scope.get_variable(
            GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64,
            initializer=init_ops.zeros_initializer(), trainable=False, use_resource=True,
            collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


class _CPUContext:
    """What TF's _InternalTPUContext answers when not on a TPU: the mode's global batch
    size, for the input_fn and the model_fn alike."""

    def __init__(self, config, train_batch_size, eval_batch_size, predict_batch_size,
                 eval_on_tpu):
        self._batch_sizes = {ModeKeys.TRAIN: train_batch_size,
                             ModeKeys.EVAL: eval_batch_size,
                             ModeKeys.PREDICT: predict_batch_size}
        logging.info("_TPUContext: eval_on_tpu %s", eval_on_tpu)
        if eval_on_tpu:
            logging.warning("eval_on_tpu ignored because use_tpu is False.")

    def global_batch_size(self, mode):
        return self._batch_sizes.get(mode)


class ExportSavedModelApiVersion(enum.Enum):
    """How export_saved_model writes a TPU serving graph (V1: TPUEstimator rewrites it;
    V2: the model_fn does)."""
    V1 = 1
    V2 = 2


class TPUEstimator(estimator_lib.Estimator):
    """An Estimator for TPU model_fns, run on the CPU (use_tpu=False): params['batch_size']
    is train_batch_size, eval_batch_size or predict_batch_size by mode, and the model_fn
    may return a TPUEstimatorSpec."""

    def __init__(self, model_fn=None, model_dir=None, config=None, params=None, use_tpu=True,
                 train_batch_size=None, eval_batch_size=None, predict_batch_size=None,
                 batch_axis=None, eval_on_tpu=True, export_to_tpu=True, export_to_cpu=True,
                 warm_start_from=None, experimental_export_device_assignment=False,
                 embedding_config_spec=None,
                 export_saved_model_api_version=ExportSavedModelApiVersion.V1):
        if config is None or not isinstance(config, tpu_config.RunConfig):
            raise ValueError("`config` must be provided with type `tpu_config.RunConfig`")
        if params is not None and any(k in params for k in _RESERVED_PARAMS_KEYS):
            raise ValueError("{} are reserved keys but existed in params {}.".format(
                _RESERVED_PARAMS_KEYS, params))
        if use_tpu:
            if train_batch_size is None:
                raise ValueError("`train_batch_size` cannot be `None`")
            tpu_config.check_positive_integer(train_batch_size, "train_batch_size")
            raise NotImplementedError(
                "TPUEstimator(use_tpu=True): running on a TPU is not implemented by "
                "flowgrad; pass use_tpu=False to run on the CPU")
        if embedding_config_spec is not None:
            raise NotImplementedError("TPUEstimator: embedding_config_spec (TPU embeddings) "
                                      "is not implemented by flowgrad")
        estimator_lib.verify_model_fn_args(model_fn, params)
        model_function = self._augment_model_fn(model_fn, batch_axis)
        self._log_every_n_steps = config.log_step_count_steps
        config = config.replace(log_step_count_steps=None)
        super().__init__(model_fn=model_function, model_dir=model_dir, config=config,
                         params=params or {}, warm_start_from=warm_start_from)
        iterations = tpu_config.parse_iterations_per_loop(
            self._config.tpu_config.iterations_per_loop)
        if iterations.unit == "seconds":
            self._log_every_n_secs = iterations.value
            self._log_every_n_steps = None
        else:
            if self._log_every_n_steps is not None:
                self._log_every_n_steps = int(math.ceil(
                    float(self._log_every_n_steps) / iterations.value))
            self._log_every_n_secs = None
        self._iterations_per_training_loop = iterations
        if (self._config.tpu_config.num_shards == 1
                and self._config.tpu_config.num_cores_per_replica is None):
            logging.warning("Setting TPUConfig.num_shards==1 is an unsupported behavior. "
                            "Please fix as soon as possible (leaving num_shards as None.)")
            eval_on_tpu = True   # TF's one-core context keeps its default
        self._ctx = _CPUContext(self._config, train_batch_size, eval_batch_size,
                                predict_batch_size, eval_on_tpu)
        self._export_to_cpu = export_to_cpu
        self._export_to_tpu = export_to_tpu
        if not isinstance(export_saved_model_api_version, ExportSavedModelApiVersion):
            raise ValueError("export_saved_model_api_version should be of type "
                             "ExportSavedModelApiVersion; got {}.".format(
                                 export_saved_model_api_version))
        self._is_input_fn_invoked = None

    def _create_global_step(self, graph):
        return _create_global_step(graph)

    def _call_input_fn(self, input_fn, mode, input_context=None):
        """The input_fn, called under the CPU with params['batch_size'] the mode's global
        batch size; it must take `params`."""
        args = estimator_lib.fn_args(input_fn)
        kwargs = {}
        if "params" in args:
            kwargs["params"] = self.params
        else:
            raise ValueError("input_fn ({}) does not include params argument, required by "
                             "TPUEstimator to pass batch size as params[\"batch_size\"]"
                             .format(input_fn))
        if "config" in args:
            kwargs["config"] = copy.deepcopy(self.config)
        if "mode" in args:
            kwargs["mode"] = mode
        self._is_input_fn_invoked = True
        batch_size = self._ctx.global_batch_size(mode)
        if batch_size is not None:
            _add_item_to_params(kwargs["params"], _BATCH_SIZE_KEY, batch_size)
        with get_default_graph().device("/device:CPU:0"):
            return input_fn(**kwargs)

    def _augment_model_fn(self, model_fn, batch_axis):
        """The model_fn the Estimator calls: the user's, with params['batch_size'] and
        params['use_tpu'], its TPUEstimatorSpec made an EstimatorSpec, and the
        examples/sec hook among the training hooks."""

        def _model_fn(features, labels, mode, config, params):
            is_export_mode = not self._is_input_fn_invoked
            self._is_input_fn_invoked = None
            if self._log_every_n_steps is not None or self._log_every_n_secs is not None:
                examples_hook = ExamplesPerSecondHook(
                    self._ctx.global_batch_size(mode),
                    output_dir=(self.model_dir if not config or config.save_summary_steps
                                else None),
                    every_n_steps=self._log_every_n_steps,
                    every_n_secs=self._log_every_n_secs)
            logging.info("Running %s on CPU", mode)
            spec = self._call_user_model_fn(model_fn, features, labels, mode, config,
                                            params, is_export_mode)
            if self._log_every_n_steps is not None or self._log_every_n_secs is not None:
                spec = spec._replace(training_hooks=spec.training_hooks + (examples_hook,))
            return spec

        return _model_fn

    def _call_user_model_fn(self, model_fn, features, labels, mode, config, params,
                            is_export_mode):
        """TF's _ModelFnWrapper._call_model_fn on the CPU."""
        args = estimator_lib.fn_args(model_fn)
        kwargs = {}
        config = copy.deepcopy(config)
        params = copy.deepcopy(params)
        if "labels" in args:
            kwargs["labels"] = labels
        elif labels is not None:
            raise ValueError("model_fn does not take labels, but input_fn returns labels.")
        if "mode" in args:
            kwargs["mode"] = mode
        if "config" in args:
            kwargs["config"] = config
        if "params" in args:
            kwargs["params"] = params
        else:
            raise ValueError("model_fn ({}) does not include params argument, required by "
                             "TPUEstimator to pass batch size as params['batch_size']"
                             .format(model_fn))
        batch_size = None if is_export_mode else self._ctx.global_batch_size(mode)
        if batch_size is not None:
            _add_item_to_params(params, _BATCH_SIZE_KEY, batch_size)
        _add_item_to_params(params, _USE_TPU_KEY, False)
        spec = model_fn(features=features, **kwargs)
        if isinstance(spec, TPUEstimatorSpec):
            return spec.as_estimator_spec()
        return spec

    def _add_meta_graph_for_mode(self, builder, input_receiver_fn, checkpoint_path,
                                 save_variables, mode, strip_default_attrs):
        if self._export_to_tpu and mode != ModeKeys.PREDICT:
            logging.warning("TPUEstimator only handles mode PREDICT for exporting when "
                            "`export_to_tpu` is `True`; Mode {} will be ignored for TPU."
                            .format(mode))
        if not self._export_to_cpu and not self._export_to_tpu:
            raise ValueError("One of export_to_cpu and export_to_tpu must be true.")
        if self._export_to_tpu and mode == ModeKeys.PREDICT:
            raise NotImplementedError(
                "TPUEstimator.export_saved_model with export_to_tpu=True (a TPU serving "
                "meta graph) is not implemented by flowgrad; pass export_to_tpu=False")
        super()._add_meta_graph_for_mode(builder, input_receiver_fn, checkpoint_path,
                                         save_variables, mode, strip_default_attrs)

    def train(self, input_fn, hooks=None, steps=None, max_steps=None,
              saving_listeners=None):
        rendezvous = _ErrorRendezvous()
        try:
            return super().train(input_fn=input_fn, hooks=hooks, steps=steps,
                                 max_steps=max_steps, saving_listeners=saving_listeners)
        except Exception:  # noqa: BLE001 - recorded and raised again, as TF's
            rendezvous.record_error("training_loop", sys.exc_info())
        finally:
            rendezvous.record_done("training_loop")
            rendezvous.raise_errors()

    def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None, name=None):
        rendezvous = _ErrorRendezvous()
        try:
            return super().evaluate(input_fn, steps=steps, hooks=hooks,
                                    checkpoint_path=checkpoint_path, name=name)
        except Exception:  # noqa: BLE001 - recorded and raised again, as TF's
            rendezvous.record_error("evaluation_loop", sys.exc_info())
        finally:
            rendezvous.record_done("evaluation_loop")
            rendezvous.raise_errors()

    def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None,
                yield_single_examples=True):
        rendezvous = _ErrorRendezvous()
        try:
            yield from super().predict(input_fn=input_fn, predict_keys=predict_keys,
                                       hooks=hooks, checkpoint_path=checkpoint_path,
                                       yield_single_examples=yield_single_examples)
        except Exception:  # noqa: BLE001 - recorded and raised again, as TF's
            rendezvous.record_error("prediction_loop", sys.exc_info())
        finally:
            rendezvous.record_done("prediction_loop")
            rendezvous.raise_errors()
        rendezvous.record_done("prediction_loop")
        rendezvous.raise_errors()
