"""TF 1.14's graphs of loop gradients whose body shapes are not fully known (a batch of
None): TF's WhileContext.AddOp moves a Shape / Size / Rank the gradient makes of a forward
value into the forward frame and stacks its value, not the tensor's (a GRU / LSTM
dynamic_rnn with sequence lengths, a while_loop of broadcasting ops and a concat, one
multiplying by a capture of unknown shape: its Shape made in the forward frame from its
Enter, its accumulator TF's zeros of its Shape); the ops' names and types in creation
order, and values after RMSProp steps.
Output: ptut2_loop_shapes.json, read by tests/test_ptut2_loop_shapes.py."""
import numpy as np


def build(tf, name):
    tf.set_random_seed(2)
    x = tf.placeholder(tf.float32, [None, 7, 6], name="x")
    if name in ("gru", "lstm"):
        cell = tf.nn.rnn_cell.GRUCell(8) if name == "gru" else tf.nn.rnn_cell.LSTMCell(5)
        _, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32,
                                  sequence_length=tf.constant([7, 3, 5, 7, 1]))
        loss = tf.reduce_sum(tf.square(st if name == "gru" else st.h))
    elif name == "capture":   # a capture of unknown shape the body multiplies by
        w = tf.Variable(tf.random_normal([6]))
        xw = x[:, 0, :] * w

        def body(i, h):
            return i + 1, tf.tanh(h * xw + h)
        _, h = tf.while_loop(lambda i, h: i < 4, body, [0, tf.ones_like(x[:, 0, :])])
        loss = tf.reduce_sum(h * h)
    else:   # broadcasting ops, a concat and a reduction of unknown shape in a while_loop
        w = tf.Variable(tf.random_normal([6]))

        def body(i, h):
            xi = x[:, i, :]
            c = tf.concat([h * w, xi], 1)
            return i + 1, tf.tanh(c[:, :6] + c[:, 6:] / tf.cast(tf.size(xi), tf.float32))
        _, h = tf.while_loop(lambda i, h: i < 7, body, [0, tf.zeros_like(x[:, 0, :])])
        loss = tf.reduce_sum(h * h)
    train = tf.train.RMSPropOptimizer(0.01).minimize(loss)
    return x, loss, train


def cases(tf):
    out = {}
    xv = np.random.RandomState(0).rand(5, 7, 6).astype(np.float32)
    for name in ("gru", "lstm", "while", "capture"):
        with tf.Graph().as_default() as g:
            x, loss, train = build(tf, name)
            ops = [[o.name, o.type] for o in g.get_operations()]
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                losses = [s.run([train, loss], {x: xv})[1] for _ in range(3)]
        out[name] = {"ops": ops, "losses": losses}
    return out
