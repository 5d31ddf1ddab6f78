"""TF 1.14's tf.keras.layers.CuDNNLSTM / CuDNNGRU on a CPU-only machine: the layers build
(weight names, shapes, seeded initial values, config) but the CudnnRNN op has no CPU
kernel, so TF 1.14 cannot run them. What they compute on a GPU is recorded through TF 1.14's
own equivalence (keras/saving/hdf5_format.py `_convert_rnn_weights`, used when loading
CuDNN weights into LSTM / GRU(reset_after=True)): the Keras LSTM (sigmoid gates) and GRU
(reset_after=True, sigmoid gates) with the converted weights give the outputs and states,
and their gradients mapped back to the CuDNN layout (the inverse permutation of the kernels;
both halves of the LSTM bias get the summed bias's gradient) give the CuDNN layers'.

    python tools/goldens.py regen keras/cudnn
"""
import numpy as np


def _x():
    return np.random.RandomState(21).randn(2, 4, 3).astype("float32")


def _fixed_weights(kind, units, input_dim):
    rs = np.random.RandomState(22)
    gates = 4 if kind == "lstm" else 3
    return [(rs.rand(input_dim, units * gates) - 0.5).astype("float32"),
            (rs.rand(units, units * gates) - 0.5).astype("float32"),
            (rs.rand(units * gates * 2) - 0.5).astype("float32")]


def _cudnn_layer(tf, kind, units, kwargs, weights=None, seed=None):
    """The CuDNN layer built on a [None, 4, 3] placeholder: its weights (names, shapes,
    values: `weights` or the seeded initializers'), config and output shapes. A graph
    holding a CudnnRNN op cannot be run by a TF 1.14 session on a CPU-only machine (not even
    its initializers: "No OpKernel was registered to support Op 'CudnnRNN'"), so the seeded
    initial values come from the initializers' subgraph imported into a graph of its own."""
    with tf.Graph().as_default() as g:
        if seed is not None:
            tf.set_random_seed(seed)
        x = tf.placeholder(tf.float32, [None, 4, 3])
        cls = tf.keras.layers.CuDNNLSTM if kind == "lstm" else tf.keras.layers.CuDNNGRU
        layer = cls(units, **kwargs)
        out = layer(x)
        outs = out if isinstance(out, list) else [out]
        inits = [w.initializer.name for w in layer.weights]
        reads = [w._graph_element.name for w in layer.weights]
        sub = tf.graph_util.extract_sub_graph(g.as_graph_def(),
                                              inits + [r.split(":")[0] for r in reads])
        result = {"weights": [[w.name, w.shape.as_list()] for w in layer.weights],
                  "trainable": [w.name for w in layer.trainable_weights],
                  "config": layer.get_config(),
                  "shapes": [o.shape.as_list() for o in outs], "name": layer.name,
                  "ops": sorted(set(op.type for op in g.get_operations()
                                    if op.name.startswith(layer.name + "/")))}
    if weights is None:
        with tf.Graph().as_default():
            tf.import_graph_def(sub, name="")
            with tf.Session() as sess:
                sess.run(inits)
                weights = sess.run(reads)
    result["values"] = weights
    return result


def _reference(tf, kind, units, kwargs, cudnn_weights):
    """Outputs and gradients of the CuDNN layer, computed by TF 1.14's equivalent layer."""
    from tensorflow.python.keras.saving import hdf5_format
    x = _x()
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            xp = tf.placeholder(tf.float32, [None, 4, 3])
            if kind == "lstm":
                layer = tf.keras.layers.LSTM(units, recurrent_activation="sigmoid", **kwargs)
            else:
                layer = tf.keras.layers.GRU(units, recurrent_activation="sigmoid",
                                            reset_after=True, **kwargs)
            out = layer(xp)
            outs = out if isinstance(out, list) else [out]
            sess.run(tf.variables_initializer(layer.weights))
            layer.set_weights(hdf5_format._convert_rnn_weights(layer, cudnn_weights))
            loss = tf.add_n([tf.reduce_sum(o * tf.constant(
                np.linspace(-1, 1, int(np.prod(o.shape.as_list()[1:]))).reshape(
                    [1] + o.shape.as_list()[1:]).astype("float32"))) for o in outs])
            grads = tf.gradients(loss, [xp] + layer.weights)
            got_outs, got_grads = sess.run([outs, grads], {xp: x})
    gk, gr, gb = got_grads[1:]
    cudnn = tf.keras.layers.CuDNNLSTM(units) if kind == "lstm" else \
        tf.keras.layers.CuDNNGRU(units)
    gk, gr, _ = hdf5_format._convert_rnn_weights(cudnn, [gk, gr, np.zeros_like(gb)])
    gb = np.tile(gb, 2) if kind == "lstm" else gb.reshape(-1)
    return {"outs": got_outs, "grads": [got_grads[0], gk, gr, gb]}


