"""tf.keras.Model: compile, fit, evaluate, predict (TF 1.14 keras/engine/training.py and
training_arrays.py), graph mode on keras.backend.get_session().

compile builds TF 1.14's ops in TF's order: the targets, the metrics' variables (a
function wrapped in a MeanMetricWrapper: `total`, `count`), their updates and results in
name_scope('metrics'), then the loss in name_scope('loss'): a LossFunctionWrapper's
per-sample losses weighted (by 1.0 until data brings sample weights, when a
PlaceholderWithDefault is made and the loss rebuilt, as TF recompiles) and reduced
(SUM_OVER_BATCH_SIZE), times the loss weight, plus the regularization losses. Metrics
are stateful (their results fetched each batch, reset at each epoch and evaluation);
the epoch loss is the batch losses weighted by batch size. fit shuffles with
np.random.shuffle of the indices each epoch.
"""
import collections.abc
import json as _json
import os as _os

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework import constant_op
from ...engine.framework.graph import control_dependencies, name_scope
from ...ops import array_ops, control_flow_ops, state_ops
from .. import backend as K
from .._backend_graph import run_function
from .. import callbacks as cbks
from ... import logging
from .. import optimizers
from .. import losses as losses_module
from .. import saving
from . import training_distributed as td
from . import training_generator as tg
from . import training_metrics as tm
from .base_layer import _flatten
from .network import Network

__all__ = ["Model"]

def _to_list(x):
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


