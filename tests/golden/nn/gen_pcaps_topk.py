"""tf.nn.top_k(..., sorted=False) as TF 1.14's CPU kernel orders it: for 1 < k < n the
first k slots of gtl::TopN's heap (libstdc++'s make_heap / push_heap / pop_heap under the
larger-value-then-lower-index comparison), for k == 1 and k == n the sorted order. Pruning,
kNN and memory-allocation code (NTM/DNC usage sort) that read the indices positionally see
this order.

Read by tests/test_pcaps_topk.py.
"""
from __future__ import absolute_import

import numpy as np


def _inputs():
    """(x, k) pairs: floats, ties, integers, sorted and reversed rows, several shapes."""
    rs = np.random.RandomState(5)
    out = []
    for t in range(120):
        n = int(rs.choice([3, 4, 5, 7, 8, 10, 16, 33, 100, 300]))
        k = int(rs.randint(2, n))
        rows = int(rs.randint(1, 4))
        kind = t % 4
        if kind == 0:
            x = rs.randn(rows, n).astype(np.float32)
        elif kind == 1:
            x = rs.randint(0, 4, (rows, n)).astype(np.float32)
        elif kind == 2:
            x = rs.randint(-3, 3, (rows, n)).astype(np.int32)
        else:
            x = np.sort(rs.randn(rows, n)).astype(np.float64)
            if t % 8 == 3:
                x = x[:, ::-1].copy()
        out.append((x, k))
    return out


def random_rows(tf):
    with tf.Graph().as_default():
        ops = [tf.nn.top_k(x, k, sorted=False) for x, k in _inputs()]
        with tf.Session() as sess:
            return [list(r) for r in sess.run(ops)]


def shapes_and_edges(tf):
    """A 3-D input, k fed as a tensor, k == 1 and k == n, an empty row set, the sorted
    order beside it."""
    x = np.random.RandomState(1).randn(2, 3, 9).astype(np.float32)
    with tf.Graph().as_default():
        k = tf.placeholder_with_default(4, [])
        ops = [tf.nn.top_k(x, 4, sorted=False), tf.nn.top_k(x, k, sorted=False),
               tf.nn.top_k(x, 1, sorted=False), tf.nn.top_k(x, 9, sorted=False),
               tf.nn.top_k(x, 4), tf.nn.top_k(np.zeros([0, 5], np.float32), 2, sorted=False)]
        with tf.Session() as sess:
            return [list(r) for r in sess.run(ops)]


def usage_allocation(tf):
    """DNC-style allocation weights from an unsorted top_k of the free usage, scattered
    back by the indices, and the gradient through the selected values."""
    with tf.Graph().as_default():
        usage = tf.constant(np.random.RandomState(2).rand(3, 12).astype(np.float32))
        free, idx = tf.nn.top_k(1.0 - usage, 5, sorted=False)
        weights = free * tf.cumprod(1.0 - free, axis=1, exclusive=True)
        flat = idx + tf.expand_dims(tf.range(3) * 12, 1)
        alloc = tf.reshape(tf.scatter_nd(tf.reshape(flat, [-1, 1]), tf.reshape(weights, [-1]),
                                         [36]), [3, 12])
        g = tf.gradients(tf.reduce_sum(alloc * tf.range(12, dtype=tf.float32)), usage)[0]
        with tf.Session() as sess:
            return sess.run([idx, alloc, g])


def cases(tf):
    return {
        "random_rows": random_rows(tf),
        "shapes_and_edges": shapes_and_edges(tf),
        "usage_allocation": usage_allocation(tf),
    }
