"""The gradient of a tf.cond's branches as TF 1.14 writes it into a GraphDef (tests/
test_cond_grad_gates.py runs the same case functions with flowgrad): each node's name, op
and inputs (control inputs too) in GraphDef order, for branches whose gradients pass a
gradient through (BiasAdd's value, an Add of equal shapes reading a nested cond's sum),
gated by an optimizer's minimize (GATE_OP: TF's tuple of them), and for a concat in a
branch, whose gradient copies its constant axis into its own context
(<concat>_grad/Const): static_rnn with sequence lengths, whose steps are conds."""


def _listing(gd):
    return [[n.name, n.op, list(n.input)] for n in gd.node]


def bias_add_sgd(tf):
    """Dense layers in both branches under GradientDescentOptimizer.minimize."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [3, 4], name="x")
        p = tf.placeholder(tf.bool, [], name="p")
        w = tf.Variable(tf.ones([4, 2]), name="w")
        b = tf.Variable(tf.zeros([2]), name="b")
        y = tf.cond(p, lambda: tf.tanh(tf.nn.bias_add(tf.matmul(x, w), b)),
                    lambda: tf.nn.bias_add(tf.matmul(x, w), b) * 2.0)
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))
        return _listing(g.as_graph_def())


def _static_rnn(tf, cell, opt):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [3, 2, 4], name="x")
        n = tf.placeholder(tf.int32, [3], name="n")
        outs, _ = tf.nn.static_rnn(cell(tf), tf.unstack(x, axis=1), sequence_length=n,
                                   dtype=tf.float32)
        loss = tf.reduce_sum(tf.stack(outs, 1))
        if opt:
            tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        else:
            tf.gradients(loss, tf.trainable_variables())
        return _listing(g.as_graph_def())


def static_rnn_basic_sgd(tf):
    """BasicRNNCell steps (conds) with sequence lengths, minimized."""
    return _static_rnn(tf, lambda tf: tf.nn.rnn_cell.BasicRNNCell(3), True)


def static_rnn_gru_sgd(tf):
    """GRUCell steps: an Add of the cell's new state reading a nested cond's gradient."""
    return _static_rnn(tf, lambda tf: tf.nn.rnn_cell.GRUCell(3), True)


def static_rnn_gru_gradients(tf):
    """tf.gradients of the same (ungated): the concats' axis copies alone."""
    return _static_rnn(tf, lambda tf: tf.nn.rnn_cell.GRUCell(3), False)


CASES = ["bias_add_sgd", "static_rnn_basic_sgd", "static_rnn_gru_sgd",
         "static_rnn_gru_gradients"]


def cases(tf):
    return {name: globals()[name](tf) for name in CASES}
