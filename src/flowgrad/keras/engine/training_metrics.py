"""compile()'s losses and metrics (TF 1.14 keras/engine/training.py, training_utils.py):
the loss of an output for a Loss object, the metrics of each output by TF's names, and
the epoch aggregation of their batch values.

A metric function is averaged over an epoch as TF's MeanMetricWrapper averages it
(float32 total and count, here summed from each batch's); a Metric object keeps its own
state in its variables: its result tensor (which runs its update) is fetched, and its
state is reset when a loop starts, as TF 1.14 resets the metrics at each epoch, each
evaluation and each train_on_batch / test_on_batch.
"""
import collections

import numpy as np

from ...engine.framework.graph import name_scope
from ...ops import array_ops, math_ops
from .. import losses as losses_module
from .. import metrics as metrics_module
from .._losses_utils import ReductionV2, compute_weighted_loss, reduce_weighted_loss
from .._metrics_base import _weighted_values

__all__ = ["check_for_unexpected_keys", "output_loss", "per_output_metrics",
           "add_metric_tensors", "Aggregator", "reset_metric_objects"]


def output_loss(fn, target, output, sample_weight):
    """The loss of one output: a Loss object's per-sample losses weighted and reduced by
    its reduction ('auto' is 'sum_over_batch_size'); a function's per-sample losses
    weighted and averaged over their number."""
    if isinstance(fn, losses_module.Loss):
        per_sample = fn.call(target, output)
        weighted = compute_weighted_loss(per_sample, sample_weight=sample_weight,
                                         reduction=ReductionV2.NONE)
        reduction = fn.reduction
        if reduction == ReductionV2.AUTO:
            reduction = ReductionV2.SUM_OVER_BATCH_SIZE
        return reduce_weighted_loss(weighted, reduction=reduction)
    values = fn(target, output)
    weighted = values * sample_weight
    size = math_ops.cast(array_ops.size(values), weighted.dtype)
    return math_ops.reduce_sum(weighted) / size


def _is_loss(loss_fn, loss_cls, fn):
    return isinstance(loss_fn, loss_cls) or (
        isinstance(loss_fn, losses_module.LossFunctionWrapper) and loss_fn.fn == fn) or (
        getattr(loss_fn, "__name__", None) == fn.__name__)


def _metric_function(metric, output_shape, loss_fn):
    """TF 1.14's get_metric_function: 'acc' / 'ce' chosen by the output's shape and the
    loss, anything else through metrics.get."""
    if metric not in ("accuracy", "acc", "crossentropy", "ce"):
        return metrics_module.get(metric)
    sparse = _is_loss(loss_fn, losses_module.SparseCategoricalCrossentropy,
                      losses_module.sparse_categorical_crossentropy)
    binary = _is_loss(loss_fn, losses_module.BinaryCrossentropy,
                      losses_module.binary_crossentropy)
    if metric in ("accuracy", "acc"):
        if output_shape[-1] == 1 or binary:
            return metrics_module.binary_accuracy
        if sparse:
            return metrics_module.sparse_categorical_accuracy
        return metrics_module.categorical_accuracy
    if output_shape[-1] == 1 or binary:
        return metrics_module.binary_crossentropy
    if sparse:
        return metrics_module.sparse_categorical_crossentropy
    return metrics_module.categorical_crossentropy


def _metric_name(metric, weighted=False):
    prefix = "weighted_" if weighted else ""
    if metric in ("accuracy", "acc"):
        return prefix + "acc"
    if metric in ("crossentropy", "ce"):
        return prefix + "ce"
    fn = metrics_module.get(metric)
    return prefix + (fn.name if hasattr(fn, "name") else fn.__name__)


def check_for_unexpected_keys(name, input_dict, expected_values):
    """ValueError (TF's message) when the dict has keys that are not output names."""
    unknown = [key for key in input_dict if key not in expected_values]
    if unknown:
        raise ValueError("Unknown entries in {} dictionary: {}. Only expected following "
                         "keys: {}".format(name, unknown, expected_values))


def per_output_metrics(metrics, output_names, output_shapes, loss_fns, is_weighted=False):
    """One {name: metric function or Metric object} per output (TF 1.14's
    collect_per_output_metric_info: a later metric of the same name replaces an earlier
    one; a flat list is applied to every output, Metric objects cloned); the names of
    weighted metrics start with 'weighted_'."""
    if not metrics:
        return [collections.OrderedDict() for _ in output_names]
    if isinstance(metrics, list):
        if any(isinstance(m, list) for m in metrics):
            if len(metrics) != len(output_names):
                raise ValueError("When passing a list of lists as `metrics`, it should have "
                                 "one entry per model output. The model has " +
                                 str(len(output_names)) + " outputs, but you passed "
                                 "metrics=" + str(metrics))
            nested = [m if isinstance(m, list) else [m] for m in metrics]
        elif len(output_names) > 1:
            nested = [[metrics_module.clone_metric(m) for m in metrics] for _ in output_names]
        else:
            nested = [metrics]
    elif isinstance(metrics, dict):
        check_for_unexpected_keys("metrics", metrics, output_names)
        nested = []
        for name in output_names:
            ms = metrics.get(name, [])
            nested.append(list(ms) if isinstance(ms, (list, tuple)) else [ms])
    else:
        raise TypeError("Type of `metrics` argument not understood. Expected a list or "
                        "dictionary, found: " + str(metrics))
    out = []
    for i, ms in enumerate(nested):
        per_output = collections.OrderedDict()
        for m in ms:
            # the name before the function, as TF: names count the instances made
            name = _metric_name(m, is_weighted)
            per_output[name] = _metric_function(m, output_shapes[i], loss_fns[i])
        out.append(per_output)
    return out


