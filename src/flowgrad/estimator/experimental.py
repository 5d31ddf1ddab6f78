"""`tf.estimator.experimental`: early-stopping hooks and the canned models' logit_fn
builders, the raw supervised input receiver, InMemoryEvaluatorHook and
make_stop_at_checkpoint_step_hook, and KMeans (LinearSDCA is not in flowgrad)."""
from __future__ import annotations

import inspect

from .canned.dnn import dnn_logit_fn_builder
from .canned.linear import linear_logit_fn_builder
from .export.export import build_raw_supervised_input_receiver_fn
from .hooks import InMemoryEvaluatorHook, make_stop_at_checkpoint_step_hook
from .early_stopping import (make_early_stopping_hook, stop_if_higher_hook,
                             stop_if_lower_hook, stop_if_no_decrease_hook,
                             stop_if_no_increase_hook)

__all__ = ["InMemoryEvaluatorHook", "KMeans",  # noqa: F822 - module __getattr__
           "build_raw_supervised_input_receiver_fn", "call_logit_fn", "dnn_logit_fn_builder",
           "linear_logit_fn_builder", "make_early_stopping_hook",
           "make_stop_at_checkpoint_step_hook", "stop_if_higher_hook", "stop_if_lower_hook",
           "stop_if_no_decrease_hook", "stop_if_no_increase_hook"]


def call_logit_fn(logit_fn, features, mode, params, config):
    """Calls logit_fn with the arguments it takes; checks it returns a Tensor or a dict of
    Tensors."""
    from ..engine.framework.graph import Tensor  # lazy: a type check only
    args = inspect.signature(logit_fn).parameters
    kwargs = {}
    if "mode" in args:
        kwargs["mode"] = mode
    if "params" in args:
        kwargs["params"] = params
    if "config" in args:
        kwargs["config"] = config
    logit_fn_results = logit_fn(features=features, **kwargs)
    result_is_valid_dictionary = isinstance(logit_fn_results, dict) and all(
        isinstance(k, str) and isinstance(v, Tensor) for k, v in logit_fn_results.items())
    if not (isinstance(logit_fn_results, Tensor) or result_is_valid_dictionary):
        raise ValueError("logit_fn should return a Tensor or a dictionary mapping strings "
                         "to Tensors.  logit_fn returned: %s" % logit_fn_results)
    return logit_fn_results


def __getattr__(name):
    if name == "KMeans":
        # contrib.factorization's k-means builds on the whole flowgrad namespace
        from ..contrib.factorization.kmeans import KMeans  # lazy: needs flowgrad loaded
        return KMeans
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
