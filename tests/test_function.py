"""tf.function in graph mode against TF 1.14 (tests/golden/core/gen_function.py): call
ops, retracing, values, gradients, variables, input signatures, TensorSpec."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

fn_cases = goldens.generator("core", "function")
GOLDEN = goldens.load("core", "function")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), \
            f"{where}: {got} vs {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, (str, bool, int)) and not isinstance(want, np.ndarray):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-6, err_msg=where)


@pytest.mark.parametrize("case", fn_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    with tf.Graph().as_default():
        got = case(tf)
    _same(got, GOLDEN[case.__name__], case.__name__)


def test_run_functions_eagerly(monkeypatch):
    from flowgrad.engine.framework import context as _context
    monkeypatch.setattr(_context, "_context", _context.Context())
    tf.config.experimental_run_functions_eagerly(True)
    with tf.Graph().as_default():
        f = tf.function(lambda x: x * 2.0)
        y = f(tf.constant(3.0))
        assert y.op.type == "Mul"


def test_method_and_second_order():
    class M:
        def __init__(self):
            self.w = tf.Variable(3.0, use_resource=True)

        @tf.function
        def __call__(self, x):
            return self.w * x * x

    with tf.Graph().as_default():
        m = M()
        x = tf.constant(2.0)
        y = m(x)
        g = tf.gradients(y, [x, m.w])
        g2 = tf.gradients(g[0], x)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(y) == 12.0
            assert sess.run(g) == [12.0, 4.0]
            assert sess.run(g2) == [6.0]


def test_switch_case_inside_a_function():
    """A branch's op on the function's argument is made in the branch (it captures the
    argument), not in the function graph capturing the branch's constant: the call op is
    the user's graph's."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float64, [2], name="x")
        i = tf.placeholder(tf.int32, [], name="i")
        f = tf.function(lambda a, j: tf.switch_case(j, [lambda: a * 2.0, lambda: tf.sin(a)]))
        out = f(x, i)
        assert out.graph is g
        assert [op.type for op in g.get_operations()].count("Case") == 0
        gx = tf.gradients(out, x)[0]
        ggx = tf.gradients(gx, x)[0]   # (the Case copied into the gradient's body)
        with tf.Session() as sess:
            v = np.array([0.5, -1.0])
            np.testing.assert_allclose(sess.run(out, {x: v, i: 0}), v * 2.0)
            np.testing.assert_allclose(sess.run(out, {x: v, i: 1}), np.sin(v))
            np.testing.assert_allclose(sess.run(gx, {x: v, i: 1}), np.cos(v))
            np.testing.assert_allclose(sess.run(gx, {x: v, i: 0}), [2.0, 2.0])
            np.testing.assert_allclose(sess.run(ggx, {x: v, i: 1}), -np.sin(v))


def test_while_loop_inside_a_function_and_its_gradient():
    """The loop's LoopVars run only in its While (not as the body's stateful targets); the
    gradient body's copy of the loop keeps the loop's record."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2], name="x")
        f = tf.function(lambda a: tf.while_loop(lambda k, s: k < 3,
                                                lambda k, s: (k + 1, s * 1.5 + a), [0, a])[1])
        out = f(x)
        gx = tf.gradients(out, x)[0]
        with tf.Session() as sess:
            v = np.array([0.5, -1.0])
            # s3 = 1.5^3 a + 1.5^2 a + 1.5 a + a
            np.testing.assert_allclose(sess.run(out, {x: v}), 8.125 * v)
            np.testing.assert_allclose(sess.run(gx, {x: v}), [8.125, 8.125])


def test_function_traced_in_a_function_called_outside_it_and_in_another_graph():
    """TF's cache key holds the outermost graph: a function traced in another function's
    body is called in the user's graph (its call op there) and retraced in a new graph."""
    inner = tf.function(lambda a: tf.exp(a) * 0.5)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float64, [2], name="x")
        f = tf.function(lambda a: inner(a) + 1.0)(x)
        h = inner(x)
        assert h.graph is g and f.graph is g
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run([f, h], {x: [0.0, 0.0]}), [[1.5, 1.5],
                                                                           [0.5, 0.5]])
    with tf.Graph().as_default() as g2:
        x = tf.placeholder(tf.float64, [2], name="x")
        h = inner(x)
        assert h.graph is g2
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(h, {x: [0.0, 2.0]}), 0.5 * np.exp([0.0, 2.0]))
