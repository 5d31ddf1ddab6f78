"""`tf.contrib.learn.Estimator` and `SKCompat` (TF 1.14's contrib/learn/.../estimators/
estimator.py, local single-worker): fit / evaluate / predict a model_fn(features, labels,
[mode, params, config, model_dir]) returning ModelFnOps (or (predictions, loss, train_op))
over an input_fn or in-memory x, y. Evaluation and prediction need a checkpoint
(NotFittedError otherwise)."""
from __future__ import annotations

import copy
import functools
import inspect
import os
import tempfile

import numpy as np

from ... import logging
from ...engine.framework.config import ConfigProto
from ...engine.framework.graph import Graph, GraphKeys
from ...engine.ops.ordering import group
from ...ops.random_ops import set_random_seed
from ...train import basic_session_run_hooks as hooks_lib
from ...train import checkpoint_management, training_util
from ...train.monitored_session import (ChiefSessionCreator, MonitoredSession,
                                        MonitoredTrainingSession, Scaffold)
from ...train.saver import Saver
from ..training import evaluation
from . import _summary
from ._inputs import get_input_fn, verify_input_args
from .constants import ModeKeys, NotFittedError
from .interfaces import Evaluable, Trainable
from .model_fn import ModelFnOps
from .monitors import replace_monitors_with_hooks
from .run_config import RunConfig
from .signatures import check_inputs, placeholders_from_signatures

__all__ = ["BaseEstimator", "Estimator", "SKCompat"]


def _model_fn_args(fn):
    if isinstance(fn, functools.partial):
        args = inspect.getfullargspec(fn.func).args[len(fn.args):]
        return tuple(a for a in args if a not in set(fn.keywords))
    return tuple(inspect.getfullargspec(fn).args)


