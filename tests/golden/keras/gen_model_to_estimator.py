"""TF 1.14's tf.keras.estimator.model_to_estimator (tensorflow_estimator keras.py): a
compiled Keras model (fixed initial weights, then set_weights) becomes an Estimator that
warm-starts from the Keras weights (model_dir/keras/keras_model.ckpt); the variables of
both checkpoints, train's final loss and weights, evaluate's metrics and predict's
outputs; and the ValueErrors of bad arguments."""
import os
import re
import shutil
import tempfile

import numpy as np

X = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.], [0., 3.], [1.5, 1.5]], "float32")
Y = np.array([[1.], [0.], [2.], [-0.5], [1.], [0.5]], "float32")


def build(tf, kind="functional", metrics=("mae",), optimizer="sgd"):
    """A 2->3->1 model (kernels ones / constant 0.5), weights then set to fixed values."""
    layers = tf.keras.layers
    if kind == "sequential":
        model = tf.keras.Sequential([
            layers.Dense(3, input_shape=(2,), kernel_initializer="ones", activation="relu",
                         name="hidden"),
            layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant(0.5),
                         name="out")])
    else:
        inp = layers.Input(shape=(2,), name="x")
        h = layers.Dense(3, kernel_initializer="ones", activation="relu", name="hidden")(inp)
        out = layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant(0.5),
                           name="out")(h)
        model = tf.keras.Model(inp, out)
    opt = {"sgd": lambda: tf.keras.optimizers.SGD(0.05),
           "adam": lambda: tf.keras.optimizers.Adam(0.01),
           "tf_momentum": lambda: tf.train.MomentumOptimizer(0.05, 0.9)}[optimizer]()
    model.compile(opt, "mse", metrics=list(metrics))
    model.set_weights([np.array([[1., -0.5, 0.25], [0.5, 1., -1.]], "float32"),
                       np.array([0.1, 0., -0.1], "float32"),
                       np.array([[0.5], [-0.25], [1.]], "float32"),
                       np.array([0.2], "float32")])
    return model


def input_fn(tf, features_key=None, epochs=None, batch=2):
    def fn():
        x = {features_key: X} if features_key else X
        ds = tf.data.Dataset.from_tensor_slices((x, Y)).batch(batch)
        return ds.repeat(epochs) if epochs != 1 else ds
    return fn


def _ckpt(tf, path):
    reader = tf.train.load_checkpoint(path)
    return {name: reader.get_tensor(name) for name, _ in tf.train.list_variables(path)}


def _graph_nodes(path):
    """The node names of the train graph the Estimator wrote (graph.pbtxt), sorted."""
    with open(path) as f:
        return sorted(re.findall(r'^node \{\n  name: "([^"]+)"', f.read(), re.M))


def run(tf, model_dir, kind="functional", metrics=("mae",), optimizer="sgd", key="x",
        steps=5):
    model = build(tf, kind, metrics, optimizer)
    est = tf.keras.estimator.model_to_estimator(keras_model=model, model_dir=model_dir)
    out = {"keras_ckpt": _ckpt(tf, os.path.join(model_dir, "keras", "keras_model.ckpt"))}
    out["predict_before"] = [p for p in est.predict(input_fn(tf, key, epochs=1))]
    est.train(input_fn(tf, key), steps=steps)
    out["ckpt"] = _ckpt(tf, model_dir)
    out["train_graph_nodes"] = _graph_nodes(os.path.join(model_dir, "graph.pbtxt"))
    out["evaluate"] = est.evaluate(input_fn(tf, key, epochs=1))
    out["predict"] = [p for p in est.predict(input_fn(tf, key, epochs=1))]
    return out


def run_seeded(tf, model_dir):
    """Glorot-initialized weights never initialized in a session: the Estimator starts
    from the clone's initial values under the config's graph seed (TF's op count)."""
    layers = tf.keras.layers
    inp = layers.Input(shape=(2,), name="x")
    out = layers.Dense(1, name="out")(layers.Dense(3, activation="relu", name="hidden")(inp))
    model = tf.keras.Model(inp, out)
    model.compile(tf.keras.optimizers.SGD(0.05), "mse")
    est = tf.keras.estimator.model_to_estimator(
        keras_model=model, config=tf.estimator.RunConfig(model_dir=model_dir,
                                                         tf_random_seed=7))
    out = {"keras_ckpt": _ckpt(tf, os.path.join(model_dir, "keras", "keras_model.ckpt"))}
    est.train(input_fn(tf, "x"), steps=2)
    out["ckpt"] = _ckpt(tf, model_dir)
    return out


