"""Keras recurrent layers and wrappers against TF 1.14 (tests/golden/keras/gen_recurrent.py):
values with weights from a seeded stream, weight names and shapes, masking, a fit."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "recurrent")
GEN = generator("keras", "recurrent")
FNS = {"layers": "_layers_case"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_recurrent_case(case):
    with tf.Graph().as_default():
        with tf.Session():
            result = getattr(GEN, FNS.get(case, "_" + case))(tf)
    _compare(result, GOLD[case], case)


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "SimpleRNN"])
def test_dropout_only_in_the_training_phase(kind):
    import numpy as np
    x = np.random.RandomState(0).randn(4, 5, 2).astype("float32")
    outs = []
    for rate in (0.0, 0.5):
        with tf.Graph().as_default():
            layer = getattr(tf.keras.layers, kind)(3, dropout=rate, recurrent_dropout=rate)
            m = tf.keras.Sequential([layer])
            m.build((None, 5, 2))
            rs = np.random.RandomState(1)
            m.set_weights([rs.rand(*w.shape.as_list()).astype("float32") - 0.5
                           for w in m.weights])
            outs.append(m.predict(x))
            sess = tf.keras.backend.get_session()
            train = sess.run(m.outputs[0], {m.inputs[0]: x,
                                            tf.keras.backend.learning_phase(): True})
            if rate:
                assert np.abs(train - outs[0]).max() > 1e-3
            assert layer.get_config()["dropout"] == rate
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-6)


def test_stateful_rnn_as_tf():
    gold = load("keras", "stateful")["stateful"]
    gen = generator("keras", "stateful")
    with tf.Graph().as_default():
        with tf.Session():
            got = gen._stateful(tf)
    _compare(got, gold, "stateful")


def test_stateful_rnn_needs_a_batch_size():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="needs to know its batch size"):
            tf.keras.Sequential([tf.keras.layers.LSTM(2, stateful=True,
                                                      input_shape=(3, 2))])
