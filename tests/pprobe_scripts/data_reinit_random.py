"""A random op in a tf.data function starts its stream again when an initializable iterator
is initialized again, and goes on across repeat's epochs and across the datasets a
flat_map or interleave function makes; seeded shuffles, filters, a reinitializable
iterator over two datasets, a one-shot iterator and a second session."""
import tensorflow as tf

tf.set_random_seed(17)
g = tf.get_default_graph()
ds_a = tf.data.Dataset.range(4).map(
    lambda x: tf.cast(x, tf.float32) + tf.random_uniform([], seed=9)
)
ds_b = tf.data.Dataset.range(6).shuffle(3, seed=1)
ds_c = tf.data.Dataset.range(6).shuffle(3, seed=1).repeat(2)
ds_d = tf.data.Dataset.range(3).map(lambda x: tf.random_uniform([])).repeat(2)
ds_e = tf.data.Dataset.range(3).flat_map(
    lambda x: tf.data.Dataset.range(2).map(
        lambda y: tf.random_normal([], seed=4) + tf.cast(x * 10 + y, tf.float32)
    )
)
ds_f = tf.data.Dataset.range(3).interleave(
    lambda x: (
        tf.data.Dataset.from_tensors(x)
        .repeat(2)
        .map(lambda y: tf.random_uniform([2], seed=1, maxval=100, dtype=tf.int64))
    ),
    cycle_length=2,
)
ds_g = (
    tf.data.Dataset.range(5)
    .filter(lambda x: tf.random_uniform([], seed=3) < 0.6)
    .map(lambda x: (x, tf.random.shuffle(tf.range(4), seed=2)))
)
print(len(g.get_operations()))
its = [d.make_initializable_iterator() for d in (ds_a, ds_b, ds_c, ds_d, ds_e, ds_f, ds_g)]
nx = [i.get_next() for i in its]
print(len(g.get_operations()))
it = tf.data.Iterator.from_structure(ds_a.output_types, ds_a.output_shapes)
ia, ib = (
    it.make_initializer(ds_a),
    it.make_initializer(ds_a.map(lambda v: v * tf.random_uniform([], seed=5))),
)
nn = it.get_next()
one = ds_d.make_one_shot_iterator().get_next()
print(len(g.get_operations()))


def drain(s, n):
    out = []
    try:
        while True:
            v = s.run(n)
            out.append(v.tolist() if hasattr(v, "tolist") else [x.tolist() for x in v])
    except tf.errors.OutOfRangeError:
        return out


with tf.Session() as s:
    for e in range(2):
        for it_, n in zip(its, nx):
            s.run(it_.initializer)
            print(e, drain(s, n))
        for i in (ia, ib, ia):
            s.run(i)
            print(e, drain(s, nn))
        print(e, [s.run(one) for _ in range(3)])
with tf.Session() as s:
    s.run(its[0].initializer)
    print(drain(s, nx[0]))
