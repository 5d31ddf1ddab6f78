"""tf.linspace gives TF 1.14's bits under any NumPy (tests/golden/math/gen_linspace_bits.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import load

GOLD = load("math", "linspace_bits")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_linspace_bits(case):
    start, stop, num, want = GOLD[case]
    with tf.Graph().as_default(), tf.Session() as s:
        got = s.run(tf.linspace(tf.constant(start), tf.constant(stop), num))
    assert got.dtype == want.dtype and got.tobytes() == np.asarray(want).tobytes()
