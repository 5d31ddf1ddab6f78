"""tf.scatter_nd_update/add/sub, tf.tensor_scatter_* and tf.batch_scatter_update against
TF 1.14 (tests/golden/array_extra/gen_scatter_nd.py): values, the ops each call builds
(the same names and types as TF), gradients, and each misuse's error class and message
(TF's shape-function suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "scatter_nd")
WANT = load("array_extra", "scatter_nd")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case], init=True)


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case], init=True)


def test_updates_stay_after_run():
    """The variable keeps the update: a second run applies it again (add accumulates)."""
    v = tf.Variable([0., 0., 0.])
    up = tf.scatter_nd_add(v, [[2], [0], [2]], [1., 2., 3.])
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(up)
        assert sess.run(up).tolist() == [4., 0., 8.]
        assert sess.run(v).tolist() == [4., 0., 8.]