def run_h5(tf, model_dir, from_path=True):
    """model_to_estimator(keras_model_path=...) of an HDF5 file of the model. TF 1.14's
    load_model cannot read HDF5 attributes with the oracle's h5py 3 (str has no decode),
    so the golden is made from the model itself (`from_path` False): TF's
    model_to_estimator only load_model's the path and goes on as with the model."""
    path = os.path.join(model_dir, "model.h5")
    model = build(tf)
    if from_path:
        model.save(path)
        kw = {"keras_model_path": path}
    else:
        kw = {"keras_model": model}
    est = tf.keras.estimator.model_to_estimator(model_dir=os.path.join(model_dir, "est"),
                                                **kw)
    est.train(input_fn(tf, "x"), steps=2)
    return {"ckpt": _ckpt(tf, os.path.join(model_dir, "est")),
            "evaluate": est.evaluate(input_fn(tf, "x", epochs=1))}


def run_two_outputs(tf, model_dir):
    """A model with inputs and outputs named: features and labels as dicts."""
    layers = tf.keras.layers
    a = layers.Input(shape=(2,), name="a")
    b = layers.Input(shape=(1,), name="b")
    h = layers.Dense(2, kernel_initializer="ones", name="h")(
        layers.Concatenate(name="cat")([a, b]))
    y1 = layers.Dense(1, kernel_initializer="ones", name="y1")(h)
    y2 = layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant(-0.5),
                      name="y2")(h)
    model = tf.keras.Model([a, b], [y1, y2])
    model.compile(tf.keras.optimizers.SGD(0.02), {"y1": "mse", "y2": "mae"},
                  loss_weights={"y1": 1., "y2": 0.5}, metrics=["mse"])
    est = tf.keras.estimator.model_to_estimator(keras_model=model, model_dir=model_dir)

    def fn(epochs):
        def f():
            feats = {"a": X, "b": X[:, :1] * 0.5}
            labels = {"y1": Y, "y2": Y * 2.}
            ds = tf.data.Dataset.from_tensor_slices((feats, labels)).batch(3)
            return ds.repeat() if epochs is None else ds
        return f
    est.train(fn(None), steps=4)
    return {"ckpt": _ckpt(tf, model_dir), "evaluate": est.evaluate(fn(1)),
            "predict": [p for p in est.predict(fn(1))]}


def run_subclassed(tf, model_dir, called=False, predict_first=False):
    """A subclassed Model: TF 1.14 resets it in place in each model_fn (fresh layers from
    their configs, no warm start) and restores it after. Built (`called`) first by a fit,
    train / evaluate / predict work and the model keeps its weights; never built, the
    model_fn's restoration keeps the clone's optimizer and evaluate fails (its config is
    read in another graph); predict first leaves it uncompiled, and train fails."""
    class Sub(tf.keras.Model):
        def __init__(self):
            super(Sub, self).__init__(name="sub")
            self.hidden = tf.keras.layers.Dense(3, kernel_initializer="ones",
                                                activation="relu", name="hidden")
            self.out = tf.keras.layers.Dense(
                1, kernel_initializer=tf.keras.initializers.Constant(0.5), name="out")

        def call(self, x):
            return self.out(self.hidden(x))

    model = Sub()
    model.compile(tf.keras.optimizers.SGD(0.05), "mse", metrics=["mae"])
    out = {}
    if called:
        model.fit(X, Y, epochs=1, batch_size=6, verbose=0)
        out["weights_before"] = model.get_weights()
    est = tf.keras.estimator.model_to_estimator(keras_model=model, model_dir=model_dir)
    out["files"] = sorted(os.listdir(model_dir))
    steps = [("train", lambda: est.train(input_fn(tf), steps=3)),
             ("evaluate", lambda: est.evaluate(input_fn(tf, epochs=1))),
             ("predict", lambda: [p for p in est.predict(input_fn(tf, epochs=1))])]
    if predict_first:
        steps.insert(0, steps[2])
    for i, (name, fn) in enumerate(steps):
        try:
            result = fn()
        except ValueError as e:   # TF's error ends the run
            out["error"] = [name, type(e).__name__, str(e)]
            break
        out["%d_%s" % (i, name)] = result if name != "train" else _ckpt(tf, model_dir)
    if called:
        out["weights_after"] = model.get_weights()
        out["layers"] = [layer.name for layer in model.layers]
    return out


