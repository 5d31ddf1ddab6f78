"""Layer.add_metric / Model.add_metric under TF 1.14 (kmet_add_metric.json) and flowgrad
(tests/test_kmet_add_metric.py), graph mode (keras/engine/base_layer.py add_metric,
_symbolic_add_metric, AddMetric; training.py metrics_names, _all_metrics_tensors): a
mean metric added in a layer's call and on a functional model's tensor (an AddMetric
layer after the tensor's op layers), the results of Metric objects, a name used twice,
metrics_names and metrics before and after compile, the metric variables (in no
collection), fit / evaluate / train_on_batch / test_on_batch values and History with
seeded weights, a subclassed model's and a Sequential model's (nested in a functional
one), a model without weights (the optimizer only counts), get_config / from_config,
and the errors TF raises. Valid Python 3.7.

    python tools/goldens.py regen keras/kmet_add_metric
"""
import numpy as np


def _error(fn, last_line=False):
    """The error fn raises; with `last_line`, of its message's last line only (TF's
    autograph wraps an error raised in a layer's call in 'in converted code: ...', its
    last line '<class>: <message>')."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the error
        if not last_line:
            return e
        line = str(e).strip().split("\n")[-1].strip()
        prefix = type(e).__name__ + ": "
        return type(e)(line[len(prefix):] if line.startswith(prefix) else line)
    return "no error"


def _data():
    x = np.arange(24, dtype=np.float32).reshape(8, 3) / 10.
    y = np.arange(8, dtype=np.float32).reshape(8, 1) / 4.
    return x, y


def _act_layer(tf):
    class Act(tf.keras.layers.Layer):
        def call(self, x):
            self.add_metric(tf.reduce_mean(x), name="mean_act", aggregation="mean")
            return x
    return Act


def _model(tf):
    """Dense, a layer adding 'mean_act', Dense; the model adds 'out_sum'."""
    inp = tf.keras.layers.Input((3,))
    h = tf.keras.layers.Dense(4, kernel_initializer=tf.keras.initializers.RandomNormal(
        seed=1))(inp)
    act = _act_layer(tf)()
    h = act(h)
    out = tf.keras.layers.Dense(1, kernel_initializer=tf.keras.initializers.RandomNormal(
        seed=2))(h)
    model = tf.keras.Model(inp, out)
    model.add_metric(tf.reduce_sum(out), name="out_sum", aggregation="mean")
    return model, act, out


def _history(hist):
    return {k: [float(v) for v in vs] for k, vs in hist.history.items()}


def _training(tf):
    out = {}
    with tf.Graph().as_default():
        model, act, _ = _model(tf)
        out["names before"] = model.metrics_names
        out["metrics before"] = [m.name for m in model.metrics]
        out["layers"] = [[layer.name, type(layer).__name__] for layer in model.layers]
        out["act metrics"] = [m.name for m in act.metrics]
        out["act weights"] = len(act.weights)
        out["metric variables"] = [v.name for m in model.metrics for v in m.variables]
        out["ops"] = [op.name for op in tf.get_default_graph().get_operations()]
        model.compile("sgd", "mse", metrics=["mae"])
        out["names after"] = model.metrics_names
        out["metrics after"] = [m.name for m in model.metrics]
        out["collections"] = [len(tf.global_variables()), len(tf.local_variables())]
        x, y = _data()
        out["predict"] = model.predict(x[:2])
        out["fit"] = _history(model.fit(x, y, batch_size=3, epochs=2, verbose=0,
                                        shuffle=False))
        out["evaluate"] = model.evaluate(x, y, batch_size=3, verbose=0)
        out["train_on_batch"] = model.train_on_batch(x[:4], y[:4])
        out["test_on_batch"] = model.test_on_batch(x[:4], y[:4])
        out["test_on_batch kept"] = [
            model.test_on_batch(x[i:i + 2], y[i:i + 2], reset_metrics=False)
            for i in (0, 2, 4)]
        out["fit validation"] = _history(model.fit(x, y, batch_size=4, epochs=1, verbose=0,
                                                   validation_split=0.25, shuffle=False))
        mean = model.layers[-1]._metrics[0]
        out["state"] = [tf.keras.backend.get_value(mean.count),
                        tf.keras.backend.get_value(mean.total)]
        model.reset_metrics()
        out["state reset"] = [tf.keras.backend.get_value(mean.count),
                              tf.keras.backend.get_value(mean.total)]
    return out


def _metric_objects(tf):
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        mean = tf.keras.metrics.Mean(name="mm")

        class Track(tf.keras.layers.Layer):
            def call(self, x):
                self.add_metric(mean(x))
                self.add_metric(tf.keras.metrics.Sum(name="s")(x), name="ignored")
                return x

        h = tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.RandomNormal(
            seed=3))(inp)
        o = Track()(h)
        model = tf.keras.Model(inp, o)
        out["names before"] = model.metrics_names
        model.compile("sgd", "mse")
        out["names after"] = model.metrics_names
        x, _ = _data()
        out["fit"] = _history(model.fit(x, x, batch_size=3, epochs=2, verbose=0,
                                        shuffle=False))
        out["evaluate"] = model.evaluate(x, x, batch_size=3, verbose=0)
        out["functional error"] = _error(lambda: model.add_metric(mean(o)))
    return out


def _same_name(tf):
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))

        class Twice(tf.keras.layers.Layer):
            def call(self, x):
                self.add_metric(tf.reduce_sum(x), name="dup", aggregation="mean")
                self.add_metric(tf.reduce_mean(x), name="dup", aggregation="mean")
                return x

        layer = Twice()
        o = layer(inp)
        out["metrics"] = [m.name for m in layer.metrics]
        out["variables"] = [v.name for v in layer.metrics[0].variables]
        out["tensor"] = layer._metrics_tensors["dup"].name
        layer(inp)
        out["metrics again"] = [m.name for m in layer.metrics]
        model = tf.keras.Model(inp, o)
        model.compile("sgd", "mse")
        x, _ = _data()
        out["evaluate"] = model.evaluate(x, x, batch_size=8, verbose=0)
        layer._metrics.append(tf.keras.metrics.Mean(name="dup"))
        out["several"] = _error(lambda: layer.add_metric(inp, name="dup",
                                                         aggregation="mean"))
    return out


def _errors(tf):
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        o = tf.keras.layers.Dense(1)(inp)
        model = tf.keras.Model(inp, o)
        s = tf.reduce_sum(o)
        out["no name"] = _error(lambda: model.add_metric(s, aggregation="mean"))
        out["bad aggregation"] = _error(lambda: model.add_metric(s, name="a",
                                                                 aggregation="sum"))
        out["aggregated"] = _error(lambda: model.add_metric(s, name="b"))
        out["not a tensor"] = _error(lambda: model.add_metric(1.0, name="c",
                                                              aggregation="mean"))
        out["names"] = model.metrics_names
        out["layers"] = [layer.name for layer in model.layers]

        class Plain(tf.keras.layers.Layer):
            def call(self, x):
                self.add_metric(tf.reduce_sum(x), name="plain")
                return x

        out["in call"] = _error(lambda: Plain()(inp), last_line=True)
        class Number(tf.keras.layers.Layer):
            def call(self, x):   # TF's eager path: a Mean updated, no result tensor
                self.add_metric(1.0, name="one", aggregation="mean")
                self.add_metric(2.0, name="one", aggregation="mean")
                return x

        number = Number()
        model = tf.keras.Model(inp, number(inp))
        out["number in call"] = [model.metrics_names, sorted(number._metrics_tensors),
                                 [v.name for v in number.metrics[0].variables]]
        model.compile("sgd", "mse")
        out["number evaluate"] = _error(lambda: model.evaluate(
            np.ones((2, 3), np.float32), np.ones((2, 3), np.float32), verbose=0))
        layer = tf.keras.layers.Dense(2)
        layer.add_metric(tf.reduce_sum(inp), name="outside", aggregation="mean")
        out["outside call"] = [[m.name for m in layer.metrics], sorted(layer._metrics_tensors)]
    return out


def _config(tf):
    out = {}
    with tf.Graph().as_default():
        model, _, _ = _model(tf)
        add_metric = model.layers[-1]
        out["config"] = add_metric.get_config()
        out["model config layers"] = [[layer["class_name"], layer["name"]]
                                      for layer in model.get_config()["layers"]]
        # TF 1.14 does not know the AddMetric layer by name
        out["from_config"] = _error(lambda: tf.keras.Model.from_config(
            model.get_config(), custom_objects={"Act": _act_layer(tf)}))
    return out


def _subclassed(tf):
    """A subclassed model adding a metric in its call (its names once it is called)."""
    out = {}
    with tf.Graph().as_default():
        class Sub(tf.keras.Model):
            def __init__(self):
                super(Sub, self).__init__()
                self.d = tf.keras.layers.Dense(
                    1, kernel_initializer=tf.keras.initializers.RandomNormal(seed=4))

            def call(self, x):
                y = self.d(x)
                self.add_metric(tf.reduce_mean(y), name="ym", aggregation="mean")
                return y

        model = Sub()
        out["names before"] = model.metrics_names
        model.compile("sgd", "mse")
        out["names compiled"] = model.metrics_names
        x, y = _data()
        out["fit"] = _history(model.fit(x, y, batch_size=4, epochs=2, verbose=0,
                                        shuffle=False))
        out["names after"] = model.metrics_names
        out["evaluate"] = model.evaluate(x, y, verbose=0)
        out["metrics"] = [m.name for m in model.metrics]
    return out


def _sequential_nested(tf):
    """A Sequential model with a layer adding a metric, then inside a functional model
    (whose metrics_names has the layers' own metrics only)."""
    out = {}
    with tf.Graph().as_default():
        class Max(tf.keras.layers.Layer):
            def call(self, x):
                self.add_metric(tf.reduce_max(x), name="mx", aggregation="mean")
                return x

        init = tf.keras.initializers.RandomNormal
        seq = tf.keras.Sequential([
            tf.keras.layers.Dense(2, input_shape=(3,), kernel_initializer=init(seed=5)),
            Max(), tf.keras.layers.Dense(1, kernel_initializer=init(seed=6))])
        out["names before"] = seq.metrics_names
        seq.compile("sgd", "mse", metrics=["mse"])
        out["names after"] = seq.metrics_names
        x, y = _data()
        out["fit"] = _history(seq.fit(x, y, batch_size=4, epochs=2, verbose=0,
                                      shuffle=False))
        out["evaluate"] = seq.evaluate(x, y, verbose=0)
        out["train_on_batch"] = seq.train_on_batch(x, y)
        out["test_on_batch"] = seq.test_on_batch(x, y)
        inp = tf.keras.layers.Input((3,))
        outer = tf.keras.Model(inp, seq(inp))
        out["outer names"] = outer.metrics_names
        out["outer metrics"] = [m.name for m in outer.metrics]
        outer.compile("sgd", "mse")
        out["outer names after"] = outer.metrics_names
        out["outer evaluate"] = outer.evaluate(x, y, verbose=0)
    return out


def _no_weights(tf):
    """A model without weights (only a metric, as in a probe) trains: the optimizer only
    counts its iterations; gradients all None are the ValueError."""
    out = {}
    with tf.Graph().as_default():
        class Probe(tf.keras.layers.Layer):
            def call(self, x):
                self.add_metric(tf.reduce_mean(x), name="probe", aggregation="mean")
                return x * 2.0

        inp = tf.keras.layers.Input((3,))
        model = tf.keras.Model(inp, Probe()(inp))
        model.compile("sgd", "mse")
        x, _ = _data()
        n0 = len(tf.get_default_graph().get_operations())
        out["fit"] = _history(model.fit(x, x, batch_size=4, epochs=2, verbose=0,
                                        shuffle=False))
        out["ops"] = [op.name for op in tf.get_default_graph().get_operations()[n0:]]
        out["iterations"] = tf.keras.backend.get_value(model.optimizer.iterations)
        v = tf.Variable(1.0)
        out["no gradients"] = _error(
            lambda: tf.keras.optimizers.SGD().apply_gradients([(None, v)]))
    return out


def cases(tf):
    return {"training": _training(tf), "metric objects": _metric_objects(tf),
            "same name": _same_name(tf), "errors": _errors(tf), "config": _config(tf),
            "subclassed": _subclassed(tf), "sequential nested": _sequential_nested(tf),
            "no weights": _no_weights(tf)}