def _function_metric(fn, target, output, weights):
    """A metric function's (total, count) for one batch: the sum of its values and their
    number, or (weighted) the sum of values * weights and the sum of the weights (as
    TF's MeanMetricWrapper, weights broadcast to the values)."""
    values = fn(target, output)
    if weights is None:
        total = math_ops.reduce_sum(values)
        count = math_ops.cast(array_ops.size(values), values.dtype)
        return total, count
    values, weights = _weighted_values(values, weights, values.dtype, math_ops.reduce_mean)
    return math_ops.reduce_sum(values * weights), math_ops.reduce_sum(weights)


def add_metric_tensors(model, per_output, targets, weighted_per_output=None, weights=None):
    """Builds each metric in name_scope('metrics'), per output its metrics then its
    weighted metrics (weighted by the output's sample weights): a function's batch
    (total, count), a Metric object's result (renamed as TF renames it: the output's
    name first, then '_1', '_2', ... until unique). Appends to model.metrics_names and
    returns the fetch tuples in that order."""
    n = len(model.outputs)
    entries = []
    with name_scope("metrics"):
        for i in range(len(per_output)):
            output, target = model.outputs[i], targets[i]
            groups = [(per_output[i], None)]
            if weighted_per_output is not None:
                groups.append((weighted_per_output[i], weights[i]))
            for metrics, w in groups:
                for base, fn in metrics.items():
                    name = "%s_%s" % (model.output_names[i], base) if n > 1 else base
                    unique, j = name, 1
                    while unique in model.metrics_names:
                        unique, j = "%s_%d" % (name, j), j + 1
                    with name_scope(unique):
                        if isinstance(fn, metrics_module.Metric):
                            fn._name = unique
                            entries.append((fn(target, output, sample_weight=w),))
                            model._metric_objects.append(fn)
                        else:
                            entries.append(_function_metric(fn, target, output, w))
                    model.metrics_names.append(unique)
    return entries


def reset_metric_objects(model):
    """Sets the state of the model's metrics to 0 (Model.reset_metrics): the Metric
    objects' variables, and the running totals and counts of the metric functions and
    of the output losses."""
    for m in getattr(model, "_metric_objects", ()):
        m.reset_states()
    model._metric_state = None


class Aggregator:
    """Epoch values as TF 1.14 aggregates them: the loss summed with a weight per batch
    (its size, or 1 per step) and divided at the end; output losses and metric functions
    are running means (float32 totals and counts, kept on the model between calls as
    TF's metric variables are), Metric objects give their own result; the latest value
    of each is the epoch's. Resets the metrics first unless `reset` is False."""

    def __init__(self, model, reset=True):
        if reset:
            reset_metric_objects(model)
        self.n_out = len(model.outputs) if len(model.outputs) > 1 else 0
        self.sizes = [len(e) for e in model._metric_tensors]
        self.loss = 0.
        if getattr(model, "_metric_state", None) is None:
            n = self.n_out + len(self.sizes)
            model._metric_state = ([np.float32(0)] * n, [np.float32(0)] * n)
        self.totals, self.counts = model._metric_state
        self.values = None

    def add(self, outs, weight):
        self.loss += float(outs[0]) * weight
        values = [outs[0]]
        for j in range(self.n_out):
            self.totals[j] = np.float32(self.totals[j] + outs[1 + j])
            self.counts[j] = np.float32(self.counts[j] + 1)
            values.append(np.float32(self.totals[j] / self.counts[j]))
        at = 1 + self.n_out
        for j, size in enumerate(self.sizes):
            if size == 1:  # a Metric object's result
                values.append(outs[at])
            else:
                k = self.n_out + j
                self.totals[k] = np.float32(self.totals[k] + outs[at])
                self.counts[k] = np.float32(self.counts[k] + outs[at + 1])
                values.append(np.float32(self.totals[k] / self.counts[k]) if self.counts[k]
                              else np.float32(0))
            at += size
        self.values = values
        return values

    def result(self, denominator):
        if self.values is None:
            raise ValueError("Empty training data.")
        out = list(self.values)
        out[0] = self.loss / denominator
        return out


def metrics_of(model):
    """Model.metrics: the compiled Metric objects."""
    return list(getattr(model, "_metric_objects", []))

