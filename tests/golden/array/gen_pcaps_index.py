"""Index arithmetic that capsule / memory-network / pointer-network programs write by hand
(pcaps probes), as TF 1.14 answers it:

- GatherNd's run-time error names the LAST out-of-range index (its kernel lets each bad
  slice overwrite the one location it reports), ScatterNd's the first;
- DynamicStitch's shape function: each data[m] starts with indices[m]'s shape (MergePrefix:
  "Dimensions must be equal" / "Shape must be at least rank"), the trailing dims merged
  over the inputs whose indices have a known rank ("Dimension 0 in both shapes must be
  equal" / "Shapes must be equal rank"), the length known when every index is a constant
  the refiner evaluates (a dynamic_partition of constants included);
- a partition-and-stitch of constant partitions: its static shape and its gradient's ops.

Read by tests/test_pcaps_index.py.
"""
from __future__ import absolute_import

import numpy as np


def _err(exc):
    return (type(exc).__name__, str(exc).split("\n")[0])


def _run_error(tf, build):
    with tf.Graph().as_default():
        out = build(tf)
        try:
            with tf.Session() as sess:
                sess.run(out)
        except tf.errors.OpError as e:
            return _err(e)
        return None


def _static(tf, build):
    """The static shape of build(tf)'s tensor, or its graph-construction error."""
    with tf.Graph().as_default():
        try:
            return str(build(tf).shape)
        except (ValueError, TypeError) as e:
            return _err(e)


def _p(tf, shape, dtype=None):
    return tf.placeholder(dtype or tf.float32, shape)


_PARAMS = np.arange(12.).reshape(3, 4)


def gather_nd_errors(tf):
    idx = [[[5], [1], [7]], [[0, 9], [7, 0], [1, 1]], [[[5], [1]], [[7], [0]]],
           [[-1], [4]], [[5]] * 3 + [[0]] * 40 + [[9]], [[i % 5] for i in range(200)]]
    out = [_run_error(tf, lambda tf, i=i: tf.gather_nd(_PARAMS, i)) for i in idx]
    out.append(_run_error(tf, lambda tf: tf.scatter_nd([[5, 0], [1, 1], [7, 0]],
                                                       tf.ones([3]), [3, 4])))
    return out


def stitch_shapes(tf):
    pi = lambda s: _p(tf, s, tf.int32)
    builds = [
        lambda tf: tf.dynamic_stitch([pi([2]), pi([1])], [_p(tf, [2]), _p(tf, [2])]),
        lambda tf: tf.dynamic_stitch([pi([2, 3]), pi([1])], [_p(tf, [2]), _p(tf, [1])]),
        lambda tf: tf.dynamic_stitch([pi([2]), pi([1])], [_p(tf, [2, 3]), _p(tf, [1, 4])]),
        lambda tf: tf.dynamic_stitch([pi([2]), pi([1])], [_p(tf, [2, 3]), _p(tf, [1, 4, 1])]),
        lambda tf: tf.dynamic_stitch([pi([2]), pi([1])], [_p(tf, [2, None]), _p(tf, [1, 4])]),
        lambda tf: tf.dynamic_stitch([pi(None), pi([1])], [_p(tf, [2, 5]), _p(tf, [1, 4])]),
        lambda tf: tf.dynamic_stitch([pi([2]), pi([1])], [_p(tf, None), _p(tf, [1, 4])]),
        lambda tf: tf.dynamic_stitch([[0, 3], pi([1])], [_p(tf, [2, 7]), _p(tf, [1, 7])]),
        lambda tf: tf.dynamic_stitch([[0, 3], [[1, 5]]], [_p(tf, [2, 7]), _p(tf, [1, 2, 7])]),
        lambda tf: tf.dynamic_stitch(
            tf.dynamic_partition(tf.range(6), [0, 1, 0, 1, 1, 0], 2),
            [_p(tf, [None, 3]), _p(tf, [None, 3])]),
        lambda tf: tf.dynamic_stitch(
            tf.dynamic_partition(tf.range(6) * 2, tf.constant([0, 1, 0, 1, 1, 0]), 2),
            [_p(tf, [None, 3]), _p(tf, [None, 3])]),
        lambda tf: tf.dynamic_stitch(tf.dynamic_partition(tf.range(6), pi([6]), 2),
                                     [_p(tf, [None, 3]), _p(tf, [None, 3])]),
    ]
    return [_static(tf, b) for b in builds]


def partition_stitch(tf):
    """Rows sent through two branches by constant partitions and stitched back (a
    mixture-of-experts dispatch): static shapes, gradient ops, values."""
    with tf.Graph().as_default():
        x = tf.constant(np.random.RandomState(3).randn(6, 4).astype(np.float32))
        parts = tf.constant([0, 1, 1, 0, 1, 0])
        xs = tf.dynamic_partition(x, parts, 2)
        pos = tf.dynamic_partition(tf.range(6), parts, 2)
        y = tf.dynamic_stitch(pos, [xs[0] * 2.0, tf.square(xs[1])])
        loss = tf.reduce_sum(y * y)
        g = tf.gradients(loss, x)[0]
        ops = [(o.name, o.type) for o in tf.get_default_graph().get_operations()
               if o.name.startswith("gradients")]
        with tf.Session() as sess:
            yv, gv = sess.run([y, g])
        return [str(y.shape), str(g.shape), ops, np.round(yv, 5), np.round(gv, 4)]


def cases(tf):
    return {
        "gather_nd_errors": gather_nd_errors(tf),
        "stitch_shapes": stitch_shapes(tf),
        "partition_stitch": partition_stitch(tf),
    }
