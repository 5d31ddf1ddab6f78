"""tf.keras.layers.CuDNNLSTM / CuDNNGRU against TF 1.14 (tests/golden/keras/gen_cudnn.py):
TF 1.14's weights, seeded initial values and config; the values and gradients cuDNN
computes (through TF 1.14's LSTM / GRU(reset_after=True) equivalence), which flowgrad
computes on the CPU where TF 1.14 has no kernel."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "cudnn")
GEN = generator("keras", "cudnn")

CASES = {"lstm_fixed": ("lstm", 5, {"return_sequences": True, "return_state": True}, True, None),
         "lstm_seeded": ("lstm", 4, {}, False, 3),
         "lstm_backwards": ("lstm", 3, {"go_backwards": True, "return_sequences": True},
                            True, None),
         "gru_fixed": ("gru", 5, {"return_sequences": True, "return_state": True}, True, None),
         "gru_seeded": ("gru", 4, {"go_backwards": True}, False, 4)}


def _run(kind, units, kwargs, weights, seed):
    """The CuDNN layer in flowgrad: weights, config, outputs and gradients."""
    x = GEN._x()
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            xp = tf.placeholder(tf.float32, [None, 4, 3])
            cls = tf.keras.layers.CuDNNLSTM if kind == "lstm" else tf.keras.layers.CuDNNGRU
            layer = cls(units, **kwargs)
            out = layer(xp)
            outs = out if isinstance(out, list) else [out]
            sess.run(tf.variables_initializer(layer.weights))
            if weights is not None:
                layer.set_weights(weights)
            loss = tf.add_n([tf.reduce_sum(o * tf.constant(
                np.linspace(-1, 1, int(np.prod(o.shape.as_list()[1:]))).reshape(
                    [1] + o.shape.as_list()[1:]).astype("float32"))) for o in outs])
            grads = tf.gradients(loss, [xp] + layer.weights)
            got_outs, got_grads, values = sess.run([outs, grads, layer.weights], {xp: x})
            return {"weights": [[w.name, w.shape.as_list()] for w in layer.weights],
                    "trainable": [w.name for w in layer.trainable_weights],
                    "values": values, "config": layer.get_config(),
                    "shapes": [o.shape.as_list() for o in outs], "name": layer.name,
                    "outs": got_outs, "grads": got_grads}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cudnn_layer_as_tf_and_cudnn(case):
    kind, units, kwargs, fixed, seed = CASES[case]
    weights = GEN._fixed_weights(kind, units, 3) if fixed else None
    want = dict(GOLD[case])
    want.pop("ops")   # TF's one CudnnRNN op; flowgrad's graph computes it with a loop
    _compare(_run(kind, units, kwargs, weights, seed), want, case)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_cudnn_masking_error_as_tf(kind):
    got, want = GEN._mask_error(tf, kind), GOLD[kind + "_mask"]
    assert isinstance(got, ValueError) and str(got) == want.message


@pytest.mark.parametrize("case,kind,kwargs", [
    ("lstm_config", "lstm", {"unit_forget_bias": False, "stateful": True, "name": "c1",
                             "kernel_regularizer": "l2"}),
    ("gru_config", "gru", {"return_sequences": True, "time_major": True,
                           "recurrent_initializer": "zeros"})])
def test_cudnn_config_round_trip_as_tf(case, kind, kwargs):
    _compare(GEN._config(tf, kind, kwargs), GOLD[case], case)


@pytest.mark.parametrize("cls_name", ["CuDNNLSTM", "CuDNNGRU"])
def test_cudnn_layer_in_sequential_fit_and_stateful_chunks(cls_name):
    """compile/fit lowers the loss; a stateful layer run on two halves of a sequence ends
    where one run over the whole sequence does."""
    rs = np.random.RandomState(0)
    x = rs.rand(8, 6, 3).astype("float32")
    y = rs.rand(8, 1).astype("float32")
    cls = getattr(tf.keras.layers, cls_name)
    with tf.Graph().as_default():
        tf.set_random_seed(3)    # seeded initial weights: the loss decrease is reproducible
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([cls(4, input_shape=(6, 3)), tf.keras.layers.Dense(1)])
            m.compile(tf.keras.optimizers.SGD(0.1), "mse")
            h = m.fit(x, y, batch_size=4, epochs=5, verbose=0, shuffle=False)
            assert h.history["loss"][-1] < h.history["loss"][0]
            whole = tf.keras.Sequential([cls(4, batch_input_shape=(8, 6, 3))])
            whole.layers[0].set_weights(m.layers[0].get_weights())
            chunks = tf.keras.Sequential([cls(4, stateful=True, batch_input_shape=(8, 3, 3))])
            chunks.layers[0].set_weights(m.layers[0].get_weights())
            chunks.predict(x[:, :3], batch_size=8)
            np.testing.assert_allclose(chunks.predict(x[:, 3:], batch_size=8),
                                       whole.predict(x, batch_size=8), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("case,cls_name", [("h5_lstm", "CuDNNLSTM"), ("h5_gru", "CuDNNGRU")])
def test_cudnn_layers_load_tf_lstm_gru_hdf5_weights_and_back(case, cls_name, tmp_path):
    """TF 1.14's LSTM / GRU(reset_after=True) weights converted on loading (as TF's HDF5
    loading does) give a CuDNN layer TF's outputs; the CuDNN layer's file loads back into
    the plain layer."""
    path = tmp_path / "w.h5"
    path.write_bytes(GOLD[case]["h5"])
    x = GEN._x()
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            cls = getattr(tf.keras.layers, cls_name)
            m = tf.keras.Sequential([cls(4, return_sequences=True, input_shape=(4, 3))])
            m.load_weights(str(path))
            got = m.predict(x)
            np.testing.assert_allclose(got, GOLD[case]["predict"], rtol=2e-5, atol=2e-5)
            m.save_weights(str(tmp_path / "c.h5"))
            L = tf.keras.layers
            plain = L.LSTM(4, recurrent_activation="sigmoid", return_sequences=True,
                           input_shape=(4, 3)) if cls_name == "CuDNNLSTM" else \
                L.GRU(4, recurrent_activation="sigmoid", reset_after=True,
                      return_sequences=True, input_shape=(4, 3))
            back = tf.keras.Sequential([plain])
            back.load_weights(str(tmp_path / "c.h5"))
            np.testing.assert_allclose(back.predict(x), got, rtol=2e-5, atol=2e-5)


def test_cudnn_gru_refuses_reset_before_gru_weights_as_tf(tmp_path):
    path = tmp_path / "w.h5"
    path.write_bytes(GOLD["h5_gru_reset_before"]["h5"])
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.CuDNNGRU(4, return_sequences=True,
                                                          input_shape=(4, 3))])
        with pytest.raises(ValueError, match=r"GRU\(reset_after=False\) is not compatible "
                                             r"with CuDNNGRU"):
            m.load_weights(str(path))