class _LoopProgbar(cbks.Callback):
    """The progress bar of evaluate / predict (TF 1.14's test and predict loops): a
    ProgbarLogger fed the test or predict batch hooks, finished with the results."""

    def __init__(self, model, verbose, target, use_steps, metrics):
        super().__init__()
        self.bar = cbks.ProgbarLogger("steps" if use_steps else "samples",
                                      stateful_metrics=model.metrics_names[1:])
        self.bar.set_params({"verbose": verbose, "epochs": 1, "steps": target,
                             "samples": target, "metrics": metrics})
        self.bar.on_train_begin()
        self.bar.on_epoch_begin(0)

    def on_test_batch_begin(self, batch, logs=None):
        self.bar.on_batch_begin(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self.bar.on_batch_end(batch, logs)

    on_predict_batch_begin = on_test_batch_begin
    on_predict_batch_end = on_test_batch_end

    def finish(self, names, values):
        if self.bar.target is None:
            self.bar.progbar.target = self.bar.target = self.bar.seen
        self.bar.on_epoch_end(0, dict(zip(names, values)))


def _with_progbar(cb, model, verbose, target, use_steps, metrics):
    if not verbose:
        return None
    bar = _LoopProgbar(model, verbose, target, use_steps, metrics)
    cb.callbacks.append(bar)
    return bar


def _check_input_shapes(arrays, names, shapes):
    """TF 1.14's standardize_input_data shape check (the batch axis not checked): each
    array of its input's rank, and of its known dimensions."""
    for array, name, shape in zip(arrays, names, shapes):
        if shape is None:
            continue
        if len(array.shape) != len(shape):
            raise ValueError("Error when checking input: expected " + name + " to have " +
                             str(len(shape)) + " dimensions, but got array with shape " +
                             str(array.shape))
        for dim, ref_dim in zip(array.shape[1:], shape[1:]):
            if ref_dim != dim and ref_dim is not None and dim is not None:
                raise ValueError("Error when checking input: expected " + name +
                                 " to have shape " + str(shape[1:]) +
                                 " but got array with shape " + str(array.shape[1:]))


def _check_loss_and_target_compatibility(targets, loss_fns, output_shapes):
    """TF 1.14's check_loss_and_target_compatibility: categorical crossentropy's targets
    not of one column, and the targets of mean squared error / binary and categorical
    crossentropy of their output's known dimensions."""
    key_fns = (losses_module.mean_squared_error, losses_module.binary_crossentropy,
               losses_module.categorical_crossentropy)
    key_classes = (losses_module.MeanSquaredError, losses_module.BinaryCrossentropy,
                   losses_module.CategoricalCrossentropy)
    for y, loss, shape in zip(targets, loss_fns, output_shapes):
        if y is None or loss is None:
            continue
        if losses_module.is_categorical_crossentropy(loss) and y.shape[-1] == 1:
            raise ValueError(
                "You are passing a target array of shape " + str(y.shape) + " while using "
                "as loss `categorical_crossentropy`. `categorical_crossentropy` expects "
                "targets to be binary matrices (1s and 0s) of shape (samples, classes). If "
                "your targets are integer classes, you can convert them to the expected "
                "format via:\n```\nfrom keras.utils import to_categorical\ny_binary = "
                "to_categorical(y_int)\n```\n\nAlternatively, you can use the loss "
                "function `sparse_categorical_crossentropy` instead, which does expect "
                "integer targets.")
        wrapper = isinstance(loss, losses_module.LossFunctionWrapper)
        if isinstance(loss, key_classes) or (wrapper and loss.fn in key_fns):
            for target_dim, out_dim in zip(y.shape[1:], shape[1:]):
                if out_dim is not None and target_dim != out_dim:
                    name = loss.name
                    if name is None:
                        name = (loss.fn if wrapper else type(loss)).__name__
                    raise ValueError(
                        "A target array with shape " + str(y.shape) + " was passed for an "
                        "output of shape " + str(shape) + " while using as loss `" + name +
                        "`. This loss expects targets to have the same shape as the "
                        "output.")


def _by_name(data, names):
    """The dict's arrays in `names` order (TF 1.14's standardize_input_data)."""
    try:
        return [data[name] for name in names]
    except KeyError as e:
        raise ValueError('No data provided for "' + e.args[0] + '". Need data for each '
                         'key in: ' + str(names)) from None


def _class_weights_per_output(class_weight, output_names):
    """TF 1.14's standardize_class_weights: one class_weight (or None) per output."""
    if class_weight is None or (isinstance(class_weight, list) and not class_weight):
        return [None] * len(output_names)
    if len(output_names) == 1:
        if isinstance(class_weight, list) and len(class_weight) == 1:
            return class_weight
        if isinstance(class_weight, dict) and output_names[0] in class_weight:
            return [class_weight[output_names[0]]]
        return [class_weight]
    if isinstance(class_weight, list):
        if len(class_weight) != len(output_names):
            raise ValueError("Provided `class_weight` was a list of " +
                             str(len(class_weight)) + " elements, but the model has " +
                             str(len(output_names)) + " outputs. You should provide one "
                             "`class_weight`array per model output.")
        return class_weight
    if isinstance(class_weight, collections.abc.Mapping):
        tm.check_for_unexpected_keys("class_weight", class_weight, output_names)
        return [class_weight.get(name) for name in output_names]
    raise TypeError("The model has multiple outputs, so `class_weight` should be either a "
                    "list or a dict. Provided `class_weight` type not understood: " +
                    str(class_weight))


def _class_sample_weight(y, class_weight):
    """TF 1.14's standardize_weights for a class_weight dict: each sample's class (the
    argmax of one-hot targets, else the target) weighted; every class must be in it."""
    if len(y.shape) > 2:
        raise ValueError("`class_weight` not supported for 3+ dimensional targets.")
    if len(y.shape) == 2:
        y_classes = np.argmax(y, axis=1) if y.shape[1] > 1 else np.reshape(y, y.shape[0])
    else:
        y_classes = y
    y_classes = y_classes.tolist()
    weights = np.asarray([class_weight[c] for c in y_classes if c in class_weight])
    if len(weights) != len(y_classes):
        raise ValueError("`class_weight` must contain all classes in the data. The classes "
                         "%s exist in the data but not in `class_weight`."
                         % (set(y_classes) - set(class_weight.keys())))
    return weights


def _check_array_lengths(inputs, targets, weights):
    """TF 1.14's training_utils.check_array_lengths: the inputs, the targets and the
    sample weights each of one number of samples, and the same for all three."""
    def lengths(arrays):
        return {a.shape[0] for a in arrays if a is not None}

    set_x, set_y, set_w = lengths(inputs), lengths(targets), lengths(weights)
    if len(set_x) > 1:
        raise ValueError("All input arrays (x) should have the same number of samples. "
                         "Got array shapes: " + str([x.shape for x in inputs]))
    if len(set_y) > 1:
        raise ValueError("All target arrays (y) should have the same number of samples. "
                         "Got array shapes: " + str([y.shape for y in targets]))
    if set_x and set_y and list(set_x)[0] != list(set_y)[0]:
        raise ValueError("Input arrays should have the same number of samples as target "
                         "arrays. Found " + str(list(set_x)[0]) + " input samples and " +
                         str(list(set_y)[0]) + " target samples.")
    if len(set_w) > 1:
        raise ValueError("All sample_weight arrays should have the same number of samples. "
                         "Got array shapes: " + str([w.shape for w in weights]))
    if set_y and set_w and list(set_y)[0] != list(set_w)[0]:
        raise ValueError("Sample_weight arrays should have the same number of samples as "
                         "target arrays. Got " + str(list(set_y)[0]) + " input samples and " +
                         str(list(set_w)[0]) + " target samples.")


class Model(Network):
    """A network with training: compile, fit, evaluate, predict."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.optimizer = None
        self._compiled = False
        self.stop_training = False
        self.history = None
        self._test_fetch_callbacks = {}   # TF 1.14 test_function.fetch_callbacks
        self._compile_metrics_names = []

    @property
    def run_eagerly(self):
        """False: graph mode (True, set by compile or here, is TF's ValueError)."""
        if getattr(self, "_run_eagerly", None) is True:
            raise ValueError("You can only set `run_eagerly=True` if eager execution is "
                             "enabled.")
        return bool(getattr(self, "_run_eagerly", None))

    @run_eagerly.setter
    def run_eagerly(self, value):
        self._run_eagerly = value

    @property
    def metrics(self):
        """The compiled metrics (after the training graph is built), then those of
        add_metric (the model's and its layers')."""
        return tm.metrics_of(self) + super().metrics

    @property
    def metrics_names(self):
        """'loss', the output losses and the compiled metrics (after the training graph
        is built), then the names of each layer's add_metric metrics and the model's."""
        names = list(self._compile_metrics_names)
        for layer in self.layers:
            names += [m.name for m in layer._metrics]
        return names + [m.name for m in self._metrics]

    @property
    def _all_metrics_tensors(self):
        """The result tensors of metrics_names[1:] by name (TF 1.14's)."""
        metrics_tensors = dict(getattr(self, "_metric_results", None) or {})
        metrics_tensors.update(super()._all_metrics_tensors)
        return metrics_tensors

    def reset_metrics(self):
        """Sets the state of the compiled Metric objects to 0."""
        tm.reset_metric_objects(self)

    # -- compile --------------------------------------------------------------------------
    def _tracked_children(self):
        """The network's children, then a compiled model's optimizer (compile's
        _track_trackable('optimizer'))."""
        node = saving.optimizer_node(self)
        return super()._tracked_children() + ([("optimizer", node)] if node is not None else [])

    def _dependencies_added(self):
        saving.restore_deferred_dependencies(self)   # (load_weights' restores waiting)

    def compile(self, optimizer, loss=None, metrics=None, loss_weights=None,
                sample_weight_mode=None, weighted_metrics=None, target_tensors=None,
                distribute=None, **kwargs):
        """Sets the optimizer, the losses and the metrics (the graph is made on first use).
        """
        if distribute is not None:
            raise NotImplementedError("flowgrad does not implement compile(distribute=...)")
        self._run_eagerly = kwargs.pop("run_eagerly", None)
        self.run_eagerly   # noqa: B018 - True raises as TF's graph mode does
        if kwargs:
            raise TypeError("Invalid keyword argument(s) in `compile`: %s" % (set(kwargs),))
        self.optimizer = optimizers.get(optimizer)
        saving.restore_deferred_dependencies(self)   # TF tracks 'optimizer' here
        saving.restore_deferred_optimizer(self)
        self.loss = loss
        self._metrics_arg = metrics
        self._weighted_metrics_arg = weighted_metrics
        self.loss_weights = loss_weights
        self._target_tensors_arg = target_tensors
        self._sample_weight_mode_arg = sample_weight_mode
        self._compiled = True
        self._graph_built = False
        if self._is_graph_network or self.outputs:   # TF 1.14: a model with inputs set
            self._build_training_graph()
        self._check_variables_in_strategy_scope()

    _distribution_strategy = None

    def _check_variables_in_strategy_scope(self):
        """Compiled in a tf.distribute strategy's scope, the model trains with it (TF's
        `_distribution_strategy`) and every variable of the model must have been made
        in it (TF 1.14's ValueError)."""
        from ...distribute import distribute_lib as ds  # lazy: tf.distribute on use
        self._distribution_strategy = None
        if not (ds.has_strategy() and ds.in_cross_replica_context()):
            return
        strategy = self._distribution_strategy = ds.get_strategy()
        for v in self.variables:
            if not strategy.extended.variable_created_in_scope(v):
                raise ValueError(
                    "Variable (%s) was not created in the distribution strategy "
                    "scope of (%s). It is most likely due to not all layers or "
                    "the model or optimizer being created outside the distribution "
                    "strategy scope. Try to make sure your code looks similar "
                    "to the following.\n"
                    "with strategy.scope():\n"
                    "  model=_create_model()\n"
                    "  model.compile(...)" % (v, strategy))

    def _build_training_graph(self):
        """TF 1.14's compile graph: the targets, the metrics (their variables, then per
        output the metrics' updates and results in name_scope('metrics')), the weighted
        metrics and the total loss in name_scope('loss'); no sample-weight placeholders
        until data brings weights."""
        outputs = self.outputs
        n = len(outputs)
        loss = self.loss
        if isinstance(loss, dict):
            tm.check_for_unexpected_keys("loss", loss, self.output_names)
            loss_fns = [tm.loss_function(loss.get(name)) for name in self.output_names]
        elif isinstance(loss, (list, tuple)):
            if len(loss) != n:
                raise ValueError("When passing a list as loss, it should have one entry per "
                                 "model outputs. The model has " + str(n) + " outputs, but "
                                 "you passed loss=" + str(loss))
            loss_fns = [tm.loss_function(x) for x in loss]
        else:
            loss_fns = [tm.loss_function(loss)] * n
        if self.loss_weights is None:
            weights = [1.] * n
        elif isinstance(self.loss_weights, collections.abc.Mapping):
            tm.check_for_unexpected_keys("loss_weights", self.loss_weights,
                                         self.output_names)
            weights = [self.loss_weights.get(name, 1.) for name in self.output_names]
        elif isinstance(self.loss_weights, list):   # TF 1.14's populate_loss_weights
            if len(self.loss_weights) != n:
                raise ValueError("When passing a list as loss_weights, it should have one "
                                 "entry per model output. The model has " + str(n) +
                                 " outputs, but you passed loss_weights=" +
                                 str(self.loss_weights))
            weights = list(self.loss_weights)
        else:
            raise TypeError("Could not interpret loss_weights argument: " +
                            str(self.loss_weights) + " - expected a list of dicts.")
        self._loss_fns = loss_fns
        self._loss_weights_list = weights
        given = tm.target_tensors_list(self, getattr(self, "_target_tensors_arg", None))
        self._targets = [(t if t is not None else
                          K.placeholder(ndim=o.shape.ndims, name=name + "_target",
                                        dtype=K.dtype(o))) if fn is not None else None
                         for o, name, fn, t in zip(outputs, self.output_names, loss_fns,
                                                   given)]
        self._sw_modes = _sample_weight_modes(getattr(self, "_sample_weight_mode_arg", None),
                                              self.output_names, loss_fns)
        self._sample_weights = [None] * n
        self._compile_metrics_names = ["loss"]
        self._metric_objects = []
        self._metric_results = {}
        shapes = [None if o.shape.ndims is None else o.shape.as_list() for o in outputs]
        per_output = tm.per_output_metrics(self._metrics_arg, self.output_names, shapes,
                                           loss_fns)
        weighted = tm.per_output_metrics(self._weighted_metrics_arg, self.output_names,
                                         shapes, loss_fns, is_weighted=True)
        if n > 1:
            self._compile_metrics_names += [name + "_loss" for name, fn in
                                   zip(self.output_names, loss_fns) if fn is not None]
        self._per_output, self._weighted_per_output = tm.set_metric_names(
            self, per_output, weighted)
        # TF makes one for every output, even one without a loss
        self._loss_means = [tm.metrics_module.Mean() if n > 1 else None for _ in loss_fns]
        tm.handle_metrics(self, self._per_output, self._targets)
        # a 'temporal' output's [batch, time] weights exist from compile on (TF's
        # populate_sample_weight in its first weights-and-loss build)
        self._sample_weights = [_weights_placeholder(name, True) if mode == "temporal" else None
                                for name, mode in zip(self.output_names, self._sw_modes)]
        self._sw_want = [p is not None for p in self._sample_weights]
        self._compile_weights_loss_and_weighted_metrics()
        # TF 1.14's compile: new train, test and predict functions
        self._train_fn = self._test_group = self._predict_group = None
        self._graph_built = True

    def _compile_weights_loss_and_weighted_metrics(self):
        tm.handle_metrics(self, self._weighted_per_output, self._targets,
                          self._sample_weights)
        self.total_loss = tm.total_loss(self, self._sample_weights)

    def _update_sample_weight_modes(self, sws):
        """TF 1.14's sample-weight modes at the start of a loop: an output given weights
        wants a weights placeholder, one given none (not 'temporal') wants none; the
        placeholders follow when a train or test function is next made."""
        if sws is None:
            return
        temporal = [mode == "temporal" for mode in self._sw_modes]
        self._sw_want = [t or (fn is not None and w is not None)
                         for t, fn, w in zip(temporal, self._loss_fns, sws)]

    def _recompile_weights_loss_and_weighted_metrics(self):
        """TF 1.14's recompile when the train or the test function is made: where the
        modes and the placeholders disagree, an output wanting weights gets a
        PlaceholderWithDefault (of a constant [1.]), one wanting none loses its own, and
        the weighted metrics and the loss are built again. Only the function being made
        is made again: the other keeps its loss and its placeholders (TF's
        `has_recompiled`)."""
        want = getattr(self, "_sw_want", None)
        if want is None or want == [p is not None for p in self._sample_weights]:
            return False
        temporal = [mode == "temporal" for mode in self._sw_modes]
        self._sample_weights = [_weights_placeholder(name, t) if flag else None
                                for flag, t, name in zip(want, temporal, self.output_names)]
        self._compile_weights_loss_and_weighted_metrics()
        return True

    def _make_train_function(self):
        if self._recompile_weights_loss_and_weighted_metrics() or self._train_fn is None:
            # TF 1.14 takes the learning phase as the function's last input first (its
            # keras_learning_phase placeholder, made here when no layer made it)
            K.learning_phase()
            params = self.trainable_weights
            # a Keras optimizer builds in its own '<Name>/' scope, a wrapped tf.train one
            # in 'training/' (TF 1.14: no scope of the optimizer's class)
            with name_scope("training"):
                updates = self.optimizer.get_updates(self.total_loss, params)
            # a Keras v1 optimizer (contrib.keras.optimizers) made its K.variables tracked
            for v in getattr(self.optimizer, "variables", list)():
                K.track_variable(v)
            # then the unconditional updates and the conditional ones reachable from the
            # model's inputs (TF 1.14: an update added with inputs= that does not depend on
            # them is never run)
            updates = updates + self.get_updates_for(None) + self.get_updates_for(self.inputs)
            # TF's K.function('train_function') in name_scope('training'): the updates
            # grouped after the loss, a (variable, value) pair (a Keras v1 optimizer's)
            # assigned
            with name_scope("training"), control_dependencies([self.total_loss]):
                updates = [state_ops.assign(*u) if isinstance(u, tuple) else u
                           for u in updates]
                self._train_fn = [control_flow_ops.group(*updates)]
            # what the function fetches and the weight placeholders it is fed
            self._train_call = (self._loss_and_metrics() + self._train_fn,
                                list(self._sample_weights))
        return self._train_fn

    def _make_test_function(self):
        """TF's K.function('test_function') in name_scope('evaluation'): the state
        updates (stateful RNNs) grouped after the loss."""
        if self._recompile_weights_loss_and_weighted_metrics() or self._test_group is None:
            with name_scope("evaluation"), control_dependencies([self.total_loss]):
                self._test_group = control_flow_ops.group(*self.state_updates)
            self._test_call = (self._loss_and_metrics() + [self._test_group],
                               list(self._sample_weights))
        return self._test_group

    def _loss_and_metrics(self):
        tensors = self._all_metrics_tensors
        return [self.total_loss] + [tensors[name] for name in self.metrics_names[1:]]

    def _make_predict_function(self):
        """TF's K.function('predict_function') in name_scope('predict')."""
        if getattr(self, "_predict_group", None) is None:
            with name_scope("predict"), control_dependencies([self.outputs[0]]):
                self._predict_group = control_flow_ops.group(*self.state_updates)
        return self._predict_group

    # -- data -----------------------------------------------------------------------------
    def _standardize(self, x, y=None, sample_weight=None, class_weight=None):
        xs = [np.asarray(a) for a in _to_list(x)]
        unbuilt = not self._is_graph_network and not self.outputs
        if isinstance(x, dict):   # an unbuilt model takes TF's input names: sorted keys
            names = sorted(x) if unbuilt else self.input_names
            xs = [np.asarray(a) for a in _by_name(x, names)]
        xs = [a[:, None] if a.ndim == 1 else a for a in xs]
        if unbuilt:
            self._set_inputs_from_data(xs, sorted(x) if isinstance(x, dict) else None)
        if self._compiled and not self._graph_built:
            self._build_training_graph()
        # TF 1.14's checks of graph networks (a Sequential built from data is none)
        graph_network = self._is_graph_network and not getattr(self, "_inputs_from_data",
                                                                False)
        if graph_network and len(xs) > len(self.inputs):
            # TF 1.14 pairs the arrays with the inputs' shapes by zip: extra arrays of a
            # graph network are dropped
            xs = xs[:len(self.inputs)]
        if len(xs) != len(self.inputs):
            raise ValueError("Error when checking model input: the list of Numpy arrays that "
                             "you are passing to your model is not the size the model "
                             "expected. Expected to see " + str(len(self.inputs)) +
                             " array(s), but instead got the following list of " +
                             str(len(xs)) + " arrays: " + str(xs)[:200] + "...")
        if graph_network:
            _check_input_shapes(xs, self.input_names, [K.int_shape(t) for t in self.inputs])
        if y is None:
            return xs, None, None
        # an output compile gave a target tensor or no loss takes no data (TF 1.14's
        # has_feedable_training_target)
        given = [t is not None or fn is None for t, fn in zip(tm.target_tensors_list(
            self, getattr(self, "_target_tensors_arg", None)), self._loss_fns)]
        if all(given):   # TF 1.14: no target is fed when compile had them all
            raise ValueError("Error when checking model target: expected no data, but got:",
                             y)
        # TF 1.14 feeds only those outputs' targets (_feed_output_names)
        fed = [name for name, g in zip(self.output_names, given) if not g]
        ys = [np.asarray(a) for a in _to_list(y)]
        if isinstance(y, dict):
            ys = [np.asarray(a) for a in _by_name(y, fed)]
        if len(ys) != len(fed):
            raise ValueError("Error when checking model target: the list of Numpy arrays "
                             "that you are passing to your model is not the size the model "
                             "expected. Expected to see " + str(len(fed)) + " array(s), "
                             "but instead got the following list of " + str(len(ys)) +
                             " arrays: " + str(ys)[:200] + "...")
        ys = [a[:, None] if a.ndim == 1 else a for a in ys]
        sws = []
        sw_list = _to_list(sample_weight) if not isinstance(sample_weight, np.ndarray) \
            else [sample_weight]
        if isinstance(sample_weight, dict):   # keyed by output name, as the targets
            sw_list = [sample_weight.get(name) for name in fed]
        modes = [m for m, g in zip(getattr(self, "_sw_modes", [None] * len(given)), given)
                 if not g]
        class_weights = _class_weights_per_output(class_weight, fed)
        for i, ya in enumerate(ys):
            given_w = sw_list[min(i, len(sw_list) - 1)] if sw_list else None
            if modes[i] == "temporal":   # [batch, time] weights, or the default ones
                sws.append(_temporal_weights(ya, given_w, class_weight))
                continue
            if given_w is not None and np.ndim(given_w) != 1:
                raise ValueError("Found a sample_weight array with shape " +
                                 str(np.shape(given_w)) + ". In order to use timestep-wise "
                                 "sample weights, you should specify "
                                 "sample_weight_mode=\"temporal\" in compile(). If you just "
                                 "mean to use sample-wise weights, make sure your "
                                 "sample_weight array is 1D.")
            # None: no weights for this output (TF's sample_weight_mode None)
            w = None if given_w is None else np.asarray(given_w)
            if w is not None and ya.shape[:w.ndim] != w.shape:
                raise ValueError("Found a sample_weight array with shape " + str(w.shape) +
                                 " for an input with shape " + str(ya.shape) + ". "
                                 "sample_weight cannot be broadcast.")
            if isinstance(class_weights[i], dict):
                by_class = _class_sample_weight(ya, class_weights[i])
                w = by_class if w is None else by_class * w
            sws.append(None if w is None else np.asarray(w, "float32"))
        _check_array_lengths(xs, ys, sws)
        if graph_network:
            fed_fns = [fn for fn, g in zip(self._loss_fns, given) if not g]
            fed_shapes = [K.int_shape(o) for o, g in zip(self.outputs, given) if not g]
            _check_loss_and_target_compatibility(ys, fed_fns, fed_shapes)
        # TF 1.14 feeds no weights at all when no fed output has a weights mode (yet)
        # and none was given
        want = getattr(self, "_sw_want", None) or [False] * len(given)
        listed = any(w is not None for w in sws) or any(
            f for f, g in zip(want, given) if not g)
        if len(fed) < len(given):   # None for the outputs given target tensors
            arrays, weights = iter(ys), iter(sws)
            ys = [None if g else next(arrays) for g in given]
            sws = [None if g else next(weights) for g in given]
        return xs, ys, _SampleWeights(sws, listed)

    def _feed(self, xs, ys, sws, ids, training, weights=None):
        """The feeds of a batch, as TF 1.14's K.function zips its inputs (inputs, targets,
        the weight placeholders it was made with, the learning phase in training) with
        the values (arrays, targets, the weights of every output, None where none, or no
        weights at all (`sws.listed`), then True in training), skipping a None. A
        function made before the weights changed takes them shifted: an output's weights
        reach the placeholder at its position, True a weights placeholder (fed unchecked
        as TF's callable feeds it, a scalar: the loss's assert_broadcastable fails at
        run time), or the learning phase is left unfed (its default, False). Weights
        reaching the learning phase are not fed: TF feeds them unchecked, harmless where
        no layer reads the learning phase (a run-time error where one does)."""
        feed = {p: a[ids] for p, a in zip(self.inputs, xs)}
        placeholders, values = [], []
        if ys is not None:
            feed.update({p: a[ids] for p, a in zip(self._targets, ys)
                         if p is not None and a is not None})
            weights = self._sample_weights if weights is None else weights
            placeholders = [p for p in weights if p is not None]
            values = [None if a is None else a[ids] for a in sws] \
                if getattr(sws, "listed", True) else []
        lp = None
        if training:   # (a test run makes no learning-phase placeholder, as TF's)
            lp = K.learning_phase()
            if not isinstance(lp, int):
                placeholders.append(lp)
                values.append(True)
        feed.update({p: np.asarray(v, p.dtype.base_dtype.as_numpy_dtype)
                     for p, v in zip(placeholders, values)
                     if v is not None and (p is not lp or v is True)})
        return feed

    def _set_inputs_from_data(self, arrays, keys=None):
        """A subclassed model's first fit/evaluate/predict: placeholders `input_N` (or the
        dict's sorted keys, of the arrays' dtypes, floats as floatx) shaped like the data,
        the model called on them (on a dict for dict data)."""
        names = keys or ["input_%d" % (i + 1) for i in range(len(arrays))]
        inputs = [K.placeholder(shape=(None,) + tuple(a.shape[1:]), name=k, dtype=None if
                                keys is None or _dt.as_dtype(a.dtype).is_floating else
                                _dt.as_dtype(a.dtype)) for k, a in zip(names, arrays)]
        self._set_inputs(inputs, keys)

    def _set_inputs(self, inputs, keys=None):
        """TF 1.14's _set_inputs of a subclassed model on tensors: the model called on
        them (a dict of them by `keys`); inputs 'input_N' (or the keys), outputs
        'output_N'."""
        names = keys or ["input_%d" % (i + 1) for i in range(len(inputs))]
        outputs = self(dict(zip(keys, inputs)) if keys else
                       inputs[0] if len(inputs) == 1 else inputs)
        self.inputs = list(inputs)
        self.outputs = _to_list(outputs)
        self.input_names = names
        self.output_names = ["output_%d" % (i + 1) for i in range(len(self.outputs))]
        self.built = True

    @property
    def _is_compiled(self):
        """TF 1.14's flag: whether compile was called."""
        return self._compiled

    def _set_called_inputs(self, inputs, outputs):
        """TF 1.14's _set_inputs(inputs, outputs) at the end of Layer.__call__ on a model
        without inputs: the tensors it was called on ('input_N', or a dict's sorted keys)
        and its outputs ('output_N'); compile then builds the loss at once."""
        keys = sorted(inputs) if isinstance(inputs, dict) else None
        self.inputs = [inputs[k] for k in keys] if keys else list(_flatten(inputs))
        self.input_names = keys or ["input_%d" % (i + 1) for i in range(len(self.inputs))]
        self.outputs = list(_flatten(outputs))
        self.output_names = ["output_%d" % (i + 1) for i in range(len(self.outputs))]
        self.built = True

    # -- saving ---------------------------------------------------------------------------
    def _updated_config(self):
        return {"class_name": self.__class__.__name__, "config": self.get_config(),
                "keras_version": saving.KERAS_VERSION, "backend": "tensorflow"}

    def to_json(self, **kwargs):
        """The JSON of {'class_name', 'config', 'keras_version', 'backend'}."""
        return _json.dumps(self._updated_config(), default=saving.get_json_type, **kwargs)

    def to_yaml(self, **kwargs):
        """The YAML of {'class_name', 'config', 'keras_version', 'backend'}: TF 1.14's
        `yaml.dump(config, **kwargs)` (needs PyYAML: the `yaml` extra)."""
        yaml = saving.import_yaml()
        return yaml.dump(saving.plain_config(self._updated_config()), **kwargs)

    def save(self, filepath, overwrite=True, include_optimizer=True, save_format=None):
        """Writes the model (config, weights, training config, optimizer state) to an
        HDF5 file in TF 1.14's layout (needs h5py: the `h5` extra)."""
        saving.save_model(self, filepath, overwrite, include_optimizer, save_format)

    def save_weights(self, filepath, overwrite=True, save_format=None):
        """Writes the layers' weights to an HDF5 file (TF 1.14's layout) or, for a path
        not ending in '.h5' / save_format='tf', a TF object-based checkpoint with TF's
        keys (the optimizer's state is not written in that format)."""
        if save_format is None:
            save_format = "h5" if str(filepath).endswith((".h5", ".keras", ".hdf5")) \
                else "tf"
        if save_format == "tf":
            saving.save_weights_tf(self, filepath)
            return
        if save_format != "h5":
            raise ValueError("Unknown format \"%s\". Was expecting one of {\"tf\", \"h5\"}."
                             % (save_format,))
        h5py = saving.h5py_module()
        if not overwrite and _os.path.isfile(filepath):
            raise NotImplementedError("flowgrad does not implement save_weights("
                                      "overwrite=False) on an existing file")
        with h5py.File(filepath, "w") as f:
            saving.save_weights_to_hdf5_group(f, self.layers)
            f.flush()

    def load_weights(self, filepath, by_name=False):
        """Loads weights from an HDF5 file (TF 1.14's or flowgrad's), in layer order or by
        layer name, or from a TF-format checkpoint prefix."""
        if not str(filepath).endswith((".h5", ".keras", ".hdf5")) and \
                _os.path.exists(str(filepath) + ".index"):
            if by_name:
                raise NotImplementedError("Weights may only be loaded based on topology into "
                                          "Models when loading TensorFlow-formatted weights "
                                          "(got by_name=True to load_weights).")
            return saving.load_weights_tf(self, filepath)
        h5py = saving.h5py_module()
        with h5py.File(filepath, "r") as f:
            if "layer_names" not in f.attrs and "model_weights" in f:
                f = f["model_weights"]
            if by_name:
                saving.load_weights_from_hdf5_group_by_name(f, self.layers)
            else:
                saving.load_weights_from_hdf5_group(f, self.layers)

    def get_weights(self):
        """The weights' values (numpy arrays), read in keras.backend.get_session()."""
        return K.get_session().run(self.weights)

    # -- the loops ------------------------------------------------------------------------
    def _function(self, training):
        """The train or test function (made, or made again, first): (its fetches: the
        loss, the metrics, its update group; the weight placeholders it is fed)."""
        if training:
            self._make_train_function()
            return self._train_call
        self._make_test_function()   # (its group: the state updates of stateful RNNs)
        fetches, weights = self._test_call
        # TF 1.14's test_function.fetches / fetch_callbacks (TensorBoard's histograms)
        return fetches + list(self._test_fetch_callbacks), weights

    def _call_fetch_callbacks(self, fetches, outs):
        """Hands the values of the extra test fetches to their callbacks."""
        extra = self._test_fetch_callbacks
        k = len(fetches) - len(extra)
        for t, value in zip(fetches[k:], outs[k:]):
            extra[t](value)

    def _run_batches(self, xs, ys, sws, batch_size, training, index_array=None,
                     callbacks=None, hook=None, reset=True, fn=None):
        """Runs the batches (of the function `fn`: its fetches and sample-weight
        placeholders, else the current ones); returns (epoch values in metrics_names
        order)."""
        n = len(xs[0])
        if index_array is None:
            index_array = np.arange(n)
        if fn is None:
            self._update_sample_weight_modes(sws)
            fn = self._function(training)
        fetches, weights = fn
        agg = tm.Aggregator(self, reset)
        for batch_index, start in enumerate(range(0, n, batch_size)):
            ids = index_array[start:start + batch_size]
            batch_logs = {"batch": batch_index, "size": len(ids)}
            if callbacks is not None:
                callbacks.call("on_%s_batch_begin" % hook, batch_index, batch_logs)
            feed = self._feed(xs, ys, sws, ids, training, weights)
            outs = run_function(K.get_session(), fetches, feed)
            if not training and self._test_fetch_callbacks:
                self._call_fetch_callbacks(fetches, outs)
            values = agg.add(outs, len(ids))
            batch_logs.update(zip(self.metrics_names, values))
            if callbacks is not None:
                callbacks.call("on_%s_batch_end" % hook, batch_index, batch_logs)
            if training and self.stop_training:
                break
        return agg.result(n)

    def _run_steps(self, next_batch, steps, training, callbacks=None, hook=None,
                   class_weight=None, size_one=False, steps_name="steps"):
        """TF 1.14's step-wise loop (datasets, tensors, generators): `steps` batches from
        `next_batch()` or until it ends; the loss is the mean of the batch losses, but
        a generator's training epoch weighs each by its size (TF's BaseLogger, which
        fit's callbacks start with, replaces the epoch's loss by the mean of the batch
        logs' losses weighted by their 'size': 1 per step of a dataset).
        Returns (values, steps run)."""
        agg = tm.Aggregator(self)
        fetches = None
        step = seen = 0
        by_size = training and not size_one
        while steps is None or step < steps:
            batch = next_batch()
            if batch is None:
                if steps:
                    self.stop_training = True
                    logging.warning(
                        "Your dataset ran out of data; interrupting training. Make sure "
                        "that your dataset can generate at least `%s * epochs` batches "
                        "(in this case, %d batches). You may need to use the repeat() "
                        "function when building your dataset.", steps_name, steps)
                break
            xs, ys, sws = self._standardize(batch[0], batch[1], batch[2], class_weight)
            self._update_sample_weight_modes(sws)
            fetches, weights = self._function(training)
            batch_logs = {"batch": step, "size": 1 if size_one else len(xs[0])}
            if callbacks is not None:
                callbacks.call("on_%s_batch_begin" % hook, step, batch_logs)
            feed = self._feed(xs, ys, sws, slice(None), training, weights)
            outs = run_function(K.get_session(), fetches, feed)
            if not training and self._test_fetch_callbacks:
                self._call_fetch_callbacks(fetches, outs)
            values = agg.add(outs, len(xs[0]) if by_size else 1)
            seen += len(xs[0])
            batch_logs.update(zip(self.metrics_names, values))
            if callbacks is not None:
                callbacks.call("on_%s_batch_end" % hook, step, batch_logs)
            step += 1
            if training and self.stop_training:
                break
        if not step:
            raise ValueError("Empty training data.")
        return agg.result(seen if by_size else steps if steps else step), step

    def _predict_steps(self, next_batch, steps, callbacks):
        outs = [[] for _ in self.outputs]
        step = 0
        while steps is None or step < steps:
            batch = next_batch()
            if batch is None:
                break
            xs, _, _ = self._standardize(batch[0])
            logs = {"batch": step, "size": len(xs[0])}
            callbacks.call("on_predict_batch_begin", step, logs)
            res = run_function(K.get_session(), self.outputs + [self._make_predict_function()],
                               self._feed(xs, None, None, slice(None), False))
            for o, r in zip(outs, res):
                o.append(r)
            callbacks.call("on_predict_batch_end", step, logs)
            step += 1
        result = [np.concatenate(o) for o in outs]
        return result[0] if len(result) == 1 else result

    def _callbacks(self, callbacks, verbose, params, count_mode="samples"):
        self.history = cbks.History()
        # TF 1.14's order: the user's callbacks, History, then the progress bar
        cb_list = _to_list(callbacks) + [self.history]
        if verbose:
            cb_list.append(cbks.ProgbarLogger(count_mode,
                                              stateful_metrics=self.metrics_names[1:]))
        for c in cb_list:
            c.set_model(self)
            c.set_params(params)
        return cbks.CallbackList(cb_list)

    def _check_compiled(self):
        """TF 1.14's _assert_compile_was_called (fit, evaluate, train/test_on_batch and
        the generator loops)."""
        if not self._compiled:
            raise RuntimeError("You must compile your model before training/testing. "
                               "Use `model.compile(optimizer, loss)`.")

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose=1, callbacks=None,
            validation_split=0., validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_freq=1, max_queue_size=10, workers=1, use_multiprocessing=False,
            **kwargs):
        """Trains for `epochs` epochs on numpy arrays, a tf.data dataset or iterator,
        symbolic tensors (with steps_per_epoch) or a generator; returns the History."""
        if kwargs:
            raise TypeError("Unrecognized keyword arguments: " + str(kwargs))
        self._check_compiled()
        if self._distribution_strategy is not None and td.is_numpy(x):
            return self._fit_distributed(
                x, y, batch_size, epochs, verbose, callbacks, validation_split,
                validation_data, shuffle, class_weight, sample_weight, initial_epoch,
                steps_per_epoch, validation_steps, validation_freq)
        if self._distribution_strategy is not None:
            td.validate_inputs(x, y)
        if tg.is_generator_or_sequence(x):
            _check_generator_arguments(y, sample_weight, validation_split)
            return self.fit_generator(
                x, steps_per_epoch=steps_per_epoch, epochs=epochs, verbose=verbose,
                callbacks=callbacks, validation_data=validation_data,
                validation_steps=validation_steps, validation_freq=validation_freq,
                class_weight=class_weight, max_queue_size=max_queue_size, workers=workers,
                use_multiprocessing=use_multiprocessing, shuffle=shuffle,
                initial_epoch=initial_epoch)
        source = self._steps_source(x, y, sample_weight, "train", validation_split,
                                    steps_per_epoch, "steps_per_epoch")
        val = None
        if validation_data is not None:
            vd = validation_data
            if tg.is_dataset(vd) or isinstance(vd, tg.Iterator):
                val = self._steps_source(vd, None, None, "test", 0., validation_steps,
                                         "validation_steps")
            else:
                vd = list(vd)
                if len(vd) not in (2, 3):
                    raise ValueError("When passing a `validation_data` argument, it must "
                                     "contain either 2 items (x_val, y_val), or 3 items "
                                     "(x_val, y_val, val_sample_weights), or alternatively "
                                     "it could be a dataset or a dataset or a dataset "
                                     "iterator. However we received `validation_data=%s`"
                                     % validation_data)   # (TF's `%`: a tuple spread)
                if tg.is_symbolic(vd[0]):
                    val = self._steps_source(vd[0], vd[1], vd[2] if len(vd) > 2 else None,
                                             "test", 0., validation_steps,
                                             "validation_steps")
                else:
                    val = self._standardize(vd[0], vd[1], vd[2] if len(vd) > 2 else None)
        elif validation_steps and not (validation_split and 0. < validation_split < 1.):
            raise ValueError("`validation_steps` should not be specified if "
                             "`validation_data` is None.")
        if source is not None:
            return self._fit_steps(source, steps_per_epoch, epochs, verbose, callbacks, val,
                                   validation_steps, initial_epoch, class_weight,
                                   validation_freq=validation_freq)
        if steps_per_epoch is not None:
            return self._fit_whole_arrays(x, y, sample_weight, steps_per_epoch, epochs,
                                          verbose, callbacks, val, validation_split,
                                          validation_steps, validation_freq, initial_epoch,
                                          class_weight)
        if batch_size is None:
            batch_size = 32
        xs, ys, sws = self._standardize(x, y, sample_weight, class_weight)
        self._update_sample_weight_modes(sws)
        if val is None and validation_split and 0. < validation_split < 1.:
            split_at = int(len(xs[0]) * (1. - validation_split))
            val = ([a[split_at:] for a in xs],
                   [None if a is None else a[split_at:] for a in ys],
                   _SampleWeights([None if a is None else a[split_at:] for a in sws],
                                  sws.listed))
            xs, ys, sws = ([a[:split_at] for a in xs],
                           [None if a is None else a[:split_at] for a in ys],
                           _SampleWeights([None if a is None else a[:split_at] for a in sws],
                                          sws.listed))
        n = len(xs[0])
        names = list(self.metrics_names)
        if val is not None:
            names += ["val_" + m for m in self.metrics_names]
        params = {"batch_size": batch_size, "epochs": epochs, "steps": None, "samples": n,
                  "verbose": verbose, "do_validation": val is not None, "metrics": names}
        # TF 1.14 makes the train function before the callbacks see the model, and
        # initializes variables at the first run (inside a profile of batch 1)
        self._make_train_function()
        # TF's fit keeps the train function it made here (and its sample-weight
        # inputs) for every epoch, even when validation recompiles the loss
        train_fn = self._function(True)
        callback_list = self._callbacks(callbacks, verbose, params)
        if verbose and val is not None and isinstance(val, tuple):
            print("Train on %d samples, validate on %d samples" % (n, len(val[0][0])))
        self.stop_training = False
        callback_list.call("on_train_begin", None)
        # TF 1.14 resets the metrics first (each one's assign ops made before the session
        # initializes the variables)
        tm.reset_metric_objects(self)
        K.get_session()
        for epoch in range(initial_epoch, epochs):
            if self.stop_training:
                break
            index_array = np.arange(n)
            epoch_logs = {}
            callback_list.call("on_epoch_begin", epoch, epoch_logs)
            if shuffle == "batch":   # whole batches shuffled, the last partial one kept last
                index_array = _batch_shuffle(index_array, batch_size)
            elif shuffle:
                np.random.shuffle(index_array)
            values = self._run_batches(xs, ys, sws, batch_size, True, index_array,
                                       callback_list, "train", fn=train_fn)
            epoch_logs.update(zip(self.metrics_names, values))
            if val is not None and _should_validate(validation_freq, epoch) and \
                    not self.stop_training:
                epoch_logs.update(zip(["val_" + m for m in self.metrics_names],
                                      self._validate(val, batch_size, validation_steps,
                                                     epoch, epochs, callback_list)))
            callback_list.call("on_epoch_end", epoch, epoch_logs)
        callback_list.call("on_train_end", None)
        return self.history

    def _fit_whole_arrays(self, x, y, sample_weight, steps, epochs, verbose, callbacks, val,
                          validation_split, validation_steps, validation_freq, initial_epoch,
                          class_weight):
        """fit(steps_per_epoch=...) on NumPy arrays: as TF 1.14, every step feeds the whole
        arrays (a batch of size 1 to the callbacks), and so does every validation step."""
        if val is None and validation_split and 0. < validation_split < 1.:
            xs, ys, sws = self._standardize(x, y, sample_weight)
            at = int(len(xs[0]) * (1. - validation_split))
            # the validation part is weighted by the sample and class weights (TF's
            # standardized weights); the training part's class weights apply per step
            val_sws = self._standardize(x, y, sample_weight, class_weight)[2]
            val = ([a[at:] for a in xs], [None if a is None else a[at:] for a in ys],
                   [None if a is None else a[at:] for a in val_sws])
            x, y = [a[:at] for a in xs], [None if a is None else a[:at] for a in ys]
            sample_weight = None if all(w is None for w in sws) else [
                None if w is None else w[:at] for w in sws]
        if val is not None:
            if validation_steps is None:   # TF 1.14 fails so after the first epoch
                raise TypeError("float() argument must be a string or a number, not "
                                "'NoneType' (TF 1.14's error for validation arrays with "
                                "steps_per_epoch and no validation_steps)")
            val = _whole_arrays(val[0], val[1],
                                None if all(w is None for w in val[2]) else val[2],
                                validation_steps)
        return self._fit_steps(_whole_arrays(x, y, sample_weight, steps), steps, epochs,
                               verbose, callbacks, val, validation_steps, initial_epoch,
                               class_weight, validation_freq=validation_freq)

    def _validate(self, val, batch_size, validation_steps, epoch, epochs, callbacks):
        """The validation pass of an epoch; the training callbacks get the test hooks."""
        # TF 1.14's test loop sets its progress bar's params['verbose'] = 0 on the dict
        # every callback of the fit shares (History.params shows 0 after a validation)
        for c in callbacks.callbacks:
            if isinstance(getattr(c, "params", None), dict):
                c.params["verbose"] = 0
        callbacks.call("on_test_begin", None)
        if isinstance(val, tuple):
            # TF 1.14 runs validation through its fit loop in test mode, which
            # shuffles the validation indices too (draws from NumPy's global RNG)
            val_index = np.arange(len(val[0][0]))
            np.random.shuffle(val_index)
            values = self._run_batches(val[0], val[1], val[2], batch_size or 32, False,
                                       val_index, callbacks, "test")
        else:
            steps = validation_steps if validation_steps is not None else val.steps
            values, _ = self._run_steps(val, steps, False, callbacks, "test",
                                        steps_name="validation_steps")
            if val.reset is not None and epoch < epochs - 1:
                val.reset()
        callbacks.call("on_test_end", None)
        return values

    def _steps_source(self, x, y, sample_weight, mode, validation_split, steps, steps_name,
                      epochs=1, arrays_loop=True):
        """A step-wise batch source for a dataset, an iterator or symbolic tensors (with
        `.steps`, the inferred steps, and `.reset`, or None for array data."""
        if tg.is_dataset(x) or isinstance(x, tg.Iterator):
            _validate_dataset_input(x, y, sample_weight, validation_split)
            src = tg.dataset_source(x, mode, drop_weights=arrays_loop)
            src.steps = steps
            src.reset = src.reset if src.reinitializable else None
            if tg.is_dataset(x) and steps is None:
                # TF 1.14 checks the size only when it infers the steps; given steps
                # run until the data ends (training stops with a warning)
                src.steps = tg.infer_steps_for_dataset(x, steps, epochs, steps_name)
            elif tg.is_dataset(x) and mode == "train":
                src.reset = None
            elif steps is None:
                raise ValueError("When using data tensors as input to a model, you should "
                                 "specify the `%s` argument." % steps_name)
            return src
        if tg.is_symbolic(x):
            if validation_split:
                raise ValueError("If your data is in the form of symbolic tensors, you "
                                 "cannot use `validation_split`.")
            if steps is None:
                raise ValueError("When using data tensors as input to a model, you should "
                                 "specify the `%s` argument." % steps_name)
            src = tg.tensor_source(x, y, sample_weight, mode)
            src.steps, src.reset = steps, None
            return src
        return None

    def _fit_steps(self, source, steps, epochs, verbose, callbacks, val, validation_steps,
                   initial_epoch, class_weight, size_one=True, validation_freq=1):
        steps = source.steps
        # the first batch builds a deferred model's graph before the names are known
        first = source()
        if first is None:
            raise ValueError("Empty training data.")
        pending = [first]

        def next_batch():
            return pending.pop() if pending else source()
        sws = self._standardize(first[0], first[1], first[2], class_weight)[2]
        if not size_one:
            # fit_generator: TF 1.14's train_on_batch makes the train function at the
            # first batch, its sample weights known (no unweighted function first)
            self._update_sample_weight_modes(sws)
        names = list(self.metrics_names)
        if val is not None:
            names += ["val_" + m for m in self.metrics_names]
        params = {"batch_size": None, "epochs": epochs, "steps": steps, "samples": steps,
                  "verbose": verbose, "do_validation": val is not None, "metrics": names}
        # TF 1.14's fit makes the train function before the callbacks see the model, and
        # initializes variables at the first run (inside a profile of batch 1);
        # fit_generator's first train_on_batch makes it, after the model's variables were
        # initialized (get_session below, TF's reset_metrics, when there is a metric to
        # reset): its optimizer's variables get a second init op at the first batch, as
        # TF's
        if size_one:
            self._make_train_function()
        callback_list = self._callbacks(callbacks, verbose, params, "steps")
        self.stop_training = False
        callback_list.call("on_train_begin", None)
        if size_one or tm.metric_objects(self):
            K.get_session()
        for epoch in range(initial_epoch, epochs):
            if self.stop_training:
                break
            epoch_logs = {}
            callback_list.call("on_epoch_begin", epoch, epoch_logs)
            values, ran = self._run_steps(next_batch, steps, True, callback_list, "train",
                                          class_weight, size_one, "steps_per_epoch")
            if steps is None:
                steps = ran
                params["steps"] = params["samples"] = ran
                for c in callback_list.callbacks:
                    if isinstance(c, cbks.ProgbarLogger) and c.verbose:
                        c.progbar.target = c.target = ran
            epoch_logs.update(zip(self.metrics_names, values))
            if val is not None and _should_validate(validation_freq, epoch) and \
                    not self.stop_training:
                vsteps = getattr(val, "steps", None) if validation_steps is None else \
                    validation_steps
                epoch_logs.update(zip(["val_" + m for m in self.metrics_names],
                                      self._validate(val, getattr(self, "_last_bs", None),
                                                     vsteps, epoch, epochs, callback_list)))
            callback_list.call("on_epoch_end", epoch, epoch_logs)
            if source.reset is not None and epoch < epochs - 1:
                source.reset()
        callback_list.call("on_train_end", None)
        return self.history

    def _fit_distributed(self, x, y, batch_size, epochs, verbose, callbacks,
                         validation_split, validation_data, shuffle, class_weight,
                         sample_weight, initial_epoch, steps_per_epoch, validation_steps,
                         validation_freq):
        """fit on numpy arrays under a tf.distribute strategy (TF 1.14's fit_distributed):
        through the strategy's numpy dataset, ceil(samples / batch) steps an epoch."""
        strategy = self._distribution_strategy
        td.validate_inputs(x, y)
        steps_per_epoch, batch_size = td.get_input_params(
            strategy, td._flatten(x)[0], steps_per_epoch, batch_size, training=True)
        dataset = td.numpy_dataset(self, x, y, sample_weight, class_weight, batch_size,
                                   shuffle, epochs, allow_partial_batch=True)
        val_dataset = None
        if validation_data:
            if not isinstance(validation_data, (list, tuple)) or not td.is_numpy(
                    validation_data[0]):
                raise NotImplementedError(
                    "flowgrad does not implement fit(validation_data=...) other than numpy "
                    "arrays under a tf.distribute strategy")
            val_x, val_y = validation_data[0], validation_data[1]
            val_sw = validation_data[2] if len(validation_data) > 2 else None
            validation_steps, _ = td.get_input_params(
                strategy, td._flatten(val_x)[0], validation_steps, batch_size,
                training=False)
            val_dataset = td.numpy_dataset(self, val_x, val_y, val_sw, None, batch_size,
                                           shuffle, 1, allow_partial_batch=True)
        elif validation_split:
            raise ValueError("validation_split argument is not supported with "
                             "distribution strategies.")
        return self.fit(dataset, epochs=epochs, verbose=verbose, callbacks=callbacks,
                        validation_data=val_dataset, initial_epoch=initial_epoch,
                        steps_per_epoch=steps_per_epoch, validation_steps=validation_steps,
                        validation_freq=validation_freq)

    def evaluate(self, x=None, y=None, batch_size=None, verbose=1, sample_weight=None,
                 steps=None, callbacks=None, max_queue_size=10, workers=1,
                 use_multiprocessing=False):
        """The loss and metrics on numpy arrays, a dataset, tensors or a generator: a
        scalar, or a list in metrics_names order."""
        self._check_compiled()
        if self._distribution_strategy is not None:
            td.validate_inputs(x, y)
            if td.is_numpy(x):   # TF's evaluate_distributed: whole batches only
                x, steps, batch_size = td.whole_batches(self, x, y, sample_weight, steps,
                                                        batch_size)
                y = sample_weight = None
        if tg.is_generator_or_sequence(x):
            _check_generator_arguments(y, sample_weight)
            return self.evaluate_generator(x, steps=steps, callbacks=callbacks,
                                           max_queue_size=max_queue_size, workers=workers,
                                           use_multiprocessing=use_multiprocessing,
                                           verbose=verbose)
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        source = self._steps_source(x, y, sample_weight, "test", 0., steps, "steps")
        if source is None and steps is not None:   # arrays: whole at every step, as TF
            source = _whole_arrays(x, y, sample_weight, steps)
        if source is not None:
            cb.call("on_test_begin", None)
            bar = _with_progbar(cb, self, verbose, source.steps, True, self.metrics_names)
            values, _ = self._run_steps(source, source.steps, False, cb, "test",
                                        size_one=True)
        else:
            xs, ys, sws = self._standardize(x, y, sample_weight)
            cb.call("on_test_begin", None)
            bar = _with_progbar(cb, self, verbose, len(xs[0]), False, self.metrics_names)
            values = self._run_batches(xs, ys, sws, batch_size or 32, False, callbacks=cb,
                                       hook="test")
        if bar is not None:
            bar.finish(self.metrics_names, values)
            cb.callbacks.remove(bar)
        cb.call("on_test_end", None)
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose=0, steps=None, callbacks=None,
                max_queue_size=10, workers=1, use_multiprocessing=False):
        """The model's outputs on numpy inputs (batch by batch, concatenated), a dataset,
        tensors or a generator."""
        if self._distribution_strategy is not None:
            td.validate_inputs(x, None)
            if td.is_numpy(x):   # TF's predict_distributed: whole batches only
                x, steps, batch_size = td.whole_batches(self, x, None, None, steps,
                                                        batch_size)
        if tg.is_generator_or_sequence(x):
            return self.predict_generator(x, steps=steps, callbacks=callbacks,
                                          max_queue_size=max_queue_size, workers=workers,
                                          use_multiprocessing=use_multiprocessing,
                                          verbose=verbose)
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        if getattr(self, "_sw_want", None) is not None:
            # TF 1.14's predict loop: the outputs' weights modes back to None (not
            # 'temporal'), the placeholders left to the next train or test function
            self._sw_want = [mode == "temporal" for mode in self._sw_modes]
        source = self._steps_source(x, None, None, "predict", 0., steps, "steps")
        if source is None and steps is not None:   # arrays: whole at every step, as TF
            source = _whole_arrays(x, None, None, steps)
        if source is not None:
            cb.call("on_predict_begin", None)
            bar = _with_progbar(cb, self, verbose, source.steps, True, [])
            self.reset_metrics()   # TF 1.14's loop resets them in predict mode too
            result = self._predict_steps(source, source.steps, cb)
            if bar is not None:
                bar.finish([], [])
                cb.callbacks.remove(bar)
            cb.call("on_predict_end", None)
            return result
        xs, _, _ = self._standardize(x)
        return self._predict_arrays(xs, batch_size or 32, cb, verbose, True)

    def _predict_arrays(self, xs, batch_size, cb, verbose, reset_metrics):
        """predict's batches of NumPy arrays; TF 1.14's predict loop resets the metrics
        first (predict_on_batch, not a loop, does not). As TF's loop, the predict function
        is made before the session runs (and initializes variables)."""
        self._make_predict_function()
        sess = K.get_session()
        n = len(xs[0])
        outs = [[] for _ in self.outputs]
        cb.call("on_predict_begin", None)
        bar = _with_progbar(cb, self, verbose, n, False, [])
        if reset_metrics:
            self.reset_metrics()
        for batch_index, start in enumerate(range(0, n, batch_size)):
            ids = np.arange(start, min(start + batch_size, n))
            cb.call("on_predict_batch_begin", batch_index, {"batch": batch_index,
                                                            "size": len(ids)})
            res = run_function(sess, self.outputs + [self._make_predict_function()],
                               self._feed(xs, None, None, ids, False))
            for o, r in zip(outs, res):
                o.append(r)
            cb.call("on_predict_batch_end", batch_index, {"batch": batch_index,
                                                          "size": len(ids)})
        if bar is not None:
            bar.finish([], [])
            cb.callbacks.remove(bar)
        cb.call("on_predict_end", None)
        result = [np.concatenate(o) for o in outs]
        return result[0] if len(result) == 1 else result

    # -- generators -----------------------------------------------------------------------
    def _generator_source(self, generator, steps, mode, shuffle, workers, steps_name,
                          batch_size=None, use_multiprocessing=False, max_queue_size=10):
        if tg.is_dataset(generator) or isinstance(generator, tg.Iterator):
            return self._steps_source(generator, None, None, mode, 0., steps, steps_name,
                                      arrays_loop=False)
        if isinstance(generator, tuple):
            gen, n_steps = tg.arrays_generator(generator, batch_size)
            src = tg.generator_source(gen, mode)
            src.steps = n_steps if steps is None else steps
        else:
            if use_multiprocessing and workers > 1 and \
                    not isinstance(generator, tg._utils.Sequence):
                logging.warning(UserWarning(
                    "Using a generator with `use_multiprocessing=True` and multiple "
                    "workers may duplicate your data. Please consider using the "
                    "`keras.utils.Sequence` class."))
            src = tg.generator_source(generator, mode, shuffle, workers,
                                      use_multiprocessing, max_queue_size)
            src.steps = steps
            if steps is None:
                if not isinstance(generator, tg._utils.Sequence):
                    raise ValueError("Please specify the number of steps via the `%s` "
                                     "argument." % steps_name)
                src.steps = len(generator)
        # worker processes: a validation pass starts a new enqueuer (forked from this
        # process's generator or Sequence), as TF 1.14 makes one per pass
        src.reset = src.restart if mode == "test" else None
        return src

    def fit_generator(self, generator, steps_per_epoch=None, epochs=1, verbose=1,
                      callbacks=None, validation_data=None, validation_steps=None,
                      validation_freq=1, class_weight=None, max_queue_size=10, workers=1,
                      use_multiprocessing=False, shuffle=True, initial_epoch=0):
        """Trains on batches from a Python generator or a keras.utils.Sequence (drawn in
        this thread, in the order TF 1.14's enqueuers deliver them; with
        `use_multiprocessing`, made in TF's enqueuer's worker processes)."""
        self._check_compiled()
        mp = {"use_multiprocessing": use_multiprocessing, "max_queue_size": max_queue_size}
        source = self._generator_source(generator, steps_per_epoch, "train", shuffle,
                                        workers, "steps_per_epoch", **mp)
        val = None
        if validation_data is not None:
            vd = validation_data
            if tg.is_generator_or_sequence(vd) or isinstance(vd, tg.Iterator):
                if not isinstance(vd, tg._utils.Sequence) and not validation_steps:
                    source.close()
                    raise ValueError("Please specify the `validation_steps` argument.")
                val = self._generator_source(vd, validation_steps, "test", False, workers,
                                             "validation_steps", **mp)
            elif tg.is_dataset(vd):
                val = self._generator_source(vd, validation_steps, "test", False, workers,
                                             "validation_steps")
            else:
                val = _LazyArraysSource(self, tuple(vd), validation_steps)
        inner = source

        def counting():
            batch = inner()
            if batch is not None:
                first = batch[0]
                while isinstance(first, (list, tuple)):
                    first = first[0]
                if isinstance(first, dict):
                    first = next(iter(first.values()))
                self._last_bs = int(np.shape(first)[0])
            return batch
        counting.steps, counting.reset = source.steps, source.reset
        try:
            return self._fit_steps(counting, steps_per_epoch, epochs, verbose, callbacks,
                                   val, validation_steps, initial_epoch, class_weight,
                                   size_one=False, validation_freq=validation_freq)
        finally:   # the enqueuers' worker processes (use_multiprocessing) end with the fit
            for src in (source, val):
                if getattr(src, "close", None) is not None:
                    src.close()

    def evaluate_generator(self, generator, steps=None, callbacks=None, max_queue_size=10,
                           workers=1, use_multiprocessing=False, verbose=0):
        """The loss and metrics over `steps` batches of a generator or Sequence."""
        self._check_compiled()
        source = self._generator_source(generator, steps, "test", False, workers, "steps",
                                        use_multiprocessing=use_multiprocessing,
                                        max_queue_size=max_queue_size)
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        cb.call("on_test_begin", None)
        bar = _with_progbar(cb, self, verbose, source.steps, True, self.metrics_names)
        try:
            values, _ = self._run_steps(source, source.steps, False, cb, "test")
        finally:
            if getattr(source, "close", None) is not None:
                source.close()
        if bar is not None:
            bar.finish(self.metrics_names, values)
            cb.callbacks.remove(bar)
        cb.call("on_test_end", None)
        return values[0] if len(values) == 1 else values

    def predict_generator(self, generator, steps=None, callbacks=None, max_queue_size=10,
                          workers=1, use_multiprocessing=False, verbose=0):
        """The outputs over `steps` batches of a generator or Sequence, concatenated."""
        source = self._generator_source(generator, steps, "predict", False, workers, "steps",
                                        use_multiprocessing=use_multiprocessing,
                                        max_queue_size=max_queue_size)
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        cb.call("on_predict_begin", None)
        bar = _with_progbar(cb, self, verbose, source.steps, True, [])
        self.reset_metrics()   # TF 1.14's generator loop resets them in predict mode too
        try:
            result = self._predict_steps(source, source.steps, cb)
        finally:
            if getattr(source, "close", None) is not None:
                source.close()
        if bar is not None:
            bar.finish([], [])
            cb.callbacks.remove(bar)
        cb.call("on_predict_end", None)
        return result

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       reset_metrics=True):
        """One gradient step on one batch; the loss (and metrics) of that batch."""
        self._check_compiled()
        xs, ys, sws = self._standardize(x, y, sample_weight, class_weight)
        self._update_sample_weight_modes(sws)
        self._make_train_function()
        values = self._run_batches(xs, ys, sws, len(xs[0]), True, reset=False)
        if reset_metrics:  # TF 1.14 resets after the batch
            self.reset_metrics()
        values[0] = np.float32(values[0])  # the batch's loss as fetched
        return values[0] if len(values) == 1 else values

    def test_on_batch(self, x, y=None, sample_weight=None, reset_metrics=True):
        """The loss (and metrics) of one batch."""
        self._check_compiled()
        xs, ys, sws = self._standardize(x, y, sample_weight)
        values = self._run_batches(xs, ys, sws, len(xs[0]), False, reset=False)
        if reset_metrics:  # TF 1.14 resets after the batch
            self.reset_metrics()
        values[0] = np.float32(values[0])  # the batch's loss as fetched
        return values[0] if len(values) == 1 else values

    def predict_on_batch(self, x):
        """The outputs for one batch."""
        xs, _, _ = self._standardize(x)
        if self._distribution_strategy is not None:
            return self.predict(xs if len(xs) > 1 else xs[0], batch_size=len(xs[0]))
        return self._predict_arrays(xs, len(xs[0]), cbks.CallbackList(), 0, False)


