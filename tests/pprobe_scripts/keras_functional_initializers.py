"""A keras functional model under a graph seed: Conv2D, SeparableConv2D, BatchNormalization,
Embedding and Dense with string and object initializers; every weight's initial value."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(29)
g = tf.get_default_graph()
K = tf.keras
inp = K.Input((6, 6, 2))
x = K.layers.Conv2D(3, 3, kernel_initializer="glorot_normal", bias_initializer="random_uniform")(
    inp
)
print(len(g.get_operations()))
x = K.layers.SeparableConv2D(
    4,
    2,
    depthwise_initializer="he_normal",
    pointwise_initializer=K.initializers.lecun_normal(seed=3),
)(x)
print(len(g.get_operations()))
x = K.layers.BatchNormalization(
    gamma_initializer="random_normal", beta_initializer=K.initializers.TruncatedNormal(0.0, 0.1)
)(x)
print(len(g.get_operations()))
x = K.layers.Flatten()(x)
e_in = K.Input((3,), dtype="int32")
e = K.layers.Embedding(10, 4)(e_in)
print(len(g.get_operations()))
e = K.layers.Flatten()(e)
y = K.layers.concatenate([x, e])
y = K.layers.Dense(2, kernel_initializer=K.initializers.VarianceScaling(1.0, "fan_avg", "uniform"))(
    y
)
print(len(g.get_operations()))
m = K.Model([inp, e_in], y)
sess = K.backend.get_session()
for w in m.weights:
    print(w.name, H(sess.run(w)))
