"""TF 1.14's complex64/complex128 Qr (tests/golden/linalg/gen_complex_qr.py): Eigen's
unblocked HouseholderQR in its order (engine/ops/eigen_qr_complex.py), reduced and full.
No cache size enters, so the Intel-made golden holds on either vendor's setting. QrGrad
is TF's: real dtypes only, and r square."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
import goldens

WANT = goldens.load("linalg", "complex_qr")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(case):
    got = goldens.flowgrad_cases("linalg", "complex_qr", tf)
    assert got[case] == WANT[case], case


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_grad_complex_not_implemented(dtype):
    with tf.Graph().as_default():
        x = tf.constant(np.eye(3, dtype=dtype))
        q, _ = tf.linalg.qr(x)
        with pytest.raises(NotImplementedError,
                           match="QrGrad not implemented for dtype: <dtype: '%s'>" % dtype):
            tf.gradients(q, x, grad_ys=tf.ones_like(q))


def test_grad_full_square_as_tf():
    """TF 1.14 differentiates full_matrices=True when r is square, as the reduced QR."""
    a = np.array([[2.0, 1.0, 0.5], [1.0, 3.0, 0.25], [0.5, 0.25, 4.0]])
    with tf.Graph().as_default():
        x = tf.constant(a)
        q, r = tf.linalg.qr(x, full_matrices=True)
        g = tf.gradients(tf.reduce_sum(q) + tf.reduce_sum(r), x)[0]
        with tf.Session() as sess:
            got = sess.run(g)
    with tf.Graph().as_default():
        x = tf.constant(a)
        q, r = tf.linalg.qr(x)
        g = tf.gradients(tf.reduce_sum(q) + tf.reduce_sum(r), x)[0]
        with tf.Session() as sess:
            want = sess.run(g)
    assert np.array_equal(got, want)


def test_grad_full_tall_not_implemented():
    with tf.Graph().as_default():
        x = tf.constant(np.eye(3, 2))
        q, _ = tf.linalg.qr(x, full_matrices=True)
        with pytest.raises(NotImplementedError, match=r"is true and ncols != nrows\.$"):
            tf.gradients(q, x)
