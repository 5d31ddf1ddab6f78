"""Batch normalization in inference, after a few training steps moved the statistics:
tf.layers (training=False, fused and not), contrib batch_norm (is_training=False, scale
False/True), keras BatchNormalization called with training=False, slim with a
constant gamma."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(23)
X = np.random.RandomState(50).rand(4, 6, 6, 3).astype(np.float32)
x = tf.constant(X)
L = tf.contrib.layers
outs_train = [
    tf.layers.batch_normalization(x, training=True, momentum=0.5, name="a"),
    tf.layers.batch_normalization(x, training=True, momentum=0.5, fused=False, name="b"),
    L.batch_norm(x, is_training=True, decay=0.5, scope="c"),
    L.batch_norm(x, is_training=True, decay=0.5, scale=True, center=False, scope="d"),
    tf.keras.layers.BatchNormalization(momentum=0.5, name="e")(x, training=True),
]
with tf.variable_scope("", reuse=True):
    outs_inf = [
        tf.layers.batch_normalization(x, training=False, momentum=0.5, name="a"),
        tf.layers.batch_normalization(x, training=False, momentum=0.5, fused=False, name="b"),
        L.batch_norm(x, is_training=False, decay=0.5, scope="c"),
        L.batch_norm(x, is_training=False, decay=0.5, scale=True, center=False, scope="d"),
    ]
upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        s.run([outs_train, upd])
    for o in outs_inf:
        print(H(s.run(o)))
        print(H(s.run(o * 2.0)))