class _LazyArraysSource:
    """fit_generator's validation arrays: batches of the size of the last training batch,
    made when validation first runs (TF 1.14's convert_to_generator_like)."""

    def __init__(self, model, data, steps):
        self.model, self.data, self._steps, self._src = model, data, steps, None
        self.reset = None

    @property
    def steps(self):
        self._make()
        return self._src.steps

    def _make(self):
        if self._src is None:
            gen, n = tg.arrays_generator(self.data, getattr(self.model, "_last_bs", None))
            self._src = tg.generator_source(gen, "test")
            self._src.steps = n if self._steps is None else self._steps

    def __call__(self):
        self._make()
        return self._src()


def _check_generator_arguments(y=None, sample_weight=None, validation_split=None):
    if y is not None:
        raise ValueError("`y` argument is not supported when data isa generator or Sequence "
                         "instance. Instead pass targets as the second element of the "
                         "generator.")
    if sample_weight is not None:
        raise ValueError("`sample_weight` argument is not supported when data isa generator "
                         "or Sequence instance. Instead pass sample weights as the third "
                         "element of the generator.")
    if validation_split:
        raise ValueError("If your data is in the form of a Python generator, you cannot use "
                         "`validation_split`.")


def _sample_weight_modes(mode, output_names, loss_fns):
    """compile(sample_weight_mode=...) per output, as TF 1.14's prepare_sample_weight_modes
    (an output without a loss keeps None)."""
    if isinstance(mode, dict):
        tm.check_for_unexpected_keys("sample_weight_mode", mode, output_names)
        out = []
        for name, fn in zip(output_names, loss_fns):
            if fn is not None and name not in mode:
                raise ValueError("Output " + name + "missing from `_sample_weight_modes` "
                                 "dictionary")
            out.append(mode.get(name) if fn is not None else None)
        return out
    if isinstance(mode, (list, tuple)):
        if len(mode) != len(output_names):
            raise ValueError("When passing a list as sample_weight_mode, it should have one "
                             "entry per model output. The model has " +
                             str(len(output_names)) + " outputs, but you passed " +
                             str(len(mode)) + "_sample_weight_modes.")
        return [m if fn is not None else None for m, fn in zip(mode, loss_fns)]
    return [mode if fn is not None else None for fn in loss_fns]


