"""TF 1.14's tf.keras.layers.ConvLSTM2D (keras/layers/convolutional_recurrent.py) in graph
mode: weights (names, shapes, seeded initial values), outputs, states and gradients with
fixed and seeded weights over the arguments (strides, padding, data_format,
dilation_rate, activations, use_bias, unit_forget_bias, return_sequences, go_backwards,
return_state), seeded dropout in a fit, a stateful layer over two chunks, config round
trips and errors.

    python tools/goldens.py regen keras/convlstm
"""
import numpy as np


def _x(channels_first=False):
    x = np.random.RandomState(31).randn(2, 3, 5, 6, 2).astype("float32")
    return np.transpose(x, (0, 1, 4, 2, 3)).copy() if channels_first else x


def _run(tf, kwargs, fixed=True, seed=None):
    x = _x(kwargs.get("data_format") == "channels_first")
    with tf.Graph().as_default() as g:
        if seed is not None:
            tf.set_random_seed(seed)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            xp = tf.placeholder(tf.float32, [None] + list(x.shape[1:]))
            layer = tf.keras.layers.ConvLSTM2D(**kwargs)
            out = layer(xp)
            ops = [op.name for op in g.get_operations()]
            # the ops made before the time loop (TF's while_loop ops then differ)
            n_ops = [i for i, n in enumerate(ops) if "/while/" in n][0]
            outs = out if isinstance(out, list) else [out]
            loss = tf.add_n([tf.reduce_sum(o * tf.constant(
                np.linspace(-1, 1, int(np.prod(o.shape.as_list()[1:]))).reshape(
                    [1] + o.shape.as_list()[1:]).astype("float32"))) for o in outs])
            grads = tf.gradients(loss, [xp] + layer.trainable_weights)
            sess.run(tf.global_variables_initializer())
            if fixed:
                rs = np.random.RandomState(32)
                layer.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32")
                                   for w in layer.weights])
            got_outs, got_grads, values = sess.run([outs, grads, layer.weights], {xp: x})
            return {"outs": got_outs, "grads": got_grads, "values": values, "n_before_loop": n_ops,
                    "weights": [[w.name, w.shape.as_list()] for w in layer.weights],
                    "shapes": [o.shape.as_list() for o in outs],
                    "output_shape": _as_lists(tf, layer.compute_output_shape(xp.shape))}


def _as_lists(tf, shape):
    if isinstance(shape, list):
        return [tf.TensorShape(s).as_list() for s in shape]
    return tf.TensorShape(shape).as_list()


def _fit(tf):
    """K.dropout draws each mask's op seed from NumPy's global generator: seeded here;
    the graph seed gives the ConvLSTM2D its weights."""
    L = tf.keras.layers
    np.random.seed(12)
    rs = np.random.RandomState(33)
    x = rs.rand(4, 3, 5, 5, 1).astype("float32")
    y = rs.rand(4, 1).astype("float32")
    with tf.Graph().as_default():
        tf.set_random_seed(9)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([
                L.ConvLSTM2D(2, 3, input_shape=(3, 5, 5, 1), dropout=0.25,
                             recurrent_dropout=0.3, padding="same", return_sequences=True),
                L.Flatten(),
                # an op seed of its own: a graph-seeded initializer made after the layer's
                # while loop would see flowgrad's loop ops (fewer than TF's) in its seed
                L.Dense(1, kernel_initializer=tf.keras.initializers.glorot_uniform(seed=1))])
            m.compile(tf.keras.optimizers.SGD(0.05), "mse")
            before = m.get_weights()
            h = m.fit(x, y, batch_size=2, epochs=2, verbose=0, shuffle=False)
            rebuilt = tf.keras.Sequential.from_config(m.get_config())
            rebuilt.set_weights(m.get_weights())
            return {"before": before, "loss": [float(v) for v in h.history["loss"]],
                    "after": m.get_weights(), "predict": m.predict(x),
                    "rebuilt": rebuilt.predict(x), "weights": [w.name for w in m.weights]}


def _stateful(tf):
    L = tf.keras.layers
    x = _x()
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([L.ConvLSTM2D(2, (2, 3), stateful=True, padding="same",
                                                  batch_input_shape=(2, 1, 5, 6, 2))])
            rs = np.random.RandomState(34)
            m.set_weights([(rs.rand(*w.shape) - 0.5).astype("float32")
                           for w in m.get_weights()])
            steps = [m.predict(x[:, i:i + 1], batch_size=2) for i in range(3)]
            m.reset_states()
            again = m.predict(x[:, :1], batch_size=2)
            return {"steps": steps, "again": again,
                    "states": [list(s.shape.as_list()) for s in m.layers[0].states]}


def _config(tf, kwargs):
    with tf.Graph().as_default():
        layer = tf.keras.layers.ConvLSTM2D(**kwargs)
        config = layer.get_config()
        again = tf.keras.layers.ConvLSTM2D.from_config(config)
        return {"config": config, "again": again.get_config(),
                "cell": again.cell.get_config()}


def _error(tf, fn):
    with tf.Graph().as_default():
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the error
            return e
        return "no error"


def _err_unroll(tf):
    tf.keras.layers.ConvLSTM2D(2, 3, unroll=True)


def _err_rank(tf):
    tf.keras.layers.ConvLSTM2D(2, 3)(tf.placeholder(tf.float32, [None, 3, 5, 5]))


def _err_stateful_batch(tf):
    tf.keras.layers.ConvLSTM2D(2, 3, stateful=True)(
        tf.placeholder(tf.float32, [None, 3, 5, 5, 1]))


RUNS = {
    "fixed_default": ({"filters": 3, "kernel_size": 3}, True, None),
    "seeded_default": ({"filters": 3, "kernel_size": (2, 3)}, False, 5),
    "fixed_same_strides_seq_back": ({"filters": 2, "kernel_size": 3, "strides": (2, 1),
                                     "padding": "same", "return_sequences": True,
                                     "go_backwards": True}, True, None),
    "seeded_dilation_no_bias": ({"filters": 2, "kernel_size": 2, "dilation_rate": (2, 2),
                                 "activation": "relu", "recurrent_activation": "sigmoid",
                                 "use_bias": False, "return_state": True}, False, 6),
    "seeded_no_forget_bias": ({"filters": 2, "kernel_size": 3, "unit_forget_bias": False,
                               "bias_initializer": "random_uniform", "padding": "same"},
                              False, 7),
    "fixed_channels_first": ({"filters": 2, "kernel_size": 3, "data_format": "channels_first",
                              "return_sequences": True, "return_state": True}, True, None),
}


def cases(tf):
    out = {name: _run(tf, *args) for name, args in RUNS.items()}
    out.update({
        "fit_dropout": _fit(tf), "stateful": _stateful(tf),
        "config": _config(tf, {"filters": 4, "kernel_size": 3, "strides": 2,
                               "data_format": "channels_first", "kernel_regularizer": "l2",
                               "activity_regularizer": "l1", "dropout": 0.5,
                               "return_sequences": True, "name": "c"}),
        "config_state": _config(tf, {"filters": 1, "kernel_size": (1, 2),
                                     "return_state": True, "stateful": True}),
        "err_unroll": _error(tf, _err_unroll), "err_rank": _error(tf, _err_rank),
        "err_stateful_batch": _error(tf, _err_stateful_batch)})
    return out