class BaseEstimator(Evaluable, Trainable):
    """Trains (fit), evaluates and predicts; subclasses build the ops of each mode."""

    _Config = RunConfig

    def __init__(self, model_dir=None, config=None):
        self._config = BaseEstimator._Config() if config is None else config
        if config is None:
            logging.info("Using default config.")
        self._session_config = (ConfigProto(allow_soft_placement=True)
                                if self._config.session_config is None
                                else self._config.session_config)
        if model_dir is not None and self._config.model_dir is not None \
                and model_dir != self._config.model_dir:
            raise ValueError("model_dir are set both in constructor and RunConfig, but with "
                             "different values. In constructor: '{}', in RunConfig: "
                             "'{}' ".format(model_dir, self._config.model_dir))
        self._model_dir = model_dir or self._config.model_dir
        if self._model_dir is None:
            self._model_dir = tempfile.mkdtemp()
            logging.warning("Using temporary folder as model directory: %s", self._model_dir)
        if self._config.model_dir is None:
            self._config = self._config.replace(model_dir=self._model_dir)
        logging.info("Using config: %s", str(vars(self._config)))
        self._features_info = None
        self._labels_info = None
        self._graph = None

    config = property(lambda self: copy.deepcopy(self._config))
    model_dir = property(lambda self: self._model_dir)

    @property
    def model_fn(self):
        def public_model_fn(features, labels, mode, config):
            return self._call_model_fn(features, labels, mode, config=config)
        return public_model_fn

    def fit(self, x=None, y=None, input_fn=None, steps=None, batch_size=None, monitors=None,
            max_steps=None):
        """Trains for `steps` steps (or up to `max_steps`) on input_fn or x, y."""
        if steps is not None and max_steps is not None:
            raise ValueError("Can not provide both steps and max_steps.")
        verify_input_args(x, y, input_fn, None, batch_size)
        if x is not None:
            SKCompat(self).fit(x, y, batch_size, steps, max_steps, monitors)
            return self
        if max_steps is not None:
            try:
                start_step = checkpoint_management.load_variable(self._model_dir,
                                                                 GraphKeys.GLOBAL_STEP)
                if max_steps <= start_step:
                    logging.info("Skipping training since max_steps has already saved.")
                    return self
            except Exception:  # noqa: BLE001 - TF's bare except: no checkpoint yet
                pass
        hooks = replace_monitors_with_hooks(monitors, self)
        if steps is not None or max_steps is not None:
            hooks.append(hooks_lib.StopAtStepHook(steps, max_steps))
        loss = self._train_model(input_fn=input_fn, hooks=hooks)
        logging.info("Loss for final step: %s.", loss)
        return self

    def partial_fit(self, x=None, y=None, input_fn=None, steps=1, batch_size=None,
                    monitors=None):
        """fit for `steps` (default 1) steps."""
        logging.warning("The current implementation of partial_fit is not optimized for use "
                        "in a loop. Consider using fit() instead.")
        return self.fit(x=x, y=y, input_fn=input_fn, steps=steps, batch_size=batch_size,
                        monitors=monitors)

    def evaluate(self, x=None, y=None, input_fn=None, feed_fn=None, batch_size=None,
                 steps=None, metrics=None, name=None, checkpoint_path=None, hooks=None,
                 log_progress=True):
        """The eval metrics (and 'loss', 'global_step') over the input on a checkpoint."""
        verify_input_args(x, y, input_fn, feed_fn, batch_size)
        if x is not None:
            return SKCompat(self).score(x, y, batch_size, steps, metrics, name)
        if metrics is not None and not isinstance(metrics, dict):
            raise ValueError("Metrics argument should be None or dict. Got %s." % metrics)
        results, global_step = self._evaluate_model(
            input_fn=input_fn, feed_fn=feed_fn, steps=steps, metrics=metrics, name=name,
            checkpoint_path=checkpoint_path, hooks=hooks, log_progress=log_progress)
        if results is not None:
            results.update({"global_step": global_step})
        return results

    def predict(self, x=None, input_fn=None, batch_size=None, outputs=None, as_iterable=True,
                iterate_batches=False):
        """The predictions over the input: an iterator (per example, or per batch with
        iterate_batches), or with as_iterable=False one batch's values."""
        verify_input_args(x, None, input_fn, None, batch_size)
        if x is not None and not as_iterable:
            return SKCompat(self).predict(x, batch_size)
        input_fn, feed_fn = get_input_fn(x, None, input_fn, None, batch_size)
        return self._infer_model(input_fn=input_fn, feed_fn=feed_fn, outputs=outputs,
                                 as_iterable=as_iterable, iterate_batches=iterate_batches)

    def get_variable_value(self, name):
        """A variable's value in the latest checkpoint."""
        return checkpoint_management.load_variable(self.model_dir, name)

    def get_variable_names(self):
        """The names of the variables in the latest checkpoint."""
        return [n for n, _ in checkpoint_management.list_variables(self.model_dir)]

    def export(self, export_dir, input_fn=None, input_feature_key=None,
               use_deprecated_input_fn=True, signature_fn=None, prediction_key=None,
               default_batch_size=1, exports_to_keep=None, checkpoint_path=None):
        """contrib.learn's session_bundle export (not implemented)."""
        raise NotImplementedError("tf.contrib.learn.Estimator.export (session_bundle export) "
                                  "is not implemented by flowgrad")

    def _get_train_ops(self, features, labels):
        raise NotImplementedError("_get_train_ops not implemented in BaseEstimator")

    def _get_predict_ops(self, features):
        raise NotImplementedError("_get_predict_ops not implemented in BaseEstimator")

    def _get_eval_ops(self, features, labels, metrics):
        raise NotImplementedError("_get_eval_ops not implemented in BaseEstimator")

    def _check_inputs(self, features, labels):
        self._features_info, self._labels_info = check_inputs(
            features, labels, self._features_info, self._labels_info)

    @staticmethod
    def _extract_metric_update_ops(eval_dict):
        update_ops, value_ops = [], {}
        for name, metric_ops in eval_dict.items():
            if isinstance(metric_ops, (list, tuple)):
                if len(metric_ops) == 2:
                    value_ops[name] = metric_ops[0]
                    update_ops.append(metric_ops[1])
                else:
                    logging.warning("Ignoring metric {}. It returned a list|tuple with len "
                                    "{}, expected 2".format(name, len(metric_ops)))
                    value_ops[name] = metric_ops
            else:
                value_ops[name] = metric_ops
        return (group(*update_ops) if update_ops else None), value_ops

    def _latest_checkpoint_or_raise(self):
        path = checkpoint_management.latest_checkpoint(self._model_dir)
        if not path:
            raise NotFittedError("Couldn't find trained model at %s." % self._model_dir)
        return path

    def _evaluate_model(self, input_fn, steps, feed_fn=None, metrics=None, name="",
                        checkpoint_path=None, hooks=None, log_progress=True):
        if not checkpoint_path:
            checkpoint_path = self._latest_checkpoint_or_raise()
        eval_dir = os.path.join(self._model_dir, "eval" if not name else "eval_" + name)
        with Graph().as_default() as g:
            set_random_seed(self._config.tf_random_seed)
            global_step = training_util.create_global_step(g)
            features, labels = input_fn()
            self._check_inputs(features, labels)
            ops = self._get_eval_ops(features, labels, metrics)
            update_op, eval_dict = self._extract_metric_update_ops(ops.eval_metric_ops)
            hooks = list(hooks) if hooks else []
            if feed_fn:
                hooks.append(hooks_lib.FeedFnHook(feed_fn))
            if steps == 0:
                logging.warning("evaluation steps are 0. If `input_fn` does not raise "
                                "`OutOfRangeError`, the evaluation will never stop. Use "
                                "steps=None if intended.")
            if steps:
                hooks.append(evaluation.StopAfterNEvalsHook(steps, log_progress=log_progress))
            key = "global_step"
            while key in eval_dict:
                key = "_" + key
            eval_dict[key] = global_step
            results = evaluation.evaluate_once(
                checkpoint_path=checkpoint_path, scaffold=ops.scaffold, eval_ops=update_op,
                final_ops=eval_dict, hooks=hooks, config=self._session_config)
            current_global_step = results[key]
            _summary.write_dict_to_summary(eval_dir, results, current_global_step)
        return results, current_global_step

    def _infer_model(self, input_fn, feed_fn=None, outputs=None, as_iterable=True,
                     iterate_batches=False):
        checkpoint_path = self._latest_checkpoint_or_raise()
        g = Graph()
        with g.as_default():
            set_random_seed(self._config.tf_random_seed)
            training_util.create_global_step(g)
            result = input_fn()
            features = result[0] if isinstance(result, (list, tuple)) else result
            infer_ops = self._get_predict_ops(features)
            predictions = self._filter_predictions(infer_ops.predictions, outputs)
            sess = MonitoredSession(session_creator=ChiefSessionCreator(
                checkpoint_filename_with_path=checkpoint_path, scaffold=infer_ops.scaffold,
                config=self._session_config))
        if not as_iterable:
            with g.as_default(), sess:
                if not sess.should_stop():
                    return sess.run(predictions, feed_fn() if feed_fn else None)
            return None
        return self._predict_generator(g, sess, predictions, feed_fn, iterate_batches)

    def _predict_generator(self, graph, sess, predictions, feed_fn, iterate_batches):
        with graph.as_default(), sess:
            while not sess.should_stop():
                preds = sess.run(predictions, feed_fn() if feed_fn else None)
                if iterate_batches:
                    yield preds
                elif not isinstance(predictions, dict):
                    yield from preds
                else:
                    first = list(preds.values())[0]
                    n = (first.dense_shape[0] if hasattr(first, "dense_shape")
                         else first.shape[0])
                    for i in range(n):
                        yield {k: v[i] for k, v in preds.items()}
                if not graph.get_collection(GraphKeys.QUEUE_RUNNERS) and feed_fn is None:
                    return

    @staticmethod
    def _filter_predictions(predictions, outputs):
        if not outputs:
            return predictions
        if not isinstance(predictions, dict):
            raise ValueError("outputs argument is not valid in case of non-dict predictions.")
        existing = predictions.keys()
        predictions = {k: v for k, v in predictions.items() if k in outputs}
        if not predictions:
            raise ValueError("Expected to run at least one output from %s, provided %s."
                             % (existing, outputs))
        return predictions

    def _train_model(self, input_fn, hooks):
        all_hooks = []
        self._graph = Graph()
        with self._graph.as_default() as g:
            set_random_seed(self._config.tf_random_seed)
            global_step = training_util.create_global_step(g)
            features, labels = input_fn()
            self._check_inputs(features, labels)
            hooks_lib._get_or_create_global_step_read()
            ops = self._get_train_ops(features, labels)
            g.add_to_collection(GraphKeys.LOSSES, ops.loss)
            all_hooks.extend(hooks)
            all_hooks.extend([hooks_lib.NanTensorHook(ops.loss), hooks_lib.LoggingTensorHook(
                {"loss": ops.loss, "step": global_step}, every_n_iter=100)])
            scaffold = ops.scaffold or Scaffold()
            if not (scaffold.saver or g.get_collection(GraphKeys.SAVERS)):
                g.add_to_collection(GraphKeys.SAVERS, Saver(
                    sharded=True, max_to_keep=self._config.keep_checkpoint_max,
                    keep_checkpoint_every_n_hours=self._config.keep_checkpoint_every_n_hours,
                    defer_build=True, save_relative_paths=True))
            chief_hooks = []
            if self._config.save_checkpoints_secs or self._config.save_checkpoints_steps:
                if not any(isinstance(h, hooks_lib.CheckpointSaverHook) for h in
                           all_hooks + ops.training_hooks + ops.training_chief_hooks):
                    chief_hooks = [hooks_lib.CheckpointSaverHook(
                        self._model_dir, save_secs=self._config.save_checkpoints_secs,
                        save_steps=self._config.save_checkpoints_steps, scaffold=scaffold)]
            loss = None
            with MonitoredTrainingSession(
                    checkpoint_dir=self._model_dir, scaffold=scaffold,
                    hooks=all_hooks + ops.training_hooks,
                    chief_only_hooks=chief_hooks + ops.training_chief_hooks,
                    save_checkpoint_secs=0, save_summaries_steps=self._config.save_summary_steps,
                    config=self._session_config) as sess:
                while not sess.should_stop():
                    _, loss = sess.run([ops.train_op, ops.loss])
            return loss