class _SampleWeights(list):
    """The weights of every output (None where none) and whether TF 1.14 feeds them
    (`listed`: a fed output has a weights mode, or weights were given)."""

    def __init__(self, weights, listed=True):
        super().__init__(weights)
        self.listed = listed


def _weights_placeholder(output_name, temporal):
    """TF's sample-weight PlaceholderWithDefault of an output: [batch] ([1.]) or, for
    'temporal', [batch, time] ([[1.]])."""
    default = constant_op.constant([[1.]] if temporal else [1.], dtype=K.floatx())
    return array_ops.placeholder_with_default(
        default, shape=[None, None] if temporal else [None],
        name=output_name + "_sample_weights")


def _temporal_weights(y, sample_weight, class_weight):
    """TF 1.14's standardize_weights for a 'temporal' output: None (the default ones) or
    the [batch, time] array, with TF's checks."""
    if y.ndim < 3:
        raise ValueError("Found a sample_weight array for an input with shape " +
                         str(y.shape) + ". Timestep-wise sample weighting (use of "
                         "sample_weight_mode=\"temporal\") is restricted to outputs that "
                         "are at least 3D, i.e. that have a time dimension.")
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, "float32")
        if sample_weight.ndim != 2:
            raise ValueError("Found a sample_weight array with shape " +
                             str(sample_weight.shape) + ". In order to use timestep-wise "
                             "sample weighting, you should pass a 2D sample_weight array.")
        if y.shape[:2] != sample_weight.shape:
            raise ValueError("Found a sample_weight array with shape " +
                             str(sample_weight.shape) + " for an input with shape " +
                             str(y.shape) + ". sample_weight cannot be broadcast.")
    if isinstance(class_weight, dict):
        raise ValueError("`class_weight` not supported for 3+ dimensional targets.")
    return sample_weight


