"""tf.einsum with an output label repeated or absent from the inputs: TF 1.14's "Invalid
equation", raised after its products and sums are built (tests/golden/math/
gen_pcaps_einsum.py), not an early "Subscript not supported"."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "pcaps_einsum")


@pytest.mark.parametrize("equation", sorted(GOLDEN))
def test_equation_matches_tf(equation):
    got = goldens.flowgrad_cases("math", "pcaps_einsum", tf)[equation]
    goldens.same_exact(got, GOLDEN[equation], equation)


def test_golden_tells_the_two_errors_apart():
    msgs = [v[0][1] for v in GOLDEN.values() if isinstance(v[0], tuple)]
    assert "Invalid equation: ij->ii" in msgs
    assert "Subscript not supported: an axis appears more than once: iij" in msgs
