"""Every tf.train learning-rate schedule of TF 1.14 printed over a global step fed by
assign: exponential_decay (staircase or not), piecewise_constant, polynomial_decay with
cycle, cosine_decay, cosine_decay_restarts, linear_cosine_decay, noisy_linear_cosine_decay
with a seed, inverse_time_decay and natural_exp_decay; op names and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(3)
gs = tf.train.get_or_create_global_step()
set_step = tf.placeholder(tf.int64, [])
assign = tf.assign(gs, set_step)
lrs = [
    tf.train.exponential_decay(0.1, gs, 3, 0.5),
    tf.train.exponential_decay(0.1, gs, 3, 0.5, staircase=True, name="stair"),
    tf.train.piecewise_constant(gs, [2, 5], [0.3, 0.2, 0.05]),
    tf.train.polynomial_decay(0.1, gs, 4, end_learning_rate=0.01, power=2.0),
    tf.train.polynomial_decay(0.1, gs, 4, end_learning_rate=0.01, power=0.5, cycle=True),
    tf.train.cosine_decay(0.1, gs, 6, alpha=0.1),
    tf.train.cosine_decay_restarts(0.1, gs, 2, t_mul=2.0, m_mul=0.5, alpha=0.05),
    tf.train.linear_cosine_decay(0.1, gs, 6, num_periods=1.5, alpha=0.1, beta=0.01),
    tf.train.noisy_linear_cosine_decay(0.1, gs, 6, initial_variance=0.5, variance_decay=0.3),
    tf.train.inverse_time_decay(0.1, gs, 2, 0.5),
    tf.train.inverse_time_decay(0.1, gs, 2, 0.5, staircase=True),
    tf.train.natural_exp_decay(0.1, gs, 2, 0.5),
    tf.train.natural_exp_decay(0.1, gs, 2, 0.5, staircase=True),
]
for lr in lrs:
    print(lr.name, lr.dtype.name, lr.shape)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(0, 10):
        sess.run(assign, {set_step: step})
        vals = sess.run(lrs[:8] + lrs[9:])
        print(step, " ".join(repr(float(v)) for v in vals))
    noisy = sess.run(lrs[8])
    print("noisy", np.float32(noisy).dtype, 0.0 < noisy < 0.2)
for bad in [lambda: tf.train.exponential_decay(0.1, None, 3, 0.5),
            lambda: tf.train.piecewise_constant(gs, [2, 5], [0.3, 0.2]),
            lambda: tf.train.cosine_decay(0.1, None, 6),
            lambda: tf.train.polynomial_decay(0.1, None, 4)]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
