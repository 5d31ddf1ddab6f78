"""Conv2D with one output channel as TF 1.14's contraction (fused multiply-adds), not a
matrix-vector product (tests/golden/nn/gen_precsys_conv1.py): a GAT head's attention
scores and one-map convolutions to TF's bits."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("nn", "precsys_conv1")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("nn", "precsys_conv1", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)
