"""Grappler's constant push-down into a dropout-like chain `((c / 0.8) * m1 / 0.7) * m2`
whose masks m1, m2 [1, N] are Consts, and into its gradient `((g * m2) / 0.7 * m1) / 0.8`.
In a tf.while_loop the masks are captured: the gradient loop enters m1 again
(`gradients/while/mul_grad/Mul/Enter`, a constant Enter), which TF's constant folding
makes a Const in the frame (MoveConstantsPastEnter), so the gradient body folds `m1 / 0.7
/ 0.8` into one [1, N] Const (`gradients/while/mul_grad/Mul`). The Sum over no axes and
the Reshape to the same shape that tf.gradients writes between the gradient's Muls are
gone by Grappler's second round (constant folding makes them Identities, the dependency
optimizer removes them), where the push-down reaches through: with the arithmetic
optimizer on and off (`_off`). Cases: `loop` (the masks captured), `flat` (the same chain,
no loop), `variable_masks` (the loop with variables for masks: no constant, nothing
folded), `folding_off` (the loop with constant folding off: as written), `dependency_off`
(`flat` with the dependency optimizer off: the no-ops stay, nothing pushed through them).
With the host's CPU vendor (`host`: the MatMuls' bits depend on it). Read by
tests/test_loop_const_enter.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor

T, B, D, N = 4, 6, 5, 16
M1 = [[1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]]
M2 = [[1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0]]


_ARITH = ("arithmetic_optimization",)


def _session(tf, off):
    """A session with the RewriterConfig fields `off` switched OFF."""
    cfg = tf.ConfigProto()
    for field in off:
        setattr(cfg.graph_options.rewrite_options, field, 2)   # RewriterConfig.OFF
    return tf.Session(config=cfg)


def _masks(tf, variables):
    if variables:
        return (tf.Variable(np.array(M1, np.float32), name="m1"),
                tf.Variable(np.array(M2, np.float32), name="m2"))
    return tf.constant(M1, tf.float32, name="m1"), tf.constant(M2, tf.float32, name="m2")


def _loop(tf, off, variables=False):
    rs = np.random.RandomState(5246)
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(T, B, D).astype(np.float32), name="x")
        w = tf.Variable(rs.randn(D, N).astype(np.float32) * 0.5, name="w")
        h0 = tf.constant(rs.randn(B, N).astype(np.float32), name="h0")
        m1, m2 = _masks(tf, variables)

        def body(t, h):
            c = tf.tanh(tf.matmul(tf.gather(x, t), w) + h)
            o = tf.div(c, 0.8) * m1
            return t + 1, tf.div(o, 0.7) * m2

        h = tf.while_loop(lambda t, h: t < T, body, [tf.constant(0), h0])[1]
        g = tf.gradients(tf.reduce_sum(h), [w])[0]
        with _session(tf, off) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([h, g])


def loop(tf, off=False):
    """The final h and d sum(h)/dw: the gradient body's `(. / 0.7 * m1) / 0.8` one Mul
    by a folded Const."""
    return _loop(tf, _ARITH if off else ())


def variable_masks(tf, off=False):
    """As `loop`, m1 and m2 variables: their Enters are no constants."""
    return _loop(tf, _ARITH if off else (), variables=True)


def folding_off(tf, off=False):
    """As `loop` with constant folding off (`off`: the arithmetic optimizer too): as
    written."""
    return _loop(tf, ("constant_folding",) + (_ARITH if off else ()))


def _flat(tf, off):
    rs = np.random.RandomState(5247)
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(B, D).astype(np.float32), name="x")
        w = tf.Variable(rs.randn(D, N).astype(np.float32) * 0.5, name="w")
        m1, m2 = _masks(tf, False)
        c = tf.tanh(tf.matmul(x, w))
        h = tf.div(tf.div(c, 0.8) * m1, 0.7) * m2
        g = tf.gradients(tf.reduce_sum(h * h), [w])[0]
        with _session(tf, off) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([h, g])


def flat(tf, off=False):
    """The chain without a loop, c [B, N]: the final h and d sum(h * h)/dw."""
    return _flat(tf, _ARITH if off else ())


def dependency_off(tf, off=False):
    """As `flat` with the dependency optimizer off: the no-ops stay between the gradient's
    Muls, no push-down through them (with the arithmetic optimizer off)."""
    return _flat(tf, ("dependency_optimization",) + (_ARITH if off else ()))


CASES = {"loop": loop, "flat": flat, "variable_masks": variable_masks,
         "folding_off": folding_off, "dependency_off": dependency_off}


def cases(tf):
    out = {"host": host_vendor()}
    for name, fn in CASES.items():
        out[name] = fn(tf)
        out[name + "_off"] = fn(tf, off=True)
    return out
