"""tf.scan / tf.map_fn / tf.foldl / tf.foldr misuse as TF 1.14 reports it: a result whose
structure differs from the initializer's or the dtype's (a tuple for a list: nest's
"don't have the same nested structure" with both structures and the difference), a
scalar to map over (map_fn's own ValueError), a scalar to fold (TensorShape's IndexError);
tf.nest's check_types=False, which leaves dict keys unchecked.
Each case: (error class, full message), or the result when TF runs it.

Read by tests/test_pcaps_functional.py.
"""
from __future__ import absolute_import

import numpy as np


def _x(tf):
    return tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3), name="x")


BUILDS = {
    "scan_list_init_tuple_result": lambda tf: tf.scan(
        lambda a, e: (a[0] + e, a[1] * 2), _x(tf), initializer=[tf.zeros([3]), tf.ones([3])]),
    "scan_tuple_init_list_result": lambda tf: tf.scan(
        lambda a, e: [a[0] + e, a[1] * 2], _x(tf), initializer=(tf.zeros([3]), tf.ones([3]))),
    "scan_more_results": lambda tf: tf.scan(lambda a, e: (a, a), _x(tf),
                                            initializer=tf.zeros([3])),
    "map_tuple_result_list_dtype": lambda tf: tf.map_fn(
        lambda e: (e, e * 2), _x(tf), dtype=[tf.float32, tf.float32]),
    "map_tuple_result_one_dtype": lambda tf: tf.map_fn(lambda e: (e, e * 2), _x(tf),
                                                       dtype=tf.float32),
    "map_scalar": lambda tf: tf.map_fn(lambda e: e, tf.constant(3.)),
    "map_python_list": lambda tf: tf.map_fn(lambda e: e * 2, [1., 2., 3.]),
    "map_tuple_of_scalars": lambda tf: tf.map_fn(lambda e: e[0], (tf.constant(1.),
                                                                  tf.constant(2.))),
    "foldr_python_list": lambda tf: tf.foldr(lambda a, e: a * 2 + e, [1., 2., 3.]),
    "foldl_scalar": lambda tf: tf.foldl(lambda a, e: a + e, tf.constant(1.)),
    "scan_scalar": lambda tf: tf.scan(lambda a, e: a + e, tf.constant(1.)),
    "map_list_result_list_dtype": lambda tf: tf.map_fn(
        lambda e: [e, e * 2], _x(tf), dtype=[tf.float32, tf.float32]),
}


def _case(tf, build):
    with tf.Graph().as_default():
        try:
            out = build(tf)
        except (ValueError, TypeError, IndexError) as e:
            return (type(e).__name__, str(e))
        with tf.Session() as sess:
            return sess.run(out)


def _nest_dicts(tf):
    """tf.nest with check_types=False compares dict lengths, not keys."""
    out = []
    for a, b in [({"a": 1, "c": 5}, {"b": 2, "d": 3}), ({"a": 1, "c": 5}, {"b": 2})]:
        try:
            out.append(tf.nest.map_structure(lambda u, v: u + v, a, b, check_types=False))
        except ValueError as e:
            out.append((type(e).__name__, str(e)))
    return out


def cases(tf):
    out = {name: _case(tf, build) for name, build in BUILDS.items()}
    out["nest_dicts_unchecked"] = _nest_dicts(tf)
    return out
