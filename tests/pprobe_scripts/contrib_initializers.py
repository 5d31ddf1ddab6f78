"""tf.contrib.layers xavier / variance_scaling initializers (uniform and normal, FAN_IN/OUT/AVG),
tf.variance_scaling_initializer's three distributions, orthogonal, lecun, he and glorot
under a graph seed: op counts and hashes of the initial values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(a.ravel()[-1].item()),
    )


tf.set_random_seed(41)
g = tf.get_default_graph()
cl = tf.contrib.layers
vs = []
vs.append(tf.get_variable("a", [4, 5], initializer=cl.xavier_initializer()))
print(len(g.get_operations()))
vs.append(
    tf.get_variable("b", [3, 3, 2, 4], initializer=cl.xavier_initializer(uniform=False, seed=3))
)
print(len(g.get_operations()))
vs.append(tf.get_variable("c", [6, 2], initializer=cl.variance_scaling_initializer()))
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "d",
        [6, 2],
        initializer=cl.variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=True),
    )
)
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "e",
        [2, 3, 7],
        initializer=cl.variance_scaling_initializer(mode="FAN_OUT", uniform=False, seed=2),
        dtype=tf.float64,
    )
)
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "f", [5, 5], initializer=tf.variance_scaling_initializer(2.0, "fan_in", "normal")
    )
)
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "g", [5, 5], initializer=tf.variance_scaling_initializer(1.0, "fan_avg", "uniform")
    )
)
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "h",
        [5, 5],
        initializer=tf.variance_scaling_initializer(1.0, "fan_out", "untruncated_normal"),
    )
)
print(len(g.get_operations()))
vs.append(tf.get_variable("i", [4, 6], initializer=tf.orthogonal_initializer(gain=2.0)))
print(len(g.get_operations()))
vs.append(tf.get_variable("j", [3, 3, 4], initializer=tf.initializers.lecun_uniform()))
print(len(g.get_operations()))
vs.append(tf.get_variable("k", [3, 4], initializer=tf.initializers.he_normal(seed=5)))
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "l",
        [2, 3, 3, 4],
        initializer=tf.initializers.identity() if False else tf.keras.initializers.glorot_normal(),
    )
)
print(len(g.get_operations()))
vs.append(
    tf.get_variable(
        "m",
        [3, 3, 2, 2],
        initializer=tf.contrib.framework.convolutional_delta_orthogonal(seed=4)
        if hasattr(tf.contrib.framework, "convolutional_delta_orthogonal")
        else tf.initializers.random_uniform(-1, 2),
    )
)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in vs:
        print(v.name, H(s.run(v)))
