"""Gradient rules against TF 1.14 (tests/golden/gradients/gen_pgrad_rules.py): for ~130
ops and ~40 second orders, the ops tf.gradients adds (names, types, control inputs) and
the gradient's value."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "pgrad_rules")
GOLDEN = goldens.load("gradients", "pgrad_rules")
BUILDERS = GEN._builders(tf)
SECOND = GEN._second_order_builders(tf)


def _run(name):
    if name.startswith("order2/"):
        return GEN._case(tf, SECOND[name[len("order2/"):]], 2)
    return GEN._case(tf, BUILDERS[name])


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_rule_matches_tf114(name):
    ops, value = _run(name)
    want_ops, want_value = GOLDEN[name]
    assert ops == want_ops
    if want_value is None:
        assert value is None
        return
    if isinstance(want_value, list):   # IndexedSlices: indices, values
        np.testing.assert_array_equal(value[0], want_value[0])
        value, want_value = value[1], want_value[1]
    assert value.dtype == want_value.dtype and value.shape == want_value.shape
    np.testing.assert_allclose(value, want_value, rtol=2e-6, atol=1e-6)
