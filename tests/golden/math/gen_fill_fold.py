"""Grappler's constant folding of a Fill of a Shape it knows, in a dynamic_rnn body with
a constant sequence_length, against TF 1.14 bit for bit.

The state's Select merges the new state's batch dim with the lengths' (5). Grappler's
Fill shape function takes its dims from `Shape(h)`, so through `h * tf.ones_like(h)` or
`h * tf.fill(tf.shape(h), 0.5)` that dim reaches the cell's `(z + 0.71) + 1.37` (form
"a") or `(z * 0.71) * 1.37` (form "m"); their Shape (the loop gradient's, the Fill's) is
then a Const and ConstantPushDown pushes the constants down. `h + tf.fill(tf.shape(h),
0.25)` is left as written: its folded Fill waits for h, ConstantPushDown makes h read it,
and Grappler fails on that cycle (constant_push_down.push_down_cycle; golden
math/loopvar_push)."""
import numpy as np

B, T, D, H = 5, 6, 4, 3


def _ops(tf):
    return {
        "ones_mul": lambda h: h * tf.ones_like(h),
        "fill_one_mul": lambda h: h * tf.fill(tf.shape(h), 1.0),
        "fill_half_mul": lambda h: h * tf.fill(tf.shape(h), 0.5),
        "ones_mul_tanh": lambda h: tf.tanh(h) * tf.ones_like(h),
        "fill_sub": lambda h: h - tf.fill(tf.shape(h), 0.25),
        "fill_div": lambda h: h / tf.fill(tf.shape(h), 4.0),
        "fill_max": lambda h: tf.maximum(h, tf.fill(tf.shape(h), 0.1)),
        "fill_like": lambda h: h + tf.fill(tf.shape(h), 0.25),
        "fill_like_mul": lambda h: (h + tf.fill(tf.shape(h), 0.25)) * tf.ones_like(h),
        "fill_zero_add": lambda h: h + tf.fill(tf.shape(h), 0.0),
    }


CASES = [("a", k) for k in sorted(_ops(None))] + \
    [("m", "ones_mul"), ("m", "fill_half_mul"), ("m", "fill_like")]


def cases(tf):
    ops = _ops(tf)

    class Cell(tf.nn.rnn_cell.RNNCell):
        def __init__(self, op, form):
            super(Cell, self).__init__()
            self.fn = op
            self.form = form

        @property
        def state_size(self):
            return H

        @property
        def output_size(self):
            return H

        def call(self, x, h):
            w = tf.get_variable("w", [D, H], initializer=tf.random_uniform_initializer(
                -0.7, 0.7, seed=1))
            z = tf.matmul(x, w) + h
            m = (z + 0.71) + 1.37 if self.form == "a" else (z * 0.71) * 1.37
            nh = tf.tanh(self.fn(m))
            return nh, nh

    xd = np.random.RandomState(4).uniform(-1, 1, (B, T, D)).astype(np.float32)
    out = {}
    for form, k in CASES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, (None, T, D))
            with tf.variable_scope(k):
                o, st = tf.nn.dynamic_rnn(Cell(ops[k], form), x, dtype=tf.float32,
                                          sequence_length=tf.constant([T, 3, 5, T, 1]))
            loss = tf.reduce_sum(tf.sin(o)) + 2 * tf.reduce_sum(tf.sin(st))
            gs = tf.gradients(loss, [x] + tf.trainable_variables())
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                out[form + "_" + k] = s.run([o, st] + gs, {x: xd})
    return out
