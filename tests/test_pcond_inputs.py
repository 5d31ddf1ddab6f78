"""The Python view of a tf.cond's ops as TF 1.14 shows it (tests/golden/control/
gen_pcond_inputs.py): an op of a branch reading a tensor made outside the branch reads
the Switch TF's CondContext inserted (`cond/mul/Switch:1`), one per outside tensor per
branch, in nested conds, for a variable read in a branch, a cond in a while body and with
the cond's gradient; `Tensor.consumers()` of the outside tensor is that Switch. The engine
keeps running the branch op on the tensor itself (its value and gradient here)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import flowgrad_cases_on, load

GOLD = load("control", "pcond_inputs")
CASES = sorted(k for k in GOLD if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return flowgrad_cases_on("control", "pcond_inputs", GOLD["vendor"])


@pytest.mark.parametrize("case", CASES)
def test_op_inputs(got, case):
    assert got[case]["ops"] == GOLD[case]["ops"]


@pytest.mark.parametrize("case", CASES)
def test_consumers(got, case):
    assert got[case]["consumers"] == GOLD[case]["consumers"]


def test_branch_ops_still_run_and_differentiate():
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [2], "x")
        r = tf.cond(p, lambda: x * 2.0 + x, lambda: x * x)
        gx, = tf.gradients(r, x)
        assert (r * 3.0).op.inputs[0] is r   # (the cond's result: the tensor it returned)
        mul = g.get_operation_by_name("cond/mul")
        assert [t.name for t in mul.inputs] == ["cond/mul/Switch:1", "cond/mul/y:0"]
        with tf.Session() as sess:
            feed = {x: [1.0, 3.0]}
            np.testing.assert_array_equal(sess.run([r, gx], {**feed, p: True}),
                                          [[3.0, 9.0], [3.0, 3.0]])
            np.testing.assert_array_equal(sess.run([r, gx], {**feed, p: False}),
                                          [[1.0, 9.0], [2.0, 6.0]])


def test_cond_result_consumers(got):
    assert got["gradient"]["result"] == GOLD["gradient"]["result"]
