"""`tf.contrib.learn.MetricSpec` (TF 1.14's metric_spec.py): a metric function with the
prediction, label and weight keys it reads; its arguments are matched by name (labels /
label / targets / target, predictions / prediction / logits / logit, weights / weight) or
by position."""
from __future__ import annotations

import functools
import inspect

from ... import logging

__all__ = ["MetricSpec"]

_LABELS = ("labels", {"labels", "label", "targets", "target"})
_PREDICTIONS = ("predictions", {"predictions", "prediction", "logits", "logit"})
_WEIGHTS = ("weights", {"weights", "weight"})


def _args(fn):
    if isinstance(fn, functools.partial):
        return tuple(a for a in _args(fn.func) if a not in set(fn.keywords))
    return tuple(inspect.getfullargspec(fn).args)


def _fn_name(fn):
    if hasattr(fn, "__name__"):
        return fn.__name__
    if hasattr(fn, "func") and hasattr(fn.func, "__name__"):
        return fn.func.__name__
    return str(fn)


def _matching_arg(fn_name, fn_args, kind, is_required=False):
    canonical, candidates = kind
    matching = candidates.intersection(fn_args)
    if len(matching) > 1:
        raise ValueError("Ambiguous arguments %s, must provide only one of %s."
                         % (matching, candidates))
    arg = matching.pop() if matching else None
    if arg and arg != canonical:
        logging.warning("Canonical arg %s missing from %s(%s), using %s.", canonical, fn_name,
                        fn_args, arg)
    elif not arg and is_required:
        raise ValueError("%s missing from %s(%s)." % (candidates, fn_name, fn_args))
    return arg


def _adapt_metric_fn(metric_fn, name, labels_required, weights_required):
    """metric_fn as a function of keyword labels, predictions and weights."""
    args = _args(metric_fn)
    labels_arg = _matching_arg(name, args, _LABELS, labels_required)
    predictions_arg = _matching_arg(name, args, _PREDICTIONS)
    weights_arg = _matching_arg(name, args, _WEIGHTS, weights_required)

    def adapted(_sentinel=None, labels=None, predictions=None, weights=None):
        if _sentinel is not None:
            raise ValueError("metric_fn: must specify labels, predictions and weights by "
                             "name")
        kwargs = {} if weights is None else {weights_arg: weights}
        if labels_arg:
            kwargs[labels_arg] = labels
            if predictions_arg:
                return metric_fn(**dict(kwargs, **{predictions_arg: predictions}))
            if labels_arg == args[0]:
                del kwargs[labels_arg]
                return metric_fn(labels, predictions, **kwargs)
            return metric_fn(predictions, **kwargs)
        if predictions_arg:
            return metric_fn(**dict(kwargs, **{predictions_arg: predictions}))
        return metric_fn(predictions, **kwargs)

    return adapted


def _get(name, dict_or_tensor, key):
    if key:
        if not isinstance(dict_or_tensor, dict):
            raise ValueError("MetricSpec with " + name + "_key specified requires " + name
                             + "s dict, got %s.\n" % dict_or_tensor
                             + "You must not provide a %s_key if you " % name
                             + "only have a single Tensor as %ss." % name)
        if key not in dict_or_tensor:
            raise KeyError("Key '%s' missing from %s." % (key, dict_or_tensor.keys()))
        return dict_or_tensor[key]
    if isinstance(dict_or_tensor, dict):
        if len(dict_or_tensor) != 1:
            raise ValueError("MetricSpec without specified " + name + "_key requires " + name
                             + "s tensor or single element dict, got %s" % dict_or_tensor)
        return next(iter(dict_or_tensor.values()))
    return dict_or_tensor


class MetricSpec:
    """A metric function and the keys of the prediction, label and weight it reads."""

    def __init__(self, metric_fn, prediction_key=None, label_key=None, weight_key=None):
        self._metric_fn_name = _fn_name(metric_fn)
        self._metric_fn = _adapt_metric_fn(metric_fn, self._metric_fn_name,
                                           label_key is not None, weight_key is not None)
        self._prediction_key = prediction_key
        self._label_key = label_key
        self._weight_key = weight_key

    prediction_key = property(lambda self: self._prediction_key)
    label_key = property(lambda self: self._label_key)
    weight_key = property(lambda self: self._weight_key)
    metric_fn = property(lambda self: self._metric_fn)

    def __str__(self):
        return ("MetricSpec(metric_fn=%s, " % self._metric_fn_name
                + "prediction_key=%s, " % self.prediction_key
                + "label_key=%s, " % self.label_key + "weight_key=%s)" % self.weight_key)

    def create_metric_ops(self, inputs, labels, predictions):
        """The metric's (value, update op) on the keyed prediction, label and weight."""
        prediction = _get("prediction", predictions, self.prediction_key)
        label = _get("label", labels, self.label_key)
        try:
            return self.metric_fn(labels=label, predictions=prediction,
                                  weights=inputs[self.weight_key] if self.weight_key else None)
        except Exception as ex:
            logging.error("Could not create metric ops for %s, %s." % (self, ex))
            raise
