"""float32 Rsqrt (Eigen's estimate plus a Newton step) and FusedBatchNorm forward and
gradients, training and inference, against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pl_bn_rsqrt")
GEN = generator("nn", "pl_bn_rsqrt")


def _exact(got, want, where):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _exact(got[k], want[k], "%s[%r]" % (where, k))
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _exact(g, w, "%s[%d]" % (where, i))
    elif want is None:
        assert got is None, where
    else:
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape, where
        np.testing.assert_array_equal(g, w, err_msg=where)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_bits(case):
    _exact(getattr(GEN, case)(tf), GOLD[case], case)


def test_rsqrt_tail_is_one_over_sqrt():
    # the 5 values after the last whole packet take Eigen's scalar path
    x = np.array([2.5, 7, 0.3, 11, 1e-3], np.float32)
    with tf.Session() as sess:
        got = sess.run(tf.rsqrt(x))
    np.testing.assert_array_equal(got, np.float32(1) / np.sqrt(x))
