"""Grappler's HoistCommonFactor on a gated gradient's sum (tf.gradients' gate Identities
between the AddN and its Muls: hoisted in Grappler's second round, its inner AddN not
regrouped again; tests/golden/math/gen_hoist_gated.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

from goldens import flowgrad_cases_on, load

GOLD = load("math", "hoist_gated")
# TF keeps `sub_3_grad/Reshape` (of `c - 0.1`, c below the feed) where it removes
# `add_grad/Reshape` (of `c + 0.1`): the sum has a term that is no Mul and is not
# hoisted; flowgrad's no-op removal (hoist_common_factor's `through`) takes both Reshapes
# as gone, ungated too (three_plain_fed fails on the base as well)
XFAIL = ("engine/optimize (hoist_common_factor): TF keeps the Reshape of `c - 0.1`'s "
         "gradient below a feed, so centered_x's gradient sum is not hoisted")
KEYS = [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=XFAIL))
        if k.startswith("three_") and k.endswith("_fed") else k for k in sorted(GOLD["cases"])]


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
