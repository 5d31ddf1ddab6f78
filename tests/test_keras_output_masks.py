"""An output's Keras mask weights its loss and metrics as in TF 1.14 (tests/golden/keras/
gen_output_masks.py): fit histories, evaluate, and the ops compile builds."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "output_masks")
GEN = generator("keras", "output_masks")
KW = {"plain": (False, False), "sample_weight": (True, False)}


@pytest.fixture(scope="module", params=sorted(KW))
def case(request):
    return request.param, GEN._one(tf, *KW[request.param])


def test_masked_loss_and_metrics_are_tf(case):
    name, mine = case
    gold = GOLD[name]
    assert mine["metrics_names"] == gold["metrics_names"]
    assert sorted(mine["history"]) == sorted(gold["history"])
    for key, values in gold["history"].items():
        np.testing.assert_allclose(mine["history"][key], values, rtol=2e-5, atol=1e-6,
                                   err_msg=key)
    np.testing.assert_allclose(mine["evaluate"], gold["evaluate"], rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(mine["predict"], gold["predict"], rtol=2e-5, atol=1e-6)


def test_masked_compile_builds_tf_op_count(case):
    name, mine = case
    assert mine["compile_count"] == GOLD[name]["compile_count"]
