"""Grappler's symbolic shapes through ExpandDims, Squeeze, Tile, Pad, Slice, GatherV2,
IdentityN, Pack/Unpack and BroadcastTo in a dynamic_rnn body, against TF 1.14 bit for bit.

With a constant sequence_length, the state's Select merges the batch dim of the new state
with the lengths' (Grappler's SymbolicShapeManager), and through each of these ops' shape
functions (which pass the dim on) that of the cell's `(z + 0.71) + 1.37` too. Its Shape,
which the loop gradient keeps, is then a Const, so ConstantPushDown pushes the constants
down: `1.37 + MatMul`, `0.71 + h`. Where an op's shape function makes a fresh dim (none
of these), nothing is pushed."""
import numpy as np

B, T, D, H = 5, 6, 4, 3


def _ops(tf):
    return {
        "none": lambda h: h,
        "square": lambda h: tf.square(h),
        "expand_squeeze": lambda h: tf.squeeze(tf.expand_dims(h, -1), [-1]),
        "expand_sum": lambda h: tf.reduce_sum(tf.expand_dims(h, 2), 2),
        "tile": lambda h: tf.tile(h, [1, 1]),
        "tile_sum": lambda h: tf.reduce_sum(tf.reshape(tf.tile(h, [1, 2]), [-1, 2, H]), 1),
        "pad0": lambda h: tf.pad(h, [[0, 0], [0, 0]]),
        "pad_reduce": lambda h: tf.reduce_max(tf.pad(h, [[0, 0], [1, 1]]), 1,
                                              keepdims=True) * h,
        "slice": lambda h: tf.slice(h, [0, 0], [-1, H]),
        "gather": lambda h: tf.gather(h, [0, 1, 2], axis=1),
        "identity_n": lambda h: tf.identity_n([h, h])[0],
        "stack_unstack": lambda h: tf.stack(tf.unstack(h, axis=1), axis=1),
        "broadcast_to": lambda h: tf.broadcast_to(h, tf.shape(h)),
        "concat_split": lambda h: tf.split(tf.concat([h, h], 1), 2, 1)[0],
        "fill_like": lambda h: h + tf.fill(tf.shape(h), 0.25),
    }


def cases(tf):
    ops = _ops(tf)

    class Cell(tf.nn.rnn_cell.RNNCell):
        def __init__(self, op):
            super(Cell, self).__init__()
            self.fn = op

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
            nh = tf.tanh(self.fn((z + 0.71) + 1.37))
            return nh, nh

    xd = np.random.RandomState(4).uniform(-1, 1, (B, T, D)).astype(np.float32)
    out = {}
    for k in sorted(ops):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, (None, T, D))
            with tf.variable_scope(k):
                o, st = tf.nn.dynamic_rnn(Cell(ops[k]), x, dtype=tf.float32,
                                          sequence_length=tf.constant([T, 3, 5, T, 1]))
            loss = tf.reduce_sum(tf.sin(o)) + 2 * tf.reduce_sum(tf.sin(st))
            gs = tf.gradients(loss, [x] + tf.trainable_variables())
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                out[k] = s.run([o, st] + gs, {x: xd})
    return out
