"""Race warnings (flowgrad.engine.runtime.races): a run that writes a variable and reads it
through an op with no ordering to the write warns once per plan; "error" raises."""
import warnings

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.debug import RaceError, RaceWarning, set_race_policy


@pytest.fixture(autouse=True)
def _warn_policy():
    old = set_race_policy("warn")
    yield
    set_race_policy(old)


def _races(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, [str(w.message) for w in caught if issubclass(w.category, RaceWarning)]


def _example2(with_control_dependency):
    x = tf.Variable(tf.constant(2.0), name="x")
    y = x ** 3
    update_op = tf.assign(x, x + 1)
    if with_control_dependency:
        with tf.control_dependencies([update_op]):
            dy_dx = tf.gradients(y, x)
    else:
        dy_dx = tf.gradients(y, x)
    return update_op, dy_dx


def test_design_note_example2_without_control_dependency_warns_once_per_plan():
    update_op, dy_dx = _example2(False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, msgs = _races(lambda: [sess.run([update_op, dy_dx]) for _ in range(3)])
    assert len(msgs) == 1
    msg = msgs[0]
    assert "variable 'x'" in msg and "Assign 'Assign'" in msg
    assert "'gradients/pow_grad/Pow'" in msg
    assert "test_races.py:" in msg            # both source lines are named


def test_design_note_example2_with_control_dependency_is_quiet():
    update_op, dy_dx = _example2(True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, msgs = _races(lambda: sess.run(dy_dx))
    assert msgs == [] and value == [27.0]


def test_error_policy_raises_before_running():
    update_op, dy_dx = _example2(False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        set_race_policy("error")
        with pytest.raises(RaceError, match="no control or data dependency"):
            sess.run([update_op, dy_dx])
        assert sess.run(tf.get_default_graph().get_tensor_by_name("x:0")) == 2.0
        set_race_policy("off")
        _, msgs = _races(lambda: sess.run([update_op, dy_dx]))
        assert msgs == []


def test_bad_policy():
    with pytest.raises(ValueError, match="race policy"):
        set_race_policy("sometimes")


def test_training_loop_with_loss_summary_weight_fetch_and_global_step_is_quiet():
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    h = tf.layers.dense(x, 4, activation=tf.nn.relu,
                        kernel_regularizer=tf.contrib.layers.l2_regularizer(0.1))
    out = tf.layers.dense(h, 1)
    loss = tf.reduce_mean(tf.square(out - y)) + tf.losses.get_regularization_loss()
    kernel = tf.trainable_variables()[0]
    tf.summary.histogram("kernel", kernel)
    summ = tf.summary.merge_all()
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
    feed = {x: np.ones((2, 3), np.float32), y: np.ones((2, 1), np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, msgs = _races(lambda: [sess.run([train, loss, summ, kernel, step], feed)
                                  for _ in range(2)])
    assert msgs == []


def test_gate_none_update_races_with_the_other_gradient():
    # GATE_NONE: w's update and v's gradient (which reads w) have no ordering (TF's docs:
    # "some gradients might be computed with updated values")
    w = tf.Variable([1.0, 2.0], name="w")
    v = tf.Variable([0.5, -0.5], name="v")
    loss = tf.reduce_sum(tf.square(w * v))
    op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, gate_gradients=0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, msgs = _races(lambda: sess.run(op))
    assert len(msgs) == 1 and "variable 'w'" in msgs[0] and "variable 'v'" in msgs[0]


def test_initialized_value_and_cond_branches_are_not_races():
    v = tf.Variable([1.0, 2.0], name="v")
    shadow = tf.Variable(v.initialized_value() * 2, name="shadow")
    p = tf.placeholder_with_default(True, [])
    r = tf.cond(p, lambda: tf.assign_add(v, [1.0, 1.0]), lambda: tf.identity(v))
    with tf.Session() as sess:
        _, msgs = _races(lambda: sess.run(tf.global_variables_initializer()))
        assert msgs == []
        _, msgs = _races(lambda: sess.run(r))
        assert msgs == []
        assert sess.run(shadow).tolist() == [2.0, 4.0]


def test_resource_variable_read_and_assign_unordered():
    v = tf.get_variable("rv", initializer=1.0, use_resource=True)
    upd = v.assign_add(1.0)
    doubled = v.read_value() * 2.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, msgs = _races(lambda: sess.run([upd, doubled]))
    assert len(msgs) == 1 and "variable 'rv'" in msgs[0]


def test_batch_norm_with_a_training_tensor_is_quiet():
    """tf.layers.batch_normalization(training=<tensor>): the moving statistics are updated
    with momentum cond(training, m, 1.0) and read in another cond's false branch; the read
    never sees a changed value, so it is no race (it warned before)."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 4, 4, 3])
        training = tf.placeholder(tf.bool, [])
        h = tf.layers.batch_normalization(x, training=training)
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            step = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(h * h))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with warnings.catch_warnings():
                warnings.simplefilter("error", RaceWarning)
                sess.run(step, {x: np.ones([2, 4, 4, 3], np.float32), training: True})
