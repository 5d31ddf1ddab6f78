"""Conv2D + BiasAdd + Elu runs as TF 1.14's _FusedConv2D (remap_matmul.py): the Elu of
each output pixel's channels takes Eigen's packets of 8 and libm's expf on the tail
(golden nn/fused_conv_elu); fetched beside the BiasAdd it is not fused."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "fused_conv_elu")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


@pytest.mark.parametrize("case", sorted(k for k in GOLD if k != "host"))
def test_fused_and_plain_elu_bits(case):
    got = generator("nn", "fused_conv_elu")._case(tf, int(case[1:]))
    for key in ("pre", "plain", "fused"):
        np.testing.assert_array_equal(got[key], GOLD[case][key], err_msg=key)
