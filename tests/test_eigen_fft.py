"""FFT, IFFT, RFFT, IRFFT and their 2-D/3-D forms to TF 1.14's bits: Eigen's TensorFFT
re-done in NumPy (engine/ops/eigen_fft.py; tests/golden/math/gen_eigen_fft.py), complex64
and complex128, power-of-two lengths (radix-2 butterflies) and others (Bluestein)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "eigen_fft")
WANT = goldens.load("math", "eigen_fft")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 448


@pytest.mark.parametrize("name", sorted(WANT))
def test_fft_matches_tf_bit_for_bit(got, name):
    assert list(got[name]) == list(WANT[name])


def test_round_trip_is_close():
    """IFFT(FFT(x)) and IRFFT(RFFT(x)) give x back (to rounding) on lengths of both
    algorithms."""
    for n in (8, 12, 64, 100):
        x = GEN.complex_input((2, n), np.complex64, n)
        with tf.Graph().as_default():
            y = tf.signal.ifft(tf.signal.fft(tf.constant(x)))
            r = tf.signal.irfft(tf.signal.rfft(tf.constant(x.real), [n]), [n])
            with tf.Session() as s:
                yv, rv = s.run([y, r])
        np.testing.assert_allclose(yv, x, atol=1e-5)
        np.testing.assert_allclose(rv, x.real, atol=1e-5)
