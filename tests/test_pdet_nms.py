"""Non-max suppression edges against TF 1.14: negative sizes (no limit at run time, shape
errors at build time), the combined op's shape checks, the namedtuple results."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("image", "pdet_nms")
GOLD = load("image", "pdet_nms")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    got = GEN._run(tf, GEN.CASES[name])
    want = GOLD[name]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, list) and w and isinstance(w[0], np.ndarray):
            assert len(g) == len(w)
            for a, b in zip(g, w):
                np.testing.assert_array_equal(a, b)
                assert np.asarray(a).dtype == b.dtype
        elif isinstance(w, np.ndarray):
            np.testing.assert_array_equal(g, w)
        else:
            assert g == w


def test_fields_reachable_by_name():
    r = tf.image.combined_non_max_suppression(
        tf.zeros([1, 3, 1, 4]), tf.ones([1, 3, 1]), 2, 2)
    assert r.nmsed_boxes is r[0] and r.valid_detections is r[3]
    p = tf.image.non_max_suppression_padded(tf.zeros([3, 4]), tf.ones([3]), 2)
    assert p.valid_outputs is p[1]
