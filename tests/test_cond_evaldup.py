"""TF 1.14's EvaluateConstantTensor of a tensor built in a tf.cond branch runs the Switch it
reads an outside tensor through, so the predicate's leaves are fed in the same run as the
tensor's (a leaf read twice across both: unknown), and an outside leaf read by two branch
ops passes one Switch, fed once (tests/golden/array/gen_cond_evaldup.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "cond_evaldup")
GEN = generator("array", "cond_evaldup")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_golden_holds_the_rules():
    # the predicate's leaf read twice, or once by it and once by the tensor: unknown
    for case in ("pred_e_e", "pred_equal_e_e", "shared_leaf"):
        assert GOLD[case][2] == [None, None]
    # a shared non-leaf is walked once; an outside leaf read twice in the branch once
    assert GOLD["shared_nonleaf"][2] == [3, 4]
    assert GOLD["outside_leaf_twice"][2] == [4, 6]
    assert GOLD["single"][2] == [4, 5] and GOLD["single"][4] == [None, None]
