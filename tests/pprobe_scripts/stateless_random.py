"""tf.random.stateless_uniform (float16/32/64, int32/64 ranges), stateless_normal,
stateless_truncated_normal, stateless_multinomial and stateless_categorical."""
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


g = tf.get_default_graph()
seed = tf.constant([7, 13], tf.int64)
outs = {}
outs["u32"] = tf.random.stateless_uniform([3, 5], seed)
outs["u64"] = tf.random.stateless_uniform([3, 5], [1, 2], dtype=tf.float64, minval=-2, maxval=3)
outs["u16"] = tf.random.stateless_uniform([7], [1, 2], dtype=tf.float16)
outs["ui32"] = tf.random.stateless_uniform([9], [5, 6], minval=-10, maxval=1000, dtype=tf.int32)
outs["ui64"] = tf.random.stateless_uniform([9], [5, 6], minval=-10, maxval=1000, dtype=tf.int64)
outs["n"] = tf.random.stateless_normal([4, 3], [3, 4], mean=1.0, stddev=2.0)
outs["n64"] = tf.random.stateless_normal([5], [3, 4], dtype=tf.float64)
outs["tn"] = tf.random.stateless_truncated_normal([4, 6], [3, 4])
outs["tn16"] = tf.random.stateless_truncated_normal([11], [0, 0], dtype=tf.float16)
outs["mn"] = tf.random.stateless_multinomial(tf.log([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4]]), 8, [1, 9])
outs["cat"] = tf.random.stateless_categorical(tf.log([[0.1, 0.5, 0.4]]), 6, [1, 9], dtype=tf.int32)
print(len(g.get_operations()))
with tf.Session() as s:
    for k in sorted(outs):
        print(k, H(s.run(outs[k])), s.run(outs[k]).ravel()[:4].tolist())
