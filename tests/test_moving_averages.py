"""ExponentialMovingAverage against TF 1.14 (tests/golden/train/moving_averages.json)."""

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.train.moving_averages import assign_moving_average

GOLDEN = goldens.load("train", "moving_averages")


@pytest.mark.parametrize("label", ["plain", "num_updates", "zero_debias"])
def test_ema_matches_tf(label):
    rec = GOLDEN[label]
    gs = tf.train.get_or_create_global_step()
    v = tf.Variable([1.0, 2.0], name="v")
    u = tf.Variable(3.0, name="u")
    t = tf.identity(v * 2.0, name="t")
    kw = {"plain": dict(decay=0.9), "num_updates": dict(decay=0.99, num_updates=gs),
          "zero_debias": dict(decay=0.8, zero_debias=True)}[label]
    ema = tf.train.ExponentialMovingAverage(**kw)
    upd = ema.apply([v, u, t])
    assert upd.name == rec["update_op"]
    assert {x.op.name: ema.average(x).op.name for x in (v, u)} == rec["names"]
    assert ema.average_name(t) == rec["average_name_t"] == ema.average(t).op.name
    assert [x.name for x in tf.global_variables()] == rec["global_variables"]
    assert [x.name for x in tf.moving_average_variables()] == rec["moving_average_variables"]
    assert sorted(ema.variables_to_restore()) == rec["restore"]
    assert not ema.average(v).trainable
    new_v = tf.placeholder(tf.float32, [2])
    new_u = tf.placeholder(tf.float32, [])
    assign = tf.group(tf.assign(v, new_v), tf.assign(u, new_u), tf.assign_add(gs, 1))
    fetch = [ema.average(v), ema.average(u), ema.average(t)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for got, want in zip(sess.run(fetch), rec["initial"]):
            np.testing.assert_allclose(got, want, rtol=1e-6)
        for (nv, nu), want_step in zip(rec["values"], rec["steps"]):
            sess.run(assign, {new_v: nv, new_u: nu})
            sess.run(upd)
            for got, want in zip(sess.run(fetch), want_step):
                np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-7)


def test_average_name_before_apply():
    ema = tf.train.ExponentialMovingAverage(0.5, name="foo")
    v = tf.Variable(1.0, name="scope/v")
    assert ema.average_name(v) == GOLDEN["average_name_before_apply"]
    assert ema.average(v) is None


def test_apply_after_train_op_in_control_dependencies():
    w = tf.Variable([1.0, 2.0], name="w")
    opt_op = tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduce_sum(w * w))
    ema = tf.train.ExponentialMovingAverage(0.5)
    with tf.control_dependencies([opt_op]):
        train = ema.apply([w])
    avg = ema.average(w)
    assert avg.op.name == "w/ExponentialMovingAverage"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.0, 0.0])
        np.testing.assert_allclose(sess.run(avg), [0.5, 1.0])   # 0.5*[1,2] + 0.5*[0,0]


def test_assign_moving_average_formula_and_debias():
    v = tf.Variable([4.0], name="v")
    up = assign_moving_average(v, tf.constant([2.0]), 0.75, zero_debias=False)
    z = tf.Variable([0.0], name="z")
    upz = assign_moving_average(z, tf.constant([2.0]), 0.75)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(up), [4.0 - 0.25 * 2.0])
        np.testing.assert_allclose(sess.run(upz), [2.0], rtol=1e-6)   # debiased: exact value
        np.testing.assert_allclose(sess.run(upz), [2.0], rtol=1e-6)


def test_ema_errors():
    iv = tf.Variable([1, 2], name="iv")
    with pytest.raises(TypeError, match="The variables must be half, float, or double: iv:0"):
        tf.train.ExponentialMovingAverage(0.9).apply([iv])


def test_shadow_names_follow_the_variable_scope_as_tf():
    with tf.variable_scope("model"):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    ema = tf.train.ExponentialMovingAverage(0.9)
    with tf.variable_scope("emas"):
        ema.apply([w])
    assert ema.average(w).op.name == "emas/model/w/ExponentialMovingAverage"   # as TF 1.14
