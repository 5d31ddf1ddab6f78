"""compile()'s losses and metrics (TF 1.14 keras/engine/training.py, training_utils.py):
the loss of an output for a Loss object, the metrics of each output by TF's names, and
the epoch aggregation of their batch values.

A metric function is wrapped in a MeanMetricWrapper when compile collects it (its
`total` and `count` variables made then, as TF makes them); every metric keeps its state
in its variables: its result tensor (which runs its update) is fetched, and its state is
reset when a loop starts, as TF 1.14 resets the metrics at each epoch, each evaluation
and each train_on_batch / test_on_batch.
"""
import collections

from ...engine.framework.graph import name_scope
from ...ops import math_ops
from .. import losses as losses_module
from .. import metrics as metrics_module
from .._losses_utils import (ReductionV2, compute_weighted_loss, reduce_weighted_loss,
                             squeeze_or_expand_dimensions)
from .._metrics_base import is_tensor_or_variable
from .base_layer import _get_mask

__all__ = ["check_for_unexpected_keys", "loss_function", "per_output_metrics",
           "set_metric_names", "handle_metrics", "total_loss", "Aggregator",
           "reset_metric_objects"]


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
            fn = _metric_function(m, output_shapes[i], loss_fns[i])
            if not isinstance(fn, metrics_module.Metric):  # its total / count made now
                fn = metrics_module.MeanMetricWrapper(fn, name=name)
            per_output[name] = fn
        out.append(per_output)
    return out


def loss_function(loss):
    """TF 1.14's get_loss_function: a Loss object or a nameless callable as is, a name,
    config or function wrapped in a LossFunctionWrapper reducing SUM_OVER_BATCH_SIZE."""
    if loss is None or isinstance(loss, losses_module.Loss):
        return loss
    if isinstance(loss, dict):
        loss = losses_module.get(loss)
    if callable(loss) and not hasattr(loss, "__name__"):
        return loss
    fn = losses_module.get(loss)
    return losses_module.LossFunctionWrapper(fn, name=fn.__name__,
                                             reduction=ReductionV2.SUM_OVER_BATCH_SIZE)


def set_metric_names(model, per_output, weighted_per_output):
    """TF 1.14's _set_metric_attributes: each metric renamed uniquely (the output's name
    first when there are several, then '_1', '_2', ...), appended to metrics_names and
    to the model's metric objects; the dicts keyed by the new names."""
    n = len(model.outputs)
    renamed = ([], [])
    for i in range(len(per_output)):
        for group, out in ((per_output[i], renamed[0]), (weighted_per_output[i],
                                                         renamed[1])):
            updated = collections.OrderedDict()
            for base, fn in group.items():
                name = "%s_%s" % (model.output_names[i], base) if n > 1 else base
                unique, j = name, 1
                while unique in model._compile_metrics_names:
                    unique, j = "%s_%d" % (name, j), j + 1
                fn._name = unique
                updated[unique] = fn
                model._compile_metrics_names.append(unique)
                model._metric_objects.append(fn)
            out.append(updated)
    return renamed


def _masked(mask, y_pred, weights):
    """TF 1.14: an output's Keras mask (cast to the output's dtype) is its sample weight,
    or multiplies the given one (their dimensions matched first)."""
    if mask is None:
        return weights
    mask = math_ops.cast(mask, y_pred.dtype)
    if weights is None:
        return mask
    mask, _, weights = squeeze_or_expand_dimensions(mask, None, weights)
    return weights * mask


def output_mask(output):
    """TF 1.14's `output._keras_mask` (None when the output carries none)."""
    return _get_mask(output)


def target_tensors_list(model, target_tensors):
    """compile's `target_tensors` as one tensor or None per output (TF 1.14's
    _process_target_tensor_for_compile): a list, a dict by output name, or one tensor."""
    if target_tensors is None or (isinstance(target_tensors, list) and not target_tensors):
        return [None] * len(model.output_names)
    if isinstance(target_tensors, list):
        if len(target_tensors) != len(model.outputs):
            raise ValueError("When passing a list as `target_tensors`, it should have one "
                             "entry per model output. The model has %s outputs, but you "
                             "passed target_tensors=%s" % (len(model.outputs),
                                                           target_tensors))
        return list(target_tensors)
    if isinstance(target_tensors, dict):
        unexpected = set(target_tensors.keys()).difference(model.output_names)
        if unexpected:
            raise ValueError("Unknown entry in `target_tensors` dictionary: \"{name}\". Only "
                             "expected the following keys: {keys}".format(
                                 name=unexpected, keys=str(model.output_names)))
        return [target_tensors.get(name, None) for name in model.output_names]
    if is_tensor_or_variable(target_tensors):
        return [target_tensors]
    raise TypeError("Expected `target_tensors` to be a list or tuple or dict or a single "
                    "tensor, but got:", target_tensors)


