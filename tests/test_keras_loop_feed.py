"""A Keras loop's gradient in a run TF 1.14's Grappler skips (a fed Fill or split:1):
the fused runner sums in tf.gradients' order, as TF's skipped graph does
(tests/golden/keras/gen_keras_loop_feed.py), bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "keras_loop_feed")
GEN = generator("keras", "keras_loop_feed")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_keras_loop_feed_bits(key):
    kind, feed_kind = key.split("_")
    got, want = GEN._case(tf, kind, feed_kind), GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w, err_msg=f"{key}[{i}]")
