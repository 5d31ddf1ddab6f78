"""The AddN order of gated gradients that pass straight through Sub/Add gradients
(engine/optimize/addn_order.py's _sort_name) against TF 1.14
(tests/golden/math/gen_gated_addn_names.py): the gated contributions sort by the names of
the nodes the plan reads once the gate Identities are gone, as Grappler's second round
does, so gated and ungated gradients agree with TF bit for bit."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "gated_addn_names")
GEN = goldens.generator("math", "gated_addn_names")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    goldens.same_exact(getattr(GEN, name)(tf), GOLDEN[name], name)


def test_gated_equals_ungated_in_tf():
    gated, ungated = GOLDEN["bilinear_weights_gated"], GOLDEN["bilinear_weights_ungated"]
    assert np.array_equal(gated[0], ungated[0])
