"""Reductions whose simplified shape reduces nothing (a scalar, only dims of size 1, no
reduced dim of size above 1) copy their input in TF 1.14: -0.0 stays -0.0 (a Sum of 0 and
the value would give +0.0; the sign reaches 1 / x in a second-order gradient)."""
import numpy as np


def reductions(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        z = tf.constant(-0.0)
        v = tf.constant([[-0.0, 1.0]])
        w = tf.constant([[-0.0], [-0.0]])
        ts = [tf.reduce_sum(z), tf.reduce_sum(z, []), tf.reduce_mean(z),
              tf.reduce_sum(tf.constant([-0.0])), tf.reduce_sum(v, axis=0),
              tf.reduce_sum(w, axis=1), tf.reduce_sum(w, axis=0), tf.reduce_sum(w),
              tf.reduce_mean(v, axis=0), tf.reduce_sum(tf.constant([[[-0.0]]]), axis=[0, 2]),
              tf.reduce_sum(tf.constant([[-0.0, -0.0]]), axis=1),
              tf.reduce_sum(tf.constant(-0.0, tf.float64)),
              tf.reduce_sum(tf.constant([-0.0], tf.float16)),
              1.0 / tf.reduce_sum(z * 1.0)]
        values = sess.run(ts)
    return [[np.asarray(x), np.signbit(x).tolist()] for x in values]


def cases(tf):
    return {"reductions": reductions(tf)}
