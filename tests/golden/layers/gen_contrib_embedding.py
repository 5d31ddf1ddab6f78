"""TF 1.14's contrib.layers.embedding_lookup_unique and safe_embedding_lookup_sparse
(combiner=None means "mean"): values and every op (name, type) each call builds, with a
partitioned table and a default id, tf.nn.embedding_lookup's sharded gradients ("mod" and
"div"); then a graph-seeded random op's numbers after it."""
from __future__ import absolute_import

import numpy as np


def _table(tf, parts):
    w = np.arange(18.).reshape(6, 3).astype(np.float32)
    if parts == 1:
        return tf.constant(w)
    return [tf.constant(w[:3]), tf.constant(w[3:])]


CASES = {
    "unique": lambda tf: tf.contrib.layers.embedding_lookup_unique(
        _table(tf, 1), [[1, 4, 1], [0, 4, 5]]),
    "unique_partitioned": lambda tf: tf.contrib.layers.embedding_lookup_unique(
        _table(tf, 2), [2, 5, 2, 0]),
    "safe_default_combiner": lambda tf: tf.contrib.layers.safe_embedding_lookup_sparse(
        [_table(tf, 1)], tf.SparseTensor([[0, 0], [0, 1], [2, 0]],
                                          tf.constant([1, 3, -1], tf.int64), [3, 2])),
    "safe_weights_default_id": lambda tf: tf.contrib.layers.safe_embedding_lookup_sparse(
        _table(tf, 2), tf.SparseTensor([[0, 0], [0, 1], [1, 0]],
                                        tf.constant([1, 5, 2], tf.int64), [3, 2]),
        sparse_weights=tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [2.0, 0.5, 1.0], [3, 2]),
        combiner="sqrtn", default_id=4),
    "nn_div_grad": lambda tf: _grads(tf, "div"),
    "nn_mod_grad": lambda tf: _grads(tf, "mod"),
}


def _grads(tf, strategy):
    shards = [tf.constant(np.arange(9.).reshape(3, 3).astype(np.float32)),
              tf.constant(np.arange(6.).reshape(2, 3).astype(np.float32) - 2.0)]
    r = tf.nn.embedding_lookup(shards, [[4, 0, 2], [1, 4, 3]], partition_strategy=strategy)
    g = tf.gradients(tf.reduce_sum(r * r), shards)
    return [r] + [tf.convert_to_tensor(x) for x in g]


def run(tf, fn):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        r = fn(tf)
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            v, a = sess.run([r, after])
        v = [np.asarray(x) for x in v] if isinstance(v, list) else np.asarray(v)
        return [v, [[o.name, o.type] for o in g.get_operations()], a]


def cases(tf):
    return {name: run(tf, fn) for name, fn in sorted(CASES.items())}
