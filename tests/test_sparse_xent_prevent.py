"""SparseSoftmaxCrossEntropyWithLogits' gradient multiplies by its PreventGradient, as TF
1.14 (`_grad/mul` reads `_grad/PreventGradient`: tests/golden/losses/gen_sparse_xent_prevent.py),
while flowgrad's autodiff passes that one PreventGradient on as an Identity (its second
derivative works, tests/test_losses.py test_sparse_second_order) and a user's PreventGradient
still raises TF's LookupError; the optimized plan reads the backprop itself (no copy)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine import runtime as rt
from goldens import generator, load

GOLD = load("losses", "sparse_xent_prevent")
GOT = {}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (GOLD["host"]); structure only, the same on any host
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def _got():
    if not GOT:
        GOT.update(generator("losses", "sparse_xent_prevent").cases(tf))
    return GOT


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k != "host"))
def test_graph_def_matches_tf114(key):
    assert _got()[key] == GOLD[key]


def test_plan_and_second_order():
    labels = np.array([0, 2, 1], np.int32)
    logits = np.random.RandomState(0).randn(3, 3).astype(np.float32)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], "x")
        y = tf.placeholder(tf.int32, [None], "y")
        loss = tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x))
        (d,) = tf.gradients(loss, x)
        assert d.op.inputs[1].op.type == "PreventGradient"
        n = len(g.get_operations())
        (h,) = tf.gradients(tf.reduce_sum(d * d), x)   # through the PreventGradient
        # no op for the PreventGradient's gradient (an Identity's: the gradient itself)
        assert not [o for o in g.get_operations()[n:] if "PreventGradient_grad" in o.name]
        with tf.Session() as sess:
            plan = rt.plan_for(sess, d, {x: None, y: None}).program.dump()
            hv = sess.run(h, {x: logits, y: labels})
    # the plan reads the backprop output itself: the PreventGradient is an alias, pruned
    assert "PreventGradient(" not in plan and "_grad/mul" in plan
    assert np.all(np.isfinite(hv)) and np.any(hv != 0)
