"""TF 1.14's Grappler AddOpsRewrite on a loss plus its regularization terms, the most
common add tree in training scripts: `reduce_mean(...) + add_n([l1, l2])` (or
tf.losses.get_regularization_loss / get_total_loss, a Keras model's `losses`) collapses
into one AddN whose inputs are sorted by name, `AddN(Mean, mul, mul_1)`, and the AddN
kernel sums from the first input whose buffer it takes over (a reduction's output is a
fresh buffer; one that reduces nothing shares its input's). That rounds otherwise than
the written `Mean + (mul + mul_1)`. The loss is read through an Identity (as
contrib's optimize_loss and with_dependencies do), so Grappler may rewrite the Add.

Each case runs 3 GradientDescent steps and returns the losses read before each step,
the loss after them and the trained variables; `<case>_arithmetic_off` runs the same
with the arithmetic optimizer off (the written order).
Read by tests/test_loss_regularization.py.
"""
from __future__ import absolute_import

import numpy as np


def _config(tf, arithmetic):
    config = tf.ConfigProto()
    if not arithmetic:
        config.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    return config


def _inputs(tf):
    x = tf.constant(np.random.RandomState(8).randn(6, 20).astype(np.float32))
    y = tf.constant(np.random.RandomState(9).randn(6, 1).astype(np.float32))
    w = tf.Variable(np.random.RandomState(1).randn(20, 1).astype(np.float32), name="w")
    return x, y, w


def _train(tf, loss, arithmetic, extra=()):
    """3 steps fetching tf.identity(loss) and the train op (and `extra`), then the loss
    and the trainable variables."""
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    read = tf.identity(loss)
    with tf.Session(config=_config(tf, arithmetic)) as sess:
        sess.run(tf.global_variables_initializer())
        out = [sess.run([read, train] + list(extra))[0] for _ in range(3)]
        out.append(sess.run(read))
        out.extend(sess.run(tf.trainable_variables()))
    return out


def mean_addn(tf, arithmetic=True):
    """pprobe2's t_aor: reduce_mean(square(x @ w - 1)) + add_n([l1, l2])."""
    with tf.Graph().as_default():
        x, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.reduce_sum(tf.square(w)) * 0.02
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0)) + tf.add_n([l1, l2])
        return _train(tf, loss, arithmetic)


def mean_add_reversed(tf, arithmetic=True):
    """(l1 + l2) + reduce_mean(...): the same AddN(Mean, mul, mul_1)."""
    with tf.Graph().as_default():
        x, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.reduce_sum(tf.square(w)) * 0.02
        loss = (l1 + l2) + tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
        return _train(tf, loss, arithmetic)


def sum_l2_loss(tf, arithmetic=True):
    """reduce_sum(square(x @ w - y)) + add_n([l1, nn.l2_loss(v) * c]) (Sum, mul, mul_1)."""
    with tf.Graph().as_default():
        x, y, w = _inputs(tf)
        v = tf.Variable(np.random.RandomState(2).randn(20, 4).astype(np.float32), name="v")
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.nn.l2_loss(v) * 0.013
        loss = tf.reduce_sum(tf.square(tf.matmul(x, w) - y)) + tf.add_n([l1, l2])
        return _train(tf, loss, arithmetic)


def regularization_loss(tf, arithmetic=True):
    """tf.layers.dense with kernel and bias regularizers, reduce_mean(square(o - y)) +
    tf.losses.get_regularization_loss() (an add_n of three l2 terms)."""
    with tf.Graph().as_default():
        x, y, _ = _inputs(tf)
        r = tf.contrib.layers.l2_regularizer(0.031)
        init = tf.constant_initializer
        k1 = np.random.RandomState(3).randn(20, 5).astype(np.float32) * 0.3
        k2 = np.random.RandomState(4).randn(5, 1).astype(np.float32)
        h = tf.layers.dense(x, 5, activation=tf.nn.relu, kernel_regularizer=r,
                            bias_regularizer=r, kernel_initializer=init(k1),
                            bias_initializer=init(0.1), name="d1")
        o = tf.layers.dense(h, 1, kernel_regularizer=r, kernel_initializer=init(k2),
                            name="d2")
        loss = tf.reduce_mean(tf.square(o - y)) + tf.losses.get_regularization_loss()
        return _train(tf, loss, arithmetic)


def total_loss(tf, arithmetic=True):
    """tf.losses.mean_squared_error + absolute_difference + l1 / l2 regularizers, summed
    by tf.losses.get_total_loss()."""
    with tf.Graph().as_default():
        x, y, _ = _inputs(tf)
        init = tf.constant_initializer
        k1 = np.random.RandomState(5).randn(20, 5).astype(np.float32) * 0.3
        k2 = np.random.RandomState(6).randn(5, 1).astype(np.float32)
        h = tf.layers.dense(x, 5, activation=tf.nn.tanh, kernel_initializer=init(k1),
                            kernel_regularizer=tf.contrib.layers.l1_regularizer(0.017),
                            name="d1")
        o = tf.layers.dense(h, 1, kernel_initializer=init(k2),
                            kernel_regularizer=tf.contrib.layers.l2_regularizer(0.05),
                            name="d2")
        tf.losses.mean_squared_error(y, o)
        tf.losses.absolute_difference(y, o * 0.5)
        return _train(tf, tf.losses.get_total_loss(), arithmetic)


