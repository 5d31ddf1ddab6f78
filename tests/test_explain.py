"""flowgrad.explain_gradients: each reason a gradient is None or zero, checked against what
tf.gradients actually returns, and the optimizers' "No gradients provided" error."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad import explain_gradients


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default():
        yield


def _agrees(ys, xs, records):
    """status 'none' exactly where tf.gradients gives None; 'zero' where it gives zeros."""
    grads = tf.gradients(ys, xs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for g, r in zip(grads, records):
            assert (g is None) == (r.status == "none"), r
            if r.status == "zero":
                assert not np.any(sess.run(g, {"x:0": np.ones(3, np.float32)}))


def _x():
    return tf.placeholder(tf.float32, [3], name="x")


def test_exists_and_ops_between():
    x = _x()
    w = tf.Variable(tf.ones([3]), name="w")
    loss = tf.reduce_sum(x * w)
    rx, rw = explain_gradients(loss, [x, w])
    assert rx.status == rw.status == "exists"
    assert rx.ops_between == 3 and "3 ops between 'x:0' and ys" in str(rx)
    _agrees(loss, [x, w], [rx, rw])


def test_through_integer_tensor():
    x = _x()
    loss = tf.reduce_sum(tf.cast(tf.cast(x, tf.int32), tf.float32))
    [r] = explain_gradients(loss, [x])
    assert r.status == "none" and r.causes[0]["kind"] == "integer"
    assert "the int32 tensor 'Cast:0'" in r.reason and "test_explain.py:" in r.reason
    _agrees(loss, [x], [r])


def test_through_non_differentiable_op_and_argmax():
    x = _x()
    loss = tf.reduce_sum(tf.floor(x))
    am = tf.cast(tf.argmax(x), tf.float32)
    [r] = explain_gradients(loss, [x])
    assert r.status == "none" and r.causes == [
        {"kind": "not_differentiable", "op": "Floor", "type": "Floor", "tensor": "x:0",
         "at": r.causes[0]["at"], "tensor_dtype": "float32"}]
    assert r.causes[0]["at"].startswith("test_explain.py:")
    assert "'Floor' (Floor), an op with no gradient (created at test_explain.py:" in r.reason
    [r2] = explain_gradients(am, [x])
    assert r2.status == "none" and "ArgMax" in r2.reason
    _agrees([loss], [x], [r])
    _agrees([am], [x], [r2])


def test_stop_gradient_and_partly_cut():
    x = _x()
    loss = tf.reduce_sum(tf.stop_gradient(x) * 2.0)
    both = tf.reduce_sum(tf.stop_gradient(x) * x)
    [r] = explain_gradients(loss, [x])
    assert r.status == "none" and "tf.stop_gradient ('StopGradient')" in r.reason
    [r2] = explain_gradients(both, x)
    assert r2.status == "exists" and "another path is cut" in r2.reason
    _agrees(loss, [x], [r])


def test_variable_value_is_the_read_ys_use():
    w = tf.Variable(tf.ones([3]), name="w")
    loss = tf.reduce_sum(w * 2.0)
    [r] = explain_gradients(loss, [w.value()])     # w/read:0 itself, as in TF 1.14
    assert r.status == "exists"


@pytest.mark.parametrize("read", ["identity", "read_value"])
def test_variable_read_through_another_tensor(read):
    w = tf.Variable(tf.ones([3]), name="w")
    loss = tf.reduce_sum(w * 2.0)
    passed = {"identity": lambda: tf.identity(w), "read_value": w.read_value}[read]()
    [r] = explain_gradients(loss, [passed])
    assert r.status == "none" and r.causes[0]["kind"] == "other_read", r
    assert "reads variable 'w' through another tensor than the one ys uses ('w/read:0')" \
        in r.reason
    assert tf.gradients(loss, [passed]) == [None]


def test_tensor_computed_aside():
    x = _x()
    h_first = tf.sin(x)
    loss = tf.reduce_sum(tf.sin(x))      # rebuilt: ys do not use h_first
    [r] = explain_gradients(loss, [h_first])
    assert r.status == "none" and r.causes[0]["kind"] == "computed_aside"
    assert "is computed from 'x:0', which ys uses" in r.reason
    _agrees(loss, [h_first], [r])


def test_placeholder_and_no_path():
    x = _x()
    p = tf.placeholder(tf.float32, name="p")
    c = tf.constant(1.0, name="c")
    loss = tf.reduce_sum(x * 2.0)
    rp, rc = explain_gradients(loss, [p, c])
    assert rp.causes[0]["kind"] == "unconnected_placeholder" and "feeding it" in rp.reason
    assert rc.causes[0]["kind"] == "no_path" and "ys does not depend on 'c:0'" in rc.reason
    _agrees(loss, [p, c], [rp, rc])


def test_integer_x():
    i = tf.placeholder(tf.int32, [3], name="i")
    loss = tf.reduce_sum(tf.cast(i, tf.float32))
    [r] = explain_gradients(loss, [i])
    assert r.status == "none" and "'i:0' is a int32 tensor" in r.reason


def test_identically_zero():
    x = _x()
    loss = tf.reduce_sum(tf.sign(x) * 3.0)
    [r] = explain_gradients(loss, [x])
    assert r.status == "zero" and "'Sign' (Sign), whose gradient is zero" in r.reason
    _agrees(loss, [x], [r])

    # zeros_like of a tensor of known shape is a constant: no path at all
    [rz] = explain_gradients(tf.reduce_sum(tf.zeros_like(x) + 1.0), [x])
    assert rz.status == "none" and rz.causes[0]["kind"] == "unconnected_placeholder"
    u = tf.placeholder(tf.float32, name="u")     # unknown shape: op ZerosLike, no gradient
    zu = tf.reduce_sum(tf.zeros_like(u) + 1.0)
    [ru] = explain_gradients(zu, [u])
    assert ru.status == "none" and "'zeros_like_1' (ZerosLike), an op with no gradient" \
        in ru.reason
    assert tf.gradients(zu, [u]) == [None]


def test_cost_is_local():
    # a long chain before x does not enter the walk between x and ys
    h = _x()
    for _ in range(2000):
        h = h + 1.0
    loss = tf.reduce_sum(h * 2.0)
    [r] = explain_gradients(loss, [h])
    assert r.status == "exists" and r.ops_between == 3


def test_grad_ys_count_checked():
    x = _x()
    with pytest.raises(ValueError, match="Passed 2 grad_ys for 1 ys"):
        explain_gradients(x * 2.0, [x], grad_ys=[x, x])


def test_optimizer_error_ends_with_the_explanation():
    w = tf.Variable(tf.ones([3]), name="w")
    u = tf.Variable(tf.ones([3]), name="u")
    loss = tf.reduce_sum(tf.round(w) * 2.0) + tf.reduce_sum(tf.identity(u) * 0.0)
    opt = tf.train.GradientDescentOptimizer(0.1)
    with pytest.raises(ValueError) as e:
        opt.minimize(tf.reduce_sum(tf.round(w)), var_list=[w])
    msg = str(e.value)
    assert msg.startswith("No gradients provided for any variable")
    assert msg.rstrip().endswith("an op with no gradient (created at test_explain.py:%d)"
                                 % (test_optimizer_error_ends_with_the_explanation.__code__
                                    .co_firstlineno + 6))
    assert loss is not None
