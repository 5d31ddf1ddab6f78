"""AddOpsRewrite's AddN over SpaceToBatchND / BatchToSpaceND outputs
(engine/optimize/add_ops_rewrite.py, addn_order.py): TF 1.14's kernels write a fresh buffer
(one the AddN kernel takes over) unless they move nothing, when they hand their input's
on (SpaceToBatchOpCompute / BatchToSpaceOpCompute with every block size 1 and no padding
or crop). Checked against the oracle (TF 1.14 partition graphs: `AddN(a_pad, b_b2s,
c_b2s)`, `AddN(Variable_5/read, b_b2s1, c_mul)`, and the sums' bits); before, a
BatchToSpaceND leaf was of unknown buffer and the tree kept the written order
(tf.nn.atrous_conv2d / with_space_to_batch models summed otherwise). A Pad stays of
unknown buffer: Grappler removes one by zeros, and the AddN then sorts its input's name."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf


@pytest.fixture(scope="module")
def sums():
    g = tf.Graph()
    with g.as_default():
        rs = np.random.RandomState(7)
        xs = [rs.randn(*s).astype(np.float32) for s in
              [(3, 4, 4, 2), (12, 3, 3, 2), (12, 3, 3, 2), (3, 6, 6, 2), (3, 6, 6, 2),
               (3, 6, 6, 2)]]
        va, vm, vc, vb, vz, vw = (tf.Variable(x) for x in xs)
        a = tf.pad(va * 1e3, [[0, 0], [1, 1], [1, 1], [0, 0]], name="a_pad")
        m = tf.batch_to_space_nd(vm * 1.0, [2, 2], [[0, 0], [0, 0]], name="b_b2s")
        c = tf.batch_to_space_nd(vc * 1e-3, [2, 2], [[0, 0], [0, 0]], name="c_b2s")
        out1 = tf.identity((c + m) + a)
        b1 = tf.batch_to_space_nd(vb, [1, 1], [[0, 0], [0, 0]], name="b_b2s1")
        z = tf.multiply(vz, 1e-3, name="c_mul")
        out2 = tf.identity((vw + z) + b1)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([out1, out2])
            leaves = sess.run([a, m, c, vw, z, b1])
    return got, leaves


def test_fresh_space_batch_outputs_sum_in_name_order(sums):
    # AddN(a_pad, b_b2s, c_b2s): a_pad's fresh buffer (first) is taken over, in place
    (o1, _), (a, m, c, *_) = sums
    assert np.array_equal(o1, (a + m) + c)
    assert not np.array_equal((a + m) + c, (c + m) + a)   # (the written order)


def test_block_one_hands_a_variables_buffer_on(sums):
    # AddN(Variable_5/read, b_b2s1, c_mul): b_b2s1 is the variable's buffer, never taken
    # over; c_mul's is, swapped to the front: (c_mul + b_b2s1) + Variable_5/read
    (_, o2), (*_, w, z, b) = sums
    assert np.array_equal(o2, (z + b) + w)
    assert not np.array_equal((z + b) + w, (b + w) + z)   # (b_b2s1 taken as fresh)
    assert not np.array_equal((z + b) + w, (w + z) + b)   # (the written order)
