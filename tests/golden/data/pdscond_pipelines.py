"""Shared by gen_pdsif_functions.py and make_pdscond_pbs.py (both under TF 1.14;
tests/test_data_cond_v2.py runs them with flowgrad): five tf.data pipelines whose functions
hold a tf.cond (TF 1.14's cond_v2: an If op and its branch functions)."""


def _map(tf):
    c = tf.constant(3, tf.int64)
    return tf.data.Dataset.range(5).map(
        lambda x: tf.cond(x > 1, lambda: x * c, lambda: x - 1))


def _nested(tf):
    c = tf.constant(3, tf.int64)
    e = tf.constant(1000, tf.int64)
    return tf.data.Dataset.range(6).map(
        lambda x: tf.cond(x > 1, lambda: tf.cond(x > 3, lambda: x + e, lambda: x),
                          lambda: x - c))


def _filter(tf):
    c = tf.constant(3, tf.int64)
    return tf.data.Dataset.range(8).filter(
        lambda x: tf.cond(x > 3, lambda: tf.equal(x % c, 0), lambda: tf.equal(x, 1)))


def _tuple(tf):
    # (a branch returning its capture: read by its output Identity, `identity_args_0`)
    c = tf.constant(3, tf.int64)
    return tf.data.Dataset.range(4).map(
        lambda x: tf.cond(x > 1, lambda: (x * c, tf.cast(x, tf.float32)), lambda: (x, 2.5)))


def _random(tf):
    tf.set_random_seed(7)
    c = tf.constant(2.0)
    return tf.data.Dataset.range(5).map(
        lambda x: tf.cond(x > 1, lambda: tf.random_uniform([], seed=3) * c, lambda: -c))


IMPORTED = {"map": _map, "nested": _nested, "filter": _filter, "tuple": _tuple,
            "random": _random}
