"""tf.data pipelines as TF 1.14 builds and runs them: the graph's ops (names, types) after
make_one_shot_iterator().get_next(), and every element until OutOfRangeError, seeded where
random (shuffle, sample_from_datasets, rejection_resample, a random op in a map).
bucket_by_sequence_length makes its batch sizes Const in the `bucket_by_seq_length` scope."""
import numpy as np

PIPELINES = {
    "bucket": lambda tf: tf.data.Dataset.range(10).map(lambda x: tf.fill([x % 4 + 1], x)).apply(
        tf.data.experimental.bucket_by_sequence_length(lambda x: tf.shape(x)[0], [2, 3],
                                                       [2, 2, 2])),
    "bucket_twice": lambda tf: tf.data.Dataset.range(4).apply(
        tf.data.experimental.bucket_by_sequence_length(lambda x: tf.cast(x, tf.int32), [2], [1, 2],
                                                       no_padding=True)).apply(
        tf.data.experimental.bucket_by_sequence_length(lambda x: tf.size(x), [2],
                                                       [2, 1], no_padding=True)),
    "shuffle_batch": lambda tf: tf.data.Dataset.range(10).shuffle(5, seed=3).batch(3),
    "padded_batch": lambda tf: tf.data.Dataset.range(7).map(
        lambda x: tf.fill([x % 3 + 1], x)).padded_batch(3, padded_shapes=[None]),
    "sample_from": lambda tf: tf.data.experimental.sample_from_datasets(
        [tf.data.Dataset.range(5), tf.data.Dataset.range(100, 105)], [0.3, 0.7], seed=7),
    "rejection_resample": lambda tf: tf.data.Dataset.range(10).apply(
        tf.data.experimental.rejection_resample(lambda x: tf.cast(x % 2, tf.int32),
                                                [0.5, 0.5], seed=9)),
    "map_random": lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.random_uniform([], seed=4)),
    "group_by_window": lambda tf: tf.data.Dataset.range(9).apply(
        tf.data.experimental.group_by_window(lambda x: x % 2, lambda k, d: d.batch(2),
                                             window_size=2)),
}


def _tolist(v):
    if isinstance(v, tuple):
        return [_tolist(x) for x in v]
    return np.asarray(v).tolist()


def run(tf, name):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        nxt = PIPELINES[name](tf).make_one_shot_iterator().get_next()
        ops = [[o.name, o.type] for o in g.get_operations()]
        vals = []
        with tf.Session() as s:
            try:
                for _ in range(40):
                    vals.append(_tolist(s.run(nxt)))
            except tf.errors.OutOfRangeError:
                vals.append("END")
    return {"ops": ops, "values": vals}


def cases(tf):
    return {name: run(tf, name) for name in PIPELINES}