def _batch_shuffle(index_array, batch_size):
    """TF 1.14's batch_shuffle: the full batches' blocks of indices in a shuffled order
    (np.random.shuffle of the rows), then the last partial batch."""
    n = len(index_array) // batch_size
    blocks = index_array[:n * batch_size].reshape((n, batch_size))
    np.random.shuffle(blocks)
    return np.append(blocks.flatten(), index_array[n * batch_size:])


def _whole_arrays(x, y, sample_weight, steps):
    """A step source that gives the same arrays at each of `steps` steps (TF 1.14's loop
    over NumPy inputs given a step count)."""
    def whole():
        return x, y, sample_weight
    whole.steps, whole.reset = steps, None
    return whole


def _should_validate(validation_freq, epoch):
    """TF 1.14's should_run_validation: an int validates every `validation_freq` epochs,
    a container on the (1-based) epochs it holds. Checked when validation could run."""
    if isinstance(validation_freq, int):
        if validation_freq < 1:
            raise ValueError("`validation_freq` can not be less than 1.")
        return (epoch + 1) % validation_freq == 0
    if not isinstance(validation_freq, collections.abc.Container):
        raise ValueError("`validation_freq` must be an Integer or `collections.Container` "
                         "(e.g. list, tuple, etc.)")
    return epoch + 1 in validation_freq


def _validate_dataset_input(x, y, sample_weight, validation_split=None):
    if y is not None:
        raise ValueError("You passed a dataset or dataset iterator (%s) as input `x` to your "
                         "model. In that case, you should not specify a target (`y`) "
                         "argument, since the dataset or dataset iterator generates both "
                         "input data and target data. Received: %s" % (x, y))
    if sample_weight is not None:
        raise ValueError("`sample_weight` argument is not supported when input `x` is a "
                         "dataset or a dataset iterator. Instead, youcan provide "
                         "sample_weight as the third element  of yourdataset, i.e. (inputs, "
                         "targets, sample_weight). Received: x=%s, sample_weight=%s"
                         % (x, sample_weight))
    if validation_split is not None and validation_split != 0.0:
        raise ValueError("`validation_split` argument is not supported when input `x` is a "
                         "dataset or a dataset iterator. Received: x=%s, "
                         "validation_split=%f" % (x, validation_split))
