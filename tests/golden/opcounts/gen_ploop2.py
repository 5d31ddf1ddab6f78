"""TF 1.14's nodes (name, type, inputs and control inputs, in creation order) of loop
gradients under an optimizer's minimize(), whose default gate_gradients=GATE_OP gates
each gradient rule with more than one result through a tuple (tuple/group_deps, one
tuple/control_dependency Identity per result), the rules of the loop body in the gradient
frame included (a while_loop, dynamic_rnn's LSTM, GRU, sequence_length, bidirectional,
a loop nested in a loop, map_fn, scan; GradientDescent, Adam, Momentum, Adagrad); and
GATE_NONE / GATE_GRAPH; and two tf.gradients calls (a gradient frame's b_sync named at
its first pop in TF's walk); TensorArray writes gated outside loops (tests/test_ploop2.py).
One fresh graph per call."""
import numpy as np


def _while_matmul(tf, gate=None):
    x = tf.placeholder(tf.float32, (2, 3), name="x")
    w = tf.Variable(np.full((3, 3), 0.5, np.float32), name="w")
    _, y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.tanh(tf.matmul(a, w))),
                         [tf.constant(0), x])
    opt = tf.train.GradientDescentOptimizer(0.1)
    loss = tf.reduce_sum(y * y)
    if gate is None:
        opt.minimize(loss)
    else:
        opt.minimize(loss, gate_gradients=getattr(tf.train.Optimizer, gate))


def _lstm(tf):
    x = tf.placeholder(tf.float32, (2, 5, 3), name="x")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, dtype=tf.float32)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(out))


def _gru_adam(tf):
    x = tf.placeholder(tf.float32, (2, 4, 3), name="x")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float32)
    tf.train.AdamOptimizer(0.01).minimize(tf.reduce_mean(out * out))


def _nested(tf):
    x = tf.placeholder(tf.float32, (), name="x")
    w = tf.Variable(1.5, name="w")

    def inner(j, a):
        return tf.while_loop(lambda k, b: k < 3, lambda k, b: (k + 1, b * w + x), [0, a])

    _, y = tf.while_loop(lambda j, a: j < 2, inner, [tf.constant(0), x])
    tf.train.GradientDescentOptimizer(0.1).minimize(y * y)


def _map_fn(tf):
    x = tf.placeholder(tf.float32, (4, 3), name="x")
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    y = tf.map_fn(lambda r: tf.sigmoid(tf.matmul(r[None], w))[0], x)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _seqlen_momentum(tf):
    x = tf.placeholder(tf.float32, (2, 4, 3), name="x")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), x, dtype=tf.float32,
                               sequence_length=tf.constant([2, 4]))
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(out))


def _bidirectional(tf):
    x = tf.placeholder(tf.float32, (2, 4, 3), name="x")
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(3), tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float32)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(fw) + tf.reduce_sum(bw))


def _scan_adagrad(tf):
    x = tf.placeholder(tf.float32, (4, 3), name="x")
    w = tf.Variable(np.ones(3, np.float32), name="w")
    y = tf.scan(lambda a, r: a * w + r, x)
    tf.train.AdagradOptimizer(0.1).minimize(tf.reduce_sum(y))


def _lengths_grad(tf):
    # (ungated: the gradient frame's b_sync is named at its first pop in TF's walk, here
    # the Select's)
    x = tf.placeholder(tf.float32, (2, 4, 3), name="x")
    cell = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.3))
    out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2], dtype=tf.float32)
    loss = tf.reduce_sum(tf.square(out)) + tf.reduce_sum(state.c)
    tf.gradients(loss, tf.trainable_variables() + [x])


def _nested3_grad(tf):
    # (three loops deep: the outer frames' b_syncs at their nested loops' count pops)
    x = tf.placeholder(tf.float32, (3,), name="x")

    def body(i, a):
        def body2(j, b):
            c = tf.while_loop(lambda k, c: k < 2,
                              lambda k, c: (k + 1, tf.sin(c) + b * 0.5), [0, b])[1]
            return j + 1, c * x
        return i + 1, tf.while_loop(lambda j, b: j < 2, body2, [0, a])[1]
    out = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), x])[1]
    tf.gradients(tf.reduce_sum(out * out), x)


def _scan_grad(tf):
    # (a sum of two gradients, the element's and the accumulator's, in TF's order)
    x = tf.placeholder(tf.float32, (3,), name="x")
    s = tf.scan(lambda a, v: a * v + 1.0, x)
    tf.gradients(tf.reduce_sum(s), x)


def _array_writes(tf):
    # (outside loops: a TensorArray write's and scatter's gate in TF's input order, the
    # value's gradient before the flow's)
    x = tf.placeholder(tf.float32, (2, 3), name="x")
    w = tf.Variable(np.ones(3, np.float32), name="w")
    ta = tf.TensorArray(tf.float32, size=3).scatter([0, 1], x * w).write(2, w)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(ta.stack()))


CALLS = [("while_matmul", _while_matmul), ("lstm", _lstm), ("gru_adam", _gru_adam),
         ("nested", _nested), ("map_fn", _map_fn), ("seqlen_momentum", _seqlen_momentum),
         ("bidirectional", _bidirectional), ("scan_adagrad", _scan_adagrad),
         ("while_matmul_gate_none", lambda tf: _while_matmul(tf, "GATE_NONE")),
         ("while_matmul_gate_graph", lambda tf: _while_matmul(tf, "GATE_GRAPH")),
         ("lengths_grad", _lengths_grad), ("nested3_grad", _nested3_grad),
         ("array_writes", _array_writes), ("scan_grad", _scan_grad)]


def nodes_of(tf, fn):
    """[[name, type, [inputs, ^control inputs]], ...] of a fresh graph's GraphDef, and
    [[name, type], ...] of its get_operations()."""
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    return {"graph_def": [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node],
            "ops": [[o.name, o.type] for o in g.get_operations()]}


def cases(tf):
    return {name: nodes_of(tf, fn) for name, fn in CALLS}
