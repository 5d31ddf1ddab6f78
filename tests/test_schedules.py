"""Learning-rate schedules against TF 1.14 values (tests/golden/train/schedules.json)."""

import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("train", "schedules")


def _schedules(step):
    return {
        "exponential": tf.train.exponential_decay(0.1, step, 10, 0.5),
        "exponential_staircase": tf.train.exponential_decay(0.1, step, 10, 0.5, staircase=True),
        "piecewise": tf.train.piecewise_constant(step, [5, 10, 25], [1.0, 0.5, 0.1, 0.01]),
        "polynomial": tf.train.polynomial_decay(0.1, step, 20, 0.001),
        "polynomial_power": tf.train.polynomial_decay(0.1, step, 20, 0.001, power=2.0),
        "polynomial_cycle": tf.train.polynomial_decay(0.1, step, 8, 0.01, power=0.5, cycle=True),
        "cosine": tf.train.cosine_decay(0.1, step, 30),
        "cosine_alpha": tf.train.cosine_decay(0.1, step, 30, alpha=0.2),
        "inverse_time": tf.train.inverse_time_decay(0.1, step, 10, 0.5),
        "inverse_time_staircase": tf.train.inverse_time_decay(0.1, step, 10, 0.5, staircase=True),
        "natural_exp": tf.train.natural_exp_decay(0.1, step, 10, 0.5),
        "natural_exp_staircase": tf.train.natural_exp_decay(0.1, step, 10, 0.5, staircase=True),
        "cosine_restarts": tf.train.cosine_decay_restarts(0.1, step, 4),
        "cosine_restarts_mul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.0, m_mul=0.5,
                                                              alpha=0.1),
        "cosine_restarts_tmul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.5,
                                                               m_mul=0.8),
        "linear_cosine": tf.train.linear_cosine_decay(0.1, step, 30),
        "linear_cosine_args": tf.train.linear_cosine_decay(0.1, step, 30, num_periods=2.0,
                                                           alpha=0.1, beta=0.01),
        "noisy_linear_cosine_no_noise": tf.train.noisy_linear_cosine_decay(
            0.1, step, 30, initial_variance=0.0, num_periods=2.0, alpha=0.1, beta=0.01),
    }


@pytest.mark.parametrize("key", sorted(GOLDEN["values"]))
def test_schedule_matches_tf(key):
    step = tf.placeholder(tf.int64, [])
    t = _schedules(step)[key]
    assert t.dtype.name == GOLDEN["dtypes"][key]
    with tf.Session() as sess:
        got = [sess.run(t, {step: s}) for s in GOLDEN["steps"]]
    np.testing.assert_allclose(got, GOLDEN["values"][key], rtol=2e-6, atol=1e-9)


def test_schedule_driven_by_global_step_in_training():
    gs = tf.train.get_or_create_global_step()
    w = tf.Variable(1.0, name="w")
    lr = tf.train.exponential_decay(1.0, gs, 1, 0.5)
    op = tf.train.GradientDescentOptimizer(lr).minimize(w * 1.0, global_step=gs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(op)
        assert sess.run(w) == pytest.approx(1.0 - 1.0 - 0.5 - 0.25)
        assert sess.run(lr) == pytest.approx(0.125)


def test_cosine_restarts_tensor_t_mul_selects_branch():
    step = tf.placeholder(tf.int64, [])
    a = tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=tf.constant(1.5), m_mul=0.8)
    b = tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.5, m_mul=0.8)
    c = tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=tf.constant(1.0))
    d = tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.0)
    with tf.Session() as sess:
        for s in GOLDEN["steps"]:
            assert sess.run(a, {step: s}) == pytest.approx(sess.run(b, {step: s}), rel=1e-6)
            assert sess.run(c, {step: s}) == pytest.approx(sess.run(d, {step: s}), rel=1e-6)


def test_noisy_linear_cosine_noise_has_the_scheduled_spread():
    step = tf.placeholder(tf.int64, [])
    tf.set_random_seed(1)
    noisy = tf.train.noisy_linear_cosine_decay(1.0, step, 100, initial_variance=1.0,
                                               variance_decay=0.55, num_periods=0.0, beta=0.0)
    clean = tf.train.linear_cosine_decay(1.0, step, 100, num_periods=0.0, beta=0.0)
    with tf.Session() as sess:
        diffs = np.array([sess.run(noisy, {step: 3}) - sess.run(clean, {step: 3})
                          for _ in range(400)])
    # num_periods=0: cosine part is 1, so noisy - clean ~ N(0, 1 / 4^0.55).
    assert abs(diffs.std() - (1.0 / 4 ** 0.55) ** 0.5) < 0.1
    assert abs(diffs.mean()) < 0.1


def test_piecewise_int_values_and_int32_step():
    s = tf.placeholder(tf.int32, [])
    t = tf.train.piecewise_constant(s, [5, 10], [1, 2, 3])
    assert t.dtype == tf.int32
    with tf.Session() as sess:
        assert [int(sess.run(t, {s: v})) for v in GOLDEN["steps"]] == GOLDEN["piecewise_int"]


def test_float64_learning_rate_sets_dtype():
    t = tf.train.exponential_decay(tf.constant(0.1, tf.float64), tf.constant(7), 10, 0.5)
    assert t.dtype.name == GOLDEN["exponential_float64_dtype"]
    with tf.Session() as sess:
        assert sess.run(t) == pytest.approx(GOLDEN["exponential_float64"], rel=1e-15)


def test_names():
    step = tf.placeholder(tf.int64, [])
    assert tf.train.exponential_decay(0.1, step, 10, 0.5).op.name == "ExponentialDecay"
    assert tf.train.polynomial_decay(0.1, step, 10).op.name == "PolynomialDecay"
    assert tf.train.inverse_time_decay(0.1, step, 10, 0.5, name="itd").op.name == "itd"


def test_schedule_errors():
    step = tf.placeholder(tf.int64, [])
    with pytest.raises(ValueError, match="1 less than the length of values"):
        tf.train.piecewise_constant(step, [1, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match="must have the same dtype as x"):
        tf.train.piecewise_constant(step, [1.0], [0.1, 0.2])
    with pytest.raises(ValueError, match="Values must have elements all with the same dtype"):
        tf.train.piecewise_constant(step, [1], [0.1, 2])
    with pytest.raises(ValueError, match="None values not supported."):   # TF 1.14's cast
        tf.train.exponential_decay(0.1, None, 10, 0.5)
