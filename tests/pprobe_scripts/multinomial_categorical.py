"""multinomial / random.categorical (int32 output, float64 logits), integer random_uniform and
float16 random_normal under a graph seed, over two runs."""
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


tf.set_random_seed(53)
g = tf.get_default_graph()
outs = {}
outs["m1"] = tf.multinomial(tf.log([[0.2, 0.3, 0.5]] * 3), 7, output_dtype=tf.int32)
print(len(g.get_operations()))
outs["c2"] = tf.random.categorical(tf.constant([[1.0, -2.0, 0.0, 3.0]], tf.float64), 9, seed=4)
print(len(g.get_operations()))
outs["ru"] = tf.random_uniform([7], -5, 100, dtype=tf.int64, seed=3)
print(len(g.get_operations()))
outs["rh"] = tf.random_normal([7], dtype=tf.float16)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            print(r, k, H(s.run(outs[k])))
