"""tf.gradients through a v1 tf.cond as TF 1.14: an output the xs do not reach gets no
gradient (no Merge_grad Switch, nor gradients of the ops reading it), and a tensor made in a
branch is an x whose gradient flows through the Merges' Switches (a dead value when its
branch is not taken; also for a cond nested in a branch), and one made in a tf.while_loop
body (also of a loop nested in another loop's body or in a cond's branch) builds TF's loop
gradient, whose tensor for it cannot be fetched (tests/golden/opcounts/gen_pcondgrad.py;
an x in a cond of a loop body: tests/test_loop_nested_grads.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "pcondgrad")
WANT = goldens.load("opcounts", "pcondgrad")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])   # (made on an Intel Xeon)


def test_golden_host_is_recorded():
    assert WANT["host"] == "intel"


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_cond_gradient_equals_tf(name):
    got, want = GEN.run_case(tf, dict(GEN.CALLS)[name]), WANT[name]
    assert got["moved"] == want["moved"]
    assert got["ops"] == want["ops"]
    for pred in ("true", "false"):
        assert len(got[pred]) == len(want[pred])
        for a, b in zip(got[pred], want[pred]):
            if isinstance(b, str):
                assert a == b
            else:
                np.testing.assert_array_equal(a, b)
                assert a.dtype == b.dtype


def test_loop_x_in_loop_in_nested_cond_of_body_is_not_implemented():
    # (an x in a tf.cond of a loop body, or in a loop in such a cond, is built
    # (tests/test_loop_nested_grads.py); one in a loop in a cond nested in such a cond,
    # TF 1.14 builds too, flowgrad not yet: a clear error, nothing left in the graph)
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(2.0)
        p = tf.placeholder_with_default(True, [])
        made = []

        def body(i, a):
            def t():
                def inner(k, b):
                    made.append(tf.sin(b))
                    return k + 1, made[-1] * x
                return tf.while_loop(lambda k, b: k < 2, inner, [0, a])[1]
            return i + 1, tf.cond(p, lambda: tf.cond(p, t, lambda: a), lambda: a)
        out = tf.while_loop(lambda i, a: i < 2, body, [0, x])[1]
        n, last = len(g.get_operations()), g._last_id
        with pytest.raises(NotImplementedError, match="tf.gradients with respect to"):
            tf.gradients(out, made)
        assert (len(g.get_operations()), g._last_id) == (n, last)
