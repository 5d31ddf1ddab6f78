"""tf.data: a reshuffling shuffle below flat_map / interleave / map, under a second shuffle,
batch and repeat: TF makes an iterator's input iterator when the iterator is made, so the
lower shuffle draws its seeds for each epoch (and once more at the end of the upper
shuffle's input) whatever lies between."""

import tensorflow as tf

tf.set_random_seed(9)


def run(ds):
    it = ds.make_initializable_iterator()
    nx = it.get_next()
    out = []
    with tf.Session() as s:
        s.run(it.initializer)
        try:
            while True:
                v = s.run(nx)
                out.append([a.tolist() for a in v] if isinstance(v, tuple) else v.tolist())
        except tf.errors.OutOfRangeError:
            pass
    print(len(tf.get_default_graph().get_operations()), out)


R = tf.data.Dataset.range
run(
    R(6)
    .shuffle(6, seed=1, reshuffle_each_iteration=False)
    .interleave(lambda i: R(i % 3 + 1), cycle_length=2)
    .shuffle(4, seed=2)
    .batch(3)
    .repeat(2)
)
run(
    R(6)
    .shuffle(6, seed=1)
    .interleave(lambda i: R(i % 3 + 1), cycle_length=2)
    .shuffle(4, seed=2, reshuffle_each_iteration=False)
    .batch(3)
    .repeat(2)
)
run(R(6).shuffle(6, seed=1).map(lambda i: i * 2).shuffle(4, seed=2).batch(3).repeat(2))
run(
    R(6)
    .shuffle(6, seed=1)
    .interleave(lambda i: R(i % 3 + 1), cycle_length=2)
    .shuffle(4, seed=2)
    .batch(3)
    .repeat(3)
)
run(R(6).shuffle(6, seed=1).flat_map(lambda i: R(i % 3 + 1)).shuffle(4, seed=2).batch(3).repeat(2))
run(
    R(8)
    .shuffle(8, seed=3)
    .padded_batch(2, [])
    .apply(tf.data.experimental.unbatch())
    .shuffle(3, seed=4)
    .batch(2)
    .repeat(2)
)
run(
    tf.data.Dataset.zip((R(8).shuffle(8, seed=5), R(8)))
    .skip(1)
    .shuffle(3, seed=6)
    .batch(7)
    .repeat(2)
)
