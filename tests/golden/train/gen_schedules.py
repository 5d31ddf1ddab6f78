"""Learning-rate schedules under TF 1.14: values at a table of global steps, dtypes
(tests/test_schedules.py)."""


def cases(tf):
    tf.reset_default_graph()
    step = tf.placeholder(tf.int64, [])
    steps = [0, 1, 3, 5, 7, 10, 12, 25, 40, 100]
    sched = {
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
        "cosine_restarts_mul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.0, m_mul=0.5, alpha=0.1),
        "cosine_restarts_tmul": tf.train.cosine_decay_restarts(0.1, step, 3, t_mul=1.5, m_mul=0.8),
        "linear_cosine": tf.train.linear_cosine_decay(0.1, step, 30),
        "linear_cosine_args": tf.train.linear_cosine_decay(0.1, step, 30, num_periods=2.0, alpha=0.1, beta=0.01),
        "noisy_linear_cosine_no_noise": tf.train.noisy_linear_cosine_decay(0.1, step, 30, initial_variance=0.0, num_periods=2.0, alpha=0.1, beta=0.01),
    }
    out = {"steps": steps, "values": {}, "dtypes": {k: v.dtype.name for k, v in sched.items()}}
    with tf.Session() as sess:
        for k, t in sched.items():
            out["values"][k] = [float(sess.run(t, {step: s})) for s in steps]
    tf.reset_default_graph()
    s32 = tf.placeholder(tf.int32, [])
    t = tf.train.piecewise_constant(s32, [5, 10], [1, 2, 3])
    with tf.Session() as sess:
        out["piecewise_int"] = [int(sess.run(t, {s32: s})) for s in steps]
    tf.reset_default_graph()
    t = tf.train.exponential_decay(tf.constant(0.1, tf.float64), tf.constant(7), 10, 0.5)
    with tf.Session() as sess:
        out["exponential_float64"] = float(sess.run(t))
        out["exponential_float64_dtype"] = t.dtype.name
    return out