SUBCLASSED = {"subclassed_called": {"called": True},
              "subclassed_called_predict_first": {"called": True, "predict_first": True},
              "subclassed_unbuilt": {},
              "subclassed_unbuilt_predict_first": {"predict_first": True}}


def run_target_tensors(tf):
    """compile(target_tensors=...) (what model_to_estimator compiles the clone with): fit
    and evaluate without y, and the error when y is given anyway."""
    out = {}
    for name, targets in [("tensor", lambda t: t), ("list", lambda t: [t]),
                          ("dict", lambda t: {"out": t})]:
        with tf.Graph().as_default():
            with tf.Session():
                model = build(tf)
                t = tf.constant(Y[:4])
                model.compile(tf.keras.optimizers.SGD(0.05), "mse", metrics=["mae"],
                              target_tensors=targets(t))
                out[name] = [model.fit(X[:4], epochs=2, batch_size=4, verbose=0,
                                           shuffle=False).history,
                             model.evaluate(X[:4], batch_size=4, verbose=0)]
    with tf.Graph().as_default():
        with tf.Session():
            model = build(tf)
            model.compile("sgd", "mse", target_tensors=tf.constant(Y[:4]))
            try:
                model.fit(X[:4], Y[:4], verbose=0)
                out["with_y"] = None
            except ValueError as e:   # TF's error (its message holds the array)
                out["with_y"] = e.args[0]
            for bad in ([tf.constant(Y), tf.constant(Y)], {"nope": tf.constant(Y)}, 3.0):
                try:
                    model.compile("sgd", "mse", target_tensors=bad)
                    out.setdefault("bad", []).append(None)
                except Exception as e:  # the error TF raises is the golden
                    out.setdefault("bad", []).append(
                        [type(e).__name__, str(e.args[0]).replace(str(bad), "<arg>")])
    return out


def run_tf_optimizer_fit(tf):
    """Keras fit with a tf.train optimizer (TFOptimizer: 'TFOptimizer/iterations' is its
    global step): losses, variables, the step count, the op counter."""
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            model = build(tf, optimizer="tf_momentum")
            hist = model.fit(X, Y, epochs=2, batch_size=4, verbose=0, shuffle=False)
            return {"history": hist.history, "weights": model.get_weights(),
                    "variables": sorted(v.op.name for v in tf.global_variables()),
                    "iterations": sess.run(model.optimizer.iterations),
                    "ops": sorted(op.name for op in g.get_operations()),
                    "last_id": g._last_id}


def _errors(tf):
    out = {}
    model = build(tf)
    uncompiled = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
    for name, kw in [("neither", {}), ("both", {"keras_model": model,
                                                 "keras_model_path": "m.h5"}),
                     ("not_compiled", {"keras_model": uncompiled})]:
        try:
            tf.keras.estimator.model_to_estimator(model_dir=tempfile.mkdtemp(), **kw)
            out[name] = None
        except Exception as e:  # the error TF raises is the golden
            out[name] = e
    return out


CONFIGS = {
    "functional": {},
    "sequential": {"kind": "sequential", "key": None},
    "adam_no_metrics": {"optimizer": "adam", "metrics": ()},
    "two_metrics": {"metrics": ("mae", "mse"), "steps": 3},
    "tf_optimizer": {"optimizer": "tf_momentum", "steps": 4},
}


def cases(tf):
    out = {}
    for name, kw in sorted(CONFIGS.items()):
        d = tempfile.mkdtemp()
        try:
            tf.keras.backend.clear_session()
            out[name] = run(tf, d, **kw)
        finally:
            shutil.rmtree(d)
    for name, fn in [("seeded", run_seeded), ("h5", lambda t, d: run_h5(t, d, False)),
                     ("two_outputs", run_two_outputs)] + [
            (name, lambda t, d, kw=kw: run_subclassed(t, d, **kw))
            for name, kw in sorted(SUBCLASSED.items())]:
        d = tempfile.mkdtemp()
        try:
            tf.keras.backend.clear_session()
            out[name] = fn(tf, d)
        finally:
            shutil.rmtree(d)
    tf.keras.backend.clear_session()
    out["target_tensors"] = run_target_tensors(tf)
    tf.keras.backend.clear_session()
    out["tf_optimizer_fit"] = run_tf_optimizer_fit(tf)
    tf.keras.backend.clear_session()
    out["errors"] = _errors(tf)
    return out
