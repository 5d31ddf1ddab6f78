"""TF 1.14's BiasAddGrad of one channel (a Dense(1) layer's bias gradient) adds the rows
in order, for any row count, as it does each channel of a wider layer; and a Keras binary
classifier (Dense(16, relu) -> Dense(1, sigmoid), Adam) trained on it, whose logit layer
Grappler also fuses with its BiasAdd. Read by tests/test_precsys_bias_grad.py.
"""
from __future__ import absolute_import

import numpy as np

ROWS = (7, 9, 10, 12, 16, 33, 64, 100, 256, 2000)


def one_channel(tf):
    """BiasAddGrad of [n, 1] (and of [n, 3]) gradients with values of mixed magnitude."""
    rng = np.random.RandomState(5)
    out = []
    for n in ROWS:
        for c in (1, 3):
            v = (rng.randn(n, c) * 10 ** rng.uniform(-2, 2, (n, c))).astype(np.float32)
            with tf.Graph().as_default():
                x = tf.placeholder(tf.float32, [None, c])
                b = tf.Variable(tf.zeros([c]))
                y = tf.nn.bias_add(x * 1.0, b)
                g = tf.gradients(y, b, grad_ys=tf.placeholder_with_default(v, [None, c]))[0]
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    out.append(sess.run(g, {x: v}))
    return out


def keras_dense1(tf):
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        rng = np.random.RandomState(3)
        x = rng.randn(64, 12).astype(np.float32)
        y = (rng.rand(64, 1) > 0.5).astype(np.float32)
        model = tf.keras.Sequential([
            tf.keras.layers.Dense(16, activation="relu", input_shape=(12,)),
            tf.keras.layers.Dense(1, activation="sigmoid")])
        model.compile(tf.keras.optimizers.Adam(0.01), "binary_crossentropy")
        hist = model.fit(x, y, batch_size=16, epochs=3, verbose=0, shuffle=False)
        return {"losses": np.array(hist.history["loss"], np.float32),
                "predictions": model.predict(x[:8]),
                "weights": model.get_weights()}


def cases(tf):
    return {"one_channel": one_channel(tf), "keras_dense1": keras_dense1(tf)}
