"""Grappler's Mul-by-ones folding on a dynamic_rnn output's gradient (engine/optimize/
mul_by_ones.py, symbolic_shapes.py, addn_order.py) against TF 1.14
(tests/golden/math/gen_rnn_mul_by_ones.py): bit for bit, constant and fed inputs."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "rnn_mul_by_ones")
GEN = goldens.generator("math", "rnn_mul_by_ones")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    goldens.same_exact(getattr(GEN, name)(tf), GOLDEN[name], name)
