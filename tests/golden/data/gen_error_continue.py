"""TF 1.14's tf.data iterators after an element's error: get_next raises it and the next
call goes on with the following elements, through map, parallel map, repeat, prefetch,
filter, shuffle and batch (a batch of a map fails whole, as TF's fused MapAndBatch: the next
batch starts after its n elements). tests/test_data_error_continue.py runs the same
programs with flowgrad."""
from __future__ import absolute_import


def _drain(tf, ds, n):
    nxt = ds.make_one_shot_iterator().get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(n):
            try:
                out.append(sess.run(nxt).tolist())
            except tf.errors.OutOfRangeError:
                out.append("END")
                break
            except tf.errors.InvalidArgumentError as e:
                out.append("ERR " + e.message.split("\n")[0])
    return out


def _strings(tf):
    return tf.data.Dataset.from_tensor_slices(["1", "x", "3", "y", "5"])


PROGRAMS = {
    "map": lambda tf: (_strings(tf).map(tf.strings.to_number), 8),
    "parallel_map": lambda tf: (_strings(tf).map(tf.strings.to_number,
                                                 num_parallel_calls=2), 8),
    "map_batch": lambda tf: (_strings(tf).map(tf.strings.to_number).batch(2), 8),
    "map_repeat": lambda tf: (_strings(tf).map(tf.strings.to_number).repeat(2), 14),
    "map_prefetch": lambda tf: (_strings(tf).map(tf.strings.to_number).prefetch(2), 8),
    "map_filter": lambda tf: (_strings(tf).map(tf.strings.to_number)
                              .filter(lambda v: v > 2.0), 8),
    "range_map_batch_all_fail": lambda tf: (tf.data.Dataset.range(5).map(
        lambda v: tf.strings.to_number(tf.as_string(v) + "x")).batch(2), 8),
    "map_repeat_batch": lambda tf: (_strings(tf).map(tf.strings.to_number).repeat(2)
                                    .batch(3), 8),
    "map_shuffle": lambda tf: (_strings(tf).map(tf.strings.to_number).shuffle(3, seed=1),
                               8),
    "map_shuffle_repeat": lambda tf: (_strings(tf).map(tf.strings.to_number)
                                      .shuffle(4, seed=2).repeat(2), 14),
    "map_repeat_shuffle": lambda tf: (_strings(tf).map(tf.strings.to_number).repeat(2)
                                      .shuffle(4, seed=3), 14),
    "map_prefetch_batch": lambda tf: (_strings(tf).map(tf.strings.to_number).prefetch(1)
                                      .batch(2), 8),
}


def run(tf, name):
    with tf.Graph().as_default():
        ds, n = PROGRAMS[name](tf)
        return _drain(tf, ds, n)


def cases(tf):
    return {name: run(tf, name) for name in sorted(PROGRAMS)}
