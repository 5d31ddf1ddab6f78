"""Reduced-precision numerics as TF 1.14 (tests/golden/math/gen_pmixed_numerics.py): bfloat16
casts round to nearest even, float16 overflow, check_numerics, clipping inf / nan."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "pmixed_numerics")


@pytest.fixture(scope="module")
def got():
    return generator("math", "pmixed_numerics").cases(tf)


def _same(a, b):
    if isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
        return
    if b is None or isinstance(b, str):
        assert a == b
        return
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    assert a.tobytes() == b.tobytes(), (a, b)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_pmixed_numerics(got, case):
    _same(got[case], GOLD[case])


def test_half_constant_overflow_is_silent():
    """tf.constant(1e5, tf.float16) is inf in TF 1.14, without a warning."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = tf.constant([1e5, -1e5, 3.0], tf.float16)
    with tf.Session() as s:
        got = s.run(c)
    assert got.dtype == np.float16 and np.isposinf(got[0]) and np.isneginf(got[1])
