"""Grappler's SimplifyArithmeticOperations on a Mul by zeros, against TF 1.14 bit for bit.

`x * 0` (`0 * x`, x times a zeros Const, ZerosLike or Fill of 0) whose output shape
Grappler knows in full becomes a Const of zeros before anything is pushed down; one whose
zeros have the output's shape an Identity of them. Both are +0 where the Mul gives -0
(negative x) or NaN (infinite x). In a dynamic_rnn cell with a constant sequence_length
the state's shape is known ([5, 3]: the Select merges its batch dim), so `tanh(y *
tf.fill(tf.shape(y), 0.0))` is tanh(+0). Outside loops: a variable's or a
PlaceholderWithDefault's shape is known to Grappler; a fed placeholder's is not (the Mul
runs, -0 and NaN)."""
import numpy as np

B, T, D, H = 5, 6, 4, 3


def _ops(tf):
    return {
        "fill_zero_mul": lambda h: h * tf.fill(tf.shape(h), 0.0),
        "zero_fill_mul": lambda h: tf.fill(tf.shape(h), 0.0) * h,
        "zeros_like_mul": lambda h: h * tf.zeros_like(h),
        "const_zero_mul": lambda h: h * tf.constant(np.zeros((B, H), np.float32)),
        "scalar_zero_mul": lambda h: h * 0.0,
    }


# (form, op, with a sequence_length, with gradients)
LOOP_CASES = [("m", "fill_zero_mul", True, True), ("m", "fill_zero_mul", True, False),
              ("m", "zero_fill_mul", True, True), ("m", "zeros_like_mul", True, True),
              ("m", "const_zero_mul", True, True), ("m", "scalar_zero_mul", True, True),
              ("a", "fill_zero_mul", True, True), ("m", "fill_zero_mul", False, True),
              ("m", "const_zero_mul", False, True)]


def _top(tf):
    return {
        "const": lambda x: x * tf.constant(np.zeros((2, 2), np.float32)),
        "scalar": lambda x: x * 0.0,
        "zeros_like": lambda x: x * tf.zeros_like(x),
        "fill_shape": lambda x: tf.fill(tf.shape(x), 0.0) * x,
        "row": lambda x: x * tf.zeros([2]),
        "col": lambda x: tf.zeros([2, 1]) * x,
        "big": lambda x: x * tf.zeros([3, 2, 2]),
        "tanh": lambda x: tf.tanh(x * tf.zeros([2, 2])) + 0.5,
    }


def _key(form, op, seq, grad):
    return "%s_%s%s%s" % (form, op, "" if seq else "_noseq", "" if grad else "_nograd")


def _loop_cases(tf, out):
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
    for form, k, seq, grad in LOOP_CASES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, (None, T, D))
            with tf.variable_scope(k):
                o, st = tf.nn.dynamic_rnn(
                    Cell(ops[k], form), x, dtype=tf.float32,
                    sequence_length=tf.constant([T, 3, 5, T, 1]) if seq else None)
            loss = tf.reduce_sum(tf.sin(o)) + 2 * tf.reduce_sum(tf.sin(st))
            gs = tf.gradients(loss, [x] + tf.trainable_variables()) if grad else []
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                out["loop_" + _key(form, k, seq, grad)] = s.run([o, st] + gs, {x: xd})


def _top_cases(tf, out):
    xd = np.array([[-1., 2.], [3., -np.inf]], np.float32)
    for how in ("variable", "with_default", "fed"):
        for k, f in sorted(_top(tf).items()):
            with tf.Graph().as_default():
                if how == "variable":
                    x = tf.Variable(xd)
                elif how == "with_default":
                    x = tf.placeholder_with_default(xd, (2, 2))
                else:
                    x = tf.placeholder(tf.float32, (2, 2))
                y = tf.identity(f(tf.identity(x) * 1.5))
                with tf.Session() as s:
                    s.run(tf.global_variables_initializer())
                    out["top_%s_%s" % (how, k)] = [s.run(y, {x: xd} if how == "fed" else None)]


def cases(tf):
    out = {}
    _loop_cases(tf, out)
    _top_cases(tf, out)
    return out
