"""Every op's type and static shapes after tf.gradients of loops with TensorArrays (while_loop
with arrays of unknown element shape, map_fn over nested structures, tf.scan with an
initializer, nested scans), as TF 1.14 lists them (tests/golden/array/gen_loop_grad_shapes.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "loop_grad_shapes")
GEN = generator("array", "loop_grad_shapes")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c.startswith("graph_")))
def test_every_op_as_tf(results, case):
    got, want = results[case], GOLD[case]
    assert sorted(got) == sorted(want)   # (the same ops: names as TF's)
    assert {k: got[k] for k in want if got[k] != want[k]} == {}


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c.startswith("split_")))
def test_split_element_shape_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_golden_holds_what_flowgrad_used_to_miss():
    # scan's in-loop AddN is the carried value's gradient (flowgrad listed its own
    # TensorArray-flow AddN of that name, ())
    assert GOLD["graph_scan_reverse"]["gradients/AddN_1"] == ["AddN", [2]]
    # an inner loop's TensorArray gradient pops the array's handle and flow in the outer
    # loop's gradient: (2,) and ()
    g = GOLD["graph_scan_nested"]
    pre = "gradients/scan/while/scan/TensorArrayReadV3_grad/TensorArrayGrad/TensorArrayGradV3/"
    assert g[pre + "StackPopV2"] == ["StackPopV2", [2]]
    assert g[pre + "StackPopV2_1"] == ["StackPopV2", []]
    # a cond in a loop body: its gradient pops the pred_id, a scalar
    assert GOLD["graph_while_cond_ta"]["gradients/while/cond/Merge_grad/StackPopV2"] == \
        ["StackPopV2", []]
    # a gather in a loop body: [len(indices)] + the array's element shape [None, 3]
    assert GOLD["graph_ta_partial_elem_gather_in_loop"]["while/TensorArrayGatherV3"] == \
        ["TensorArrayGatherV3", [2, None, 3]]
    # TensorArray.split's lengths read by TF's Python constant_value: a Fill too
    assert GOLD["split_fill"] == [[2, 3], [None, 2, 3]]
    assert GOLD["split_add"] == [None, None]
