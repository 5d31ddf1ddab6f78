"""tf.cond (graph mode): only the taken branch runs; gradients through the taken branch."""
import io

import numpy as np
import pytest
from framework_golden import check

import flowgrad as tf
from flowgrad.testing import check_grads


def test_matches_tf114():
    check("cases_variables", "cond")


def test_only_the_taken_branch_runs_its_stateful_ops():
    p = tf.placeholder(tf.bool, [], name="p")
    a = tf.Variable(0, name="a")
    b = tf.Variable(0, name="b")
    out = io.StringIO()

    def t():
        with tf.control_dependencies([tf.print("true", output_stream=out)]):
            return tf.assign_add(a, 1)

    r = tf.cond(p, t, lambda: tf.assign_add(b, 1))
    with tf.Session() as sess:
        sess.run([a.initializer, b.initializer])
        for flag in [True, True, False, True]:
            sess.run(r, {p: flag})
        assert sess.run([a, b]) == [3, 1]
    assert out.getvalue() == "true\n" * 3


def test_branch_ops_live_in_the_cond_scope_and_capture_outside_tensors():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.cond(tf.reduce_sum(x) > 0.0, lambda: x * 2.0, lambda: x - 1.0, name="c")
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert "c/mul" in names and "c/sub" in names and "c/Merge" in names
    assert y.name == "c/Merge:0"   # TF 1.14's name
    assert str(y.shape) == "(?,)"
    with tf.Session() as sess:
        assert sess.run(y, {x: [1.0, 2.0]}).tolist() == [2.0, 4.0]
        assert sess.run(y, {x: [-1.0, -2.0]}).tolist() == [-2.0, -3.0]


def test_nested_cond_and_structures():
    x = tf.placeholder(tf.float32, [], name="x")

    def inner():
        return tf.cond(x > 10.0, lambda: {"v": x * 10.0, "w": [x]},
                       lambda: {"v": x + 10.0, "w": [-x]})

    r = tf.cond(x > 0.0, inner, lambda: {"v": x, "w": [x * 0.0]})
    with tf.Session() as sess:
        assert sess.run(r, {x: 20.0}) == {"v": 200.0, "w": [-20.0]} or \
            sess.run(r, {x: 20.0}) == {"v": 200.0, "w": [20.0]}
        assert sess.run(r, {x: 1.0}) == {"v": 11.0, "w": [-1.0]}
        assert sess.run(r, {x: -1.0}) == {"v": -1.0, "w": [-0.0]}


