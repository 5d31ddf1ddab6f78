"""TF 1.14's compile(weighted_metrics=...): names ('weighted_' first), values weighted by
sample and class weights through fit (with validation weights) and evaluate, and the
training config an HDF5 file keeps (load_model's names as TF 1.14 gives them).

    python tools/goldens.py regen keras/metrics_weighted
"""
import os
import tempfile

import numpy as np


def _data():
    rng = np.random.RandomState(0)
    x = rng.rand(40, 3).astype("float32")
    y = (x.sum(1, keepdims=True) > 1.5).astype("float32")
    sw = np.linspace(0.5, 2, 40).astype("float32")
    return x, y, sw


def _model(tf):
    m = tf.keras.Sequential([tf.keras.layers.Dense(
        1, activation="sigmoid", input_shape=(3,),
        kernel_initializer=tf.keras.initializers.Constant(0.3))])
    m.compile(tf.keras.optimizers.SGD(0.5), loss="binary_crossentropy", metrics=["acc", "mse"],
              weighted_metrics=["acc", tf.keras.metrics.AUC(num_thresholds=7), "mse"])
    return m


def weighted(tf):
    x, y, sw = _data()
    with tf.Graph().as_default():
        m = _model(tf)
        h = m.fit(x, y, batch_size=16, epochs=2, verbose=0, sample_weight=sw,
                  class_weight={0: 1., 1: 3.}, validation_data=(x[:8], y[:8], sw[:8]),
                  shuffle=False)
        return [m.metrics_names, sorted(h.history), [h.history[k] for k in sorted(h.history)],
                m.evaluate(x, y, sample_weight=sw, batch_size=16, verbose=0),
                m.test_on_batch(x[:8], y[:8], sample_weight=sw[:8])]


def saved(tf):
    x, y, sw = _data()
    path = os.path.join(tempfile.mkdtemp(), "m.h5")
    with tf.Graph().as_default():
        m = _model(tf)
        m.fit(x, y, batch_size=16, epochs=1, verbose=0, shuffle=False)
        m.save(path)
    with tf.Graph().as_default():
        m2 = tf.keras.models.load_model(path)
        out = [m2.metrics_names, m2.evaluate(x, y, sample_weight=sw, batch_size=16,
                                             verbose=0)]
    os.remove(path)
    return out


def cases(tf):
    return {fn.__name__: fn(tf) for fn in (weighted, saved)}