def _identity_feature_engineering_fn(features, labels):
    return features, labels


class Estimator(BaseEstimator):
    """contrib.learn's Estimator over a model_fn."""

    def __init__(self, model_fn=None, model_dir=None, config=None, params=None,
                 feature_engineering_fn=None):
        super().__init__(model_dir=model_dir, config=config)
        if model_fn is not None:
            args = _model_fn_args(model_fn)
            if params is not None and "params" not in args:
                raise ValueError("Estimator's model_fn (%s) does not have a params argument, "
                                 "but params (%s) were passed to the Estimator's "
                                 "constructor." % (model_fn, params))
            if params is None and "params" in args:
                logging.warning("Estimator's model_fn (%s) includes params argument, but "
                                "params are not passed to Estimator.", model_fn)
        self._model_fn = model_fn
        self.params = params
        self._feature_engineering_fn = (feature_engineering_fn
                                        or _identity_feature_engineering_fn)

    def _call_model_fn(self, features, labels, mode, metrics=None, config=None):
        from .metrics import make_metrics_ops  # lazy: tf.metrics load on first use
        features, labels = self._feature_engineering_fn(features, labels)
        args = _model_fn_args(self._model_fn)
        kwargs = {}
        if "mode" in args:
            kwargs["mode"] = mode
        if "params" in args:
            kwargs["params"] = self.params
        if "config" in args:
            kwargs["config"] = config if config else self.config
        if "model_dir" in args:
            kwargs["model_dir"] = self.model_dir
        results = self._model_fn(features, labels, **kwargs)
        if isinstance(results, ModelFnOps):
            ops = results
        else:
            if len(results) != 3:
                raise ValueError("Unrecognized value returned by model_fn, please return "
                                 "ModelFnOps.")
            ops = ModelFnOps(mode=mode, predictions=results[0], loss=results[1],
                             train_op=results[2])
        if metrics:
            ops.eval_metric_ops.update(make_metrics_ops(metrics, features, labels,
                                                        ops.predictions))
        return ops

    def _get_train_ops(self, features, labels):
        return self._call_model_fn(features, labels, ModeKeys.TRAIN)

    def _get_eval_ops(self, features, labels, metrics):
        from ...metrics import mean  # lazy: tf.metrics load on first use
        ops = self._call_model_fn(features, labels, ModeKeys.EVAL, metrics)
        if "loss" not in ops.eval_metric_ops:
            ops.eval_metric_ops["loss"] = mean(ops.loss)
        return ops

    def _get_predict_ops(self, features):
        labels = placeholders_from_signatures(self._labels_info)
        return self._call_model_fn(features, labels, ModeKeys.INFER)

    def export_savedmodel(self, export_dir_base, serving_input_fn,
                          default_output_alternative_key=None, assets_extra=None,
                          as_text=False, checkpoint_path=None, graph_rewrite_specs=(None,),
                          strip_default_attrs=False):
        """contrib.learn's SavedModel export (not implemented)."""
        raise NotImplementedError("tf.contrib.learn.Estimator.export_savedmodel is not "
                                  "implemented by flowgrad")


