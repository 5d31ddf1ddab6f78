"""When TF 1.14's keras resets a compiled model's metric state: every epoch of its loops
(fit, evaluate and predict alike, generators too) resets it first, train_on_batch and
test_on_batch after their batch (unless reset_metrics=False), predict_on_batch never:
the accuracy a *_on_batch call reports counts whatever the state held."""
import numpy as np


def _setup(tf):
    np.random.seed(3)
    x = np.random.rand(64, 4).astype(np.float32)
    y = np.random.randint(0, 3, 64)
    m = tf.keras.Sequential([tf.keras.layers.Dense(
        3, activation="softmax", input_shape=(4,),
        kernel_initializer=tf.keras.initializers.glorot_uniform(seed=1))])
    m.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return m, x, y


def _gen(x):
    for i in range(0, 24, 8):
        yield x[i:i + 8]


def _acc(values):
    return float(values[1])


def _sequence(tf, between):
    m, x, y = _setup(tf)
    out = [_acc(m.evaluate(x, y, verbose=0))]
    between(m, x, y)
    out.append(_acc(m.test_on_batch(x[:8], y[:8])))
    out.append(_acc(m.test_on_batch(x[8:16], y[8:16], reset_metrics=False)))
    out.append(_acc(m.test_on_batch(x[16:24], y[16:24], reset_metrics=False)))
    between(m, x, y)
    out.append(_acc(m.train_on_batch(x[:8], y[:8])))
    return out


def cases(tf):
    betweens = {
        "nothing": lambda m, x, y: None,
        "predict": lambda m, x, y: m.predict(x[:5]),
        "predict_batch_size": lambda m, x, y: m.predict(x, batch_size=16),
        "predict_on_batch": lambda m, x, y: m.predict_on_batch(x[:5]),
        "predict_generator": lambda m, x, y: m.predict_generator(_gen(x), steps=3),
        "predict_dataset": lambda m, x, y: m.predict(
            tf.data.Dataset.from_tensor_slices(x).batch(8), steps=2),
        "evaluate": lambda m, x, y: m.evaluate(x[:16], y[:16], verbose=0),
    }
    out = {}
    for name, between in sorted(betweens.items()):
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = _sequence(tf, between)
    return out
