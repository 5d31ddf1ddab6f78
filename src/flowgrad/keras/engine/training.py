"""tf.keras.Model: compile, fit, evaluate, predict (TF 1.14 keras/engine/training.py and
training_arrays.py), graph mode on keras.backend.get_session().

The loss of an output is mean(sample losses * sample weights) (TF's
SUM_OVER_BATCH_SIZE); the total loss adds the outputs' losses times loss_weights and the
model's regularization losses. Metrics are averaged over an epoch as TF's stateful mean
metrics are (float32 total and count); the epoch loss is the batch losses weighted by
batch size. fit shuffles with np.random.shuffle of the indices each epoch.
"""
import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import name_scope
from ...ops import array_ops, math_ops
from .. import backend as K
from .. import callbacks as cbks
from .. import losses as losses_module
from .. import metrics as metrics_module
from .. import optimizers
from .network import Network

__all__ = ["Model"]

_METRIC_NAMES = {"mse": "mean_squared_error", "mae": "mean_absolute_error",
                 "mape": "mean_absolute_percentage_error",
                 "msle": "mean_squared_logarithmic_error"}


def _to_list(x):
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


class Model(Network):
    """A network with training: compile, fit, evaluate, predict."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.optimizer = None
        self._compiled = False
        self.stop_training = False
        self.history = None
        self.metrics_names = []

    # -- compile --------------------------------------------------------------------------
    def compile(self, optimizer, loss=None, metrics=None, loss_weights=None,
                sample_weight_mode=None, weighted_metrics=None, target_tensors=None,
                distribute=None, **kwargs):
        """Sets the optimizer, the losses and the metrics (the graph is made on first use).
        """
        for name, value in (("sample_weight_mode", sample_weight_mode),
                            ("weighted_metrics", weighted_metrics),
                            ("target_tensors", target_tensors), ("distribute", distribute)):
            if value is not None:
                raise NotImplementedError("flowgrad does not implement compile(" + name +
                                          "=...)")
        if kwargs:
            raise TypeError("Invalid keyword argument(s) in `compile`: %s" % (set(kwargs),))
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self._metrics_arg = metrics
        self.loss_weights = loss_weights
        self._compiled = True
        self._graph_built = False
        if self._is_graph_network:
            self._build_training_graph()

    def _build_training_graph(self):
        outputs = self.outputs
        n = len(outputs)
        loss = self.loss
        if isinstance(loss, dict):
            loss_fns = [losses_module.get(loss.get(name)) for name in self.output_names]
        elif isinstance(loss, (list, tuple)):
            if len(loss) != n:
                raise ValueError("When passing a list as loss, it should have one entry per "
                                 "model outputs. The model has " + str(n) + " outputs, but "
                                 "you passed loss=" + str(loss))
            loss_fns = [losses_module.get(x) for x in loss]
        else:
            loss_fns = [losses_module.get(loss)] * n
        if self.loss_weights is None:
            weights = [1.] * n
        elif isinstance(self.loss_weights, dict):
            weights = [self.loss_weights.get(name, 1.) for name in self.output_names]
        else:
            weights = list(self.loss_weights)
        self._loss_fns = loss_fns
        self._targets, self._sample_weights, self._metric_tensors = [], [], []
        self.metrics_names = ["loss"]
        out_losses = []
        metrics_arg = self._metrics_arg
        for i, (output, fn) in enumerate(zip(outputs, loss_fns)):
            name = self.output_names[i]
            target = K.placeholder(ndim=output.shape.ndims, name=name + "_target",
                                   dtype=K.dtype(output))
            sw = array_ops.placeholder(_dt.as_dtype(K.dtype(output)), shape=[None],
                                       name=name + "_sample_weights")
            self._targets.append(target)
            self._sample_weights.append(sw)
            if fn is None:
                out_losses.append(None)
                continue
            with name_scope("loss"):
                with name_scope(name + "_loss"):
                    values = fn(target, output)
                    weighted = values * sw
                    size = math_ops.cast(array_ops.size(values), weighted.dtype)
                    out_losses.append(math_ops.reduce_sum(weighted) / size)
        with name_scope("loss"):
            total = None
            for w, out_loss in zip(weights, out_losses):
                if out_loss is None:
                    continue
                term = out_loss * w if w != 1. else out_loss
                total = term if total is None else total + term
            reg = self.losses
            if reg:
                total = total + math_ops.add_n(reg)
        self.total_loss = total
        if n > 1:
            self.metrics_names += [self.output_names[i] + "_loss" for i in range(n)]
        self._out_losses = out_losses
        # metrics: (name, output index, per-sample tensor)
        metric_specs = []
        for i in range(n):
            if isinstance(metrics_arg, dict):
                ms = _to_list(metrics_arg.get(self.output_names[i]))
            elif metrics_arg and isinstance(metrics_arg, list) and metrics_arg and \
                    isinstance(metrics_arg[0], list):
                ms = list(metrics_arg[i])
            else:
                ms = _to_list(metrics_arg)
            for m in ms:
                metric_specs.append((i, m))
        with name_scope("metrics"):
            for i, m in metric_specs:
                output, target = outputs[i], self._targets[i]
                if m in ("accuracy", "acc"):
                    shape = output.shape.as_list()
                    fn_name = loss_fns[i].__name__ if loss_fns[i] else ""
                    if shape[-1] == 1 or fn_name == "binary_crossentropy":
                        fn = metrics_module.binary_accuracy
                    elif fn_name == "sparse_categorical_crossentropy":
                        fn = metrics_module.sparse_categorical_accuracy
                    else:
                        fn = metrics_module.categorical_accuracy
                    mname = "acc"
                elif isinstance(m, str):
                    fn = metrics_module.get(m)
                    mname = _METRIC_NAMES.get(m, m)
                else:
                    fn = m
                    mname = m.__name__
                if n > 1:
                    mname = self.output_names[i] + "_" + mname
                with name_scope(mname):
                    values = fn(target, output)
                    # `metrics` are not weighted by sample or class weights in TF 1.14
                    # (only `weighted_metrics` are)
                    total = math_ops.reduce_sum(values)
                    count = math_ops.cast(array_ops.size(values), values.dtype)
                self._metric_tensors.append((total, count))
                self.metrics_names.append(mname)
        self._train_fn = None
        self._graph_built = True

    def _make_train_function(self):
        if self._train_fn is None:
            params = self.trainable_weights
            with name_scope("training"):
                with name_scope(self.optimizer.__class__.__name__):
                    updates = self.optimizer.get_updates(self.total_loss, params)
            for v in self.optimizer.variables():
                K.track_variable(v)
            self._train_fn = updates + list(self.updates)
        return self._train_fn

    # -- data -----------------------------------------------------------------------------
    def _standardize(self, x, y=None, sample_weight=None, class_weight=None):
        xs = [np.asarray(a) for a in _to_list(x)]
        if isinstance(x, dict):
            xs = [np.asarray(x[name]) for name in self.input_names]
        xs = [a[:, None] if a.ndim == 1 else a for a in xs]
        if not self._is_graph_network and not self.outputs:
            self._set_inputs_from_data(xs)
        if self._compiled and not self._graph_built:
            self._build_training_graph()
        if len(xs) != len(self.inputs):
            raise ValueError("Error when checking model input: the list of Numpy arrays that "
                             "you are passing to your model is not the size the model "
                             "expected. Expected to see " + str(len(self.inputs)) +
                             " array(s), but instead got " + str(len(xs)) + " arrays.")
        if y is None:
            return xs, None, None
        ys = [np.asarray(a) for a in _to_list(y)]
        if isinstance(y, dict):
            ys = [np.asarray(y[name]) for name in self.output_names]
        ys = [a[:, None] if a.ndim == 1 else a for a in ys]
        n = len(xs[0])
        sws = []
        sw_list = _to_list(sample_weight) if not isinstance(sample_weight, np.ndarray) \
            else [sample_weight]
        for i, ya in enumerate(ys):
            w = np.ones(n, "float32")
            if sw_list and sw_list[min(i, len(sw_list) - 1)] is not None:
                w = np.asarray(sw_list[min(i, len(sw_list) - 1)], "float32")
            if class_weight:
                cw = class_weight if not isinstance(class_weight, list) else class_weight[i]
                labels = ya.argmax(axis=-1) if ya.ndim > 1 and ya.shape[-1] > 1 else \
                    ya.reshape(len(ya)).astype(int) if ya.ndim <= 2 else None
                w = w * np.asarray([cw.get(int(c), 1.) for c in labels], "float32")
            sws.append(w)
        return xs, ys, sws

    def _feed(self, xs, ys, sws, ids, training):
        feed = {p: a[ids] for p, a in zip(self.inputs, xs)}
        if ys is not None:
            feed.update({p: a[ids] for p, a in zip(self._targets, ys)})
            feed.update({p: a[ids] for p, a in zip(self._sample_weights, sws)})
        lp = K.learning_phase()
        if not isinstance(lp, int) and training:
            feed[lp] = True
        return feed

    def _set_inputs_from_data(self, arrays):
        """A subclassed model's first fit/evaluate/predict: placeholders `input_N` shaped
        like the data, the model called on them."""
        inputs = [K.placeholder(shape=(None,) + tuple(a.shape[1:]), name="input_%d" % (i + 1))
                  for i, a in enumerate(arrays)]
        outputs = self(inputs[0] if len(inputs) == 1 else inputs)
        self.inputs = inputs
        self.outputs = _to_list(outputs)
        self.input_names = ["input_%d" % (i + 1) for i in range(len(inputs))]
        self.output_names = ["output_%d" % (i + 1) for i in range(len(self.outputs))]
        self.built = True

    def get_weights(self):
        """The weights' values (numpy arrays), read in keras.backend.get_session()."""
        return K.get_session().run(self.weights)

    def set_weights(self, weights):
        """Loads numpy arrays into the weights, in keras.backend.get_session()."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("You called `set_weights(weights)` on layer \"" + self.name +
                             "\" with a  weight list of length " + str(len(weights)) +
                             ", but the layer was expecting " + str(len(params)) +
                             " weights. Provided weights: " + str(weights)[:50] + "...")
        sess = K.get_session()
        for p, w in zip(params, weights):
            p.load(np.asarray(w), sess)

    # -- the loops ------------------------------------------------------------------------
    def _run_batches(self, xs, ys, sws, batch_size, training, index_array=None,
                     callbacks=None, hook=None):
        """Runs the batches; returns (epoch values in metrics_names order)."""
        n = len(xs[0])
        if index_array is None:
            index_array = np.arange(n)
        fetches = [self.total_loss] + [x for x in self._out_losses if x is not None] \
            if len(self.outputs) > 1 else [self.total_loss]
        fetches = fetches + [t for pair in self._metric_tensors for t in pair]
        if training:
            fetches = fetches + self._make_train_function()
        sess = K.get_session()
        loss_total = 0.
        n_out = len(self.outputs) if len(self.outputs) > 1 else 0
        out_totals = [np.float32(0)] * n_out
        out_counts = [np.float32(0)] * n_out
        m_totals = [np.float32(0)] * len(self._metric_tensors)
        m_counts = [np.float32(0)] * len(self._metric_tensors)
        logs_out = None
        for batch_index, start in enumerate(range(0, n, batch_size)):
            ids = index_array[start:start + batch_size]
            batch_logs = {"batch": batch_index, "size": len(ids)}
            if callbacks is not None:
                callbacks.call("on_%s_batch_begin" % hook, batch_index, batch_logs)
            outs = sess.run(fetches, self._feed(xs, ys, sws, ids, training))
            loss_total += float(outs[0]) * len(ids)
            values = [outs[0]]
            for j in range(n_out):
                out_totals[j] = np.float32(out_totals[j] + outs[1 + j])
                out_counts[j] = np.float32(out_counts[j] + 1)
                values.append(np.float32(out_totals[j] / out_counts[j]))
            base = 1 + n_out
            for j in range(len(self._metric_tensors)):
                m_totals[j] = np.float32(m_totals[j] + outs[base + 2 * j])
                m_counts[j] = np.float32(m_counts[j] + outs[base + 2 * j + 1])
                values.append(np.float32(m_totals[j] / m_counts[j]) if m_counts[j] else
                              np.float32(0))
            for name, v in zip(self.metrics_names, values):
                batch_logs[name] = v
            if callbacks is not None:
                callbacks.call("on_%s_batch_end" % hook, batch_index, batch_logs)
            logs_out = values
            if training and self.stop_training:
                break
        logs_out[0] = loss_total / n
        return logs_out

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose=1, callbacks=None,
            validation_split=0., validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_freq=1, max_queue_size=10, workers=1, use_multiprocessing=False,
            **kwargs):
        """Trains for `epochs` epochs on numpy arrays; returns the History."""
        if kwargs:
            raise TypeError("Unrecognized keyword arguments: " + str(kwargs))
        for name, value in (("steps_per_epoch", steps_per_epoch),
                            ("validation_steps", validation_steps)):
            if value is not None:
                raise NotImplementedError("flowgrad does not implement fit(" + name + "=...)")
        if validation_freq != 1:
            raise NotImplementedError("flowgrad does not implement fit(validation_freq=...)")
        if not self._compiled:
            raise RuntimeError("You must compile your model before using it.")
        if batch_size is None:
            batch_size = 32
        xs, ys, sws = self._standardize(x, y, sample_weight, class_weight)
        val = None
        if validation_data is not None:
            vd = list(validation_data)
            val = self._standardize(vd[0], vd[1], vd[2] if len(vd) > 2 else None)
        elif validation_split and 0. < validation_split < 1.:
            split_at = int(len(xs[0]) * (1. - validation_split))
            val = ([a[split_at:] for a in xs], [a[split_at:] for a in ys],
                   [a[split_at:] for a in sws])
            xs, ys, sws = ([a[:split_at] for a in xs], [a[:split_at] for a in ys],
                           [a[:split_at] for a in sws])
        n = len(xs[0])
        names = list(self.metrics_names)
        if val is not None:
            names += ["val_" + m for m in self.metrics_names]
        self.history = cbks.History()
        # TF 1.14's order: the user's callbacks, History, then the progress bar
        cb_list = _to_list(callbacks) + [self.history]
        if verbose:
            cb_list.append(cbks.ProgbarLogger(stateful_metrics=self.metrics_names[1:]))
        callback_list = cbks.CallbackList(cb_list)
        params = {"batch_size": batch_size, "epochs": epochs, "steps": None, "samples": n,
                  "verbose": verbose, "do_validation": val is not None, "metrics": names}
        for c in cb_list:
            c.set_model(self)
            c.set_params(params)
        if verbose and val is not None:
            print("Train on %d samples, validate on %d samples" % (n, len(val[0][0])))
        self.stop_training = False
        self._make_train_function()
        K.get_session()
        callback_list.call("on_train_begin", None)
        for epoch in range(initial_epoch, epochs):
            index_array = np.arange(n)
            epoch_logs = {}
            callback_list.call("on_epoch_begin", epoch, epoch_logs)
            if shuffle == "batch":
                raise NotImplementedError("flowgrad does not implement fit(shuffle='batch')")
            if shuffle:
                np.random.shuffle(index_array)
            values = self._run_batches(xs, ys, sws, batch_size, True, index_array,
                                       callback_list, "train")
            epoch_logs.update(zip(self.metrics_names, values))
            if val is not None:
                # TF 1.14 runs validation through its fit loop in test mode, which
                # shuffles the validation indices too (draws from NumPy's global RNG)
                val_index = np.arange(len(val[0][0]))
                np.random.shuffle(val_index)
                vvals = self._run_batches(val[0], val[1], val[2], batch_size, False,
                                          val_index)
                epoch_logs.update(zip(["val_" + m for m in self.metrics_names], vvals))
            callback_list.call("on_epoch_end", epoch, epoch_logs)
            if self.stop_training:
                break
        callback_list.call("on_train_end", None)
        return self.history

    def evaluate(self, x=None, y=None, batch_size=None, verbose=1, sample_weight=None,
                 steps=None, callbacks=None, max_queue_size=10, workers=1,
                 use_multiprocessing=False):
        """The loss and metrics on numpy arrays: a scalar, or a list in metrics_names
        order."""
        if steps is not None:
            raise NotImplementedError("flowgrad does not implement evaluate(steps=...)")
        if not self._compiled:
            raise RuntimeError("You must compile your model before using it.")
        xs, ys, sws = self._standardize(x, y, sample_weight)
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        cb.call("on_test_begin", None)
        values = self._run_batches(xs, ys, sws, batch_size or 32, False, callbacks=cb,
                                   hook="test")
        cb.call("on_test_end", None)
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose=0, steps=None, callbacks=None,
                max_queue_size=10, workers=1, use_multiprocessing=False):
        """The model's outputs on numpy inputs, batch by batch, concatenated."""
        if steps is not None:
            raise NotImplementedError("flowgrad does not implement predict(steps=...)")
        xs, _, _ = self._standardize(x)
        batch_size = batch_size or 32
        sess = K.get_session()
        n = len(xs[0])
        outs = [[] for _ in self.outputs]
        cb = cbks.CallbackList(_to_list(callbacks))
        for c in cb.callbacks:
            c.set_model(self)
        cb.call("on_predict_begin", None)
        for batch_index, start in enumerate(range(0, n, batch_size)):
            ids = np.arange(start, min(start + batch_size, n))
            cb.call("on_predict_batch_begin", batch_index, {"batch": batch_index,
                                                            "size": len(ids)})
            res = sess.run(self.outputs, self._feed(xs, None, None, ids, False))
            for o, r in zip(outs, res):
                o.append(r)
            cb.call("on_predict_batch_end", batch_index, {"batch": batch_index,
                                                          "size": len(ids)})
        cb.call("on_predict_end", None)
        result = [np.concatenate(o) for o in outs]
        return result[0] if len(result) == 1 else result

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       reset_metrics=True):
        """One gradient step on one batch; the loss (and metrics) of that batch."""
        if not reset_metrics:
            raise NotImplementedError("flowgrad does not implement "
                                      "train_on_batch(reset_metrics=False)")
        xs, ys, sws = self._standardize(x, y, sample_weight, class_weight)
        self._make_train_function()
        values = self._run_batches(xs, ys, sws, len(xs[0]), True)
        return values[0] if len(values) == 1 else values

    def test_on_batch(self, x, y=None, sample_weight=None, reset_metrics=True):
        """The loss (and metrics) of one batch."""
        if not reset_metrics:
            raise NotImplementedError("flowgrad does not implement "
                                      "test_on_batch(reset_metrics=False)")
        xs, ys, sws = self._standardize(x, y, sample_weight)
        values = self._run_batches(xs, ys, sws, len(xs[0]), False)
        return values[0] if len(values) == 1 else values

    def predict_on_batch(self, x):
        """The outputs for one batch."""
        xs, _, _ = self._standardize(x)
        return self.predict(xs if len(xs) > 1 else xs[0], batch_size=len(xs[0]))
