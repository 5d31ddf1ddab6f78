"""Grappler's constant push-down through a captured Const's Enter in a loop's gradient body,
and through the first round's no-ops (tf.gradients' Sum over no axes, Reshape to the same
shape) in its second round with the arithmetic optimizer off (and the dependency optimizer
on: it removes them): a dropout-like chain with
Const masks, `((g * m2) / 0.7 * m1) / 0.8` run as TF 1.14 folds it
(tests/golden/math/gen_loop_const_enter.py, made on the host its `host` names)."""
import numpy as np
import pytest

import goldens

GEN = goldens.generator("math", "loop_const_enter")
WANT = goldens.load("math", "loop_const_enter")


@pytest.fixture(scope="module")
def got():
    # (the golden's host: the MatMuls' bits depend on it)
    return goldens.flowgrad_cases_on("math", "loop_const_enter", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] in ("amd", "intel")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
@pytest.mark.parametrize("off", [False, True], ids=["on", "arith_off"])
def test_values_are_tfs(got, case, off):
    key = case + ("_off" if off else "")
    assert len(got[key]) == len(WANT[key]) == 2
    for a, b in zip(got[key], WANT[key]):
        np.testing.assert_array_equal(a, b, err_msg=key)


def test_golden_folds_the_gradient():
    # (TF's gradient with the masks folded into one Const differs from the one as written,
    # constant folding off, and from the one with variables for masks)
    for other in ("folding_off_off", "variable_masks_off"):
        assert not np.array_equal(WANT["loop_off"][1], WANT[other][1])
    # (without the dependency optimizer the no-ops stay: nothing is pushed through them)
    assert not np.array_equal(WANT["flat_off"][1], WANT["dependency_off_off"][1])
