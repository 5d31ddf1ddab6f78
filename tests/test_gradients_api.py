"""tf.gradients: errors, extension points, cost, higher orders and the gradient checker."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.autodiff import gradients as gradients_mod
from flowgrad.testing import check_grads


def _ops():
    return [(o.name, o.type) for o in tf.get_default_graph().get_operations()]


# -- errors leave the graph unchanged ----------------------------------------------------------
def test_lookup_error_names_the_op_and_leaves_tfs_ops():
    """As TF 1.14 (oracle): the walk raises when it reaches the op, leaving the seed and
    the rules it ran before (12 ops here); the next gradients scope is "gradients_1"."""
    a = tf.constant([1.0, 2.0], name="x")
    g = tf.get_default_graph()
    with g.gradient_override_map({"Square": "NoSuchGradient"}):
        y = tf.square(a)
    y2 = y * 2.0
    before = len(_ops())
    with pytest.raises(LookupError, match=r"No gradient defined for operation 'Square' "
                                          r"\(op type: Square\)"):
        tf.gradients(y2, a)
    left = [op.name for op in g.get_operations()[before:]]
    assert left[:3] == ["gradients/Shape", "gradients/grad_ys_0", "gradients/Fill"]
    assert len(left) == 12 and left[-1] == "gradients/mul_grad/Reshape_1"
    z = tf.gradients(tf.tanh(a), a)[0]
    assert z.name == "gradients_1/Tanh_grad/TanhGrad:0"


def test_complex_ys_need_grad_ys():
    a = tf.constant([1 + 2j])
    with pytest.raises(TypeError, match="Gradients of complex tensors must set grad_ys"):
        tf.gradients(a * a, a)


def test_xs_from_another_graph():
    a = tf.constant([1.0, 2.0])
    with tf.Graph().as_default():
        b = tf.constant(1.0)
    y = a * 2.0
    before = _ops()
    with pytest.raises(ValueError, match="must be from the same graph"):
        tf.gradients(y, b)
    assert _ops() == before


def test_operations_are_not_tensors():
    a = tf.constant([1.0, 2.0], name="x")
    y = a * 2.0
    with pytest.raises(TypeError, match="Can't convert Operation 'x' to Tensor"):
        tf.gradients(y, a.op)
    with pytest.raises(TypeError, match="Can't convert Operation 'mul' to Tensor"):
        tf.gradients(y.op, a)
    with pytest.raises(AttributeError, match="'NoneType' object has no attribute 'op'"):
        tf.gradients(y, None)   # TF reads the None's .op


def test_python_values_are_converted_like_tf():
    a = tf.constant([1.0, 2.0])
    assert tf.gradients(1.0, a) == [None]
    assert tf.gradients(a * 2.0, 3.0) == [None]


def test_grad_ys_mismatch():
    a = tf.constant([1.0, 2.0])
    y = a * 2.0
    gys = [tf.constant([1.0, 2.0]), tf.constant([1, 2]), tf.constant([1.0, 2.0, 3.0])]
    before = _ops()
    with pytest.raises(ValueError, match="Passed 2 grad_ys for 1 ys"):
        tf.gradients(y, a, grad_ys=[gys[0]] * 2)
    assert _ops() == before
    with pytest.raises(TypeError):
        tf.gradients(y, a, grad_ys=gys[1])
    with pytest.raises(ValueError):
        tf.gradients(y, a, grad_ys=gys[2])
    # as TF 1.14 (checked with the oracle): each call takes its name scope, and the two
    # rules that fail leave the ops they built before the error
    seed = [("gradients_1/grad_ys_0", "Identity"), ("gradients_1/mul_grad/Shape", "Const"),
            ("gradients_1/mul_grad/Shape_1", "Const"),
            ("gradients_1/mul_grad/BroadcastGradientArgs", "BroadcastGradientArgs")]
    assert _ops()[len(before):] == seed + [(n.replace("_1/", "_2/"), t) for n, t in seed] + [
        ("gradients_2/mul_grad/Mul", "Mul"), ("gradients_2/mul_grad/Sum", "Sum")]
    assert tf.gradients(y, a)[0].name == "gradients_3/mul_grad/Reshape:0"


# -- extension points --------------------------------------------------------------------------
def test_register_gradient_and_override_map():
    @tf.RegisterGradient("FlowgradTestDoubleTanhGrad")
    def _double(op, grad):
        return [2.0 * grad]

    x = tf.constant([0.5, 1.0])
    with tf.get_default_graph().gradient_override_map({"Tanh": "FlowgradTestDoubleTanhGrad"}):
        y = tf.tanh(x)
    plain = tf.tanh(x)
    g_over, g_plain = tf.gradients(y, x)[0], tf.gradients(plain, x)[0]
    with tf.Session() as sess:
        a, b = sess.run([g_over, g_plain])
    np.testing.assert_allclose(a, [2.0, 2.0])
    np.testing.assert_allclose(b, 1 - np.tanh([0.5, 1.0]) ** 2, rtol=1e-6)
    with pytest.raises(KeyError):
        tf.RegisterGradient("FlowgradTestDoubleTanhGrad")(lambda op, g: [g])


def test_not_differentiable_gives_none():
    tf.NotDifferentiable("FlowgradTestNoGrad")
    x = tf.constant([0.5, 1.0])
    with tf.get_default_graph().gradient_override_map({"Square": "FlowgradTestNoGrad"}):
        y = tf.square(x)
    assert tf.gradients(y, x) == [None]
    assert tf.no_gradient is tf.NotDifferentiable


def test_custom_gradient_graph_mode():
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(dy):
            return dy * (1 - 1 / (1 + e))
        return tf.log(1 + e), grad

    x = tf.constant([0.0, 100.0])
    y = log1pexp(x)
    g = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        yv, gv = sess.run([y, g])
    np.testing.assert_allclose(gv, [0.5, 1.0])
    assert np.isinf(yv[1])  # forward as written; only the gradient is custom


def test_custom_gradient_with_variables():
    w = tf.Variable(2.0, name="w", use_resource=True)   # a ref one: not watched

    @tf.custom_gradient
    def scaled(x):
        def grad(dy, variables=None):
            return [dy * 10.0], [dy * 100.0 for _ in variables]
        return x * w, grad

    x = tf.constant(3.0)
    y = scaled(x)
    gx, gw = tf.gradients(y, [x, w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([y, gx, gw]) == [6.0, 10.0, 100.0]

    @tf.custom_gradient
    def bad(x):
        return x * w, lambda dy: dy
    with pytest.raises(TypeError, match="keyword argument 'variables'"):
        bad(x)


# -- cost: only the ops between xs and ys -----------------------------------------------------
def _chain(x, n):
    h = x
    for _ in range(n):
        h = tf.tanh(h * 1.5 + 0.1)
    return h


def test_cost_does_not_depend_on_the_rest_of_the_graph():
    x = tf.placeholder(tf.float32, [4])
    y = tf.reduce_sum(_chain(x, 10))
    tf.gradients(y, x)
    small = (gradients_mod.last_stats.ancestors, gradients_mod.last_stats.between,
             gradients_mod.last_stats.rules_called, gradients_mod.last_stats.ops_created)
    # a large unrelated model, and a large model downstream of x that y does not use
    _chain(tf.placeholder(tf.float32, [4]), 300)
    _chain(x, 300)
    tf.gradients(y, x)
    big = (gradients_mod.last_stats.ancestors, gradients_mod.last_stats.between,
           gradients_mod.last_stats.rules_called, gradients_mod.last_stats.ops_created)
    assert big == small


def test_rules_build_every_input_gradient_and_runs_prune_them():
    # As TF 1.14: a rule builds the gradient of every input, the constants' too (Pow's
    # rule builds the exponent's, with a Log); a run computes only what the fetch needs.
    x = tf.placeholder(tf.float32, [3])
    w = tf.constant([1.0, 2.0, 3.0])
    c = tf.constant([4.0, 5.0, 6.0])
    y = tf.reduce_sum(tf.tanh(x * w) * c + x ** 3.0)
    g = tf.get_default_graph()
    n0 = len(g.get_operations())
    (gx,) = tf.gradients(y, x)
    new = g.get_operations()[n0:]
    assert [o.name for o in new if o.type == "Log"] == ["gradients/pow_grad/Log"]
    opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    md = tf.RunMetadata()
    with tf.Session() as sess:
        v = sess.run(gx, {x: [1.0, 2.0, 3.0]}, options=opts, run_metadata=md)
    ran = {n.node_name for d in md.step_stats.dev_stats for n in d.node_stats}
    assert ran and not any("pow_grad/Log" in n for n in ran)
    xv = np.array([1.0, 2.0, 3.0], np.float32)
    wv, cv = np.array([1.0, 2.0, 3.0], np.float32), np.array([4.0, 5.0, 6.0], np.float32)
    np.testing.assert_allclose(v, (1 - np.tanh(xv * wv) ** 2) * wv * cv + 3 * xv ** 2,
                               rtol=1e-5)


def test_gradients_reuse_forward_results():
    x = tf.placeholder(tf.float32, [3])
    y = tf.tanh(x)
    (gx,) = tf.gradients(y, x)
    # d tanh uses the forward output y instead of recomputing tanh(x)
    assert gx.op.type == "TanhGrad" and gx.op.inputs[0] is y
    assert sum(o.type == "Tanh" for o in tf.get_default_graph().get_operations()) == 1


# -- higher order ----------------------------------------------------------------------------
def test_hessian_vector_product_matches_full_hessian():
    x = tf.constant([0.3, -0.2, 0.5])
    v = tf.constant([1.0, 2.0, -1.0])
    y = tf.reduce_sum(tf.tanh(x) * x * x)
    (hv,) = tf.hessian_vector_product(y, [x], [v])
    (h,) = tf.hessians(y, x)
    with tf.Session() as sess:
        hv_val, h_val = sess.run([hv, h])
    assert h_val.shape == (3, 3)
    np.testing.assert_allclose(hv_val, h_val @ np.array([1.0, 2.0, -1.0]), rtol=1e-5)


def test_gradients_to_any_order():
    x = tf.constant(0.4, dtype=tf.float64)
    y = tf.tanh(x)
    derivs = [y]
    for _ in range(4):
        derivs.append(tf.gradients(derivs[-1], x)[0])
    with tf.Session() as sess:
        vals = sess.run(derivs)
    t = np.tanh(0.4)
    expected = [t, 1 - t ** 2, -2 * t * (1 - t ** 2), (1 - t ** 2) * (6 * t ** 2 - 2),
                -8 * t * (1 - t ** 2) * (3 * t ** 2 - 2)]
    np.testing.assert_allclose(vals, expected, rtol=1e-10)


# -- the gradient checker itself ------------------------------------------------------------------
def test_compute_gradient_error_is_small_for_correct_gradients():
    x = tf.placeholder(tf.float64, [3])
    y = tf.tanh(x) * x
    assert tf.test.compute_gradient_error(x, [3], y, [3]) < 1e-6
    jt, jn = tf.test.compute_gradient(x, [3], y, [3])
    assert jt.shape == jn.shape == (3, 3)


def test_checkers_catch_a_wrong_gradient():
    @tf.RegisterGradient("FlowgradTestWrongTanh")
    def _wrong(op, grad):
        return [grad * 1.01]

    def f(x):
        with tf.get_default_graph().gradient_override_map({"Tanh": "FlowgradTestWrongTanh"}):
            return tf.tanh(x)
    with pytest.raises(AssertionError, match="order-1 gradient mismatch"):
        check_grads(f, [np.array([0.1, 0.2])], order=1)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2])
        assert tf.test.compute_gradient_error(x, [2], f(x), [2]) > 1e-3


def test_check_grads_second_order_catches_a_wrong_second_derivative():
    @tf.RegisterGradient("FlowgradTestWrongSquare")
    def _first_order_right_second_wrong(op, grad):
        x = op.inputs[0]
        # right value, but built from a stop_gradient'ed x: d2 is wrong (0 instead of 2)
        return [grad * 2.0 * tf.stop_gradient(x)]

    def f(x):
        with tf.get_default_graph().gradient_override_map({"Square": "FlowgradTestWrongSquare"}):
            return tf.square(x)
    check_grads(f, [np.array([0.3, -0.4])], order=1)
    with pytest.raises(AssertionError, match="order-2 gradient mismatch"):
        check_grads(f, [np.array([0.3, -0.4])], order=2)


def test_indexed_slices_among_xs_not_reached_gives_none():
    """tf.gradients(ys, [an IndexedSlices gradient]) the ys do not depend on: [None] as in
    TF 1.14 (flowgrad raised AttributeError recording the call for the GraphDef writer)."""
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((4, 3), np.float32))
        ys = tf.reduce_sum(tf.square(tf.gather(v, [0, 2])))
        gv = tf.gradients(ys, v)[0]
        assert isinstance(gv, tf.IndexedSlices)
        assert tf.gradients(ys, [gv]) == [None]