def test_outer_control_dependencies_run_once_before_the_cond():
    v = tf.Variable(0.0, name="v")
    bump = tf.assign_add(v, 1.0)
    p = tf.placeholder(tf.bool, [])
    with tf.control_dependencies([bump]):
        r = tf.cond(p, lambda: v.value() * 1.0, lambda: v.value() * -1.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(r, {p: True}) == 1.0
        assert sess.run(r, {p: False}) == -2.0
        assert sess.run(v) == 2.0


def test_gradient_flows_through_the_taken_branch():
    x = tf.placeholder(tf.float64, [3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.constant([1.0, 2.0, 3.0], tf.float64)
    y = tf.reduce_sum(tf.cond(p, lambda: x * x * w, lambda: x * 3.0))
    (g,) = tf.gradients(y, x)
    xv = np.array([1.0, -2.0, 0.5])
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(g, {x: xv, p: True}), 2 * xv * [1.0, 2.0, 3.0])
        np.testing.assert_allclose(sess.run(g, {x: xv, p: False}), [3.0, 3.0, 3.0])


@pytest.mark.parametrize("flag", [True, False])
def test_numerical_gradients_to_second_order(flag):
    def f(x):
        return tf.cond(tf.constant(flag), lambda: tf.tanh(x) * x, lambda: x * x * x)
    check_grads(f, [np.array([0.3, -0.7])], order=2)


def test_errors():
    x = tf.placeholder(tf.float32, [])
    with pytest.raises(TypeError, match="true_fn must be callable."):
        tf.cond(x > 0.0, x, lambda: x)
    with pytest.raises(ValueError, match="^Incompatible return values of true_fn and false_fn: "
                                         "The two structures don't have the same nested"):
        tf.cond(x > 0.0, lambda: [x, x], lambda: x)
    p = x > 0.0
    n = len(tf.get_default_graph().get_operations())
    with pytest.raises(ValueError, match="must have the same type: float32, int32"):
        tf.cond(p, lambda: x * 2.0, lambda: tf.constant(1))
    assert len(tf.get_default_graph().get_operations()) == n


def test_case_matches_tf114():
    check("cases_variables", "case")


def test_case_runs_only_the_selected_branch():
    x = tf.placeholder(tf.int32, [])
    v = tf.Variable(0)
    r = tf.case([(x < 0, lambda: tf.assign_add(v, 1)), (x > 0, lambda: tf.assign_add(v, 10))],
                default=lambda: tf.assign_add(v, 100))
    with tf.Session() as sess:
        sess.run(v.initializer)
        for val in [-1, 1, 0, 1]:
            sess.run(r, {x: val})
        assert sess.run(v) == 121


def test_while_loop_matches_tf114():
    check("cases_variables", "while_loop")


def test_while_loop_gradient_numerically():
    def f(w):
        _, a = tf.while_loop(lambda k, a: k < 4, lambda k, a: (k + 1, tf.tanh(a * w) + a),
                             [tf.constant(0), tf.constant(np.array([0.5, -0.3]))])
        return a
    check_grads(f, [np.array([0.7, 1.3])], order=1)


def test_while_loop_captures_and_nested_cond():
    x = tf.placeholder(tf.float32, [], name="x")
    total = tf.while_loop(
        lambda k, acc: k < 6,
        lambda k, acc: (k + 1, acc + tf.cond(tf.equal(k % 2, 0), lambda: x, lambda: -1.0)),
        [tf.constant(0), tf.constant(0.0)])[1]
    with tf.Session() as sess:
        assert sess.run(total, {x: 10.0}) == 27.0


def test_while_loop_leaves_graph_unchanged_on_error():
    i = tf.constant(0)
    n = len(tf.get_default_graph().get_operations())
    with pytest.raises(ValueError, match="same nested structure"):
        tf.while_loop(lambda i: i < 5, lambda i: (i, i), [i])
    assert len(tf.get_default_graph().get_operations()) == n
    assert tf.while_loop(lambda i: i < 2, lambda i: i + 1, [i]).name == "while/Exit:0"


def test_while_loop_second_order_gradient():
    """A flowgrad extension (TF 1.14 raises TypeError): y = w^3, dy/dw = 3w^2, d2y = 6w."""
    w = tf.constant(2.0)
    y = tf.while_loop(lambda k, a: k < 3, lambda k, a: (k + 1, a * w), [0, tf.constant(1.0)])[1]
    (g,) = tf.gradients(y, w)
    (h,) = tf.gradients(g, w)
    with tf.Session() as sess:
        assert sess.run([y, g, h]) == [8.0, 12.0, 12.0]


def test_resource_variable_gradients_through_cond_as_tf():
    """A branch reading resource variables differentiates to their handles (they were None).
    Expected values printed by TF 1.14 for the same program (gradients under each branch, then
    two SGD steps): [3.0, [0, 0]], [0.0, [10, 2]], then v = 1.7, w = [4.0, 0.8]."""
    import numpy as np
    with tf.Graph().as_default():
        v = tf.get_variable("v", initializer=2.0, use_resource=True)
        w = tf.get_variable("w", initializer=np.array([5.0, 1.0], np.float32),
                            use_resource=True)
        p = tf.placeholder(tf.bool, [])
        c = tf.cond(p, lambda: v * 3.0, lambda: tf.reduce_sum(w * w))
        g = tf.gradients(c, [v, w])
        step = tf.train.GradientDescentOptimizer(0.1).minimize(c)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            gv, gw = s.run(g, {p: True})
            assert gv == 3.0 and np.array_equal(gw, [0.0, 0.0])
            gv, gw = s.run(g, {p: False})
            assert gv == 0.0 and np.array_equal(gw, [10.0, 2.0])
            s.run(step, {p: False})
            s.run(step, {p: True})
            vv, wv = s.run([v, w])
            np.testing.assert_allclose(vv, 1.7, rtol=1e-6)
            np.testing.assert_allclose(wv, [4.0, 0.8], rtol=1e-6)


def test_resource_variable_gradients_through_while_loop_as_tf():
    """A while_loop body reading a resource variable: its gradient has the variable's dtype
    and shape (it was None). TF 1.14 prints float32 (2,) [17.0, 4.5], then v = [1.83, 0.955]
    after one SGD step of 0.01."""
    import numpy as np
    with tf.Graph().as_default():
        v = tf.get_variable("v", initializer=np.array([2.0, 1.0], np.float32),
                            use_resource=True)
        _, y = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * v + 1.0),
                             [tf.constant(0), tf.constant([1.0, 0.5])])
        loss = tf.reduce_sum(y)
        g = tf.gradients(loss, [v])[0]
        assert g.dtype == tf.float32 and g.shape.as_list() == [2]
        step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            np.testing.assert_allclose(s.run(g), [17.0, 4.5], rtol=1e-6)
            s.run(step)
            np.testing.assert_allclose(s.run(v), [1.83, 0.955], rtol=1e-6)


def test_branches_returning_operations_match_tf114():
    check("cases_variables", "cond_ops")
