"""Static shapes of TensorArray ops (forward and gradient graphs of dynamic_rnn, map_fn,
scan and TensorArray calls) and of values read into a tf.cond branch with a constant
predicate, against TF 1.14 (tests/golden/array/gen_pshape2_refine.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "pshape2_refine")
GEN = generator("array", "pshape2_refine")

# ops whose static shape flowgrad still gives otherwise (none: scan's in-loop
# gradients/AddN_2 was flowgrad's own op of that name, the TensorArray-flow sum the
# lowering renames gradients/AddN_3)
KNOWN_DIFFERENT = {}


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c.startswith("graph_")))
def test_every_op_shape_as_tf(results, case):
    got, want = results[case], GOLD[case]
    assert sorted(got) == sorted(want)   # (the same ops: names as TF's)
    known = KNOWN_DIFFERENT.get(case, set())
    diff = {k: (got[k], want[k]) for k in want if got[k] != want[k] and k not in known}
    assert not diff
    for k in known:   # (still different: remove from KNOWN_DIFFERENT when fixed)
        assert got[k] != want[k]


@pytest.mark.parametrize("case", sorted(c for c in GOLD if not c.startswith("graph_")))
def test_cond_branch_shape_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_golden_holds_what_flowgrad_used_to_miss():
    # a handle is a 2-vector; a gather of 2 indices on an element shape of known rank
    ta = GOLD["graph_tensor_array_calls"]
    assert ta["TensorArray"] == [[2], []]
    assert ta["TensorArrayGatherV3_3"] == [[2, None, 3]]   # (element_shape [None, 3])
    assert ta["TensorArrayGatherV3_4"] == [[1, 2, 3]]
    assert ta["TensorArrayGatherV3"] == [[None, 2, 3]]   # (element shape from writes)
    # the live branch's value passes the Switch, the dead one's does not
    assert GOLD["cond_false_zeros"] == [[2, 3], [3, 4]]
    assert GOLD["cond_true_zeros"] == [[2, 3], [None, None]]
    assert GOLD["cond_with_default_pred"] == [[None, None], [None, None]]
