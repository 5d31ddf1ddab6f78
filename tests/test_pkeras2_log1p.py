"""float32 Log1p as TF 1.14 computes it (glibc's log1pf on every value), alone and inside
tf.nn.sigmoid_cross_entropy_with_logits; golden math/pkeras2_log1p."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

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
            got = sess.run(tf.log1p(ph), {ph: x})
    _assert_bits(got, GOLD[key])


def test_logistic_loss_bits_match_tf():
    z, y = GEN.logits()
    with tf.Graph().as_default():
        pz = tf.placeholder(tf.float32, [None])
        py = tf.placeholder(tf.float32, [None])
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=py, logits=pz)
        with tf.Session() as sess:
            got = sess.run(loss, {pz: z, py: y})
    _assert_bits(got, GOLD["logistic_loss"])
