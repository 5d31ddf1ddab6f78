"""tf.switch_case against TF 1.14 (tests/golden/core/gen_switch_case.py): the Case op and
its Identity outputs, values, errors and the gradient's ops. TF 1.14 cannot run the
gradient it builds (its Case rewrite fails); flowgrad's is checked here by value."""
import numpy as np

import flowgrad as tf
import goldens

sc_cases = goldens.generator("core", "switch_case")
GOLDEN = goldens.load("core", "switch_case")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, str):
        assert got == want, where
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-6, err_msg=where)


def test_matches_tf114():
    with tf.Graph().as_default():
        got = sc_cases.build(tf)
    _same(got, GOLDEN["build"], "build")


def test_nested_case_capturing_outer_tensors_matches_tf114():
    # the inner Case's branches capture the outer graph's tensors through the outer branch
    with tf.Graph().as_default():
        got = sc_cases.nested(tf)
    _same(got, GOLDEN["nested"], "nested")


def test_gradient_values():
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        v = tf.constant(3.0)
        i = tf.placeholder(tf.int32, [])
        r = tf.switch_case(i, [lambda: (x * v, tf.sin(v)), lambda: (x, v)])
        gx, gv = tf.gradients(r[0] * 2.0 + r[1], [x, v])
        with tf.Session() as sess:
            a = sess.run([gx, gv], {i: 0})
            b = sess.run([gx, gv], {i: 1})
            c = sess.run([gx, gv], {i: 9})
    np.testing.assert_allclose(a[0], [6.0, 6.0])
    np.testing.assert_allclose(a[1], 2.0 * 3.0 + 2.0 * np.cos(3.0), rtol=1e-6)
    np.testing.assert_allclose(b[0], [2.0, 2.0])
    np.testing.assert_allclose(b[1], 2.0)
    np.testing.assert_allclose(c[0], b[0])


def test_branch_with_variable_runs_only_when_taken():
    with tf.Graph().as_default():
        w = tf.Variable(1.0, use_resource=True)
        i = tf.placeholder(tf.int32, [])
        r = tf.switch_case(i, [lambda: w.assign_add(1.0).read_value() * 1.0,
                               lambda: tf.constant(0.0)])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(r, {i: 1})
            assert sess.run(w) == 1.0
            assert sess.run(r, {i: 0}) == 2.0
            assert sess.run(w) == 2.0
