"""Grappler's shapes of a while loop's variables in a dynamic_rnn body, and the push-down
and AddOpsRewrite they decide, against TF 1.14 bit for bit.

The state h has rank 2 for Grappler though it is computed from the fed x: its Merge
takes the rank of the Enter (zero_state, a Fill of `concat([batch], [3])`) with a fresh
symbol per dim, and a constant sequence_length's Select merges its batch dim with the
lengths' (5). So form "s", `((h + 0.37) + 1.13) + MatMul`, runs as `h + 1.5` (pushed in
the first round with a sequence_length: the gradient's Shape of `h + 0.37` is a Const by
then; AddOpsRewrite's without). StridedSlice gives unknown dims fresh symbols (`h[:, :]`
passes no batch dim on). A nonzero `tf.fill(tf.shape(y), c)` added to y = `(z + 0.71) +
1.37` whose shape Grappler knows folds into a Const that waits for y, and
ConstantPushDown then makes y read it: a cycle, Grappler fails and the graph runs as
written; without a sequence_length it is an AddOpsRewrite leaf of y's shape. With no
gradient a Mul does the same (`y * tf.fill(tf.shape(y), 0.5)` in form "m"). Grappler's
failure leaves the ops outside the loop as written too (`o / 7.0` exact)."""
import numpy as np

B, T, D, H = 5, 6, 4, 3


def _ops(tf):
    return {
        "none": lambda h: h,
        "relu": lambda h: tf.nn.relu(h),
        "strided": lambda h: h[:, :],
        "pad_slice": lambda h: tf.pad(h, [[0, 0], [1, 0]])[:, 1:],
        "tile2": lambda h: tf.tile(h, [1, 2])[:, :H],
        "ones_mul": lambda h: h * tf.ones_like(h),
        "fill_like": lambda h: h + tf.fill(tf.shape(h), 0.25),
        "fill_like_rev": lambda h: tf.fill(tf.shape(h), 0.25) + h,
        "fill_like_mul": lambda h: (h + tf.fill(tf.shape(h), 0.25)) * tf.ones_like(h),
        "fill_half_mul": lambda h: h * tf.fill(tf.shape(h), 0.5),
        "ones_add": lambda h: h + tf.ones_like(h),
    }


# (form, op, with a sequence_length, with gradients)
CASES = [("s", "none", True, True), ("s", "none", False, True), ("s", "relu", True, True),
         ("s", "fill_like", True, True),
         ("a", "fill_like", True, True), ("a", "fill_like_rev", True, True),
         ("a", "strided", True, True), ("a", "pad_slice", True, True),
         ("a", "tile2", True, True),
         ("a", "none", False, True), ("a", "ones_mul", False, True),
         ("a", "fill_like", False, True), ("a", "fill_like_rev", False, True),
         ("a", "fill_like_mul", False, True),
         ("a", "fill_like", True, False), ("m", "fill_half_mul", True, False),
         ("m", "fill_half_mul", True, True), ("a", "ones_add", True, False),
         ("a", "ones_add", True, True)]


def _key(form, op, seq, grad):
    return "%s_%s%s%s" % (form, op, "" if seq else "_noseq", "" if grad else "_nograd")


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
            if self.form == "s":
                nh = tf.tanh(self.fn(((h + 0.37) + 1.13) + tf.matmul(x, w)))
                return nh, nh
            z = tf.matmul(x, w) + h
            m = (z + 0.71) + 1.37 if self.form == "a" else (z * 0.71) * 1.37
            nh = tf.tanh(self.fn(m))
            return nh, nh

    xd = np.random.RandomState(4).uniform(-1, 1, (B, T, D)).astype(np.float32)
    out = {}
    for form, k, seq, grad in CASES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, (None, T, D))
            with tf.variable_scope(k):
                o, st = tf.nn.dynamic_rnn(
                    Cell(ops[k], form), x, dtype=tf.float32,
                    sequence_length=tf.constant([T, 3, 5, T, 1]) if seq else None)
            loss = tf.reduce_sum(tf.sin(o)) + 2 * tf.reduce_sum(tf.sin(st))
            gs = tf.gradients(loss, [x] + tf.trainable_variables()) if grad else []
            # (ops outside the loop: exact where Grappler fails on the whole graph)
            gs += [o / 7.0, (o * 0.3) * 0.7, (x + 0.11) + 0.23]
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                out[_key(form, k, seq, grad)] = s.run([o, st] + gs, {x: xd})
    return out
