"""Grappler's HoistCommonFactor on a gated gradient's sum (tf.gradients' gate Identities
between the AddN and its Muls: hoisted in Grappler's second round, its inner AddN not
regrouped again; tests/golden/math/gen_hoist_gated.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

from goldens import flowgrad_cases_on, load

GOLD = load("math", "hoist_gated")
# (three_*_fed: TF keeps the Reshape of `c - 0.1`'s gradient below the feed, its input
# of unknown rank to Grappler: a SigmoidGrad keeps its first input's shape; not hoisted)
KEYS = sorted(GOLD["cases"])


@pytest.fixture(scope="module")
def got():
    # the golden's host (elementwise ops only: they do not depend on it)
    return flowgrad_cases_on("math", "hoist_gated", GOLD["host"])


@pytest.mark.parametrize("key", KEYS)
def test_hoist_gated_bits(got, key):
    have, want = got["cases"][key], GOLD["cases"][key]
    assert len(have) == len(want)
    for i, (g, w) in enumerate(zip(have, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
