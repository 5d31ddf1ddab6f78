"""Binary ops' gradients convert an IndexedSlices gradient at each op that reads it, as
TF 1.14's (tests/golden/opcounts/gen_sliced_grad_counts.py): TF's op counter, the seeded
numbers after it, the gradients' values."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "sliced_grad_counts")
WANT = goldens.load("opcounts", "sliced_grad_counts")


@pytest.mark.parametrize("name", GEN.OPS)
def test_sliced_gradient_conversions_count_as_tf(name):
    before, after, vals = GEN.run_case(tf, name)
    want = WANT[name]
    assert (before, after) == (want["before"], want["after"])
    np.testing.assert_array_equal(vals[0], want["random"])
    assert len(vals) - 1 == len(want["grads"])
    for got, exp in zip(vals[1:], want["grads"]):
        # (an IndexedSlices gradient, TF's for concat: values, indices, dense shape)
        for g, e in zip(*([x] if not isinstance(x, tuple) else x for x in (got, exp))):
            np.testing.assert_allclose(g, e, rtol=1e-6)
