"""float32 Conv2DBackpropInput as TF 1.14's Conv2DCustomBackpropInputOp (fused
multiply-adds over out_depth, then Col2im in float32; tests/golden/nn/gen_ppoint_conv.py):
PointNet's first conv and input transform gradients to TF's bits."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("nn", "ppoint_conv")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("nn", "ppoint_conv", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)
