"""Dataset.from_generator in the production forms: dict and tuple output_types with partial
output_shapes, a generator taking args, flat_map / filter / map(num_parallel_calls),
map_and_batch, unbatch, cache, concatenate, window, padded_batch with padding values,
tf.data.experimental.shuffle_and_repeat (seeded); the output structures and every batch."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(23)


def gen():
    rs = np.random.RandomState(11)
    for i in range(9):
        n = 1 + (i * 5) % 4
        yield {"ids": rs.randint(0, 100, size=n).astype(np.int64),
               "w": rs.rand(n, 2).astype(np.float32),
               "key": ("k%d" % (i % 3)).encode()}, i % 2


def gen2(start, n):
    for i in range(start, start + n):
        yield i, [float(i)] * (i % 3)


g = tf.get_default_graph()
ds = tf.data.Dataset.from_generator(
    gen, ({"ids": tf.int64, "w": tf.float32, "key": tf.string}, tf.int32),
    ({"ids": tf.TensorShape([None]), "w": tf.TensorShape([None, 2]), "key": tf.TensorShape([])},
     tf.TensorShape([])))
print(ds.output_types, ds.output_shapes)
d2 = tf.data.Dataset.from_generator(gen2, (tf.int64, tf.float32),
                                    (tf.TensorShape([]), tf.TensorShape([None])),
                                    args=(tf.constant(3, tf.int64), 5))
print(len(g.get_operations()))

feat = ds.filter(lambda f, y: tf.not_equal(f["key"], "k1")) \
    .map(lambda f, y: (tf.reduce_sum(f["ids"]), tf.reduce_sum(f["w"], 0), f["key"], y),
         num_parallel_calls=2).cache()
batched = ds.map(lambda f, y: (f["ids"], y)).padded_batch(
    3, padded_shapes=([5], []), padding_values=(tf.constant(-1, tf.int64), 0))
mab = d2.apply(tf.data.experimental.map_and_batch(
    lambda i, v: (i * 2, tf.size(v)), batch_size=2, drop_remainder=True))
flat = d2.flat_map(lambda i, v: tf.data.Dataset.from_tensor_slices(v)).concatenate(
    tf.data.Dataset.from_tensors(-1.0)).batch(4).apply(tf.data.experimental.unbatch())
win = tf.data.Dataset.range(7).window(3, shift=2, drop_remainder=False).flat_map(
    lambda w: w.batch(3))
sr = tf.data.Dataset.range(6).apply(tf.data.experimental.shuffle_and_repeat(6, 2, seed=5))
print(len(g.get_operations()))
print(feat.output_shapes, batched.output_shapes, mab.output_shapes, flat.output_shapes)

with tf.Session() as s:
    for name, d in (("feat", feat), ("feat2", feat), ("padded", batched), ("mab", mab),
                    ("flat", flat), ("win", win), ("sr", sr)):
        nxt = d.make_one_shot_iterator().get_next()
        out = []
        while True:
            try:
                v = s.run(nxt)
            except tf.errors.OutOfRangeError:
                break
            out.append(v)
        print(name, len(out))
        for v in out:
            print(" ", [x.tolist() if hasattr(x, "tolist") else x for x in
                        (v if isinstance(v, tuple) else (v,))])