def _case(tf, kind, units, kwargs, fixed, seed=None):
    weights = _fixed_weights(kind, units, 3) if fixed else None
    built = _cudnn_layer(tf, kind, units, kwargs, weights, seed)
    built.update(_reference(tf, kind, units, kwargs, built["values"]))
    return built


def _mask_error(tf, kind):
    L = tf.keras.layers
    with tf.Graph().as_default():
        ids = L.Input((4,), dtype="int32")
        e = L.Embedding(5, 3, mask_zero=True)(ids)
        try:
            (L.CuDNNLSTM if kind == "lstm" else L.CuDNNGRU)(2)(e)
        except Exception as exc:  # noqa: BLE001 - the golden records the error
            return exc
        return "no error"


def _config(tf, kind, kwargs):
    with tf.Graph().as_default():
        cls = tf.keras.layers.CuDNNLSTM if kind == "lstm" else tf.keras.layers.CuDNNGRU
        layer = cls(3, **kwargs)
        config = layer.get_config()
        return {"config": config, "again": cls.from_config(config).get_config()}


def h5_weights(tf, kind, reset_after=True):
    """An HDF5 weights file TF 1.14 writes for the layer cuDNN's equals (LSTM with sigmoid
    gates, GRU(reset_after=True) with sigmoid gates), with its predictions: what a
    CuDNNLSTM / CuDNNGRU loading the file computes (TF converts the weights on loading)."""
    import os
    import tempfile
    x = _x()
    path = os.path.join(tempfile.mkdtemp(), "w.h5")
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            L = tf.keras.layers
            layer = L.LSTM(4, recurrent_activation="sigmoid", return_sequences=True,
                           input_shape=(4, 3)) if kind == "lstm" else \
                L.GRU(4, recurrent_activation="sigmoid", reset_after=reset_after,
                      return_sequences=True, input_shape=(4, 3))
            m = tf.keras.Sequential([layer])
            rs = np.random.RandomState(23)
            m.set_weights([(rs.rand(*w.shape) - 0.5).astype("float32")
                           for w in m.get_weights()])
            m.save_weights(path)
            out = {"predict": m.predict(x), "h5": open(path, "rb").read()}
    os.remove(path)
    os.rmdir(os.path.dirname(path))
    return out


def cases(tf):
    return {
        "h5_lstm": h5_weights(tf, "lstm"), "h5_gru": h5_weights(tf, "gru"),
        "h5_gru_reset_before": h5_weights(tf, "gru", reset_after=False),
        "lstm_fixed": _case(tf, "lstm", 5, {"return_sequences": True, "return_state": True},
                            True),
        "lstm_seeded": _case(tf, "lstm", 4, {}, False, seed=3),
        "lstm_backwards": _case(tf, "lstm", 3, {"go_backwards": True,
                                                "return_sequences": True}, True),
        "gru_fixed": _case(tf, "gru", 5, {"return_sequences": True, "return_state": True},
                           True),
        "gru_seeded": _case(tf, "gru", 4, {"go_backwards": True}, False, seed=4),
        "lstm_mask": _mask_error(tf, "lstm"),
        "gru_mask": _mask_error(tf, "gru"),
        "lstm_config": _config(tf, "lstm", {"unit_forget_bias": False, "stateful": True,
                                            "name": "c1", "kernel_regularizer": "l2"}),
        "gru_config": _config(tf, "gru", {"return_sequences": True, "time_major": True,
                                          "recurrent_initializer": "zeros"}),
    }