class SKCompat:
    """A scikit-learn style wrapper: fit(x, y), score(x, y), predict(x)."""

    def __init__(self, estimator):
        self._estimator = estimator

    def fit(self, x, y, batch_size=128, steps=None, max_steps=None, monitors=None):
        input_fn, feed_fn = get_input_fn(x, y, input_fn=None, feed_fn=None,
                                         batch_size=batch_size, shuffle=True, epochs=None)
        all_monitors = [hooks_lib.FeedFnHook(feed_fn)] if feed_fn else []
        all_monitors.extend(monitors or [])
        self._estimator.fit(input_fn=input_fn, steps=steps, max_steps=max_steps,
                            monitors=all_monitors)
        return self

    def score(self, x, y, batch_size=128, steps=None, metrics=None, name=None):
        input_fn, feed_fn = get_input_fn(x, y, input_fn=None, feed_fn=None,
                                         batch_size=batch_size, shuffle=False, epochs=1)
        if metrics is not None and not isinstance(metrics, dict):
            raise ValueError("Metrics argument should be None or dict. Got %s." % metrics)
        results, global_step = self._estimator._evaluate_model(
            input_fn=input_fn, feed_fn=feed_fn, steps=steps, metrics=metrics, name=name)
        if results is not None:
            results.update({"global_step": global_step})
        return results

    def predict(self, x, batch_size=128, outputs=None):
        input_fn, feed_fn = get_input_fn(x, None, input_fn=None, feed_fn=None,
                                         batch_size=batch_size, shuffle=False, epochs=1)
        results = list(self._estimator._infer_model(
            input_fn=input_fn, feed_fn=feed_fn, outputs=outputs, as_iterable=True,
            iterate_batches=True))
        if not isinstance(results[0], dict):
            return np.concatenate(results, axis=0)
        return {k: np.concatenate([r[k] for r in results], axis=0) for k in results[0]}