def keras_losses(tf, arithmetic=True):
    """A Keras Sequential with l2 / l1 kernel regularizers called on a tensor:
    reduce_mean(keras.losses.mean_squared_error(y, o)) + add_n(model.losses)."""
    with tf.Graph().as_default():
        x, y, _ = _inputs(tf)
        init = tf.keras.initializers.Constant
        k1 = np.random.RandomState(7).randn(20, 7).astype(np.float32) * 0.3
        k2 = np.random.RandomState(10).randn(7, 1).astype(np.float32)
        m = tf.keras.Sequential([
            tf.keras.layers.Dense(7, activation="relu", input_shape=(20,),
                                  kernel_initializer=init(k1), bias_initializer="ones",
                                  kernel_regularizer=tf.keras.regularizers.l2(0.021)),
            tf.keras.layers.Dense(1, kernel_initializer=init(k2),
                                  kernel_regularizer=tf.keras.regularizers.l1(0.011))])
        o = m(x)
        loss = tf.reduce_mean(tf.keras.losses.mean_squared_error(y, o)) + tf.add_n(m.losses)
        return _train(tf, loss, arithmetic)


def mean_fetched_too(tf, arithmetic=True):
    """mean_addn with the Mean fetched as well: the run's _Retval holds a reference, so the
    kernel takes over mul's buffer instead (the first two inputs commute)."""
    with tf.Graph().as_default():
        x, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.reduce_sum(tf.square(w)) * 0.02
        m = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
        return _train(tf, m + tf.add_n([l1, l2]), arithmetic, [m])


def max_keepdims(tf, arithmetic=True):
    """reduce_max(..., keepdims=True) [1, 1] + add_n of two [] terms: two shapes, the
    AddN of the scalars first, then Add with the Max."""
    with tf.Graph().as_default():
        x, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.reduce_sum(tf.square(w)) * 0.02
        loss = tf.reduce_max(tf.square(tf.matmul(x, w) - 1.0), keepdims=True) + \
            tf.add_n([l1, l2])
        return _train(tf, loss, arithmetic)


def sum_reduces_nothing(tf, arithmetic=True):
    """reduce_sum over w's size-1 axis (its output is the Square's buffer) + add_n of two
    [20] terms: AddN(Sum, mul, mul_1)."""
    with tf.Graph().as_default():
        _, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w), axis=1) * 0.019
        l2 = tf.reduce_sum(tf.square(w), axis=1) * 0.02
        loss = tf.reduce_sum(tf.square(w * 2.0 - 1.0), axis=1) + tf.add_n([l1, l2])
        return _train(tf, loss, arithmetic)


def identity_of_mean(tf, arithmetic=True):
    """tf.identity(reduce_mean(...)) + add_n([l1, l2]): the Identity passes the Mean's
    buffer on (and the dependency optimizer removes it)."""
    with tf.Graph().as_default():
        x, _, w = _inputs(tf)
        l1 = tf.reduce_sum(tf.abs(w)) * 0.019
        l2 = tf.reduce_sum(tf.square(w)) * 0.02
        m = tf.identity(tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0)), name="data_loss")
        return _train(tf, m + tf.add_n([l1, l2]), arithmetic)


def batch_norm_updates_between(tf, arithmetic=True):
    """pprobe2's contrib_vs_batchnorm: contrib batch_norm(updates_collections=None) assigns
    its moving averages inside the forward pass, between the l1_l2 regularizer's AddN and
    the loss's Add; the loss + get_regularization_loss() (an Identity of that AddN, gone
    by the second round) is AddN(Mean, l1_regularizer, l2_regularizer) all the same.
    Trained by contrib's optimize_loss (its train op is an Identity of the loss)."""
    layers = tf.contrib.layers
    with tf.Graph().as_default():
        x, _, _ = _inputs(tf)
        init = tf.constant_initializer
        k1 = np.random.RandomState(11).randn(20, 12).astype(np.float32) * 0.3
        k2 = np.random.RandomState(12).randn(12, 1).astype(np.float32)
        h = layers.fully_connected(x, 12, weights_initializer=init(k1),
                                   weights_regularizer=layers.l1_l2_regularizer(0.01, 0.02),
                                   normalizer_fn=layers.batch_norm,
                                   normalizer_params={"updates_collections": None,
                                                      "scale": True, "is_training": True})
        out = layers.fully_connected(h, 1, activation_fn=None, weights_initializer=init(k2))
        loss = tf.reduce_mean(tf.square(out - 1.0)) + tf.losses.get_regularization_loss()
        train = layers.optimize_loss(loss, tf.train.get_or_create_global_step(), 0.05, "SGD",
                                     summaries=[])
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            sess.run(tf.global_variables_initializer())
            result = [sess.run(train) for _ in range(3)]
            result.extend(sess.run(tf.global_variables()))
        return result


CASES = ["mean_addn", "mean_add_reversed", "sum_l2_loss", "regularization_loss",
         "total_loss", "keras_losses", "mean_fetched_too", "max_keepdims",
         "sum_reduces_nothing", "identity_of_mean", "batch_norm_updates_between"]


def cases(tf):
    out = {}
    for name in CASES:
        fn = globals()[name]
        out[name] = fn(tf)
        out[name + "_arithmetic_off"] = fn(tf, arithmetic=False)
    return out
