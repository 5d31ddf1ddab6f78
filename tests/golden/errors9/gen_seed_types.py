"""TF 1.14's random_seed.get_seed with seeds that are not Python ints: `seed % _MAXINT32`
takes floats, NumPy ints and bools; a str fails in that formatting ("not all arguments
converted during string formatting"), one with a conversion ("%d") in the op's int attr.
Every random op, initializer and RandomShuffleQueue reads its seed there."""
import numpy as np

CALLS = [
    ("random_uniform", lambda tf, s: tf.random_uniform([2], seed=s)),
    ("random_shuffle", lambda tf, s: tf.random_shuffle([1, 2, 3], seed=s)),
    ("RandomShuffleQueue",
     lambda tf, s: tf.RandomShuffleQueue(10, 2, [tf.float32], seed=s).queue_ref),
    ("set_random_seed", lambda tf, s: (tf.set_random_seed(s), tf.random_uniform([2]))[1]),
    ("glorot_uniform", lambda tf, s: tf.glorot_uniform_initializer(seed=s)([2, 2])),
    ("dropout", lambda tf, s: tf.nn.dropout(tf.ones([3]), rate=0.5, seed=s)),
]

RANDOM = ("RandomUniform", "RandomShuffle", "RandomShuffleQueueV2")


def _each(tf, seed):
    out = {}
    for label, fn in CALLS:
        g = tf.Graph()
        with g.as_default():
            try:
                fn(tf, seed)
                op = [o for o in g.get_operations() if o.type in RANDOM][0]
                got = [op.type, op.get_attr("seed"), op.get_attr("seed2")]
            except (TypeError, ValueError) as e:
                got = e
            out[label] = [got, len(g.get_operations())]
    return out


def case_str(tf):
    return _each(tf, "1")


def case_str_format(tf):
    return _each(tf, "%d")


def case_float(tf):
    return _each(tf, 1.5)


def case_numpy_int64(tf):
    return _each(tf, np.int64(3))


def case_negative(tf):
    return _each(tf, -1)


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
