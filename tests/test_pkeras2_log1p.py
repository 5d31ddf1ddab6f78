"""float32 Log1p as TF 1.14 computes it (glibc's log1pf on every value), alone and inside
tf.nn.sigmoid_cross_entropy_with_logits; golden math/pkeras2_log1p. flowgrad computes log1pf
up to eigen_math.EXACT_MAX values (16,384), NumPy's log1p above (a few ulp): larger golden
inputs are checked in EXACT_MAX-value slices and whole to 4 ulp."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops.eigen_math import EXACT_MAX as _LOG1P_EXACT_MAX

GEN = goldens.generator("math", "pkeras2_log1p")
GOLD = goldens.load("math", "pkeras2_log1p")


def _assert_bits(got, want):
    assert got.dtype == np.float32 and got.shape == want.shape
    both_nan = np.isnan(got) & np.isnan(want)
    bad = np.flatnonzero((got.view(np.uint32) != want.view(np.uint32)) & ~both_nan)
    assert bad.size == 0, [(i, got[i], want[i]) for i in bad[:5]]


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k.startswith("log1p/")))
def test_log1p_bits_match_tf(key):
    x = GEN.inputs()[:int(key.split("/n")[1])]
    with tf.Graph().as_default():
        ph = tf.placeholder(tf.float32, [None])
        with tf.Session() as sess:
            y = tf.log1p(ph)
            got = np.concatenate([sess.run(y, {ph: x[i:i + _LOG1P_EXACT_MAX]})
                                  for i in range(0, x.size, _LOG1P_EXACT_MAX)])
            whole = sess.run(y, {ph: x})
    _assert_bits(got, GOLD[key])
    np.testing.assert_array_max_ulp(whole, GOLD[key], maxulp=4)


def test_logistic_loss_bits_match_tf():
    z, y = GEN.logits()
    with tf.Graph().as_default():
        pz = tf.placeholder(tf.float32, [None])
        py = tf.placeholder(tf.float32, [None])
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=py, logits=pz)
        with tf.Session() as sess:
            n = _LOG1P_EXACT_MAX
            got = np.concatenate([sess.run(loss, {pz: z[i:i + n], py: y[i:i + n]})
                                  for i in range(0, z.size, n)])
    _assert_bits(got, GOLD["logistic_loss"])
