"""Keras layer options under TF 1.14 (layer_options.json) and flowgrad
(tests/test_keras_layer_options.py): Conv2DTranspose(dilation_rate=...) (values, ops,
shapes, its errors), Bidirectional(weights=...) (TF 1.14 keeps the halves as the layers'
`initial_weights` and sets nothing), StackedRNNCells(reverse_state_order=True) (state
order, values). Valid Python 3.7."""
import numpy as np


def _try(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return ["error", type(e).__name__, str(e).split("\n")[0]]


def _ops(g, before):
    # TF's backend asks a session for its devices on its first channels_first call
    # (cached for the process): the variable-initializing ops it makes then are left out
    return [[op.name, op.type] for op in g.get_operations()[before:]
            if op.type != "VarIsInitializedOp" and not op.name.endswith("/init")]


def _conv_t(tf, seed, shape, **kwargs):
    K = tf.keras
    rs = np.random.RandomState(seed)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, shape, name="x")
        layer = K.layers.Conv2DTranspose(3, 3, name="ct", **kwargs)
        out = {}
        n = len(g.get_operations())
        y = _try(lambda: layer(x))
        if isinstance(y, list):
            out["error"] = y
            return out
        out["ops"] = _ops(g, n)
        out["shape"] = y.shape.as_list()
        out["weights"] = [w.name for w in layer.weights]
        k = rs.uniform(-1, 1, layer.kernel.shape.as_list()).astype(np.float32)
        b = rs.uniform(-1, 1, layer.bias.shape.as_list()).astype(np.float32)
        layer.set_weights([k, b])
        feed = rs.uniform(-1, 1, [2] + list(shape[1:])).astype(np.float32)
        v = _try(lambda: K.backend.get_session().run(y, {x: feed}))
        # an error's class (the kernels' messages differ)
        out["value"] = v[:2] if isinstance(v, list) else np.round(v, 4).tolist()
        out["config dilation"] = list(layer.get_config()["dilation_rate"])
    return out


def _stacked(tf, seed, sizes):
    K = tf.keras
    rs = np.random.RandomState(seed)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, 4, 3), name="x")
        cells = [K.layers.SimpleRNNCell(n) for n in sizes]
        stack = K.layers.StackedRNNCells(cells, reverse_state_order=True)
        out = {"state_size": list(stack.state_size)}
        rnn = K.layers.RNN(stack, return_state=True, return_sequences=True)
        y = _try(lambda: rnn(x))
        if not isinstance(y, list) or (y and y[0] == "error"):
            out["error"] = y
            return out
        out["shapes"] = [t.shape.as_list() for t in y]
        out["weights"] = [w.name for w in rnn.weights]
        rnn.set_weights([rs.uniform(-1, 1, w.shape.as_list()).astype(np.float32)
                         for w in rnn.weights])
        feed = rs.uniform(-1, 1, (2, 4, 3)).astype(np.float32)
        vals = K.backend.get_session().run(y, {x: feed})
        out["values"] = [np.round(v, 4).tolist() for v in vals]
        out["config"] = stack.get_config().get("reverse_state_order", "absent")
    return out


def _bidi(tf, seed):
    K = tf.keras
    rs = np.random.RandomState(seed)
    ws = [rs.uniform(-1, 1, s).astype(np.float32) for s in [(3, 2), (2, 2), (2,)] * 2]
    g = tf.Graph()
    with g.as_default():
        bi = K.layers.Bidirectional(K.layers.SimpleRNN(2, name="r"), weights=ws, name="bi")
        out = {"forward initial": [np.round(w, 4).tolist()
                                   for w in bi.forward_layer.initial_weights],
               "backward initial": [np.round(w, 4).tolist()
                                    for w in bi.backward_layer.initial_weights]}
        bi(tf.placeholder(tf.float32, (None, 4, 3), name="x"))
        out["weights"] = [w.name for w in bi.weights]
        got = K.backend.get_session().run(bi.weights)
        out["set"] = [bool(np.array_equal(a, b)) for a, b in zip(got, ws)]
        out["config"] = sorted(bi.get_config())
    return out


def cases(tf):
    return {
        "conv2d_transpose dilation 2": _conv_t(tf, 0, (None, 5, 5, 2), dilation_rate=2),
        "conv2d_transpose dilation 2 same": _conv_t(tf, 1, (None, 5, 5, 2), dilation_rate=2,
                                                    padding="same"),
        "conv2d_transpose dilation 3 channels_first": _conv_t(
            tf, 2, (None, 2, 6, 5), dilation_rate=(3, 3), data_format="channels_first"),
        "conv2d_transpose dilation 2 static batch": _conv_t(tf, 3, (2, 4, 4, 1),
                                                            dilation_rate=2),
        "conv2d_transpose dilation 2 strides 2": _conv_t(tf, 4, (None, 5, 5, 2),
                                                         dilation_rate=2, strides=2),
        "conv2d_transpose unequal dilation": _conv_t(tf, 5, (None, 5, 5, 2),
                                                     dilation_rate=(1, 2)),
        "stacked reverse": _stacked(tf, 6, [2, 2]),
        "stacked reverse sizes differ": _stacked(tf, 7, [2, 3]),
        "bidirectional weights": _bidi(tf, 8),
    }
