"""Raw TF ops on Keras tensors under TF 1.14 (kop_op_layers.json) and flowgrad
(tests/test_kop_op_layers.py): the TensorFlowOpLayers (`tf_op_layer_<op name>`) that a
functional Model and a layer's call make of them (keras/engine/base_layer_utils.py
create_keras_history): the model's layers and summary, each op layer's op, NodeDef,
constants and nodes, predict / fit / evaluate with seeded weights, the ops made when the
model is called again (TF keeps the scoped op name: `model_1/tf_op_layer_add/model/...`),
get_config / from_config / clone_model (the prefix doubled), to_json's error, nested models,
a layer's call (no op layers inside it), and the errors TF raises (a placeholder that is
not a keras.Input, an uninitialized variable, a disconnected graph, an op layer without
inputs called again). Valid Python 3.7.

    python tools/goldens.py regen keras/kop_op_layers
"""
import numpy as np


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the error
        return e
    return "no error"


def _summary(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def _node_def(node_def):
    """A NodeDef as comparable values (its bytes differ with the order of the attr map)."""
    return {"name": node_def.name, "op": node_def.op, "input": list(node_def.input),
            "device": node_def.device,
            "attr": sorted([k, str(v)] for k, v in node_def.attr.items())}


def _constants(constants):
    return [[int(i), np.asarray(c)] for i, c in sorted(constants.items())]


def _names(tensors):
    return [t.name for t in tensors] if isinstance(tensors, list) else [tensors.name]


def _op_layers(model):
    out = []
    for layer in model.layers:
        if type(layer).__name__ != "TensorFlowOpLayer":
            continue
        out.append({"name": layer.name, "node_def": _node_def(layer.node_def),
                    "constants": _constants(layer.constants),
                    "built": layer.built, "trainable": layer.trainable,
                    "dtype": str(layer.dtype),
                    "input": _names(layer.input),
                    "output": _names(layer.output),
                    "input_shape": str(layer.input_shape),
                    "output_shape": str(layer.output_shape),
                    "nodes": [n.get_config() for n in layer.inbound_nodes],
                    "weights": len(layer.weights), "params": layer.count_params()})
    return out


def _new_ops(tf, n0):
    return [op.name for op in tf.get_default_graph().get_operations()[n0:]]


def _basic(tf):
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        np.random.seed(1)
        inp = tf.keras.layers.Input((3,))
        h = tf.keras.layers.Dense(4)(inp)
        h = tf.nn.relu(h) * 2.0
        m = tf.keras.Model(inp, tf.keras.layers.Dense(1)(h))
        out["n_ops"] = len(tf.get_default_graph().get_operations())
        out["layers"] = [[layer.name, type(layer).__name__] for layer in m.layers]
        out["summary"] = _summary(m)
        out["op layers"] = _op_layers(m)
        x = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
        out["predict"] = m.predict(x)
        m.compile("sgd", "mse")
        hist = m.fit(x, np.ones((4, 1), np.float32), epochs=2, verbose=0)
        out["loss"] = hist.history["loss"]
        out["trained"] = m.predict(x)
        n0 = len(tf.get_default_graph().get_operations())
        again = m(tf.keras.layers.Input((3,)))
        out["called"] = [again.name, _new_ops(tf, n0)]
        out["op layer nodes"] = [len(layer.inbound_nodes) for layer in m.layers]
    return out


def _two_inputs(tf):
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        a = tf.keras.layers.Input((3,), name="a")
        b = tf.keras.layers.Input((3,), name="b")
        c = tf.concat([a, a + b, b], axis=-1)
        d = tf.reduce_sum(c, axis=1, keepdims=True)
        e = tf.keras.layers.Dense(2)(c)
        m = tf.keras.Model([a, b], tf.keras.layers.Concatenate()([e, d]))
        out["layers"] = [layer.name for layer in m.layers]
        out["summary"] = _summary(m)
        out["op layers"] = _op_layers(m)
        xa = np.arange(6, dtype=np.float32).reshape(2, 3)
        out["predict"] = m.predict([xa, xa + 1])
        a2 = tf.keras.layers.Input((3,), name="a2")
        b2 = tf.keras.layers.Input((3,), name="b2")
        n0 = len(tf.get_default_graph().get_operations())
        m([a2, b2])
        out["called"] = _new_ops(tf, n0)
        n0 = len(tf.get_default_graph().get_operations())
        m([a2, b2])
        out["called again"] = _new_ops(tf, n0)
    return out


def _shapes(tf):
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        inp = tf.keras.layers.Input((4,))
        s1, s2 = tf.split(inp, 2, axis=1)
        m = tf.keras.Model(inp, [s2, s1])
        out["split layers"] = [layer.name for layer in m.layers]
        out["split output names"] = m.output_names
        out["split op layers"] = _op_layers(m)
        out["split predict"] = m.predict(np.arange(8, dtype=np.float32).reshape(2, 4))
        h = tf.keras.layers.Dense(4)(inp)
        r = tf.reshape(h, [tf.shape(h)[0], 2, 2])
        m2 = tf.keras.Model(inp, r)
        out["reshape layers"] = [layer.name for layer in m2.layers]
        out["reshape op layers"] = _op_layers(m2)
        out["reshape predict"] = m2.predict(np.ones((2, 4), np.float32))
        v = tf.keras.backend.variable(3.0, name="kv")
        m3 = tf.keras.Model(inp, h * v)
        out["variable constant"] = _op_layers(m3)
        q = h * h
        m4 = tf.keras.Model(inp, q)
        out["same input twice"] = _op_layers(m4)
        t = tf.nn.tanh(h)
        out["made once"] = tf.keras.Model(inp, t).layers[-1] is tf.keras.Model(inp, t).layers[-1]
    return out


def _attention(tf):
    out = {}
    K = tf.keras.backend
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        np.random.seed(0)   # fit's shuffling
        rs = np.random.RandomState(0)
        q = tf.keras.layers.Input((4, 3), name="q")
        v = tf.keras.layers.Input((5, 3), name="v")
        w = tf.nn.softmax(tf.matmul(q, v, transpose_b=True) / np.sqrt(3.0))
        pooled = K.mean(tf.matmul(w, v), axis=1)
        noisy = pooled + tf.random_normal(tf.shape(pooled), stddev=0.1, seed=7)
        m = tf.keras.Model([q, v], tf.keras.layers.Dense(2, activation="softmax")(noisy))
        out["layers"] = [layer.name for layer in m.layers]
        out["op layers"] = _op_layers(m)
        out["summary"] = _summary(m, line_length=110)
        xq = rs.rand(6, 4, 3).astype(np.float32)
        xv = rs.rand(6, 5, 3).astype(np.float32)
        y = np.eye(2, dtype=np.float32)[np.arange(6) % 2]
        m.compile(tf.keras.optimizers.Adam(0.01), "categorical_crossentropy", metrics=["acc"])
        hist = m.fit([xq, xv], y, epochs=3, batch_size=3, verbose=0)
        out["history"] = hist.history
        out["evaluate"] = m.evaluate([xq, xv], y, verbose=0)
        q2 = tf.keras.layers.Input((4, 3))
        v2 = tf.keras.layers.Input((5, 3))
        o2 = m([q2, v2])
        outer = tf.keras.Model([q2, v2], tf.keras.layers.Dense(1)(o2))
        out["outer"] = [o2.name, [layer.name for layer in outer.layers]]
        out["model ops"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                                  if op.name.startswith("model/"))
        out["n_ops"] = len(tf.get_default_graph().get_operations())
    return out


def _config(tf):
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(4)
        inp = tf.keras.layers.Input((3,))
        h = tf.nn.relu(tf.keras.layers.Dense(4)(inp)) * 2.0
        h = tf.concat([h, inp], axis=1)
        m = tf.keras.Model(inp, tf.keras.layers.Dense(1)(h))
        cfg = m.get_config()
        layers = []
        for layer in cfg["layers"]:
            conf = dict(layer["config"])
            if "node_def" in conf:
                parsed = type(m.layers[2].node_def).FromString(conf.pop("node_def"))
                conf["node_def"] = _node_def(parsed)
                conf["constants"] = _constants(conf["constants"])
            layers.append([layer["class_name"], layer["name"], conf, layer["inbound_nodes"]])
        out["config"] = [layers, cfg["input_layers"], cfg["output_layers"]]
        m2 = tf.keras.Model.from_config(cfg)
        out["from_config"] = [[layer.name, type(layer).__name__] for layer in m2.layers]
        out["from_config op layers"] = _op_layers(m2)
        m2.set_weights(m.get_weights())
        x = np.arange(6, dtype=np.float32).reshape(2, 3)
        out["predict"] = [m.predict(x), m2.predict(x)]
        out["to_json"] = _error(m.to_json)
        clone = tf.keras.models.clone_model(m)
        out["clone"] = [layer.name for layer in clone.layers]
        out["clone op layers"] = _op_layers(clone)
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        inner = tf.keras.Model(inp, tf.nn.tanh(tf.keras.layers.Dense(2)(inp)))
        inp2 = tf.keras.layers.Input((3,))
        outer = tf.keras.Model(inp2, inner(inp2) - 1.0)
        cfg = outer.get_config()
        out["nested config"] = [[layer["class_name"], layer["name"], layer["inbound_nodes"]]
                                for layer in cfg["layers"]]
        again = tf.keras.Model.from_config(cfg)
        out["nested from_config"] = [[layer.name for layer in again.layers],
                                     [layer.name for layer in again.layers[1].layers]]
        out["nested ops"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                                   if "tf_op_layer" in op.name)
    return out


def _nested_network_index(tf):
    """A nested network's calls count from 1 in a config (node 0 is its own)."""
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        inner = tf.keras.Model(inp, tf.keras.layers.Dense(2)(inp))
        inp2 = tf.keras.layers.Input((3,))
        outer = tf.keras.Model(inp2, tf.keras.layers.Dense(1)(inner(inp2)))
        cfg = outer.get_config()
        out["model"] = [[layer["name"], layer["inbound_nodes"]] for layer in cfg["layers"]]
        again = tf.keras.Model.from_config(cfg)
        out["model again"] = [[layer.name, len(layer.inbound_nodes)] for layer in again.layers]
        out["model output"] = tf.keras.Model(inp2, inner(inp2)).get_config()["output_layers"]
        seq = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        inp3 = tf.keras.layers.Input((3,))
        outer = tf.keras.Model(inp3, tf.keras.layers.Dense(1)(seq(inp3)))
        cfg = outer.get_config()
        out["sequential"] = [[layer["name"], layer["inbound_nodes"]] for layer in cfg["layers"]]
        again = tf.keras.Model.from_config(cfg)
        out["sequential again"] = [[layer.name, len(layer.inbound_nodes)]
                                   for layer in again.layers]
        out["sequential same config"] = again.get_config() == cfg
        clone = tf.keras.models.clone_model(outer)
        out["sequential clone"] = [[layer.name, len(layer.inbound_nodes)]
                                   for layer in clone.layers]
    return out


def _call_order(tf):
    """A network called again makes its layers' ops in TF's order (by depth, the last
    output's branch first where they tie)."""
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        a = tf.keras.layers.Dense(2, name="da")(inp)
        b = tf.keras.layers.Dense(2, name="db")(inp)
        m = tf.keras.Model(inp, [a, b])
        n0 = len(tf.get_default_graph().get_operations())
        m(tf.keras.layers.Input((3,)))
        out["two outputs"] = _new_ops(tf, n0)
        m2 = tf.keras.Model(inp, tf.keras.layers.Concatenate()([a, b]))
        n0 = len(tf.get_default_graph().get_operations())
        m2(tf.keras.layers.Input((3,)))
        out["merged"] = _new_ops(tf, n0)
    return out


class _Block(object):
    """A layer whose call applies raw ops and a Dense: no op layers inside a call."""

    @staticmethod
    def make(tf):
        class Block(tf.keras.layers.Layer):
            def build(self, input_shape):
                self.d = tf.keras.layers.Dense(3)
                super(Block, self).build(input_shape)

            def call(self, x):
                return self.d(tf.nn.relu(x) + 1.0)
        return Block()


def _call_context(tf):
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        block = _Block.make(tf)
        m = tf.keras.Model(inp, block(inp * 2.0))
        out["block"] = [[layer.name for layer in m.layers], len(block.d.inbound_nodes),
                        [n.get_config() for n in block.inbound_nodes]]
        lam = tf.keras.layers.Lambda(lambda t: tf.nn.relu(t) * 3.0)(inp)
        out["lambda"] = [layer.name for layer in tf.keras.Model(inp, lam).layers]
    return out


def _errors(tf):
    out = {}
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        h = tf.keras.layers.Dense(2)(inp)
        p = tf.placeholder(tf.float32, (None, 2))
        out["placeholder"] = _error(lambda: tf.keras.Model(inp, h + p))
        out["placeholder in call"] = _error(lambda: tf.keras.layers.Dense(1)(h * p))
        v = tf.Variable(3.0, name="myvar")
        out["uninitialized"] = _error(lambda: tf.keras.Model(inp, h * v))
        inp2 = tf.keras.layers.Input((2,))
        out["disconnected"] = _error(lambda: tf.keras.Model(inp, h + inp2))
        c = tf.constant([[1.0, 2.0, 3.0]])
        m = tf.keras.Model(inp, [inp * 1.5, c * 2.0])
        out["no inputs"] = [[layer.name for layer in m.layers], _summary(m)]
        out["no inputs called"] = _error(lambda: m(tf.keras.layers.Input((3,))))
        out["output None"] = _error(lambda: tf.keras.Model(inp, None))
        out["output float"] = _error(lambda: tf.keras.Model(inp, 3.0))
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((4,))
        e = tf.keras.layers.Embedding(10, 3, mask_zero=True)(inp)
        y = e * 2.0
        m = tf.keras.Model(inp, tf.keras.layers.LSTM(2)(y))
        out["masked"] = [layer.name for layer in m.layers]
        out["masked called"] = _error(lambda: m(tf.keras.layers.Input((4,))))
    return out


def _vae(tf):
    """A VAE's loss added with model.add_loss: op layers and an AddLoss join the model."""
    out = {}
    K = tf.keras.backend
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        np.random.seed(0)
        inp = tf.keras.layers.Input((6,))
        h = tf.keras.layers.Dense(4, activation="relu")(inp)
        z_mean = tf.keras.layers.Dense(2)(h)
        z_log_var = tf.keras.layers.Dense(2)(h)

        def sampling(args):
            zm, zl = args
            eps = K.random_normal(shape=(K.shape(zm)[0], 2), seed=1)
            return zm + K.exp(0.5 * zl) * eps
        z = tf.keras.layers.Lambda(sampling)([z_mean, z_log_var])
        dec = tf.keras.layers.Dense(6, activation="sigmoid")(z)
        vae = tf.keras.Model(inp, dec)
        rec = tf.keras.losses.binary_crossentropy(inp, dec) * 6
        kl = -0.5 * K.sum(1 + z_log_var - K.square(z_mean) - K.exp(z_log_var), axis=-1)
        vae.add_loss(K.mean(rec + kl))
        out["layers"] = [[layer.name, type(layer).__name__] for layer in vae.layers]
        out["losses"] = [t.name for t in vae.losses]
        vae.compile(optimizer="adam")
        out["metrics_names"] = vae.metrics_names
        x = np.random.rand(8, 6).astype(np.float32)
        out["history"] = vae.fit(x, epochs=3, batch_size=4, verbose=0).history
        out["evaluate"] = vae.evaluate(x, verbose=0)
        out["summary"] = _summary(vae)
        out["n_ops"] = len(tf.get_default_graph().get_operations())
    return out


def _add_loss(tf):
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        inp = tf.keras.layers.Input((3,))
        h = tf.keras.layers.Dense(2)(inp)
        m = tf.keras.Model(inp, h)
        m.add_loss(tf.reduce_mean(tf.square(h)) * 0.5)
        out["layers"] = [layer.name for layer in m.layers]
        out["losses"] = [t.name for t in m.losses]
        out["nodes"] = [[layer.name, [n.get_config() for n in layer.inbound_nodes]]
                        for layer in m.layers[-3:]]
        inp2 = tf.keras.layers.Input((3,))
        n0 = len(tf.get_default_graph().get_operations())
        called = m(inp2)
        out["called"] = [called.name, _new_ops(tf, n0)]
        out["losses after call"] = [[t.name for t in m.losses],
                                    [t.name for t in m.get_losses_for(None)],
                                    [t.name for t in m.get_losses_for(inp2)]]
        cfg = m.get_config()
        out["config"] = [[layer["class_name"], layer["name"], layer["inbound_nodes"],
                          layer["config"].get("unconditional")] for layer in cfg["layers"]]
        again = tf.keras.Model.from_config(cfg)
        out["from_config"] = [[layer.name for layer in again.layers],
                              [t.name for t in again.losses]]
        m.compile("sgd", "mse")
        x = np.ones((4, 3), np.float32)
        out["history"] = m.fit(x, np.zeros((4, 2), np.float32), epochs=2, verbose=0).history
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        m = tf.keras.Model(inp, tf.keras.layers.Dense(2)(inp))
        m.add_loss(0.25)
        out["constant loss"] = [[layer.name for layer in m.layers], [t.name for t in m.losses]]
        out["constant loss called"] = _error(lambda: m(tf.keras.layers.Input((3,))))
    return out


def _sequential_add_loss(tf):
    """A Sequential's add_loss: its layers until the next add or pop rebuilds it."""
    def state(model):
        return [[layer.name for layer in model.layers], [t.name for t in model.losses]]
    out = {}
    with tf.Graph().as_default():
        s = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        s.add_loss(tf.reduce_sum(s.output))
        out["added"] = state(s)
        s.add(tf.keras.layers.Dense(1))
        out["add"] = state(s)
        s.pop()
        out["pop"] = state(s)
        s2 = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        s2.add_loss(tf.reduce_sum(s2.output))
        called = s2(tf.keras.layers.Input((3,)))
        out["called"] = state(s2) + [called.name]
        out["config"] = [[c["class_name"], c["config"]["name"]] for c in s2.get_config()["layers"]]
    return out


def _predict_function(tf):
    """predict makes its function before the session initializes the variables, and again
    after a compile (TF 1.14: predict/group_deps, then predict_1/group_deps)."""
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        inp = tf.keras.layers.Input((3,))
        m = tf.keras.Model(inp, tf.keras.layers.Dense(1)(inp))
        x = np.ones((4, 3), np.float32)
        m.predict(x)
        m.compile("sgd", "mse")
        m.fit(x, np.ones((4, 1), np.float32), verbose=0)
        m.predict(x)
        ops = tf.get_default_graph().get_operations()
        return [[op.name, op.type] for op in ops if op.type in ("NoOp", "VarIsInitializedOp")]


def _returned_inputs(tf):
    """A layer returning its input: TF's Identity keeps the input's Keras history."""
    with tf.Graph().as_default():
        inp = tf.keras.layers.Input((3,))
        lam = tf.keras.layers.Lambda(lambda x: x)(inp)
        act = tf.keras.layers.Activation("linear")(inp)
        m = tf.keras.Model(inp, [lam, act])
        return {"names": [lam.name, act.name, inp.name],
                "layers": [layer.name for layer in m.layers],
                "input history": inp._keras_history[0].name}


def cases(tf):
    return {"basic": _basic(tf), "two inputs": _two_inputs(tf), "shapes": _shapes(tf),
            "attention": _attention(tf), "config": _config(tf),
            "nested network index": _nested_network_index(tf), "call order": _call_order(tf),
            "call context": _call_context(tf), "errors": _errors(tf), "vae": _vae(tf),
            "add_loss": _add_loss(tf), "returned inputs": _returned_inputs(tf),
            "sequential add_loss": _sequential_add_loss(tf),
            "predict function": _predict_function(tf)}
