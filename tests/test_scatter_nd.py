"""tf.scatter_nd_update/add/sub, tf.tensor_scatter_* and tf.batch_scatter_update against
TF 1.14 (tests/golden/array_extra/gen_scatter_nd.py): values, the ops each call builds
(the same names and types as TF), gradients, and each misuse's error class and message
(TF's shape-function suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array_extra", "scatter_nd")
WANT = load("array_extra", "scatter_nd")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    want_value, want_ops = WANT[case]
    g = tf.Graph()
    with g.as_default():
        r = GEN.CASES[case](tf)
        sess = tf.Session()
        sess.run(tf.global_variables_initializer())
        value = sess.run(r)
    assert GEN._value(value) == want_value
    assert [[o.name, o.type] for o in g.get_operations()] == want_ops


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    want = WANT["error:" + case]
    g = tf.Graph()
    with g.as_default():
        with pytest.raises(Exception) as info:
            r = GEN.ERRORS[case](tf)
            sess = tf.Session()
            sess.run(tf.global_variables_initializer())
            sess.run(r)
    got = GEN._error(info.value)
    cls, msg = want.split(": ", 1)
    assert type(info.value).__name__ == cls, got
    # TF's golden message is cut where TF appends the node's source location
    assert got.split(": ", 1)[1].split(" for '")[0].startswith(msg.split(" for '")[0])


def test_updates_stay_after_run():
    """The variable keeps the update: a second run applies it again (add accumulates)."""
    v = tf.Variable([0., 0., 0.])
    up = tf.scatter_nd_add(v, [[2], [0], [2]], [1., 2., 3.])
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(up)
        assert sess.run(up).tolist() == [4., 0., 8.]
        assert sess.run(v).tolist() == [4., 0., 8.]
