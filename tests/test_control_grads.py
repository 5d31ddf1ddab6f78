"""Gradients through control flow against TF 1.14 (tests/golden/control/gen_cond_taken.py)
and finite differences.

tf.cond differentiated runs only the taken branch's forward ops (an untaken branch that
would fail does not; tensors of a branch read outside it are TF's dead tensors), and
tf.while_loop differentiates to any order: TF 1.14 raises "Second-order gradient for while
loops not supported.", so second and third orders are checked against finite differences
in float64 (first orders against TF's values).
"""
import io

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.runtime.ir import lower

GOLD = goldens.load("control", "cond_taken")
GEN = goldens.generator("control", "cond_taken")


@pytest.mark.parametrize("name", sorted(n for n in GEN.CASES if n != "loop_second_order_raises"))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    goldens.same_sparse(got, GOLD[name], name, rtol=2e-5, atol=2e-6)


def test_second_order_while_is_an_extension():
    """TF 1.14 gives None (through the loop values) or raises TypeError (through a captured
    tensor); flowgrad differentiates (checked against finite differences below)."""
    exp = GOLD["loop_second_order_raises"]
    assert exp["x_only"] == [None] and exp["with_capture"].cls == "TypeError"
    assert "not supported" in exp["with_capture"].message
    with tf.Graph().as_default():
        got = GEN.CASES["loop_second_order_raises"](tf)
    assert got == {"x_only": ["gradient"], "with_capture": "no error"}


def _five_point(f, x0, h=1e-4):
    d = np.zeros_like(x0)
    for i in np.ndindex(x0.shape):
        e = np.zeros_like(x0)
        e[i] = h
        d[i] = (8 * (f(x0 + e) - f(x0 - e)) - (f(x0 + 2 * e) - f(x0 - 2 * e))) / (12 * h)
    return d


@pytest.mark.parametrize("fn", GEN.LOOPS, ids=lambda f: f.__name__)
def test_loop_second_order_against_finite_differences(fn):
    """d/d(x, w) of |dy/dx|^2 + |dy/dw|^2 (a gradient penalty) through the loop."""
    with tf.Graph().as_default():
        x, w, y0, g = GEN.loop_graph(tf, fn)
        pen = tf.add_n([tf.reduce_sum(t * t) for t in g])
        h = tf.gradients(pen, [x, w])
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            base = {x: GEN.X64, w: GEN.W64}
            got = s.run(h, base)
            for k, (p, p0) in enumerate(((x, GEN.X64), (w, GEN.W64))):
                fd = _five_point(lambda v: s.run(pen, {**base, p: v}), p0)
                np.testing.assert_allclose(got[k], fd, rtol=1e-6, atol=1e-7)


def test_loop_third_order_against_finite_differences():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2, 3])
        w = tf.constant(GEN.W64)
        y = GEN.simple(tf, x, w)
        g1 = tf.gradients(tf.reduce_sum(y * y), x)[0]
        g2 = tf.gradients(tf.reduce_sum(g1 * g1), x)[0]
        g3 = tf.gradients(tf.reduce_sum(tf.sin(g2)), x)[0]
        with tf.Session() as s:
            got = s.run(g3, {x: GEN.X64})
            fd = _five_point(lambda v: s.run(tf.reduce_sum(tf.sin(g2)), {x: v}), GEN.X64,
                             h=1e-3)
    np.testing.assert_allclose(got, fd, rtol=1e-5, atol=1e-6)


def test_only_the_taken_branch_runs_when_differentiated():
    x = tf.placeholder(tf.float32, [3])
    p = tf.placeholder(tf.bool, [])
    out = io.StringIO()

    def branch(tag, fn):
        def f():
            with tf.control_dependencies([tf.print(tag, output_stream=out)]):
                return fn(x)
        return f
    y = tf.cond(p, branch("t", tf.sin), branch("f", tf.square))
    g = tf.gradients(y, x)[0]
    gg = tf.gradients(tf.reduce_sum(g * g), x)[0]
    xv = np.array([0.5, -1.0, 2.0], np.float32)
    with tf.Session() as s:
        a = s.run([y, g, gg], {x: xv, p: True})
        assert out.getvalue() == "t\n"
        b = s.run([y, g, gg], {x: xv, p: False})
        assert out.getvalue() == "t\nf\n"
    np.testing.assert_allclose(a[2], -2 * np.cos(xv) * np.sin(xv), rtol=1e-5)
    np.testing.assert_allclose(b[2], 8 * xv, rtol=1e-6)


def test_random_ops_in_a_branch_are_drawn_once():
    """The gradient reads the taken branch's own dropout mask (it was drawn again)."""
    x = tf.placeholder(tf.float32, [2000])
    p = tf.placeholder(tf.bool, [])
    y = tf.cond(p, lambda: tf.nn.dropout(x, 0.5), lambda: x)
    g = tf.gradients(tf.reduce_sum(y), x)[0]
    with tf.Session() as s:
        yv, gv = s.run([y, g], {x: np.ones(2000), p: True})
    assert 0 < np.count_nonzero(yv) < 2000
    np.testing.assert_array_equal(yv != 0, gv != 0)


def test_batch_norm_plan_holds_one_branch():
    """With a training tensor, the differentiated plan runs FusedBatchNorm only inside the
    Cond's branches (both ran in the plan before)."""
    x = tf.placeholder(tf.float32, [4, 3])
    training = tf.placeholder(tf.bool, [])
    y = tf.layers.batch_normalization(x, training=training)
    grads = tf.gradients(tf.reduce_sum(y * y), [x] + tf.trainable_variables())
    prog = lower(tf.get_default_graph(), grads, [], [x, training])
    types = [n.type for n in prog.nodes]
    assert "Cond" in types
    assert not [t for t in types if t.startswith("FusedBatchNorm")]


def test_crf_dynamic_length_second_order():
    """crf_log_likelihood with a length unknown at build time, to second order (the taken
    branch is a dynamic_rnn; TF's crf is float32 only): against finite differences."""
    rng = np.random.RandomState(4)
    xv, tpv = rng.randn(2, 4, 3).astype(np.float32), rng.randn(3, 3).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, None, 3])
    tags = tf.placeholder(tf.int32, [None, None])
    tp = tf.placeholder(tf.float32, [3, 3])
    ll, _ = tf.contrib.crf.crf_log_likelihood(x, tags, tf.constant([4, 2]), tp)
    gx = tf.gradients(tf.reduce_sum(ll), x)[0]
    pen = tf.reduce_sum(gx * gx)
    h = tf.gradients(pen, tp)[0]
    feed = {x: xv, tags: [[0, 1, 2, 1], [2, 2, 0, 0]]}
    with tf.Session() as s:
        got = s.run(h, {**feed, tp: tpv})
        fd = _five_point(lambda v: s.run(pen, {**feed, tp: v}).astype(np.float64),
                         tpv.astype(np.float64), h=1e-2)
    np.testing.assert_allclose(got, fd, rtol=2e-3, atol=2e-3)
