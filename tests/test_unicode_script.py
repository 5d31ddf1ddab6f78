"""tf.strings.unicode_script against TF 1.14 (tests/golden/strings/gen_unicode_script.py):
every code point's ICU script code, and the ops, shapes and errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("strings", "unicode_script")
GOLDEN = goldens.load("strings", "unicode_script")


def test_every_code_point_matches_tf114():
    with tf.Graph().as_default():
        starts, codes = gen.all_code_points(tf)
    want_starts, want_codes = GOLDEN["all_code_points"]
    np.testing.assert_array_equal(starts, want_starts)
    np.testing.assert_array_equal(codes, want_codes)


@pytest.fixture(scope="module")
def got():
    with tf.Graph().as_default():
        return gen.build(tf)


@pytest.mark.parametrize("case", sorted(GOLDEN["unicode_script"]))
def test_matches_tf114(got, case):
    want = GOLDEN["unicode_script"][case]
    if isinstance(want, np.ndarray):
        assert got[case].dtype == want.dtype
        np.testing.assert_array_equal(got[case], want)
    else:
        assert got[case] == want
