"""Tensor: identity, static shapes, Python operators and their TF 1.x semantics."""
import framework_golden
import numpy as np
import pytest

import flowgrad as tf


def test_names_and_properties():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.identity(x, name="y")
    assert (y.name, y.value_index, y.op.name, y.dtype) == ("y:0", 0, "y", tf.float32)
    assert str(y.shape) == "(?, 3)" and y.get_shape() is y.shape
    assert repr(y) == "<tf.Tensor 'y:0' shape=(?, 3) dtype=float32>"
    assert str(y) == 'Tensor("y:0", shape=(?, 3), dtype=float32)'
    assert x.consumers() == [y.op] and y.graph is tf.get_default_graph()


def test_equality_is_identity_and_tensors_hash():
    a = tf.constant(1.0)
    b = tf.constant(1.0)
    assert a == a and a != b and not (a == b)
    assert {a: 1, b: 2}[a] == 1


def test_bool_iter_len_raise_type_error():
    x = tf.placeholder(tf.float32, [2, 3])
    with pytest.raises(TypeError, match="Using a `tf.Tensor` as a Python `bool`"):
        bool(x)
    with pytest.raises(TypeError, match="only iterable when eager execution is enabled"):
        a, b = x
    with pytest.raises(TypeError, match="has no len"):
        len(x)
    with pytest.raises(NotImplementedError, match="Cannot convert a symbolic Tensor"):
        np.asarray(x)


def test_set_shape_merges_and_checks():
    x = tf.placeholder(tf.float32)
    x.set_shape([None, 2])
    x.set_shape([3, None])
    assert x.shape.as_list() == [3, 2]
    with pytest.raises(ValueError, match="Dimension 1 in both shapes must be equal"):
        x.set_shape([3, 4])


def test_eval_with_feed_and_session():
    x = tf.placeholder(tf.float32, [])
    y = x * 2.0
    sess = tf.Session()
    assert y.eval({x: 2.0}, session=sess) == 4.0
    with sess.as_default():
        assert y.eval(feed_dict={x: 3.0}) == 6.0
    sess.close()


OPERATORS = [
    ("add", lambda a, b: a + b, np.add), ("sub", lambda a, b: a - b, np.subtract),
    ("mul", lambda a, b: a * b, np.multiply), ("truediv", lambda a, b: a / b, np.true_divide),
    ("floordiv", lambda a, b: a // b, np.floor_divide), ("mod", lambda a, b: a % b, np.mod),
    ("pow", lambda a, b: a ** b, np.power), ("lt", lambda a, b: a < b, np.less),
    ("le", lambda a, b: a <= b, np.less_equal), ("gt", lambda a, b: a > b, np.greater),
    ("ge", lambda a, b: a >= b, np.greater_equal),
]


@pytest.mark.parametrize("name, op, ref", OPERATORS, ids=[o[0] for o in OPERATORS])
def test_binary_operators_with_tensors_numbers_and_arrays(name, op, ref):
    a = np.array([[1.5, 2.0, 3.0]], np.float32)
    b = np.array([[0.5], [2.0]], np.float32)
    ta, tb = tf.constant(a), tf.constant(b)
    outs = [op(ta, tb), op(ta, 2.0), op(2.0, ta), op(ta, b)]
    exps = [ref(a, b), ref(a, np.float32(2.0)), ref(np.float32(2.0), a), ref(a, b)]
    with tf.Session() as sess:
        for got, exp in zip(sess.run(outs), exps):
            assert got.dtype == exp.dtype
            np.testing.assert_allclose(got, exp, rtol=1e-6)


def test_unary_and_logical_operators():
    x = tf.constant([-1.5, 2.0])
    b = tf.constant([True, False])
    with tf.Session() as sess:
        neg, ab, inv, band, bor, bxor = sess.run([-x, abs(x), ~b, b & True, b | False, b ^ b])
    assert neg.tolist() == [1.5, -2.0] and ab.tolist() == [1.5, 2.0]
    assert inv.tolist() == [False, True] and band.tolist() == [True, False]
    assert bor.tolist() == [True, False] and bxor.tolist() == [False, False]


def test_operators_on_variables_read_the_value():
    v = tf.Variable([1.0, 2.0])
    y = 2.0 * v + v
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(y).tolist() == [3.0, 6.0]


def test_getitem_and_matmul():
    if not hasattr(tf, "matmul"):
        pytest.skip("tf.matmul is not implemented yet")
    x = tf.constant(np.arange(6.0).reshape(2, 3))
    w = tf.constant(np.ones((3, 2)))
    with tf.Session() as sess:
        r, c, m = sess.run([x[1], x[:, 1:], x @ w])
    assert r.tolist() == [3.0, 4.0, 5.0] and c.tolist() == [[1.0, 2.0], [4.0, 5.0]]
    assert m.tolist() == [[3.0, 3.0], [12.0, 12.0]]


def test_python_operand_converts_to_the_tensor_dtype():
    i = tf.constant([1, 2])
    assert (i + 1).dtype == tf.int32 and (i * 2).op.inputs[1].name == "mul/y:0"
    with pytest.raises(TypeError, match="Input 'y' of 'Add' Op has type float32 that does not "
                                        "match type int32 of argument 'x'."):
        i + 1.5
    f = tf.constant(1.0, tf.float64)
    assert (1 + f).dtype == tf.float64


def test_every_golden_case_is_tested():
    """Each variables/scope/initializer/logging/cond case in tests/golden/framework is run."""
    import re
    here = framework_golden.HERE
    tests_dir = framework_golden.os.path.dirname(framework_golden.os.path.dirname(here))
    text = "".join(open(framework_golden.os.path.join(tests_dir, f)).read()
                   for f in ["test_variables.py", "test_variable_scope.py", "test_initializers.py",
                             "test_logging_ops.py", "test_cond.py"])
    named = set(re.findall(r'"([a-z_0-9]+)"', text))
    named.add("cond") if 'check("cases_variables", "cond")' in text else None
    missing = [c for c in framework_golden.case_names("cases_variables") if c not in named]
    assert missing == []
