"""TF 1.14's tf.keras.constraints: projected values, configs, get/serialize, and a keras
Dense kernel_constraint applied by a tf.train optimizer after its update.
Test: tests/test_layers_constraints.py."""
import numpy as np


def _w():
    return np.array([[3.0, -0.5, 0.2], [4.0, 0.5, -0.1]], np.float32)


def _projections(tf):
    C = tf.keras.constraints
    w = tf.constant(_w())
    cons = {"max_norm": C.max_norm(2.0), "max_norm_axis1": C.MaxNorm(1.0, axis=1),
            "non_neg": C.non_neg(), "unit_norm": C.unit_norm(), "unit_norm_axis1":
            C.UnitNorm(axis=1), "min_max": C.min_max_norm(0.5, 1.5, rate=0.5),
            "min_max_default": C.MinMaxNorm(), "base": C.Constraint(),
            "by_name": C.get("nonneg"), "by_config": C.get(
                {"class_name": "MaxNorm", "config": {"max_value": 3, "axis": [0, 1]}})}
    out = {}
    with tf.Session() as sess:
        for k, c in sorted(cons.items()):
            out[k] = sess.run(c(w))
    out["configs"] = dict((k, C.serialize(c)) for k, c in sorted(cons.items()))
    try:
        C.get(3)
        out["bad"] = "no error"
    except ValueError as e:
        out["bad"] = str(e)
    return out


def _training(tf):
    tf.set_random_seed(2)
    x = tf.constant(np.linspace(-1, 1, 12, dtype=np.float32).reshape(4, 3))
    layer = tf.keras.layers.Dense(2, kernel_constraint="max_norm",
                                  bias_constraint=tf.keras.constraints.NonNeg(),
                                  kernel_initializer=tf.constant_initializer(1.5),
                                  bias_initializer=tf.constant_initializer(-0.1))
    y = layer(x)
    loss = tf.reduce_sum(y * y)
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = [sess.run([layer.kernel, layer.bias])]
        for _ in range(2):
            sess.run(train)
            out.append(sess.run([layer.kernel, layer.bias]))
    return out


def cases(tf):
    return {"projections": _projections(tf), "training": _training(tf)}