def handle_metrics(model, per_output, targets, weights=None):
    """TF 1.14's _handle_metrics: in name_scope('metrics'), each metric of each output
    called in its own name scope (weighted by the output's sample weights when given, and
    by its Keras mask); records the result tensors by name on the model."""
    with name_scope("metrics"):
        for i, metrics in enumerate(per_output):
            if model._loss_fns[i] is None:
                continue
            mask = output_mask(model.outputs[i])
            for name, fn in metrics.items():
                with name_scope(name):
                    w = _masked(mask, model.outputs[i],
                                None if weights is None else weights[i])
                    model._metric_results[name] = fn(targets[i], model.outputs[i],
                                                     sample_weight=w)


def total_loss(model, sample_weights):
    """TF 1.14's _prepare_total_loss: in name_scope('loss'), each output's loss (a
    Loss's per-sample losses weighted and reduced, 'auto' as 'sum_over_batch_size';
    another callable given the weights), its running mean when there are several
    outputs, times its loss weight, summed; plus the regularization losses."""
    total = None
    with name_scope("loss"):
        for i, fn in enumerate(model._loss_fns):
            if fn is None:
                continue
            target, output = model._targets[i], model.outputs[i]
            name = model.output_names[i] + "_loss"
            with name_scope(name):
                sample_weight = _masked(output_mask(output), output, sample_weights[i])
                if hasattr(fn, "reduction"):
                    per_sample = fn.call(target, output)
                    weighted = compute_weighted_loss(per_sample,
                                                     sample_weight=sample_weight,
                                                     reduction=ReductionV2.NONE)
                    reduction = fn.reduction
                    if reduction == ReductionV2.AUTO:
                        reduction = ReductionV2.SUM_OVER_BATCH_SIZE
                    out_loss = reduce_weighted_loss(weighted, reduction=reduction)
                else:
                    out_loss = fn(target, output, sample_weight=sample_weight)
            if len(model.outputs) > 1:
                model._metric_results[name] = model._loss_means[i](out_loss)
            term = model._loss_weights_list[i] * out_loss
            total = term if total is None else total + term
        if total is None:
            if not model.losses:
                raise ValueError("The model cannot be compiled because it has no loss to "
                                 "optimize.")
            total = 0.
        # two reads, as TF: each builds the regularization losses again
        reg = model.get_losses_for(None) + model.get_losses_for(model.inputs)
        if reg:
            total += math_ops.add_n(reg)
    return total


def metric_objects(model):
    """What Model.reset_metrics resets: the compiled metrics, those of add_metric and the
    output losses' means."""
    return [m for m in list(model.metrics) + list(getattr(model, "_loss_means", None) or ())
            if m is not None]


def reset_metric_objects(model):
    """Sets the state of the model's metrics to 0 (Model.reset_metrics)."""
    for m in metric_objects(model):
        m.reset_states()


class Aggregator:
    """Epoch values as TF 1.14 aggregates them: the loss summed with a weight per batch
    (its size, or 1 per step) and divided at the end; the output losses' means and the
    metrics are stateful (their variables run on with each batch): the latest result of
    each is the epoch's. Resets the metrics first unless `reset` is False."""

    def __init__(self, model, reset=True):
        if reset:
            reset_metric_objects(model)
        self.n = len(model.metrics_names)
        self.loss = 0.
        self.values = None

    def add(self, outs, weight):
        self.loss += float(outs[0]) * weight
        self.values = list(outs[:self.n])
        return self.values

    def result(self, denominator):
        if self.values is None:
            raise ValueError("Empty training data.")
        out = list(self.values)
        out[0] = self.loss / denominator
        return out


def metrics_of(model):
    """Model.metrics: the compiled metrics (functions as MeanMetricWrappers)."""
    return list(getattr(model, "_metric_objects", []))

