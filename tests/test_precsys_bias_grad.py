"""A one-channel BiasAddGrad adds its rows in order, as TF 1.14
(tests/golden/nn/gen_precsys_bias_grad.py): a Keras Dense(1) classifier trains to TF's
bits."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("nn", "precsys_bias_grad")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("nn", "precsys_bias_grad", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_one_channel_is_not_numpys_pairwise_sum():
    # the golden tells the orders apart: NumPy's reduce of a column differs somewhere
    import numpy as np
    gen = goldens.generator("nn", "precsys_bias_grad")
    rng = np.random.RandomState(5)
    differs = False
    for i, n in enumerate(gen.ROWS):
        for c in (1, 3):
            v = (rng.randn(n, c) * 10 ** rng.uniform(-2, 2, (n, c))).astype(np.float32)
            if c == 1:
                want = GOLDEN["one_channel"][2 * i]
                differs |= np.add.reduce(v[:, 0]).tobytes() != want.tobytes()
    assert differs
