"""The gradient sums of tf.cond captures in a GraphDef as TF 1.14 writes them (helper
pcondaddn; tests/test_pcondaddn_nodes.py runs the same case functions with flowgrad): a
tensor read in both branches of a cond nested in another cond's branch (static_rnn's
copy-through cond under sequence_length) and by other ops of that branch gets ONE AddN of
its two Switches' Merges and the other terms (LSTMCell's cell state: `cond/Switch_2_grad/
cond_grad`, `cond/Select_1/Switch_1_grad/cond_grad`, `lstm_cell/Tanh_1_grad/TanhGrad`).
Per case: the node count, the node names in GraphDef order, and each AddN's inputs."""


def _listing(g):
    gd = g.as_graph_def()
    return {"count": len(gd.node), "names": [n.name for n in gd.node],
            "addn": [[n.name] + list(n.input) for n in gd.node if n.op == "AddN"]}


def _static(tf, cell, peepholes=False, steps=2):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2, steps, 2], name="x")
        lengths = tf.placeholder(tf.int32, [2], name="lengths")
        init = tf.glorot_uniform_initializer(seed=1)
        if cell == "lstm":
            c = tf.nn.rnn_cell.LSTMCell(2, use_peepholes=peepholes, initializer=init)
        else:
            c = tf.nn.rnn_cell.GRUCell(2, kernel_initializer=init)
        outs, state = tf.nn.static_rnn(c, tf.unstack(x, axis=1), sequence_length=lengths,
                                       dtype=tf.float32)
        last = state.c if cell == "lstm" else state
        loss = tf.reduce_sum(tf.stack(outs)) + tf.reduce_sum(last * 1.7)
        tf.gradients(loss, tf.trainable_variables() + [x])
        return _listing(g)


def lstm(tf):
    return _static(tf, "lstm")


def lstm_peepholes(tf):
    return _static(tf, "lstm", peepholes=True)


def gru(tf):
    return _static(tf, "gru")


def nested(tf):
    """A capture read in both branches of an inner cond and by a Tanh of the outer branch."""
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [], name="p")
        q = tf.placeholder(tf.bool, [], name="q")
        x = tf.placeholder(tf.float32, [3], name="x")

        def outer_true():
            h = x * 2.0
            inner = tf.cond(q, lambda: h * 3.0, lambda: h + 1.0)
            return inner + tf.tanh(h)
        y = tf.cond(p, outer_true, lambda: x * 5.0)
        tf.gradients(y, x)
        return _listing(g)


def cases(tf):
    return {"lstm": lstm(tf), "lstm_peepholes": lstm_peepholes(tf), "gru": gru(tf),
            "nested": nested(tf)}
