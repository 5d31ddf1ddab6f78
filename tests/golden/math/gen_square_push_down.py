"""Grappler's second-round constant push-down does not push into a Mul of one value by
itself: the first round's arithmetic optimizer made it a Square (ReplaceMulWithSquare),
against TF 1.14 bit for bit.

`0.5 * d * d / 0.11` is `((0.5 * d) * d) * recip` after the first round's constant
folding, which pushes recip down: `(0.5 * d) * (recip * d)`; MinimizeBroadcasts regroups
that tree `(d * d) * (0.5 * recip)`, the arithmetic optimizer makes `d * d` a Square, so
the second round's constant folding leaves `Square(d) * C` (not `d * (C * d)`). The
smooth L1 of a box regression (`tf.where(|d| < b, 0.5 * d * d / b, |d| - 0.5 * b)`)
trained with plain gradient descent is written so. Made on an Intel Xeon ("host": TF's
float32 Mul has no host-dependent bits, but every golden made here records its vendor)."""
import numpy as np

from goldenio import host_vendor


def cases(tf):
    out = {"host": host_vendor()}
    with tf.Graph().as_default():
        rs = np.random.RandomState(21)
        v = tf.Variable(rs.uniform(0, 0.2, 400).astype(np.float32))
        d = tf.abs(v)
        exprs = {
            "half_d_d_div": lambda: 0.5 * d * d / 0.11,
            "half_d_d_mul": lambda: 0.5 * d * d * 0.7,
            "d_half_d_div": lambda: d * 0.5 * d / 0.11,
            "half_sq_div": lambda: 0.5 * (d * d) / 0.11,
            "half_d_d": lambda: 0.5 * d * d,
            "d_d_div": lambda: d * d / 0.11,
            "half_d_w_div": lambda: 0.5 * d * tf.abs(v - 0.1) / 0.11,
        }
        with tf.Session() as s:
            s.run(v.initializer)
            for k in sorted(exprs):       # one run each
                out[k] = np.asarray(s.run(exprs[k]()))
    with tf.Graph().as_default():
        rs = np.random.RandomState(22)
        v = tf.Variable(rs.uniform(-1, 1, 64).astype(np.float32))
        t = tf.constant(rs.uniform(-0.05, 0.05, 64).astype(np.float32))
        d = tf.abs(v * 0.1 - t)
        smooth = tf.where(d < 0.11, 0.5 * d * d / 0.11, d - 0.055)
        loss = tf.reduce_sum(smooth)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        got = []
        with tf.Session() as s:
            s.run(v.initializer)
            for _ in range(3):
                got.append(s.run(smooth))
                s.run(train)
            got.append(s.run(v))
        out["smooth_l1_steps"] = np.stack(got)
    return out
