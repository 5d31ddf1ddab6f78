"""Conv2DBackpropInput's columns in one GEMM, as TF 1.14's CPU kernel makes them
(tests/golden/nn/gen_conv_transpose_cols.py): conv2d_transpose to 1-8 channels and a
first conv layer's input gradient to TF's bits."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("nn", "conv_transpose_cols")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases("nn", "conv_transpose_cols", tf)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(got, name):
    goldens.same_exact(got[name], GOLDEN[name], name)
