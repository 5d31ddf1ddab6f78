"""contrib.learn's `metrics` argument of evaluate (TF 1.14's _make_metrics_ops): a dict of
name -> MetricSpec, metric function(predictions, labels), or (name, prediction key) ->
function."""
from __future__ import annotations

from ... import logging
from .metric_spec import MetricSpec


def make_metrics_ops(metrics, features, labels, predictions):
    """{name: metric ops} for the `metrics` given to evaluate."""
    metrics = metrics or {}
    labels_tensor_or_dict = labels
    if isinstance(labels, dict) and len(labels) == 1:
        labels_tensor_or_dict = labels[list(labels.keys())[0]]
    result = {}
    for name, metric in sorted(metrics.items()):   # as TF: str and tuple keys do not mix
        if isinstance(metric, MetricSpec):
            result[name] = metric.create_metric_ops(features, labels, predictions)
            continue
        logging.warning("Please specify metrics using MetricSpec. Using bare functions or "
                        "(key, fn) tuples is deprecated and support for it will be removed "
                        "on Oct 1, 2016.")
        if isinstance(name, tuple):
            if len(name) != 2:
                raise ValueError("Invalid metric for {}. It returned a tuple with len {}, "
                                 "expected 2.".format(name, len(name)))
            if not isinstance(predictions, dict):
                raise ValueError("Metrics passed provide (name, prediction), but "
                                 "predictions are not dict. Metrics: %s, Predictions: %s."
                                 % (metrics, predictions))
            if isinstance(labels, dict) and name[1] in labels:
                result[name[0]] = metric(predictions[name[1]], labels[name[1]])
            else:
                result[name[0]] = metric(predictions[name[1]], labels_tensor_or_dict)
        else:
            if isinstance(predictions, dict):
                raise ValueError("Metrics passed provide only name, no prediction, but "
                                 "predictions are dict. Metrics: %s, Labels: %s."
                                 % (metrics, labels_tensor_or_dict))
            result[name] = metric(predictions, labels_tensor_or_dict)
    return result
