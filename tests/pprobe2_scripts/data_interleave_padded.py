"""tf.data: range + interleave of random-length slices + shuffle(seed, reshuffle) + map with
random ops + padded_batch + repeat; one-shot and initializable iterators over epochs."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(9)


def gen(i):
    n = tf.cast(i % 3 + 1, tf.int64)
    return tf.data.Dataset.range(n).map(lambda j: tf.cast(j + 10 * i, tf.float32))


ds = tf.data.Dataset.range(6).shuffle(6, seed=1).interleave(gen, cycle_length=2, block_length=1)
ds = ds.map(
    lambda v: (
        v,
        tf.random_uniform([2], seed=3) + v,
        tf.random_normal([tf.cast(v, tf.int32) % 3 + 1]),
    )
)
ds = (
    ds.shuffle(4, seed=2, reshuffle_each_iteration=True)
    .padded_batch(3, ([], [2], [None]))
    .repeat(2)
)
it = ds.make_initializable_iterator()
nx = it.get_next()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    for r in range(2):
        s.run(it.initializer)
        out = []
        try:
            while True:
                a, b, c = s.run(nx)
                out.append((a.tolist(), H(b), H(c)))
        except tf.errors.OutOfRangeError:
            pass
        for o in out:
            print(r, o)
