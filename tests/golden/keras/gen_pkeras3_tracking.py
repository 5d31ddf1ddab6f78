"""TF 1.14's Keras (graph mode) on three things a subclassed model or a Sequential does
after it is made:

- containers: lists and dicts assigned to a subclassed model's attributes and then
  appended to / set (TF wraps them in a ListWrapper / _DictWrapper kept in the model's
  _layers), a tuple (not tracked), variables in them: the model's weights,
  trainable_weights, non_trainable_weights and layers (names, in order), the number of
  updates, the save_weights keys, the output and the weights after a fit (the
  tf.Variables, which Keras does not initialize, initialized first);
- mutations: such a list or dict changed after a save (an element replaced, popped,
  inserted, deleted: TF's ListWrapper then refuses to save; a dict's key deleted; a
  non-string key; an append): layers, weights, keys or the error;
- deferred: save_weights (TF format) and tf.train.Checkpoint restored into a subclassed
  model not yet built or compiled (TF restores each weight as it is made): the load
  status's assertions (the objects listed sorted: TF lists a set), then the values after
  the first call (the Checkpoint's ops run), a predict or a fit; a Checkpoint the program
  dropped (TF's status holds it weakly: its assertions fail with an empty AssertionError);
- sequential_build: fit / evaluate / predict of a Sequential built with
  build(input_shape) (no input layer) and of one built by fit: output names, the graph's
  ops (name, type), the losses and metrics (float.hex), the weights.

The golden records the host (an Intel Xeon made it): its test runs flowgrad with
FLOWGRAD_CPU=intel."""
import os
import re
import shutil
import tempfile

import numpy as np

from goldenio import host_vendor


def _names(objs):
    return [getattr(o, "name", None) for o in objs]


def _container_model(tf):
    K = tf.keras

    class M(K.Model):
        def __init__(self):
            super(M, self).__init__()
            self.a = K.layers.Dense(2, name="a")
            self.l = [tf.Variable(1.0, name="v0", use_resource=True)]
            self.b = K.layers.BatchNormalization(name="b")
            self.l.append(K.layers.BatchNormalization(name="c"))
            self.l.append(tf.Variable(2.0, name="v1", trainable=False,
                                      use_resource=True))
            self.l.append([K.layers.Dense(2, name="e")])
            self.dd = {"z": K.layers.Dense(2, name="z"), "y": K.layers.Dense(2, name="y")}
            self.dd["x"] = K.layers.Dense(2, name="x")
            self.tt = (K.layers.Dense(2, name="t"),)
            self.w = tf.Variable(3.0, name="w", use_resource=True)

        def call(self, x):
            x = self.a(x)
            x = self.b(x)
            x = self.l[1](x)
            x = self.l[3][0](x)
            for k in ["z", "y", "x"]:
                x = self.dd[k](x)
            x = self.tt[0](x)
            return x * self.l[0] * self.l[2] * self.w

    return M()


def containers(tf):
    K = tf.keras
    out = {}
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            tf.set_random_seed(7)
            m = _container_model(tf)
            x = np.arange(12, dtype=np.float32).reshape(3, 4) / 12
            y = m(tf.constant(x))
            K.backend.get_session().run(tf.global_variables_initializer())  # v1: no Keras
            for attr in ("weights", "trainable_weights", "non_trainable_weights",
                         "variables", "layers"):
                out[attr] = _names(getattr(m, attr))
            out["updates"] = len(m.updates)
            out["output"] = K.backend.get_session().run(y)
            m.save_weights(os.path.join(d, "w"))
            out["keys"] = [[k, list(s)] for k, s in
                           tf.train.list_variables(os.path.join(d, "w"))]
        with tf.Graph().as_default():
            tf.set_random_seed(7)
            m = _container_model(tf)
            K.backend.get_session().run(tf.global_variables_initializer())
            m.compile("sgd", "mse")
            h = m.fit(x, np.ones((3, 2), np.float32), epochs=2, verbose=0, shuffle=False)
            out["fit_loss"] = [float(v).hex() for v in h.history["loss"]]
            out["fit_trainable"] = _names(m.trainable_weights)
            out["fit_weights"] = [K.backend.get_value(w) for w in m.weights]
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out


def _error(e):
    """An error's class and message, objects' reprs as <Class>."""
    return [type(e).__name__,
            re.sub(r"<[\w.]*\.(\w+) object at 0x[0-9a-f]+>", r"<\1>", str(e))]


def mutations(tf):
    K = tf.keras
    out = {}
    d = tempfile.mkdtemp()
    try:
        for case in ("setitem", "pop", "insert", "delitem", "dictdel", "dictint",
                     "append_after_save"):
            with tf.Graph().as_default():
                class M(K.Model):
                    def __init__(self):
                        super(M, self).__init__()
                        self.l = [K.layers.Dense(2), K.layers.Dense(2)]
                        self.dd = {"a": K.layers.Dense(2), "b": K.layers.Dense(2)}

                    def call(self, x):
                        for layer in self.l:
                            x = layer(x)
                        for k in sorted(self.dd, key=str):
                            x = self.dd[k](x)
                        return x

                steps = []
                try:
                    m = M()
                    m(tf.constant(np.ones((2, 2), np.float32)))
                    path = os.path.join(d, case, "w")
                    m.save_weights(path)
                    if case == "setitem":
                        m.l[0] = K.layers.Dense(2)
                    elif case == "pop":
                        m.l.pop()
                    elif case == "insert":
                        m.l.insert(0, K.layers.Dense(2))
                    elif case == "delitem":
                        del m.l[1]
                    elif case == "dictdel":
                        del m.dd["b"]
                    elif case == "dictint":
                        m.dd[1] = K.layers.Dense(2)
                    else:
                        m.l.append(K.layers.Dense(2))
                    m(tf.constant(np.ones((2, 2), np.float32)))
                    steps.append([layer.name for layer in m.layers])
                    steps.append(len(m.weights))
                    m.save_weights(path)
                    steps.append([k for k, _ in tf.train.list_variables(path)])
                except (ValueError, TypeError) as e:
                    steps.append(_error(e))
                out[case] = steps
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out


