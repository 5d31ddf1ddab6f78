"""tf.data.experimental sample_from_datasets (weighted and seeded, uniform unseeded),
choose_from_datasets, shuffle_and_repeat, RandomDataset, chained shuffles and
rejection_resample under a graph seed: op counts and the first elements."""
import tensorflow as tf

tf.set_random_seed(23)
g = tf.get_default_graph()
d1 = tf.data.Dataset.range(0, 5).repeat()
d2 = tf.data.Dataset.range(100, 105).repeat()
s1 = tf.data.experimental.sample_from_datasets([d1, d2], weights=[0.3, 0.7], seed=4)
print(len(g.get_operations()))
s2 = tf.data.experimental.sample_from_datasets([d1, d2])
print(len(g.get_operations()))
s3 = tf.data.experimental.choose_from_datasets(
    [d1, d2], tf.data.Dataset.range(6).map(lambda x: x % 2)
)
print(len(g.get_operations()))
s4 = tf.data.Dataset.range(8).apply(tf.data.experimental.shuffle_and_repeat(4, count=2, seed=3))
print(len(g.get_operations()))
s5 = tf.data.Dataset.range(8).apply(tf.data.experimental.shuffle_and_repeat(5))
print(len(g.get_operations()))
s6 = tf.data.experimental.RandomDataset(seed=7).take(5)
print(len(g.get_operations()))
s7 = tf.data.Dataset.range(10).shuffle(10).shuffle(3, seed=2)
print(len(g.get_operations()))
s8 = tf.data.Dataset.range(20).apply(
    tf.data.experimental.rejection_resample(
        lambda x: tf.cast(x % 2, tf.int32), [0.5, 0.5], initial_dist=[0.3, 0.7], seed=5
    )
)
print(len(g.get_operations()))
ns = [d.make_one_shot_iterator().get_next() for d in (s1, s2, s3, s4, s5, s6, s7)]
print(len(g.get_operations()))
with tf.Session() as s:
    for n in ns:
        out = []
        for _ in range(12):
            try:
                out.append(int(s.run(n)))
            except tf.errors.OutOfRangeError:
                break
        print(out)
