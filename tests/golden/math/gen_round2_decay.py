"""Grappler's constant folding of `1 * y` and `y + 0` (SimplifyArithmeticOperations) in the
learning-rate schedules, against TF 1.14 bit for bit.

- In a plan with no ref-input op (fetching a schedule's value) each is an Identity that the
  first round's dependency optimizer removes, so the second round's constant folding pushes
  the constants down through it: cosine_decay_restarts' `lr * ((1 - alpha) * decayed +
  alpha)` with alpha 0 runs as `(0.05 * m_mul ** i) * (1 + cos)`.
- In a plan with one (Optimizer.minimize on reference variables) each is a Snapshot, which
  stays: linear_cosine_decay's `pi * ((2 * num_periods) * fraction)` with num_periods 0.5
  runs as `pi * fraction`, not `fraction * pi/6` (the Momentum steps of a noisy schedule)."""
import math

import numpy as np


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        gs = tf.Variable(0, dtype=tf.int64)
        lrs = [tf.train.cosine_decay_restarts(0.1, gs, 3, t_mul=2.0, m_mul=0.8),
               tf.train.cosine_decay_restarts(0.1, gs, 2, alpha=0.05),
               tf.train.cosine_decay_restarts(0.05, gs, 5, t_mul=1.5, m_mul=0.9, alpha=0.01),
               tf.train.cosine_decay_restarts(0.3, gs, 1, t_mul=3.0),
               tf.train.linear_cosine_decay(0.1, gs, 6),
               tf.train.linear_cosine_decay(0.1, gs, 7, num_periods=1.5, alpha=0.1,
                                            beta=0.01),
               tf.train.cosine_decay(0.2, gs, 9, alpha=0.2)]
        st = tf.placeholder(tf.int64, [])
        a = tf.assign(gs, st)
        with tf.Session() as s:
            for i in range(24):
                s.run(a, {st: i})
                out["schedules_step%d" % i] = np.array(s.run(lrs), np.float32)
    with tf.Graph().as_default():
        v = tf.Variable(5.0)
        x = v * 1.0
        c6 = tf.cast(tf.constant(6, tf.int64), tf.float32)
        one = tf.cast(tf.constant(0.5), tf.float32)
        exprs = [tf.constant(math.pi) * ((2.0 * one) * (x / c6)),
                 tf.constant(math.pi) * (tf.constant(1.0) * (x * tf.constant(1 / 6.0))),
                 0.1 * ((0.5 * (x * x)) * 1.0 + 0.0),
                 0.3 + ((x + 0.7) * 1.0 + 0.0)]
        bump = tf.assign_add(v, 0.25)
        with tf.Session() as s:
            s.run(v.initializer)
            out["identity_push"] = np.array(s.run(exprs), np.float32)
            # with an Assign in the plan: Snapshots, nothing pushed through them
            got = s.run(exprs + [bump])
            out["snapshot_kept"] = np.array(got[:-1], np.float32)
    with tf.Graph().as_default():
        rng = np.random.RandomState(2)
        v = tf.Variable(rng.randn(30).astype(np.float32))
        x = v * 1.0
        w = tf.constant(rng.randn(30).astype(np.float32))
        z = tf.zeros([30])
        exprs = [0.3 + ((x + 0.7) + 0.0), 0.3 + (0.0 + (x + 0.7)),
                 0.1 * ((x * 0.3) * 1.0), 0.1 * (((x * 0.3) * 1.0) + 0.0),
                 0.1 * ((x * w) * 1.0), 0.37 * (((x * w) + z) * 0.3),
                 1.7 + ((x * 0.3 + 0.0) + 2.1), 0.3 * ((x * 0.7) / 1.0),
                 0.1 * ((x * w) * tf.ones([30]))]
        with tf.Session() as s:
            s.run(v.initializer)
            # (one run each: in one run Grappler's dedup merges the two `x + 0.7`, read
            # twice then, so its second round pushes nothing into them)
            out["chains_identity"] = np.stack([s.run(e) for e in exprs])
            with tf.control_dependencies(exprs):
                bump = tf.assign_add(v, tf.ones([30]) * 0.25)
            out["chains_snapshot"] = np.stack(s.run(exprs + [bump])[:-1])
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        gs = tf.train.get_or_create_global_step()
        sched = {"lcos": tf.train.linear_cosine_decay(0.1, gs, 6),
                 "nlcos": tf.train.noisy_linear_cosine_decay(0.1, gs, 6),
                 "rst": tf.train.cosine_decay_restarts(0.1, gs, 3, t_mul=2.0, m_mul=0.8)}
        rs = np.random.RandomState(1)
        xs = tf.constant(rs.randn(8, 4).astype(np.float32))
        ys = tf.constant(rs.randn(8, 1).astype(np.float32))
        trains, ws = [], []
        for k in sorted(sched):
            w = tf.Variable(tf.random_normal([4, 1]), name="w_" + k)
            ws.append(w)
            loss = tf.reduce_mean(tf.square(tf.matmul(xs, w) - ys))
            trains.append(tf.train.MomentumOptimizer(sched[k], 0.9).minimize(loss))
        inc = tf.assign_add(gs, 1)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(8):
                s.run(trains)
                s.run(inc)
                out["momentum_step%d" % i] = np.concatenate([s.run(w) for w in ws], 1)
    return out
