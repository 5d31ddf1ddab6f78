"""`tf.estimator.add_metrics` (TF 1.14's extenders.py): an Estimator whose evaluation
adds the metrics of `metric_fn(features, labels, predictions, config)`."""
from __future__ import annotations

import inspect

from .estimator import Estimator
from .model_fn import ModeKeys

__all__ = ["add_metrics"]

_VALID_METRIC_FN_ARGS = {"features", "labels", "predictions", "config"}


def add_metrics(estimator, metric_fn):
    """A new Estimator (same model_dir, config and warm start) whose EVAL spec has
    metric_fn's eval_metric_ops added."""
    args = list(inspect.signature(metric_fn).parameters)
    invalid = list(set(args) - _VALID_METRIC_FN_ARGS)
    if invalid:
        raise ValueError("metric_fn (%s) has following not expected args: %s"
                         % (metric_fn, invalid))

    def new_model_fn(features, labels, mode, config):
        spec = estimator.model_fn(features, labels, mode, config)
        if mode != ModeKeys.EVAL:
            return spec
        kwargs = {k: v for k, v in (("features", features), ("labels", labels),
                                    ("predictions", spec.predictions), ("config", config))
                  if k in args}
        metrics = dict(spec.eval_metric_ops or {})
        metrics.update(metric_fn(**kwargs))
        return spec._replace(eval_metric_ops=metrics)

    return Estimator(model_fn=new_model_fn, model_dir=estimator.model_dir,
                     config=estimator.config, warm_start_from=estimator._warm_start_settings)