def _subclassed(tf, v):
    K = tf.keras
    init = K.initializers.Constant

    class M(K.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d = K.layers.Dense(3, kernel_initializer=init(v))
            self.e = K.layers.Dense(1, kernel_initializer=init(v))

        def call(self, x):
            return self.e(self.d(x))

    return M()


def _object(text):
    """An object of an assertion's list: a variable's repr, another's class name."""
    if "Variable" in text:
        return text
    return re.sub(r" at 0x[0-9a-f]+", "", text.split(".")[-1])


def _checks(status):
    out = []
    for name in ("assert_consumed", "assert_existing_objects_matched",
                 "assert_nontrivial_match"):
        try:
            getattr(status, name)()
            out.append([name, "ok"])
        except AssertionError as e:
            msg = str(e)
            if "not bound" in msg or "no matching" in msg:
                out.append([name, msg.split("[")[0],
                            sorted(_object(o) for o in re.findall(r"<[^<>]*>", msg))])
            else:
                out.append([name, msg])
    return out


def deferred(tf):
    K = tf.keras
    x = np.arange(8, dtype=np.float32).reshape(4, 2) / 8
    y = np.ones((4, 1), np.float32)
    out = {}
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            m = _subclassed(tf, 0.5)
            m.compile("sgd", "mse")
            m.fit(x, y, epochs=1, verbose=0, shuffle=False)
            m.save_weights(os.path.join(d, "w"))                       # with an optimizer
            tf.train.Checkpoint(model=m).save(os.path.join(d, "c", "c"))
            m2 = _subclassed(tf, 0.5)
            m2(tf.constant(x))
            m2.save_weights(os.path.join(d, "w2"))                     # without one
            tf.train.Checkpoint(model=m2).save(os.path.join(d, "c2", "c"))
        for src in ("", "2"):
            for mode in ("w", "c", "c_dropped"):
                for then in ("call", "predict", "fit"):
                    steps = []
                    with tf.Graph().as_default():
                        m = _subclassed(tf, 0.1)
                        if mode == "w":
                            st = m.load_weights(os.path.join(d, "w" + src))
                        else:
                            ck = tf.train.Checkpoint(model=m)
                            st = ck.restore(tf.train.latest_checkpoint(
                                os.path.join(d, "c" + src)))
                            if mode == "c_dropped":
                                del ck
                        steps.append(_checks(st))
                        if then == "call":
                            t = m(tf.constant(x))
                            if mode != "w":
                                st.run_restore_ops(K.backend.get_session())
                            steps.append(K.backend.get_session().run(t))
                        elif then == "predict":
                            steps.append(m.predict(x))
                        else:
                            m.compile("sgd", "mse")
                            h = m.fit(x, y, epochs=2, verbose=0, shuffle=False)
                            steps.append([float(v).hex() for v in h.history["loss"]])
                        steps.append(_checks(st))
                        steps.append([K.backend.get_value(w) for w in m.weights])
                    out["%s%s_%s" % (mode, src, then)] = steps
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out


def _sequential(tf, build):
    K = tf.keras
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        glorot = K.initializers.glorot_uniform
        m = K.Sequential([K.layers.Dense(4, activation="relu", name="a",
                                         kernel_initializer=glorot(seed=3)),
                          K.layers.Dropout(0.5, seed=2),
                          K.layers.BatchNormalization(name="bn"),
                          K.layers.Dense(1, name="b", kernel_initializer=glorot(seed=4))])
        if build:
            m.build((None, 3))
        m.compile(K.optimizers.Adam(0.01), "mse", metrics=["mae"])
        rs = np.random.RandomState(0)
        x = rs.randn(10, 3).astype(np.float32)
        y = rs.randn(10, 1).astype(np.float32)
        h = m.fit(x, y, epochs=3, batch_size=4, verbose=0, shuffle=False,
                  validation_split=0.2)
        out["history"] = {k: [float(v).hex() for v in vs] for k, vs in h.history.items()}
        out["output_names"] = list(m.output_names)
        out["weights"] = [K.backend.get_value(w) for w in m.weights]
        out["evaluate"] = [float(v).hex() for v in m.evaluate(x, y, verbose=0)]
        out["predict"] = m.predict(x[:2])
        out["ops"] = [[o.name, o.type] for o in tf.get_default_graph().get_operations()]
    return out


def sequential_build(tf):
    return {"build": _sequential(tf, True), "fit": _sequential(tf, False)}


def cases(tf):
    return {"host": host_vendor(), "containers": containers(tf), "mutations": mutations(tf),
            "deferred": deferred(tf),
            "sequential_build": sequential_build(tf)}
